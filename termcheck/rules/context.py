"""What a finding shows of its document: the sentence around the found text (for every
report) and where the found text ends in a text source (for editors)."""
from __future__ import annotations

import re

from ..acronyms import surface
from ..model import Block, Location

_SENTENCE_END = re.compile(r"[.!?;:](?=\s)|\n\s*\n")


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> tuple[str, tuple[int, int]]:
    """The sentence holding ``text[start:end]`` (white space folded; a long one cut at
    word boundaries, marked with ``…``), and the span of the term inside it."""
    reach = 2 * limit  # look no further for the sentence's ends: a long block stays linear
    left = max(0, start - reach)
    for m in _SENTENCE_END.finditer(text, left, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end, end + reach)
    right = m.end() if m else min(len(text), end + reach)
    cut_left = cut_right = False
    room = max(0, (limit - (end - start)) // 2)
    if start - left > room:
        cut = text.find(" ", start - room, start)
        left, cut_left = (cut + 1 if cut != -1 else start - room), True
    if right - end > room:
        cut = text.rfind(" ", end, end + room)
        right, cut_right = (cut if cut != -1 else end + room), True
    before, term, after = surface(text[left:start]), surface(text[start:end]), surface(text[end:right])
    if cut_left:
        before = "… " + before
    if cut_right:
        after = after + " …"
    joiner_l = " " if before and not before.endswith(" ") and text[start - 1:start].isspace() else ""
    joiner_r = " " if after and text[end:end + 1].isspace() else ""
    s = len(before) + len(joiner_l)
    return f"{before}{joiner_l}{term}{joiner_r}{after}", (s, s + len(term))


def end_location(block: Block, start: int, end: int) -> Location | None:
    """Where ``block.text[start:end]`` ends in a text source: the position just after its
    last character (None for formats without columns)."""
    last = block.location_at(max(start, end - 1))
    if last.column is None or last.line is None:
        return None
    return Location(line=last.line, column=last.column + (1 if end > start else 0))
