"""Plain text reader (``.txt``, ``.text``).

A block is a paragraph: a run of lines between blank (white-space only) lines. The
block text keeps the original line breaks (as ``\\n``; ``\\r\\n`` and ``\\r`` are
normalised) and every source line gets an :class:`Anchor` at column 1, so
``block.location_at(offset)`` gives the exact line and column of any character.

The encoding is found by :func:`decode` (byte order mark, UTF-8, Windows-1252). :func:`read_source` is shared
with the Markdown reader. :func:`open_stream` finds it the same way for a file read a
piece at a time (see :mod:`termcheck.sections`).
"""
from __future__ import annotations

import codecs
import io
import re
from pathlib import Path
from typing import Iterator, TextIO

from .. import suppress
from ..errors import ReadError
from ..model import Anchor, Block, Location


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),  # before UTF-16
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 control characters that no text file has (tab, line and form feeds, CR, ESC aside)
_CONTROL = frozenset(chr(c) for c in range(32)) - set("\t\n\r\f\v\x1b")
_CONTROLS = re.compile("[" + "".join(f"\\x{ord(c):02x}" for c in sorted(_CONTROL)) + "]")  # counted in C


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
    controls = len(_CONTROLS.findall(head))
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


_PIECE = 1 << 20  # bytes read at a time by open_stream's check of the whole file


def open_stream(path: Path) -> TextIO:
    """``path`` opened for reading as text, a piece at a time, with ``\\n`` line ends: the
    encoding is decided as :func:`decode` decides it for the whole file (a byte order
    mark, else UTF-16 by its zero bytes, else UTF-8 if every byte of the file is UTF-8,
    else Windows-1252), without holding the file. :class:`ReadError` where
    :func:`decode` would refuse; the caller closes the stream."""
    with open(path, "rb") as fh:
        head = fh.read(8192)
        codec, skip = None, 0
        for bom, name in _BOMS:
            if head.startswith(bom):
                codec, skip = name, len(bom)
                break
        if codec is None:
            codec = _bomless_utf16(head)
        if codec is None:
            if b"\x00" in head:
                raise ReadError("not a text file (it contains NUL bytes: binary data?)")
            codec = _utf8_or_cp1252(fh)
    with _wrap(path, skip, codec) as stream:
        sample = stream.read(8192)
    controls = len(_CONTROLS.findall(sample))
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise ReadError("not a text file (it contains control bytes: binary data?)")
    return _wrap(path, skip, codec)


def _wrap(path: Path, skip: int, codec: str) -> TextIO:
    raw = open(path, "rb")
    raw.seek(skip)
    # newline=None: \r\n and \r read as \n, as decode() turns them
    return io.TextIOWrapper(raw, encoding=codec, errors="strict", newline=None)


def _utf8_or_cp1252(fh) -> str:
    """``utf-8`` if the whole (binary) file ``fh`` decodes as UTF-8, else ``cp1252``, else
    :class:`ReadError` for bytes neither explains."""
    for codec in ("utf-8", "cp1252"):
        fh.seek(0)
        decoder = codecs.getincrementaldecoder(codec)()
        done = 0
        try:
            while piece := fh.read(_PIECE):
                decoder.decode(piece)
                done += len(piece)
            decoder.decode(b"", final=True)
            return codec
        except UnicodeDecodeError as err:
            if codec == "cp1252":
                at = done + err.start
                fh.seek(at)
                bad = fh.read(1).hex()
                raise ReadError(f"not a text file (byte 0x{bad} at byte {at} is neither "
                                "UTF-8 nor Windows-1252: binary data?)") from None
    raise AssertionError("unreachable")


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
