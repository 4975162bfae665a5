"""Plain text reader (``.txt``, ``.text``).

A block is a paragraph: a run of lines between blank (white-space only) lines. The
block text keeps the original line breaks (as ``\\n``; ``\\r\\n`` and ``\\r`` are
normalised) and every source line gets an :class:`Anchor` at column 1, so
``block.location_at(offset)`` gives the exact line and column of any character.

The file must be UTF-8; a UTF-8 byte order mark is dropped. :func:`read_source` is shared
with the Markdown reader.
"""
from __future__ import annotations

import codecs
from pathlib import Path
from typing import Iterator

from .. import suppress
from ..errors import ReadError
from ..model import Anchor, Block, Location


def decode(data: bytes) -> str:
    """Bytes of a text file as a ``str`` with ``\\n`` line ends, or :class:`ReadError`."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError("not UTF-8 text (it starts with a UTF-16 byte order mark); save it as UTF-8")
    if b"\x00" in data[:8192]:
        raise ReadError("not a text file (it contains NUL bytes: binary data?)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start:err.start + 1].hex()
        raise ReadError(f"not UTF-8 text (invalid byte 0x{bad} at byte {err.start})") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def paragraphs(text: str) -> Iterator[Block]:
    """Blank-line separated paragraphs of ``text`` as blocks with one anchor per line."""
    lines: list[str] = []
    first = 0  # 1-based line number of lines[0]
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not lines:
                first = number
            lines.append(line)
        elif lines:
            yield _block(lines, first)
            lines = []
    if lines:
        yield _block(lines, first)


def _block(lines: list[str], first: int) -> Block:
    anchors = []
    offset = 0
    for i, line in enumerate(lines):
        anchors.append(Anchor(offset, first + i, 1))
        offset += len(line) + 1
    return Block("\n".join(lines), Location(line=first, column=1), tuple(anchors))


def read_source(path: Path) -> str:
    """A text file's content (the registry turns OS errors into one-line ReadErrors)."""
    return decode(Path(path).read_bytes())


def read(path: Path) -> Iterator[Block]:
    yield from from_string(read_source(path))


def from_string(text: str) -> list[Block]:
    """The blocks of a text document held in memory, suppressions applied (what
    :func:`read` gives for a file holding ``text``)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return suppress.apply(list(paragraphs(text)), text, plain=True)
