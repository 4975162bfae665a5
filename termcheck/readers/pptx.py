"""Presentation reader (``.pptx``), built on python-pptx.

Slides are read in order, numbered from 1 (hidden slides too). On each slide, every
shape's text (text boxes, placeholders, shapes inside groups) and every table cell is
read in the slide's shape order, then the speaker notes (every text shape of the notes page but its
slide image, number, header, footer and date). One :class:`Block` per
non-empty paragraph, with ``Location(slide=N, part=..., paragraph=K)``: ``part`` is
``slide`` (a shape's text), ``table`` (a table cell, which also carries ``row`` and
``cell`` as in the other readers) or ``notes``; ``paragraph`` counts the non-empty
paragraphs of the slide (shapes and tables together) and, separately, of its notes.
Chart labels, SmartArt, comments and the slide masters' placeholder text are not read.

The package is checked by :mod:`termcheck.readers.package` (zip bomb limits, no DTDs)
before python-pptx opens it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import ReadError
from ..model import Block, Location
from .package import guarded_blocks, open_package

WHAT = "PowerPoint presentation"


def read(path: Path) -> Iterator[Block]:
    path = Path(path)
    with open_package(path, WHAT) as package:
        names = set(package.namelist())
    if "[Content_Types].xml" not in names:
        if "mimetype" in names:
            raise ReadError(f"not a {WHAT}: an OpenDocument file renamed .pptx (save it as .pptx)")
        raise ReadError(f"not a {WHAT}: the zip package has no [Content_Types].xml")
    return guarded_blocks(lambda: _blocks(path), WHAT, "a", "presentation")


def _blocks(path: Path) -> Iterator[Block]:
    from pptx import Presentation

    try:
        deck = Presentation(str(path))
    except KeyError as err:
        raise ReadError(f"not a {WHAT}: a part is missing ({err})") from None
    for number, slide in enumerate(deck.slides, 1):
        count = [0]
        for shape in _shapes(slide.shapes):
            if getattr(shape, "has_table", False) and shape.has_table:
                yield from _table(shape.table, number, count)
            elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                yield from _frame(shape.text_frame, number, "slide", count)
        if slide.has_notes_slide:
            notes = [0]
            for shape in _shapes(slide.notes_slide.shapes):
                if _furniture(shape):
                    continue
                if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                    yield from _frame(shape.text_frame, number, "notes", notes)


def _furniture(shape) -> bool:
    """A notes page's slide image, slide number, header, footer or date placeholder."""
    if not shape.is_placeholder:
        return False
    from pptx.enum.shapes import PP_PLACEHOLDER

    kind = shape.placeholder_format.type
    return kind in (PP_PLACEHOLDER.SLIDE_IMAGE, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.HEADER,
                    PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE)


def _shapes(shapes):
    """Shapes in order, group members in place of their group (without recursion)."""
    stack = [iter(shapes)]
    while stack:
        shape = next(stack[-1], None)
        if shape is None:
            stack.pop()
            continue
        if shape.shape_type is not None and getattr(shape, "shapes", None) is not None \
                and shape.__class__.__name__ == "GroupShape":
            stack.append(iter(shape.shapes))
        else:
            yield shape


def _clean(text: str) -> str:
    # python-pptx gives a line break as a vertical tab
    return text.replace("\v", "\n").replace("\u00ad", "").replace("\u2011", "-")


def _frame(frame, slide: int, part: str, count: list[int], row=None, cell=None) -> Iterator[Block]:
    for para in frame.paragraphs:
        text = _clean(para.text)
        if text.strip():
            count[0] += 1
            yield Block(text, Location(slide=slide, part=part, paragraph=count[0]), row=row, cell=cell)


def _table(table, slide: int, count: list[int]) -> Iterator[Block]:
    for tr in table.rows:
        cells = list(tr.cells)
        row = tuple(" ".join(_clean(c.text).split()) for c in cells)
        for index, tc in enumerate(cells):
            if tc.is_spanned:
                continue  # covered by a merged cell: its text is the origin cell's
            yield from _frame(tc.text_frame, slide, "table", count, row=row, cell=index)
