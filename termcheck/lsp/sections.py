"""Markdown read section by section, so that an edit re-parses only its own section.

A Markdown buffer is cut before each ATX heading (``#`` to ``######`` at the start of a
line) that follows a blank line and lies outside fenced code and front matter: there
every earlier block (paragraph, list, quote, table, HTML block ending at a blank line)
has ended, so each section parses on its own to exactly the blocks the whole document
gives. Sections are parsed with the Markdown reader and kept by their text; their line
numbers are shifted into place. A document where a cut could change the parse is
parsed whole: one with link reference definitions (they are document-wide), a line
starting with HTML other than a one-line comment (an HTML block can hide a fence marker
or span a heading) or an indented fence marker (a fence in a list item ends with the
item, which only a full parse can tell). Suppression comments
are applied to the whole document afterwards, as the reader does.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .. import suppress
from ..model import Anchor, Block, Location
from ..readers.markdown import blocks_from_string

_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:", re.MULTILINE)
# a line that may start an HTML block: such a block can hide a fence marker or run past
# a blank line. A comment opened and closed on its own line (a suppression comment) ends
# on that line and is harmless; so is an autolink (``<https://...>``).
_RAW_HTML = re.compile(r"^ {0,3}<(?!!--.*-->)(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)", re.MULTILINE)
LIMIT = 4000  # sections kept before the cache is emptied


def cuts(lines: list[str]) -> list[int] | None:
    """0-based line numbers where sections start (0 first), or None when the document
    must be parsed whole."""
    out = [0]
    start = 0
    if lines and lines[0].rstrip() == "---":  # front matter: no cut inside it
        for k in range(1, len(lines)):
            if lines[k].rstrip() in ("---", "..."):
                start = k + 1
                break
    fence = None
    for i in range(start, len(lines)):
        line = lines[i]
        m = _FENCE.match(line)
        if m and line[:1] == " ":
            return None  # an indented fence may belong to a list item and end with it
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = None
            continue
        if m and not (m.group(1)[0] == "`" and "`" in line[m.end():]):
            fence = m.group(1)
            continue
        if i > 0 and _HEADING.match(line) and not lines[i - 1].strip():
            out.append(i)
    return out


def _shift(block: Block, by: int) -> Block:
    if not by:
        return block
    loc = block.location
    return replace(block, location=Location(line=loc.line + by, column=loc.column),
                   anchors=tuple(Anchor(a.offset, a.line + by, a.column, a.page) for a in block.anchors))


class SectionReader:
    """Reads Markdown buffers, keeping each section's blocks between calls."""

    def __init__(self) -> None:
        self.cache: dict[str, list[Block]] = {}
        self.parsed = 0  # sections parsed (not found in the cache), for tests and logs

    def blocks(self, source: str) -> list[Block]:
        """What :func:`termcheck.readers.markdown.from_string` gives for ``source``."""
        if "\r" in source:
            source = source.replace("\r\n", "\n").replace("\r", "\n")
        lines = source.split("\n")
        starts = None if (_REFERENCE.search(source) or _RAW_HTML.search(source)) else cuts(lines)
        if starts is None:
            self.parsed += 1
            return suppress.apply(list(blocks_from_string(source)), source)
        if len(self.cache) > LIMIT:
            self.cache.clear()
        out: list[Block] = []
        for k, first in enumerate(starts):
            last = starts[k + 1] if k + 1 < len(starts) else len(lines)
            # a section's text ends with a line break; the document's last one as it is
            text = "\n".join(lines[first:last]) + ("\n" if last < len(lines) else "")
            found = self.cache.get(text)
            if found is None:
                self.parsed += 1
                found = self.cache[text] = list(blocks_from_string(text))
            out.extend(_shift(b, first) for b in found)
        return suppress.apply(out, source)
