"""Fixing a Word document with tracked changes.

The document is read by the Word reader in recording mode
(:func:`termcheck.readers.docx.read_mapped`), which keeps the parsed XML parts and, for
every block, the ``w:t`` elements its text came from. A fix then:

1. splits the runs at the two ends of the term (each half keeps the run's properties),
2. wraps the runs of the term in a ``w:del`` (their ``w:t`` become ``w:delText``),
3. adds right after it a ``w:ins`` holding the new text, in runs whose properties
   (``w:rPr``) are those of the old runs, word for word (``Load **Shaping** System``
   becomes ``Load **Shaping** Service``),

both marked with author ``termcheck`` and the date, so a reviewer accepts or rejects
each fix in Word or LibreOffice. A term over several runs works the same way, as long
as the runs are siblings (not across a hyperlink's edge). Only the XML parts that hold a
fix are written again; every other entry of the package is copied as it was.

A term inside someone else's tracked insertion is deleted inside it, as Word does: the
insertion is cut in pieces, the piece holding the term gets the ``w:del`` and the new
text follows it. A fix is refused (and listed) when the term holds a tab, a line break,
a soft hyphen or a note reference, lies inside a tracked deletion or move or is a
field's result, or crosses the edge of a hyperlink, a tracked change or a content control.
"""
from __future__ import annotations

import re
import zipfile
from copy import deepcopy
from datetime import datetime
from io import BytesIO

from lxml import etree

from ..readers.docx import Segment, read_mapped
from . import Edit

AUTHOR = "termcheck"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# elements that may stand between the runs of one term (and go into the w:del with them)
_BETWEEN = {"r", "proofErr", "bookmarkStart", "bookmarkEnd", "commentRangeStart",
            "commentRangeEnd", "permStart", "permEnd"}
# what may hold the runs of a fix
_PARENTS = {"p", "hyperlink", "smartTag", "customXml", "sdtContent", "dir", "bdo"}
# what a run of the term may hold besides its text
_IN_RUN = {"rPr", "t", "lastRenderedPageBreak", "softHyphen"}
_WORD = re.compile(r"\S+")
_TOKEN = re.compile(r"\S+|\s+")


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class WordDocument:
    """A .docx package held in memory while it is fixed."""

    def __init__(self, data: bytes):
        self.data_in = data
        self.blocks, self.segments, self.trees = read_mapped(data)
        self.part_of = {id(root): name for name, root in self.trees.items()}
        self.changed: set[str] = set()
        self.after: dict[int, str] = {}  # block -> its text with the fixes made
        self._next_id = 1 + max((int(v) for root in self.trees.values()
                                 for v in root.xpath("//@*[local-name()='id']")
                                 if isinstance(v, str) and v.isdigit()), default=0)

    # ------------------------------------------------------------------ editing
    def apply(self, edits: list[Edit], when: datetime) -> tuple[list[Edit], list[tuple[Edit, str]]]:
        """Make the edits as tracked changes; return those made and those refused."""
        date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        done: list[Edit] = []
        refused: list[tuple[Edit, str]] = []
        # right to left within a paragraph: a split never moves text left of it
        for edit in sorted(edits, key=lambda e: (e.block, -e.start)):
            segments = self.segments[edit.block]
            why = _check(segments, edit.start, edit.end)
            if why:
                refused.append((edit, why))
                continue
            node = next(g.node for g in segments if g.start < edit.end and g.end > edit.start)
            self._replace(segments, edit, date)
            self.changed.add(self.part_of[id(node.getroottree().getroot())])
            text = self.after.get(edit.block, self.blocks[edit.block].text)
            self.after[edit.block] = text[:edit.start] + edit.new + text[edit.end:]
            done.append(edit)
        done.sort(key=lambda e: (e.block, e.start))
        return done, refused

    def _take_id(self) -> str:
        self._next_id += 1
        return str(self._next_id - 1)

    def _replace(self, segments: list[Segment], edit: Edit, date: str) -> None:
        touched = [g for g in segments if g.start < edit.end and g.end > edit.start]
        first, last = touched[0], touched[-1]
        same = first.node is last.node
        _split(last.node, edit.end - last.start)
        start_run = _split(first.node, edit.start - first.start)
        end_run = start_run if same else last.node.getparent()
        old = [start_run]
        while old[-1] is not end_run:
            old.append(old[-1].getnext())
        runs = [el for el in old if _local(el) == "r"]
        W = start_run.tag[:-1]  # "{namespace}"
        new_runs = _new_runs(runs, edit.new, W)

        outer = start_run.getparent()
        if _local(outer) != "ins":
            outer = None
        else:  # someone's insertion: cut it so that one piece holds just the term
            self._cut_insertion(outer, old[0], old[-1])
        deletion = etree.Element(W + "del", {W + "id": self._take_id(), W + "author": AUTHOR, W + "date": date})
        start_run.addprevious(deletion)
        for el in old:
            deletion.append(el)
        for t in deletion.iter(W + "t"):
            t.tag = W + "delText"
        insertion = etree.Element(W + "ins", {W + "id": self._take_id(), W + "author": AUTHOR, W + "date": date})
        for r in new_runs:
            insertion.append(r)
        # the new text follows the deletion, or the piece of the insertion that holds it
        (outer if outer is not None else deletion).addnext(insertion)

    def _cut_insertion(self, ins, first, last) -> None:
        """Move what ``ins`` holds before ``first`` and after ``last`` into copies of it
        (same author and date, new ids) on either side."""
        before = list(first.itersiblings(preceding=True))[::-1]
        after = list(last.itersiblings())
        for items, place in ((before, ins.addprevious), (after, ins.addnext)):
            if items:
                piece = etree.Element(ins.tag, dict(ins.attrib))
                piece.set(ins.tag[:-3] + "id", self._take_id())
                for el in items:
                    piece.append(el)
                place(piece)

    # ------------------------------------------------------------------ output
    def data(self) -> bytes:
        """The package with the changed parts written again and the rest as it was."""
        for name in self.changed:
            _sync_fallbacks(self.trees[name])
        parts = {name: _serialise(self.trees[name]) for name in self.changed}
        buf = BytesIO()
        with zipfile.ZipFile(BytesIO(self.data_in)) as zin, zipfile.ZipFile(buf, "w") as zout:
            for info in zin.infolist():
                payload = parts.get(info.filename)
                zout.writestr(info, payload if payload is not None else zin.read(info))
        return buf.getvalue()

    def diff(self, label: str) -> str:
        """Each changed paragraph before (``-``) and after (``+``) its fixes."""
        out = [f"--- a/{label}\n", f"+++ b/{label} (tracked changes accepted)\n"]
        for b in sorted(self.after):
            block = self.blocks[b]
            out.append(f"@@ {block.location.describe()} @@\n")
            out.append("-" + " ".join(block.text.split()) + "\n")
            out.append("+" + " ".join(self.after[b].split()) + "\n")
        return "".join(out)


def _check(segments: list[Segment], start: int, end: int) -> str | None:
    """Why the term ``[start:end)`` cannot be a tracked change, or None."""
    touched = [g for g in segments if g.start < end and g.end > start]
    if not touched:
        return "its text was not found in the document"
    if any(not g.linear for g in touched):
        return "the term holds a tab, a line break or a special character"
    runs = [g.node.getparent() for g in touched]
    if any(r is None or _local(r) != "r" for r in runs):
        return "the term's text is not in ordinary runs"
    parent = runs[0].getparent()
    if any(r.getparent() is not parent for r in runs):
        return "the term crosses the edge of a hyperlink, field or content control"
    kind = _local(parent)
    if kind == "ins":  # someone's tracked insertion: the fix deletes inside it
        kind = _local(parent.getparent())
    if kind in ("ins", "moveTo", "del", "moveFrom"):
        return "the term is inside another kind of tracked change"
    if kind not in _PARENTS:
        return f"the term is inside a w:{kind} element"
    if _in_field_result(runs[0]):
        return "the term is a field's result (Word would undo the fix when it updates the field)"
    el = runs[0]
    while el is not runs[-1]:
        el = el.getnext()
        if el is None or _local(el) not in _BETWEEN:
            return "something other than text lies inside the term"
    # the run content between the term's first and last character
    first, last = touched[0].node, touched[-1].node
    if first is last:
        return None
    inside = False
    el = runs[0]
    while True:
        for child in el:
            if child is first:
                inside = True
            elif child is last:
                inside = False
            elif inside and _local(child) not in _IN_RUN:
                return f"the term holds a w:{_local(child)} (a note reference, a field, a drawing ...)"
        if el is runs[-1]:
            break
        el = el.getnext()
    return None


def _in_field_result(run) -> bool:
    """Whether ``run`` stands between a complex field's ``begin`` and ``end`` in its
    paragraph (its instruction is never read, so the text is the field's result)."""
    W = run.tag[:run.tag.index("}") + 1]
    p = next(run.iterancestors(W + "p"), None)
    if p is None:
        return False
    depth = 0
    for el in p.iter():
        if el is run:
            return depth > 0
        if el.tag == W + "fldChar":
            kind = el.get(W + "fldCharType")
            depth = depth + 1 if kind == "begin" else max(0, depth - 1) if kind == "end" else depth
    return False


def _set_text(t, text: str) -> None:
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(_XML_SPACE, "preserve")


def _empty_run_like(run):
    r = etree.Element(run.tag, dict(run.attrib))
    rpr = run.find(run.tag[:-1] + "rPr")
    if rpr is not None:
        r.append(deepcopy(rpr))
    return r


def _split(t, k: int):
    """Split the run of ``t`` before character ``k`` of ``t``'s text: what comes before
    stays in the run, the rest moves to a new run (same properties) placed right after.
    Return the run that now starts at that character."""
    run = t.getparent()
    text = t.text or ""
    if 0 < k < len(text):
        rest = etree.Element(t.tag, dict(t.attrib))
        _set_text(rest, text[k:])
        _set_text(t, text[:k])
        t.addnext(rest)
        pivot = rest
    elif k <= 0:
        pivot = t
    else:
        pivot = t.getnext()
        if pivot is None:
            return run.getnext()
    movers = [pivot] + list(pivot.itersiblings())
    before = [c for c in pivot.itersiblings(preceding=True) if _local(c) != "rPr"]
    if not before:
        return run
    new = _empty_run_like(run)
    for m in movers:
        new.append(m)
    run.addnext(new)
    return new


def _new_runs(runs: list, text: str, W: str) -> list:
    """Runs holding ``text``: word ``i`` takes the properties of the old run that held
    old word ``i`` (the last old word's for extra words), and the space before it those
    of the space before old word ``i``; equal neighbours merge."""
    chars: list = []  # the run of each old character
    for r in runs:
        for t in r.iter(W + "t"):
            chars.extend([r] * len(t.text or ""))
    old_text = "".join((t.text or "") for r in runs for t in r.iter(W + "t"))
    starts = [m.start() for m in _WORD.finditer(old_text)] or [0]
    pieces: list[tuple[tuple, str]] = []
    word = 0
    for m in _TOKEN.finditer(text):
        k = min(word, len(starts) - 1)
        if m.group().isspace():
            at = max(0, starts[k] - 1)  # the old space before old word k
        else:
            at = starts[k]
            word += 1
        source = chars[min(at, len(chars) - 1)] if chars else runs[0]
        rpr = source.find(W + "rPr")
        key = etree.tostring(rpr) if rpr is not None else b""
        if pieces and pieces[-1][0][0] == key:
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + m.group())
        else:
            pieces.append(((key, rpr), m.group()))
    out = []
    for (_key, rpr), piece in pieces:
        r = etree.Element(W + "r")
        if rpr is not None:
            r.append(deepcopy(rpr))
        t = etree.SubElement(r, W + "t")
        _set_text(t, piece)
        out.append(r)
    return out


def _visible_text(box, W: str, original: bool) -> str:
    """A text box's text: as it was (deletions read, insertions not) or as it is."""
    skip = W + "ins" if original else W + "del"
    out = []
    for el in box.iter(W + "t", W + "delText"):
        if not any(a.tag == skip for a in el.iterancestors()):
            out.append(el.text or "")
    return "".join(out)


def _sync_fallbacks(root) -> None:
    """A text box is written twice (``mc:Choice`` for Word 2010 and later, ``mc:Fallback``
    for older readers); the reader reads the Choice, so the fixes land there. Copy each
    fixed box into the Fallback when that holds the same text as the box had."""
    W = root.tag[:root.tag.index("}") + 1]
    for alt in root.iter("{*}AlternateContent"):
        choice = next((c for c in alt if _local(c) == "Choice"), None)
        fallback = next((c for c in alt if _local(c) == "Fallback"), None)
        if choice is None or fallback is None:
            continue
        boxes = list(choice.iter(W + "txbxContent"))
        olds = list(fallback.iter(W + "txbxContent"))
        if len(boxes) != len(olds):
            continue
        for box, old in zip(boxes, olds):
            if box.find(f".//{W}ins[@{W}author='{AUTHOR}']") is None:
                continue
            if _visible_text(box, W, original=True) != _visible_text(old, W, original=False):
                continue
            for child in list(old):
                old.remove(child)
            for child in box:
                old.append(deepcopy(child))


def _serialise(root) -> bytes:
    tree = root.getroottree()
    info = tree.docinfo
    return etree.tostring(tree, xml_declaration=True, encoding=info.encoding or "UTF-8",
                          standalone=info.standalone)
