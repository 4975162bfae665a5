"""Markdown block text from one inline token: what is kept, and where each piece stood.

The parser gives a paragraph, heading or table cell as an ``inline`` token: its raw
``content`` (container markers and indentation already removed) and, once the inline
rules have run, ``children`` (text, code spans, links, emphasis ...). This module turns
that into a :class:`Block`:

* :class:`ContentMap` / :func:`content_map` trace each offset of the raw content back to
  a line and column of the file;
* :func:`build` walks the children and copies what a reader sees (text, link text) from
  the raw content, blanking code spans, inline HTML, autolinks and images;
* :func:`is_plain` tells content no inline rule would touch, which :func:`build_plain`
  copies whole without running the inline rules: the same block, much sooner.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Anchor, Block, Location

# A character on which some inline rule of the CommonMark preset may act: escapes,
# code spans, emphasis, links and images, autolinks and inline HTML, entities. White
# space next to a line end is dropped by the newline rule (or makes a hard break).
_NOT_PLAIN = re.compile(r"[\\`*_\[<&]|[ \t]\n|\n[ \t]")


def is_plain(content: str) -> bool:
    """True if the inline rules would make ``content`` one run of text and soft breaks,
    each a verbatim slice of it (so :func:`build_plain` gives what :func:`build` does)."""
    return _NOT_PLAIN.search(content) is None


class ContentMap:
    """Piecewise-linear map from offsets in an inline token's content to file positions.

    ``offsets[k]`` (sorted) starts a stretch that begins at ``lines[k]``/``cols[k]``
    (1-based) and runs on one column per character.
    """

    __slots__ = ("offsets", "lines", "cols")

    def __init__(self) -> None:
        self.offsets: list[int] = []
        self.lines: list[int] = []
        self.cols: list[int] = []

    def add(self, offset: int, line: int, col: int) -> None:
        self.offsets.append(offset)
        self.lines.append(line)
        self.cols.append(col)

    def at(self, offset: int) -> tuple[int, int, int]:
        """(line, column, end of this stretch as an offset) for ``offset``."""
        k = bisect_right(self.offsets, offset) - 1
        if k < 0:
            k = 0
        end = self.offsets[k + 1] if k + 1 < len(self.offsets) else 1 << 62
        return self.lines[k], self.cols[k] + offset - self.offsets[k], end


def content_map(content: str, first_line: int, lines: list[str]) -> ContentMap:
    """Locate each line of an inline token's content in the source lines.

    markdown-it builds paragraph and heading content from source lines with container
    markers (``>``, list bullets, ``#``) and indentation removed, so each content line
    is found inside its source line (normally as a suffix).
    """
    cmap = ContentMap()
    offset = 0
    clines = content.split("\n")
    # Python's str.strip() (used by the parser) also drops leading lines of Unicode
    # white space such as no-break spaces: find the line the content really starts on.
    head = clines[0].strip()
    if head:
        for number in range(first_line, min(first_line + len(clines) + 8, len(lines))):
            if head in lines[number]:
                first_line = number
                break
    for k, cline in enumerate(clines):
        number = first_line + k  # 0-based
        src = lines[number] if number < len(lines) else ""
        body = cline.lstrip()
        lead = len(cline) - len(body)
        body = body.rstrip()
        stripped = src.rstrip()
        if body and stripped.endswith(body):
            col0 = len(stripped) - len(body) - lead
        else:
            pos = src.find(body) if body else -1
            col0 = pos - lead if pos >= 0 else 0
        cmap.add(offset, number + 1, max(col0, 0) + 1)  # never before the line (odd white space)
        offset += len(cline) + 1
    return cmap


# --- building block text ------------------------------------------------------------

class _Builder:
    """Accumulates block text and anchors from pieces of the raw inline content."""

    __slots__ = ("raw", "cmap", "parts", "length", "anchors", "exp_line", "exp_col")

    def __init__(self, raw: str, cmap: ContentMap):
        self.raw = raw
        self.cmap = cmap
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[Anchor] = []
        self.exp_line = -1
        self.exp_col = -1

    def _put(self, text: str, line: int, col: int) -> None:
        if line != self.exp_line or col != self.exp_col:
            self.anchors.append(Anchor(self.length, line, col))
        self.parts.append(text)
        self.length += len(text)
        # where the engine would place the next character without a new anchor
        self.exp_line = line
        self.exp_col = col + len(text)

    def copy(self, start: int, end: int, blank: bool = False) -> None:
        """Append ``raw[start:end]`` (as spaces if ``blank``), splitting at map stretches."""
        raw = self.raw
        while start < end:
            line, col, stop = self.cmap.at(start)
            stop = min(stop, end)
            piece = raw[start:stop]
            if blank:
                piece = re.sub(r"[^\n]", " ", piece)
            # a newline ends a source line: the text after it needs a fresh anchor
            nl = piece.find("\n")
            if nl >= 0 and nl + 1 < len(piece):
                stop = start + nl + 1
                piece = piece[: nl + 1]
            self._put(piece, line, col)
            start = stop

    def substitute(self, text: str, start: int, raw_len: int) -> None:
        """Append ``text`` standing for ``raw[start:start+raw_len]`` (an entity, say)."""
        line, col, _ = self.cmap.at(start)
        self._put(text, line, col)

    def text(self) -> str:
        return "".join(self.parts)

    def block(self) -> Block | None:
        """The block built, or None if it holds no text."""
        text = self.text()
        if not text.strip() or not self.anchors:
            return None
        first = self.anchors[0]
        return Block(text, Location(line=first.line, column=first.column), tuple(self.anchors))


def build(inline, cmap: ContentMap, env: dict, md) -> Block | None:
    """The block of a parsed inline token (``inline.children`` filled), or None if it
    holds no text."""
    raw = inline.content
    b = _Builder(raw, cmap)
    links = _Links(raw, env, md)
    cur = 0
    label_ends: list[int] = []  # for each open link, where its ``]`` is
    in_autolink = False
    for tok in inline.children or ():
        kind = tok.type
        if in_autolink:
            if kind == "link_close":
                in_autolink = False
            continue
        if kind == "text":
            content = tok.content
            p = raw.find(content, cur)
            if p < 0:
                b.substitute(content, cur, 0)
                continue
            b.copy(p, p + len(content))
            cur = p + len(content)
        elif kind == "text_special":
            markup = tok.markup or tok.content
            p = raw.find(markup, cur)
            if p < 0:
                b.substitute(tok.content, cur, 0)
                continue
            if tok.info == "escape" and len(markup) == 2 and tok.content == markup:
                b.copy(p, p + 2)  # a backslash before a letter or digit is no escape: kept (C:\Users)
            elif tok.info == "escape" and len(markup) == 2:
                b.copy(p + 1, p + 2)
            else:
                b.substitute(tok.content, p, len(markup))
            cur = p + len(markup)
        elif kind in ("softbreak", "hardbreak"):
            p = raw.find("\n", cur)
            if p >= 0:
                b.copy(p, p + 1)
                cur = p + 1
            else:
                b.substitute("\n", cur, 0)
        elif kind == "code_inline":
            span = _code_span(raw, tok.markup or "`", cur)
            if span:
                b.copy(span[0], span[1], blank=True)
                cur = span[1]
        elif kind == "html_inline":
            p = raw.find(tok.content, cur)
            if p >= 0:
                b.copy(p, p + len(tok.content), blank=True)
                cur = p + len(tok.content)
        elif kind == "link_open":
            if tok.markup == "autolink" or tok.info == "auto":
                in_autolink = True
                p = raw.find("<", cur)
                q = raw.find(">", p + 1) if p >= 0 else -1
                if q >= 0:
                    b.copy(p, q + 1, blank=True)
                    cur = q + 1
            else:
                p = raw.find("[", cur)
                end = links.label_end(p, nested=False) if p >= 0 else -1
                label_ends.append(end)
                if p >= 0:
                    cur = p + 1
        elif kind == "link_close":
            end = label_ends.pop() if label_ends else -1
            if end < cur:
                end = raw.find("]", cur)
            if end >= 0:
                cur = links.tail(end)
        elif kind == "image":
            p = raw.find("![", cur)
            if p >= 0:
                end = links.label_end(p + 1, nested=True)
                stop = links.tail(end) if end >= 0 else p + 2
                b.copy(p, stop, blank=True)
                cur = stop
        # emphasis open/close and anything else: markup only, nothing to keep
    return b.block()


def build_plain(content: str, cmap: ContentMap) -> Block | None:
    """What :func:`build` gives for ``content`` that :func:`is_plain`, without its
    children: the content is the text, anchored wherever the map jumps."""
    b = _Builder(content, cmap)
    b.copy(0, len(content))
    return b.block()


class _Links:
    """Finds where a link's label and destination end, exactly as the parser's link rule."""

    def __init__(self, raw: str, env: dict, md):
        self.raw = raw
        self.env = env
        self.md = md
        self._state = None

    def _inline_state(self):
        if self._state is None:
            from markdown_it.rules_inline import StateInline

            self._state = StateInline(self.raw, self.md, self.env, [])
        return self._state

    def label_end(self, open_pos: int, nested: bool) -> int:
        """Index of the ``]`` closing the label opened by the ``[`` at ``open_pos``."""
        return self.md.helpers.parseLinkLabel(self._inline_state(), open_pos, not nested)

    def tail(self, label_end: int) -> int:
        """Index just after a link's ``(destination "title")`` or ``[reference]``."""
        md = self.md
        raw = self.raw
        n = len(raw)
        pos = label_end + 1
        if pos < n and raw[pos] == "(":
            pos = _skip_space(raw, pos + 1)
            if pos < n:
                res = md.helpers.parseLinkDestination(raw, pos, n)
                if res.ok:
                    if md.validateLink(md.normalizeLink(res.str)):
                        pos = res.pos
                    start = pos
                    pos = _skip_space(raw, pos)
                    title = md.helpers.parseLinkTitle(raw, pos, n)
                    if pos < n and start != pos and title.ok:
                        pos = _skip_space(raw, title.pos)
            if pos < n and raw[pos] == ")":
                return pos + 1
            pos += 1
        if pos < n and raw[pos] == "[":
            close = md.helpers.parseLinkLabel(self._inline_state(), pos)
            if close >= 0:
                return close + 1
        return label_end + 1


def _skip_space(raw: str, pos: int) -> int:
    n = len(raw)
    while pos < n and raw[pos] in " \t\n":
        pos += 1
    return pos


def _code_span(raw: str, fence: str, start: int) -> tuple[int, int] | None:
    """(start, end) of the code span opened by a backtick run exactly like ``fence``."""
    p = _find_run(raw, fence, start)
    if p < 0:
        return None
    q = _find_run(raw, fence, p + len(fence))
    if q < 0:
        return None
    return p, q + len(fence)


def _find_run(raw: str, fence: str, start: int) -> int:
    n = len(fence)
    p = raw.find(fence, start)
    while p >= 0:
        # characters before ``start`` belong to earlier tokens (an escaped backtick, say)
        before = raw[p - 1] if p > start else ""
        after = raw[p + n] if p + n < len(raw) else ""
        if before != "`" and after != "`":
            return p
        # skip the whole longer run
        e = p
        while e < len(raw) and raw[e] == "`":
            e += 1
        p = raw.find(fence, e)
    return -1


