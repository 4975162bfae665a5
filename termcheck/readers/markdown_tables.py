"""Markdown tables: one block per non-empty cell, each carrying its whole row.

markdown-it gives a table as ``tr_open`` ... ``tr_close`` runs with one ``inline``
token per cell (header row included). A cell's content is found again in its row's
source line for exact columns; ``\\|`` (an escaped pipe, which the parser unescapes)
shifts the columns after it by one.
"""
from __future__ import annotations

from typing import Any, Callable

from ..model import Block
from .markdown_inline import ContentMap


def table_row(tokens, i: int, lines: list[str], build_inline: Callable[[Any, ContentMap], Block | None]):
    """Yield the cell blocks of the row opened at ``tokens[i]``; return the next index.

    ``build_inline(inline, cmap)`` makes the block of one cell's inline token.
    """
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
        cells.append(build_inline(inline, cmap) if inline.content.strip() else None)
    row = tuple(" ".join(c.text.split()) if c else "" for c in cells)
    for index, block in enumerate(cells):
        if block is not None:
            yield Block(block.text, block.location, block.anchors, row=row, cell=index)
    return i


def _locate_cell(src: str, content: str, cur: int, line: int) -> tuple[ContentMap, int]:
    """Map a cell's content to its place in the row's source line, searching from ``cur``;
    also return where the search for the next cell starts."""
    cmap = ContentMap()
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
