"""The Markdown reader's fast path: the parts of a document that need no parser.

Most of a prose document is paragraphs, headings, simple lists and simple tables whose
text no rule of the parser would change: lines that start with a letter or digit and
hold none of ``\\ ` * _ [ < &``. The block of such a paragraph is its lines as they
stand; of a list item, its lines less the marker and indentation; of a table cell,
its text. :func:`plain_runs` finds them, and makes the blocks, in *runs*: stretches
of such parts with blank lines between them, starting with a paragraph or a heading
(see :class:`Run` for what may end one).

The reader then gives the parser :func:`stand_in_source`: the document with each run
cut to a one-line stand-in, ``a`` for a paragraph or ``#`` for a heading (the line
numbers of what the parser makes are then put right by :func:`renumber`). Where the
parser makes the stand-in a top-level paragraph (or heading) of its own line
(:func:`stands_in`), the first part of the run is one too, every part after it is read
as it would be after a blank line at the top level, and the line after the run is read
as it is after the stand-in: the run's blocks are the parser's. Elsewhere (inside a
fenced block or an HTML block, say) the run is read by the parser after all.
"""
from __future__ import annotations

import re

from ..model import Anchor, Block, Location

# text no inline rule acts on (markdown_inline.is_plain), ending in no white space
_TEXT = r"(?:[^\\`*_\[<&\n]*[^\s\\`*_\[<&])?"
# a line of such text that starts no block of its own, so it can only start or carry on
# a paragraph: a letter or digit first (but not ``1.`` or ``1)``, a list item)
_LINE = r"(?!\d+[.)])[^\W_]" + _TEXT
# a list item: a marker, one space, such lines (the later ones indented or not)
_ITEM = r"{marker} " + _LINE + r"(?:\n *" + _LINE + r")*"
_CELL = r"(?: *[^\s|\\`*_\[<&](?:[^|\n\\`*_\[<&]*[^\s|\\`*_\[<&])? *| *)"
_ROW = r"\|(?:" + _CELL + r"\|)+"
_CLOSED = r"(?=\n[ \t]*(?:\n|\Z)|\Z)"  # followed by a blank line or the end
# what ends a paragraph here: that or an ATX heading (which would end the stand-in too)
_ENDS_PARAGRAPH = r"(?=\n[ \t]*(?:\n|\Z)|\n#{1,6}(?:[ \t]|$)|\Z)"
_PLAIN = re.compile(
    # an ATX heading of such text (neither starting nor ending with ``#``: no closing ``#``s),
    # not followed by what could be a table's delimiter row (it would be the table's header)
    r"(?P<hashes>#{1,6} +)(?P<head>[^\s#\\`*_\[<&](?:[^\\`*_\[<&\n]*[^\s#\\`*_\[<&])?)$(?!\n[ \t]*[|:-])"
    r"|(?P<para>(?:" + _LINE + r"\n)*" + _LINE + r")" + _ENDS_PARAGRAPH
    # a list whose items all have the same marker
    + r"|(?P<list>(?P<bullet>[-*+])" + _ITEM.format(marker="") + r"(?:\n" + _ITEM.format(marker="(?P=bullet)") + r")*"
    r"|\d{1,9}(?P<delim>[.)])" + _ITEM.format(marker="") + r"(?:\n\d{1,9}" + _ITEM.format(marker="(?P=delim)") + r")*"
    r")" + _CLOSED
    # a table: header row, delimiter row, body rows, each starting and ending with ``|``
    + r"|(?P<table>" + _ROW + r"\n\|(?: *:?-+:? *\|)+(?:\n" + _ROW + r")*)" + _CLOSED,
    re.MULTILINE)
# the line end before a blank line: the line after that blank line may start a part
_BEFORE_BLANK = re.compile(r"\n[ \t]*(?=\n)")
_MARKER = re.compile(r"[-*+] |\d{1,9}[.)] ")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


class Run:
    """Plain parts given to the parser as one stand-in for the first: between two parts
    there are only blank lines (at least one, unless one of the two is a heading).

    The first part is a paragraph or a heading, as its stand-in is. After it (and
    after a blank line or a heading) the parser is at the top level with nothing
    open, where each later part, a list or a table included, reads the same whatever
    came before. After the last part the parser must be left as after the stand-in: a
    paragraph and a table end at the blank line (or, for a paragraph, the heading)
    after them; a heading must be followed by a blank line or the end; a list must
    not be followed by an indented line or another list item, which would belong to it.
    """

    __slots__ = ("first", "end", "kind", "parts")

    def __init__(self, first: int, kind: str, count: int, blocks: list[Block]):
        self.first, self.end, self.kind = first, first + count, kind
        self.parts = [(first, kind, count, blocks)]

    @property
    def blocks(self) -> list[Block]:
        return [block for _, _, _, blocks in self.parts for block in blocks]


def plain_runs(source: str, lines: list[str]) -> list[Run]:
    """The runs of plain parts of ``source``, whose lines are ``lines``."""
    runs: list[Run] = []
    for first, kind, count, blocks in _plain_parts(source):
        run = runs[-1] if runs else None
        if run is not None and (run.end < first and all(not lines[k].strip(" \t") for k in range(run.end, first))
                                or run.end == first and "h" in (run.parts[-1][1], kind)):
            run.parts.append((first, kind, count, blocks))
            run.end = first + count
        elif kind in ("p", "h"):
            runs.append(Run(first, kind, count, blocks))
    kept = []
    for run in runs:
        while run.parts[-1][1] == "l" and _list_may_go_on(lines, run.parts[-1][0] + run.parts[-1][2]):
            run.parts.pop()
        last, kind, count, blocks = run.parts[-1]
        run.end = last + count
        if kind == "h" and len(run.parts) > 1 and run.end < len(lines) and lines[run.end].strip(" \t"):
            run.parts.pop()  # a heading followed straight by more: its own run
            run.end = run.parts[-1][0] + run.parts[-1][2]
            kept.append(run)
            run = Run(last, kind, count, blocks)
        kept.append(run)
    return kept


def _list_may_go_on(lines: list[str], end: int) -> bool:
    """True if the first line after the blank lines from line ``end`` on could still
    belong to a list that ends there (it is indented or starts a list item)."""
    for k in range(end, len(lines)):
        text = lines[k]
        if text.strip(" \t"):
            return text[0] in " \t" or _LIST_ITEM.match(text) is not None
    return False


def stand_in_source(lines: list[str], runs: list[Run]) -> tuple[str, list[int]]:
    """``lines`` joined with each run cut to its stand-in line, and for each line of
    that the 0-based number of the line it stands for."""
    kept: list[str] = []
    numbers: list[int] = []
    at = 0
    for run in runs:
        kept.extend(lines[at:run.first])
        numbers.extend(range(at, run.first))
        kept.append("a" if run.kind == "p" else "#")
        numbers.append(run.first)
        at = run.end
    kept.extend(lines[at:])
    numbers.extend(range(at, len(lines)))
    return "\n".join(kept), numbers


def renumber(tokens, numbers: list[int]) -> None:
    """Give the tokens of a stand-in source the line numbers of the document (blocks
    hold no stand-in but their own, so their lines run on unbroken)."""
    for tok in tokens:
        if tok.map:
            first, end = tok.map
            line = numbers[first] if first < len(numbers) else first
            tok.map = [line, line + end - first]


def stands_in(tok, inline, run: Run) -> bool:
    """True if ``tok`` (a paragraph or heading opening, ``inline`` its content) is the
    stand-in of ``run`` where it must be: on its own line at the top level."""
    if tok.level != 0 or tok.map is None or tok.map[1] != tok.map[0] + 1:
        return False
    if run.kind == "p":
        return tok.type == "paragraph_open" and inline.content == "a"
    return tok.type == "heading_open" and tok.markup == "#" and inline.content == ""


def _plain_parts(source: str):
    """Each plain part of ``source`` in order: (0-based first line, kind (``p``aragraph,
    ``h``eading, ``l``ist, ``t``able), number of lines, blocks). Parts are looked for at
    the start, after a blank line and after a heading or a paragraph: anywhere else a
    paragraph may carry on the one above it."""
    starts = [m.end() + 1 for m in _BEFORE_BLANK.finditer(source)]
    starts.reverse()
    starts.append(0)
    match = _PLAIN.match
    line = 0  # 0-based number of the line that starts at ``pos``
    pos = 0
    while starts:
        start = starts.pop()
        if start < pos:
            continue
        m = match(source, start)
        if m is None:
            continue
        line += source.count("\n", pos, start)
        pos = start
        head = m.group("head")
        if head is not None:
            column = len(m.group("hashes")) + 1
            yield line, "h", 1, [Block(head, Location(line=line + 1, column=column), (Anchor(0, line + 1, column),))]
            starts.append(m.end() + 1)  # the line after it
            continue
        text = m.group("para")
        if text is not None:
            anchors = [Anchor(0, line + 1, 1)]  # every line at its column 1
            nl = text.find("\n")
            while nl >= 0:
                anchors.append(Anchor(nl + 1, line + 1 + len(anchors), 1))
                nl = text.find("\n", nl + 1)
            yield line, "p", len(anchors), [Block(text, Location(line=line + 1, column=1), tuple(anchors))]
            starts.append(m.end() + 1)  # a heading may follow straight on
            continue
        text = m.group("list")
        if text is not None:
            yield line, "l", text.count("\n") + 1, _list(text.split("\n"), line)
            continue
        rows = m.group("table").split("\n")
        blocks = _table(rows, line)
        if blocks is not None:
            yield line, "t", len(rows), blocks


def _item(lines: list[str], first: int, indents: list[int]) -> Block:
    """The block of a list item whose lines, less ``indents[k]`` leading characters
    each (the marker, the indentation), are ``lines``, from 0-based line ``first``."""
    anchors = []
    offset = 0
    for k, text in enumerate(lines):
        anchors.append(Anchor(offset, first + k + 1, indents[k] + 1))
        offset += len(text) + 1
    return Block("\n".join(lines), Location(line=first + 1, column=indents[0] + 1), tuple(anchors))


def _list(lines: list[str], first: int) -> list[Block]:
    blocks = []
    item: list[str] = []
    indents: list[int] = []
    start = first
    for k, text in enumerate(lines):
        m = _MARKER.match(text)
        if m:
            if item:
                blocks.append(_item(item, start, indents))
            item, indents, start = [text[m.end():]], [m.end()], first + k
        else:
            body = text.lstrip(" ")
            item.append(body)
            indents.append(len(text) - len(body))
    blocks.append(_item(item, start, indents))
    return blocks


def _table(rows: list[str], first: int) -> list[Block] | None:
    """The cell blocks of a plain table, or None if its rows differ in their number of
    cells (the parser fills or cuts them)."""
    count = rows[1].count("|") - 1
    if any(row.count("|") - 1 != count for row in rows):
        return None
    blocks = []
    for k, row in enumerate(rows):
        if k == 1:
            continue  # the delimiter row
        cells = []
        pos = 1
        for cell in row[1:-1].split("|"):
            text = cell.strip(" ")
            column = pos + len(cell) - len(cell.lstrip(" ")) + 1
            cells.append((text, column))
            pos += len(cell) + 1
        values = tuple(" ".join(text.split()) for text, _ in cells)
        for index, (text, column) in enumerate(cells):
            if text:
                blocks.append(Block(text, Location(line=first + k + 1, column=column),
                                    (Anchor(0, first + k + 1, column),), row=values, cell=index))
    return blocks
