"""The records every part of termcheck passes around.

A reader turns a file into :class:`Block` objects; the engine turns blocks into
:class:`Finding` objects; every reporter builds its output from ``Finding.to_dict()``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


def _by_fields(cls):
    """Pickle a frozen, slotted dataclass by its constructor (Python 3.10's pickle would set
    the slots one by one, which a frozen class refuses)."""
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self):
        return cls, tuple(getattr(self, name) for name in names)

    cls.__reduce__ = __reduce__
    return cls


@_by_fields
@dataclass(frozen=True, slots=True)
class Location:
    """Where a piece of text stands in its document.

    Text formats fill ``line`` and ``column`` (1-based; HTML ``line`` only); Word and
    OpenDocument text fill ``part``, ``paragraph`` and ``heading``; PDF fills ``page``
    and ``line``; a spreadsheet fills ``sheet`` and ``cell`` (an A1 reference); a
    presentation fills ``slide``, ``part`` (``slide``, ``table`` or ``notes``) and
    ``paragraph``.
    """

    line: int | None = None
    column: int | None = None
    page: int | None = None
    part: str | None = None
    paragraph: int | None = None
    heading: str | None = None
    sheet: str | None = None
    cell: str | None = None
    slide: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (
            ("sheet", self.sheet), ("cell", self.cell), ("slide", self.slide),
            ("part", self.part), ("paragraph", self.paragraph), ("heading", self.heading),
            ("page", self.page), ("line", self.line), ("column", self.column),
        ) if v is not None}

    def describe(self) -> str:
        """A short human label: ``12:5``, ``p. 2, line 7``, ``table ¶41 (4.2 Test stages)``,
        ``Milestones!B7`` or ``slide 3, notes ¶2``."""
        if self.sheet is not None:
            return f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        if self.slide is not None:
            text = f"slide {self.slide}"
            if self.part and self.part != "slide":
                text += f", {self.part}"
            return f"{text} ¶{self.paragraph}" if self.paragraph is not None else text
        if self.part is not None:
            text = f"{self.part} ¶{self.paragraph}" if self.paragraph is not None else self.part
            return f"{text} ({self.heading})" if self.heading else text
        if self.page is not None:
            return f"p. {self.page}, line {self.line}" if self.line is not None else f"p. {self.page}"
        if self.line is not None:
            return f"{self.line}:{self.column}" if self.column is not None else str(self.line)
        return ""


@dataclass(frozen=True)
class Anchor:
    """``Block.text[offset:]`` continues verbatim from ``line``/``column`` of the source
    (until the next anchor). ``page`` is set for PDF."""

    offset: int
    line: int
    column: int = 1
    page: int | None = None


@dataclass(frozen=True)
class Block:
    """A run of text to scan (a paragraph, a list item, a table cell), with its origin.

    ``location`` says where the block starts. ``anchors`` (sorted by offset) let the
    engine give a line and column for any offset inside the block; formats without
    lines (Word) leave them empty. A table cell carries its whole row in ``row``
    and its own index in ``cell`` so that rows of an abbreviations table can be read
    as acronym definitions. ``ignore`` lists ``(start, end, rules)`` spans whose
    findings are suppressed (``rules`` empty = every rule). ``code_words`` counts the
    words of code blocks skipped before this block, so a report can say how much of a
    document was not checked.
    """

    text: str
    location: Location
    anchors: tuple[Anchor, ...] = ()
    row: tuple[str, ...] | None = None
    cell: int | None = None
    ignore: tuple[tuple[int, int, frozenset[str]], ...] = ()
    code_words: int = 0  # words of code the reader skipped just before this block (reported)

    def location_at(self, offset: int) -> Location:
        if not self.anchors:
            return self.location
        k = bisect_right(self.anchors, offset, key=lambda a: a.offset)
        best = self.anchors[max(0, k - 1)]
        col = best.column + max(0, offset - best.offset)
        loc = self.location
        if loc.part is not None or loc.sheet is not None or loc.slide is not None:
            return loc
        if best.page is not None or loc.page is not None:
            return Location(page=best.page if best.page is not None else loc.page, line=best.line)
        return Location(line=best.line, column=col)


@_by_fields
@dataclass(frozen=True, slots=True)  # slots: a large scan keeps a million of them
class Finding:
    rule: str
    severity: Severity
    path: str
    location: Location
    found: str
    suggestion: str | list[str] | None = None
    concept: str | None = None
    vocabulary: str | None = None
    message: str = ""
    context: str = ""
    # where ``found`` starts and ends inside ``context`` (for highlighting); not serialised
    span: tuple[int, int] | None = field(default=None, compare=False)
    # (block index, start, end) of ``found`` in the reader's block text, for ``termcheck
    # fix``; not serialised
    where: tuple[int, int, int] | None = field(default=None, compare=False)
    # text formats: the line and column just after the last character of the found text
    # in the source (``location`` is where it starts); editors use it. Not serialised.
    end: Location | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "path": self.path,
            "location": self.location.to_dict(),
            "found": self.found,
            "suggestion": self.suggestion,
            "concept": self.concept,
            "vocabulary": self.vocabulary,
            "message": self.message,
            "context": self.context,
        }


@dataclass(frozen=True)
class InputError:
    """A file that could not be read; the rest of the scan goes on."""

    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}
