"""Fixing plain text and Markdown files: edits on the file's own characters.

The readers give, for every block, anchors that tie block offsets to 1-based lines and
columns of the file (line ends normalised to ``\\n``). Here the file is decoded without
normalising its line ends, so a line and column give an exact offset into the original
text; an edit replaces exactly the characters of the term there, and everything else
(encoding, byte order mark, line ends, even mixed ones) stays as it was.

A term whose source is not its block text (Markdown emphasis or an entity inside it,
``**Load** Shaping System``) is left alone: it is listed, not changed. A term broken
over lines keeps its line breaks when the replacement has as many words.
"""
from __future__ import annotations

import codecs
import difflib
import re
from pathlib import Path

from .. import suppress
from ..model import Block
from ..readers.text import decode, paragraphs
from . import Edit

MARKDOWN = {".md", ".markdown"}

_LINE_END = re.compile(r"\r\n|\r|\n")


class TextDocument:
    """A text or Markdown file held in memory while it is fixed."""

    def __init__(self, path: Path, data: bytes):
        source = decode(data)  # the reader's own decoding (and its one-line errors)
        self.bom = data.startswith(codecs.BOM_UTF8)
        self.raw = data[len(codecs.BOM_UTF8):].decode("utf-8") if self.bom else data.decode("utf-8")
        if Path(path).suffix.lower() in MARKDOWN:
            from ..readers.markdown import blocks_from_string

            self.blocks: list[Block] = suppress.apply(list(blocks_from_string(source)), source)
        else:
            self.blocks = suppress.apply(list(paragraphs(source)), source, plain=True)
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(self.raw)]
        self.new = self.raw

    def _offset(self, block: Block, index: int) -> int | None:
        loc = block.location_at(index)
        if loc.line is None or loc.column is None or loc.line > len(self.starts):
            return None
        return self.starts[loc.line - 1] + loc.column - 1

    def apply(self, edits: list[Edit], when=None) -> tuple[list[Edit], list[tuple[Edit, str]]]:
        """Make the edits; return those made and those left, with the reason. (``when``,
        the time of a Word tracked change, has no use here.)"""
        found: list[tuple[int, int, str, Edit]] = []
        left: list[tuple[Edit, str]] = []
        for edit in edits:
            block = self.blocks[edit.block]
            start = self._offset(block, edit.start)
            last = self._offset(block, edit.end - 1)
            if start is None or last is None:
                left.append((edit, "its place in the file is not known"))
                continue
            source = self.raw[start:last + 1]
            gaps = _gaps(source, edit.old)
            if gaps is None:
                left.append((edit, "markup inside the term (emphasis, an entity or a link)"))
                continue
            found.append((start, last + 1, respace(gaps, edit.new), edit))
        placed: list[tuple[int, int, str, Edit]] = []
        for item in sorted(found, key=lambda x: (x[0], x[1])):
            if placed and item[0] < placed[-1][1]:
                left.append((item[3], "overlaps another fix"))
            else:
                placed.append(item)
        out, pos = [], 0
        for start, end, new, _ in placed:
            out.append(self.raw[pos:start])
            out.append(new)
            pos = end
        out.append(self.raw[pos:])
        self.new = "".join(out)
        return [p[3] for p in placed], left

    def data(self) -> bytes:
        body = self.new.encode("utf-8")
        return codecs.BOM_UTF8 + body if self.bom else body

    def diff(self, label: str) -> str:
        before = self.raw.splitlines(keepends=True)
        after = self.new.splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, f"a/{label}", f"b/{label}")
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                       for line in lines)


# between two words of a term in the file: white space, and the block-quote markers
# or indentation that start a continued line
_GAP = re.compile(r"\s+|\s*\n[ \t]*(?:>[ \t]*)+")


def _gaps(source: str, old: str) -> list[str] | None:
    """What stands between the words of the term ``old`` in its ``source`` text, or
    None when something other than white space (or a line's block-quote markers) does."""
    words = old.split()
    if not words or not source.startswith(words[0]) or not source.endswith(words[-1]):
        return None
    gaps, pos = [], len(words[0])
    for word in words[1:]:
        at = source.find(word, pos)
        if at < 0 or not _GAP.fullmatch(source[pos:at]):
            return None
        gaps.append(source[pos:at])
        pos = at + len(word)
    return gaps if pos == len(source) else None


def respace(gaps: list[str], new: str) -> str:
    """``new`` with the old term's ``gaps`` between its words when both have as many
    words (a term broken over two lines stays broken there, markers and all)."""
    new_words = new.split(" ")
    if len(new_words) != len(gaps) + 1 or len(new_words) < 2:
        return new
    return "".join(w + (gaps[i] if i < len(gaps) else "") for i, w in enumerate(new_words))
