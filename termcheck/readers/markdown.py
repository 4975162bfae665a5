"""Markdown reader (``.md``, ``.markdown``), built on a real CommonMark parse.

The file is parsed with markdown-it-py (``commonmark`` preset plus tables). One
:class:`Block` is made for each paragraph (list items and block quotes included), each
heading and each table cell. What is *not* scanned:

* fenced and indented code blocks, HTML blocks (``<!-- comments -->`` included) and
  YAML front matter are dropped (the words of code dropped are counted, for the
  report); an indented block that reads as prose (sentences, few of code's signs) is
  pasted text, not code, and is read;
* code spans, inline HTML, autolinks (``<https://...>``) and images are replaced in the
  block text by spaces of the same length, so words on either side stay apart;
* link destinations and reference labels (``[text](url)``, ``[text][ref]``) are
  dropped: the link *text* is kept, as it reads when rendered;
* emphasis markers, link brackets and the backslash of an escape are dropped; entities
  are decoded.

Hard-wrapped lines stay separated by ``\\n``. Every piece of block text is traced back
to the original file: an :class:`Anchor` is emitted at the start of the block, at the
start of each source line and wherever removed markup makes the mapping jump, so
``block.location_at(offset)`` gives the exact 1-based line and column in the file.

A table cell block carries ``row`` (the plain text of every cell of its row, header
row included) and ``cell`` (its own index).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Iterator

from ..errors import ReadError
from ..model import Anchor, Block, Location
from .. import suppress
from .text import read_source

_parser = None


def _md():
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark").enable("table")
        # Keep escapes and entities as separate ``text_special`` tokens: then every
        # ``text`` token is a verbatim slice of the source, which is what lets the
        # reader find it again and keep exact columns.
        md.disable("text_join", ignoreInvalid=True)
        _parser = md
    return _parser


def read(path: Path) -> Iterator[Block]:
    yield from from_string(read_source(path))


def from_string(source: str) -> list[Block]:
    """The blocks of a Markdown document held in memory, suppressions applied (what
    :func:`read` gives for a file holding ``source``)."""
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    return suppress.apply(list(blocks_from_string(source)), source)


def blocks_from_string(source: str) -> Iterator[Block]:
    """Blocks of a Markdown document given as a string (``\\n`` line ends)."""
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    source = source.replace("\x00", "\ufffd")
    lines = source.split("\n")
    source = _blank_front_matter(lines, source)
    env: dict = {}
    try:
        tokens = _md().parse(source, env)
    except Exception as err:  # the parser is not expected to fail; never leak a traceback
        raise ReadError(f"cannot parse Markdown ({type(err).__name__}: {err})") from None

    try:
        yield from _walk(tokens, lines, env)
    except ReadError:
        raise
    except Exception as err:  # a bug of ours must not surface as a traceback for one file
        raise ReadError(f"cannot read Markdown ({type(err).__name__}: {err})") from None


def _walk(tokens, lines: list[str], env: dict) -> Iterator[Block]:
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.type
        if kind in ("paragraph_open", "heading_open"):
            inline = tokens[i + 1]
            if inline.type == "inline" and inline.map:
                cmap = _content_map(inline.content, inline.map[0], lines)
                block = _build(inline, cmap, env)
                if block is not None:
                    yield block
            i += 3
            continue
        if kind == "tr_open":
            i = yield from _table_row(tokens, i, lines, env)
            continue
        if kind in ("code_block", "fence") and tok.map:
            if kind == "code_block" and _reads_as_prose(tok.content):
                yield _indented_prose(tok, lines)  # pasted text indented by four spaces
            else:  # an empty block where the code stood carries its word count to the report
                yield Block("", Location(line=tok.map[0] + 1), code_words=len(_CODE_WORD.findall(tok.content)))
        i += 1


_CODE_WORD = re.compile(r"[A-Za-z]{2,}")
_CODE_SIGNS = re.compile(r"[{}\[\]();=<>$#_/\\|`*@%^~]")


def _reads_as_prose(content: str) -> bool:
    """An indented block in a prose document that is pasted text, not code: sentences
    of words with few of code's signs."""
    words = _CODE_WORD.findall(content)
    lines = [ln for ln in content.splitlines() if ln.strip()]
    return len(words) >= 8 and len(words) >= 4 * len(lines) and \
        len(_CODE_SIGNS.findall(content)) <= len(content) / 100 and bool(re.search(r"[a-z]{2}[.,;:!?](\s|$)", content))


def _indented_prose(tok, lines: list[str]) -> Block:
    first = tok.map[0]
    anchors, parts, offset = [], [], 0
    for k, line in enumerate(tok.content.rstrip("\n").split("\n")):
        src = lines[first + k] if first + k < len(lines) else line
        col = len(src) - len(src.lstrip(" ")) + 1 if line.strip() else 1
        anchors.append(Anchor(offset, first + k + 1, col))
        parts.append(line.strip())
        offset += len(parts[-1]) + 1
    return Block("\n".join(parts), Location(line=first + 1, column=anchors[0].column), tuple(anchors))


# --- source mapping ---------------------------------------------------------------

class _ContentMap:
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


def _content_map(content: str, first_line: int, lines: list[str]) -> _ContentMap:
    """Locate each line of an inline token's content in the source lines.

    markdown-it builds paragraph and heading content from source lines with container
    markers (``>``, list bullets, ``#``) and indentation removed, so each content line
    is found inside its source line (normally as a suffix).
    """
    cmap = _ContentMap()
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


def _blank_front_matter(lines: list[str], source: str) -> str:
    """Blank a leading YAML front matter block (keeping line numbers) and return the source."""
    if not lines or lines[0].rstrip() != "---":
        return source
    for k in range(1, len(lines)):
        if lines[k].rstrip() in ("---", "..."):
            for j in range(k + 1):
                lines[j] = ""
            return "\n".join(lines)
    return source


# --- building block text ------------------------------------------------------------

class _Builder:
    """Accumulates block text and anchors from pieces of the raw inline content."""

    __slots__ = ("raw", "cmap", "parts", "length", "anchors", "exp_line", "exp_col")

    def __init__(self, raw: str, cmap: _ContentMap):
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


def _build(inline, cmap: _ContentMap, env: dict) -> Block | None:
    raw = inline.content
    b = _Builder(raw, cmap)
    links = _Links(raw, env)
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
            if tok.info == "escape" and len(markup) == 2:
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

    text = b.text()
    if not text.strip() or not b.anchors:
        return None
    first = b.anchors[0]
    return Block(text, Location(line=first.line, column=first.column), tuple(b.anchors))


class _Links:
    """Finds where a link's label and destination end, exactly as the parser's link rule."""

    def __init__(self, raw: str, env: dict):
        self.raw = raw
        self.env = env
        self._state = None

    def _inline_state(self):
        if self._state is None:
            from markdown_it.rules_inline import StateInline

            self._state = StateInline(self.raw, _md(), self.env, [])
        return self._state

    def label_end(self, open_pos: int, nested: bool) -> int:
        """Index of the ``]`` closing the label opened by the ``[`` at ``open_pos``."""
        return _md().helpers.parseLinkLabel(self._inline_state(), open_pos, not nested)

    def tail(self, label_end: int) -> int:
        """Index just after a link's ``(destination "title")`` or ``[reference]``."""
        md = _md()
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


# --- tables ----------------------------------------------------------------------

def _table_row(tokens, i: int, lines: list[str], env: dict):
    """Yield the cell blocks of the row opened at ``tokens[i]``; return the next index."""
    row_line = tokens[i].map[0] if tokens[i].map else None
    inlines = []
    i += 1
    while i < len(tokens) and tokens[i].type != "tr_close":
        if tokens[i].type == "inline":
            inlines.append(tokens[i])
        i += 1
    i += 1
    src = lines[row_line] if row_line is not None and row_line < len(lines) else ""
    cells: list[Block | None] = []
    cur = 0
    for inline in inlines:
        cmap, cur = _locate_cell(src, inline.content, cur, (row_line or 0) + 1)
        cells.append(_build(inline, cmap, env) if inline.content.strip() else None)
    row = tuple(" ".join(c.text.split()) if c else "" for c in cells)
    for index, block in enumerate(cells):
        if block is not None:
            yield Block(block.text, block.location, block.anchors, row=row, cell=index)
    return i


def _locate_cell(src: str, content: str, cur: int, line: int) -> tuple[_ContentMap, int]:
    cmap = _ContentMap()
    if not content:
        cmap.add(0, line, cur + 1)
        return cmap, cur
    p = src.find(content, cur)
    if p >= 0:
        cmap.add(0, line, p + 1)
        return cmap, p + len(content)
    # markdown-it unescapes ``\\|`` inside cells: find the escaped form instead
    escaped = content.replace("|", "\\|")
    p = src.find(escaped, cur)
    if p < 0:
        cmap.add(0, line, cur + 1)
        return cmap, cur
    col = p + 1
    cmap.add(0, line, col)
    shift = 0
    for k, ch in enumerate(content):
        if ch == "|":
            shift += 1
            cmap.add(k, line, p + k + shift + 1)
    return cmap, p + len(escaped)
