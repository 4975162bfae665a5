"""The text of one Word paragraph: its runs walked in document order (tracked insertions
and field results in, deletions and instructions out, text boxes and notes set aside),
with, for ``termcheck fix``, the XML node each stretch of text came from. Used by
:mod:`termcheck.readers.docx`."""
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .docx import _Reader


class Segment(NamedTuple):
    """Where the block text ``[start:end)`` came from: a ``w:t`` whose text it is
    (``linear``: character for character) or another run element (a tab, a break)."""

    start: int
    end: int
    node: object
    linear: bool


def _local(tag) -> str:
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1]


def _alternate(el):
    """The one branch of an ``mc:AlternateContent`` to read: the first Choice, else Fallback."""
    fallback = None
    for child in el:
        name = _local(child.tag)
        if name == "Choice":
            return child
        if name == "Fallback":
            fallback = child
    return fallback


class _Collector:
    """Walks one paragraph's inline content, gathering its text in document order."""

    _SKIP = frozenset({
        "del", "moveFrom", "delText", "delInstrText", "instrText", "pPr", "rPr",
        "commentReference", "annotationRef", "footnoteRef", "endnoteRef", "separator",
        "continuationSeparator", "fldData", "rt", "oMath", "oMathPara", "object",
        "lastRenderedPageBreak", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart",
        "permEnd", "sectPr", "pPrChange", "rPrChange",
    })

    def __init__(self, reader: _Reader, seq: int):
        self.r = reader
        self.seq = seq
        self.parts: list[str] = []
        self.length = 0
        self.textboxes: list = []
        self.notes: list[tuple[str, str]] = []
        self.segments: list[Segment] = []

    def add(self, s: str, node=None, linear: bool = True) -> None:
        if s:
            if self.r.record:
                self.segments.append(Segment(self.length, self.length + len(s), node, linear))
            self.parts.append(s)
            self.length += len(s)

    def walk(self, el) -> None:
        for child in el:
            name = _local(child.tag)
            if name in self._SKIP:
                continue
            if name == "r":
                self.run(child)
            elif name == "commentRangeStart":
                self.r.comments.starts(child.get(self.r._w("id")), self.seq, self.length)
            elif name == "commentRangeEnd":
                self.r.comments.ends(child.get(self.r._w("id")), self.seq, self.length)
            elif name == "AlternateContent":
                branch = _alternate(child)
                if branch is not None:
                    self.walk(branch)
            elif name in ("drawing", "pict", "txbxContent"):
                self.shapes(child)
            elif name == "sdt":
                content = child.find(self.r._w("sdtContent"))
                if content is not None:
                    self.walk(content)
            elif name == "ruby":
                base = child.find(self.r._w("rubyBase"))
                if base is not None:
                    self.walk(base)
            else:
                # ins, moveTo, hyperlink, smartTag, customXml, fldSimple, dir, bdo, ...
                self.walk(child)

    def run(self, r) -> None:
        W = self.r._w
        rpr = r.find(W("rPr"))
        if rpr is not None:
            vanish = rpr.find(W("vanish"))
            if vanish is not None and vanish.get(W("val")) not in ("0", "false", "off"):
                # hidden text; but still look for notes and text boxes below
                self._run_extras(r)
                return
        for child in r:
            name = _local(child.tag)
            if name == "t":
                t = child.text or ""
                if "\u00ad" in t or "\u2011" in t:
                    t = t.replace("\u00ad", "").replace("\u2011", "-")
                self.add(t, child, len(t) == len(child.text or "") and "\u2011" not in (child.text or ""))
            elif name in ("tab", "ptab"):
                self.add(" ", child, False)
            elif name in ("br", "cr"):
                self.add("\n", child, False)
            elif name == "noBreakHyphen":
                self.add("-", child, False)
            elif name == "softHyphen":
                pass
            elif name == "sym":
                self.add(" ", child, False)
            elif name in ("footnoteReference", "endnoteReference"):
                nid = child.get(W("id"))
                if nid is not None:
                    self.notes.append((name[: -len("Reference")], nid))
            elif name == "commentReference":
                self.r.comments.referenced(child.get(W("id")), self.seq)
            elif name == "AlternateContent":
                branch = _alternate(child)
                if branch is not None:
                    self.shapes(branch)
            elif name in ("drawing", "pict", "object"):
                self.shapes(child)
            elif name == "ruby":
                base = child.find(W("rubyBase"))
                if base is not None:
                    self.walk(base)

    def _run_extras(self, r) -> None:
        W = self.r._w
        for child in r:
            name = _local(child.tag)
            if name in ("footnoteReference", "endnoteReference"):
                nid = child.get(W("id"))
                if nid is not None:
                    self.notes.append((name[: -len("Reference")], nid))

    def shapes(self, el) -> None:
        """Find the text boxes inside a drawing (not descending into a box's own boxes)."""
        if _local(el.tag) == "txbxContent":
            self.textboxes.append(el)
            return
        for child in el:
            name = _local(child.tag)
            if name == "AlternateContent":
                branch = _alternate(child)
                if branch is not None:
                    self.shapes(branch)
            elif isinstance(child.tag, str):
                self.shapes(child)
