"""Plain text reader (``.txt``, ``.text``).

A block is a paragraph: a run of lines between blank (white-space only) lines. The
block text keeps the original line breaks (as ``\\n``; ``\\r\\n`` and ``\\r`` are
normalised) and every source line gets an :class:`Anchor` at column 1, so
``block.location_at(offset)`` gives the exact line and column of any character.

The encoding is found by :func:`decode` (byte order mark, UTF-8, Windows-1252). :func:`read_source` is shared
with the Markdown reader.
"""
from __future__ import annotations

import codecs
from pathlib import Path
from typing import Iterator

from .. import suppress
from ..errors import ReadError
from ..model import Anchor, Block, Location


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),  # before UTF-16
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 control characters that no text file has (tab, line and form feeds, CR, ESC aside)
_CONTROL = frozenset(chr(c) for c in range(32)) - set("\t\n\r\f\v\x1b")


def decode(data: bytes) -> str:
    """Bytes of a text file as a ``str`` with ``\\n`` line ends, or :class:`ReadError`.

    The encoding is taken from a byte order mark (UTF-8, UTF-16, UTF-32); without one,
    UTF-16 is recognised by its zero bytes, else the text is UTF-8, else Windows-1252
    (which covers Latin-1 text saved by older Windows tools). Data with NUL or other
    control bytes, or bytes no encoding here explains, is refused as binary."""
    text = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as err:
                raise ReadError(f"not {codec.upper()} text although it starts with a {codec.upper()} "
                                f"byte order mark (invalid data at byte {err.start + len(bom)})") from None
            break
    if text is None:
        codec = _bomless_utf16(data[:8192])
        if codec:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = None
        if text is None:
            if b"\x00" in data[:8192]:
                raise ReadError("not a text file (it contains NUL bytes: binary data?)")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1252")
                except UnicodeDecodeError as err:
                    bad = data[err.start:err.start + 1].hex()
                    raise ReadError(f"not a text file (byte 0x{bad} at byte {err.start} is neither "
                                    "UTF-8 nor Windows-1252: binary data?)") from None
    head = text[:8192]
    controls = sum(1 for ch in head if ch in _CONTROL)
    if "\x00" in head or controls > max(2, len(head) // 100):
        raise ReadError("not a text file (it contains control bytes: binary data?)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _bomless_utf16(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` for text whose every other byte is zero (ASCII in UTF-16)."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


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
