"""Word reader (``.docx``), working on the WordprocessingML XML with lxml.

The package is opened with :mod:`zipfile` and its parts are found through the package
relationships, so any valid .docx (Word, LibreOffice, python-docx, strict OOXML) reads
the same way.

What is read
    Body paragraphs and tables (nested tables too), content controls, text boxes
    (``w:txbxContent``; of an ``mc:AlternateContent`` only the first ``mc:Choice`` is
    read, or the ``mc:Fallback`` when there is no choice, so a text box is never read
    twice), footnotes and endnotes (not the separator notes), headers and footers (each
    part once), tracked insertions (``w:ins``, ``w:moveTo``) and field results.

What is not read
    Tracked deletions (``w:del``/``w:delText``, ``w:moveFrom``), deleted table rows,
    comments (``comments.xml``), field instructions (``w:instrText``), hidden text
    (``w:vanish``), ruby annotations and math.

Text
    Runs are joined, so a term split across formatting runs is one string. ``w:tab``
    and ``w:ptab`` become a space, ``w:br``/``w:cr`` a ``\\n``, ``w:noBreakHyphen`` a
    ``-``; a soft hyphen (``w:softHyphen``, U+00AD) is dropped and U+2011 becomes ``-``.

Blocks and locations
    One :class:`Block` per non-empty paragraph, with
    ``Location(part, paragraph, heading)`` and no anchors.

    ``part`` is ``"body"``, ``"table"`` (a paragraph in a table cell of the main text,
    at any depth), ``"textbox"`` (a text box anchored in the main text), ``"footnote"``,
    ``"endnote"``, ``"header"`` or ``"footer"``. Tables and text boxes inside notes,
    headers and footers take the part of that story.

    ``paragraph`` counts non-empty paragraphs from 1, one counter per story: the main
    text (body, tables and text boxes share one counter, in reading order), footnotes,
    endnotes, headers and footers (each of the last four has its own counter running
    over all parts of that kind).

    ``heading`` is the text of the nearest body heading at or before the paragraph
    (a heading's own block names itself). A heading is a body paragraph whose style
    (or a style it is based on) has a name or id starting with "Heading" or "Title", or
    an outline level 1-9. Notes take the heading in force where they are referenced;
    headers and footers have none.

Order
    The main text in reading order; a text box or a note follows the paragraph that
    anchors or references it. Notes that are never referenced come after the main
    text, then the headers, then the footers.

Tables
    Each paragraph of a cell is a block with ``cell`` = the cell's index in its row and
    ``row`` = the plain text of every cell of that row (a cell's own paragraphs joined
    by a space; a nested table's text stays out of the outer cell).

Suppression comments
    A comment whose text starts with ``termcheck: ignore`` (optionally followed by rule
    ids, separated by spaces or commas) adds an ``ignore`` span to the blocks its
    anchored range covers (``w:commentRangeStart``/``w:commentRangeEnd``); a comment
    with no range covers the paragraph holding its reference.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import Iterator

from ..errors import ReadError
from ..model import Block, Location
from .docx_runs import Segment, _alternate, _Collector, _local
from .docx_comments import END, SuppressionComments
from .docx_styles import heading_styles, outline_level, styles_part
from .package import open_package, parse_xml, read_part

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"

_WS = re.compile(r"\s+")



def read(path: Path) -> Iterator[Block]:
    package = open_package(Path(path), "Word document")
    with package:
        try:
            return iter(_Reader(package).run())
        except ReadError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as err:
            raise ReadError(f"not a Word document: damaged zip package ({err})") from None
        except RecursionError:
            raise ReadError("refused: the document is nested too deeply") from None
        except Exception as err:  # never let a traceback escape for a bad file
            raise ReadError(f"cannot read Word document ({type(err).__name__}: {err})") from None


def read_mapped(data: bytes) -> tuple[list[Block], list[list[Segment]], dict[str, object]]:
    """The blocks of a Word document, the segments each block's text came from and the
    parsed XML parts (by part name; comments and processing instructions kept), for
    :mod:`termcheck.fix.docx`, which edits those trees."""
    package = open_package(data, "Word document")
    with package:
        try:
            reader = _Reader(package, record=True)
            blocks = reader.run()
        except ReadError:
            raise
        except Exception as err:
            raise ReadError(f"cannot read Word document ({type(err).__name__}: {err})") from None
    return blocks, [p.segments for p in reader.paras], reader.trees


class _Story:
    """A paragraph counter shared by the parts of one kind of story."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0


class _Para:
    """A paragraph collected before blocks are made (comment ranges need a second pass)."""

    __slots__ = ("text", "location", "seq", "cell", "rowref", "ignore", "segments")

    def __init__(self, text: str, location: Location, seq: int, cell: int | None,
                 rowref: list | None):
        self.text = text
        self.location = location
        self.seq = seq  # this paragraph's number among all paragraphs, empty ones too
        self.cell = cell
        self.rowref = rowref  # the shared list of cell texts of the row, filled later
        self.ignore: list[tuple[int, int, frozenset[str]]] = []
        self.segments: list[Segment] = []  # filled when the reader records (see read_mapped)


class _Reader:
    def __init__(self, package: zipfile.ZipFile, record: bool = False):
        self.zip = package
        self.record = record  # keep the parsed parts and where each piece of text came from
        self.trees: dict[str, object] = {}
        self.names = set(package.namelist())
        self.paras: list[_Para] = []
        self.seq = 0  # paragraphs seen (empty ones too): comment positions refer to it
        self.heading: str | None = None
        self.stories = {k: _Story() for k in ("main", "footnote", "endnote", "header", "footer")}
        self.notes: dict[str, dict[str, object]] = {"footnote": {}, "endnote": {}}
        self.emitted_notes: set[tuple[str, str]] = set()
        self.comments = SuppressionComments()
        self.styles: dict[str, bool] = {}
        self.toc_styles: set[str] = set()  # table-of-contents entries repeat the headings

    # --- package -------------------------------------------------------------------

    def _xml(self, name: str):
        root = parse_xml(read_part(self.zip, name, "Word document"), name, "Word document",
                         keep_markup=self.record)
        if self.record:
            self.trees[name] = root
        return root

    def _rels(self, part: str) -> list[tuple[str, str, str]]:
        """(id, type suffix, target part name) of the internal relationships of ``part``."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.names:
            return []
        root = self._xml(rels_name)
        out = []
        for rel in root:
            if _local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Id") or "", (rel.get("Type") or "").rsplit("/", 1)[-1], name))
        return out

    def _main_part(self) -> str:
        for _id, kind, name in self._rels(""):
            if kind == "officeDocument" and name in self.names:
                return name
        if "word/document.xml" in self.names:
            return "word/document.xml"
        if "mimetype" in self.names:
            kind = self.zip.read("mimetype")[:100].decode("ascii", "replace")
            if kind.startswith("application/vnd.oasis.opendocument"):
                raise ReadError("not a Word document: an OpenDocument file renamed .docx "
                                "(save it in Word format)")
        raise ReadError("not a Word document: the zip package has no word/document.xml")

    # --- driver --------------------------------------------------------------------

    def run(self) -> list[Block]:
        main = self._main_part()
        root = self._xml(main)
        ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
        if ns not in (W_TRANSITIONAL, W_STRICT) or _local(root.tag) != "document":
            raise ReadError("not a Word document: the main part is not a WordprocessingML document")
        self.W = ns
        rels = self._rels(main)
        by_id = {rid: (kind, name) for rid, kind, name in rels}

        for _rid, kind, name in rels:
            if name not in self.names:
                continue
            if kind == "styles":
                self._styles_part(name)
            elif kind == "comments":
                self.comments.load(self._xml(name), self.W)
            elif kind in ("footnotes", "endnotes"):
                self._load_notes(self._xml(name), kind[:-1])

        body = root.find(self._w("body"))
        if body is not None:
            self._container(body, "main", "body")
        for kind in ("footnote", "endnote"):
            for note_id in self.notes[kind]:
                self._note(kind, note_id, heading=None)

        # headers and footers, each part once, in the order the sections name them
        seen: set[str] = set()
        refs: dict[str, list[str]] = {"header": [], "footer": []}
        for tag, kind in (("headerReference", "header"), ("footerReference", "footer")):
            for ref in root.iter(self._w(tag)):
                rid = ref.get(self._r("id")) or ref.get("{http://purl.oclc.org/ooxml/officeDocument/relationships}id")
                target = by_id.get(rid or "")
                if target and target[1] in self.names and target[1] not in seen:
                    seen.add(target[1])
                    refs[kind].append(target[1])
        for kind in ("header", "footer"):
            for name in refs[kind]:
                self.heading = None
                self._container(self._xml(name), kind, kind)

        self.comments.apply(self.paras)
        blocks = []
        for p in self.paras:
            row = tuple(p.rowref) if p.rowref is not None else None
            blocks.append(Block(p.text, p.location, row=row, cell=p.cell, ignore=tuple(p.ignore)))
        return blocks

    def _w(self, name: str) -> str:
        return "{%s}%s" % (self.W, name)

    @staticmethod
    def _r(name: str) -> str:
        return "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}%s" % name

    # --- styles, comments, notes -----------------------------------------------------

    def _styles_part(self, name: str) -> None:
        """Which paragraph styles make headings and contents entries (see
        :mod:`.docx_styles`; remembered by the part's bytes, except for ``termcheck fix``,
        which keeps every part's tree)."""
        if self.record:
            self.styles, self.toc_styles = heading_styles(self._xml(name), self.W)
        else:
            self.styles, self.toc_styles = styles_part(read_part(self.zip, name, "Word document"), name, self.W)

    def _load_notes(self, root, kind: str) -> None:
        for note in root:
            if _local(note.tag) != kind:
                continue
            if note.get(self._w("type")) not in (None, "normal"):
                continue  # separator, continuationSeparator, continuationNotice
            nid = note.get(self._w("id"))
            if nid is not None:
                self.notes[kind][nid] = note

    def _note(self, kind: str, note_id: str, heading: str | None) -> None:
        key = (kind, note_id)
        note = self.notes[kind].get(note_id)
        if note is None or key in self.emitted_notes:
            return
        self.emitted_notes.add(key)
        saved = self.heading
        self.heading = heading
        self._container(note, kind, kind)
        self.heading = saved

    # --- block level -----------------------------------------------------------------

    def _container(self, element, story: str, part: str, cell: tuple[int, list] | None = None) -> None:
        """Read the block-level content of ``element`` (body, cell, note, text box ...).

        ``cell`` is ``(index, row texts)`` when ``element`` is (inside) a table cell.
        """
        for child in element:
            name = _local(child.tag)
            if name == "p":
                self._paragraph(child, story, part, cell)
            elif name == "tbl":
                self._table(child, story, "table" if part in ("body", "table") else part)
            elif name == "sdt":
                content = child.find(self._w("sdtContent"))
                if content is not None and not self._is_toc(child):
                    self._container(content, story, part, cell)
            elif name in ("customXml", "ins", "moveTo", "smartTag"):
                self._container(child, story, part, cell)
            elif name == "AlternateContent":
                branch = _alternate(child)
                if branch is not None:
                    self._container(branch, story, part, cell)
            elif name == "commentRangeStart":
                self.comments.starts(child.get(self._w("id")), self.seq + 1, 0)
            elif name == "commentRangeEnd":
                self.comments.ends(child.get(self._w("id")), self.seq, END)
            # sectPr, tblPr, tcPr, bookmarks, w:del, w:moveFrom, altChunk ...: nothing to read

    def _table(self, tbl, story: str, part: str) -> None:
        for child in tbl:
            name = _local(child.tag)
            if name == "tr":
                self._row(child, story, part)
            elif name in ("sdt", "customXml"):  # rows wrapped in a content control
                inner = child.find(self._w("sdtContent")) if name == "sdt" else child
                if inner is not None:
                    self._table(inner, story, part)

    def _row(self, tr, story: str, part: str) -> None:
        trpr = tr.find(self._w("trPr"))
        if trpr is not None and trpr.find(self._w("del")) is not None:
            return  # a deleted row (tracked change)
        cells = []
        for child in tr:
            name = _local(child.tag)
            if name == "tc":
                cells.append(child)
            elif name == "sdt":
                content = child.find(self._w("sdtContent"))
                if content is not None:
                    cells.extend(c for c in content if _local(c.tag) == "tc")
        row_texts: list[str] = [""] * len(cells)
        for index, tc in enumerate(cells):
            start = len(self.paras)
            self._container(tc, story, part, (index, row_texts))
            own = [p.text for p in self.paras[start:] if p.rowref is row_texts and p.cell == index]
            row_texts[index] = " ".join(" ".join(t.split()) for t in own if t.strip())

    # --- paragraphs --------------------------------------------------------------------

    def _is_toc(self, sdt) -> bool:
        """A content control holding a table of contents (or of figures): its entries
        repeat headings and captions, so reading them would count every term twice."""
        gallery = sdt.find(f"{self._w('sdtPr')}/{self._w('docPartObj')}/{self._w('docPartGallery')}")
        return gallery is not None and (gallery.get(self._w("val")) or "").lower().startswith("table of")

    def _paragraph(self, p, story: str, part: str, cell: tuple[int, list] | None) -> None:
        style = p.find(f"{self._w('pPr')}/{self._w('pStyle')}")
        if style is not None and style.get(self._w("val")) in self.toc_styles:
            return  # a table-of-contents entry outside a content control
        self.seq += 1
        collector = _Collector(self, self.seq)
        collector.walk(p)
        text = "".join(collector.parts)

        if text.strip():
            if story == "main" and part == "body" and self._is_heading(p):
                self.heading = _WS.sub(" ", text).strip()[:200]
            counter = self.stories[story]
            counter.count += 1
            heading = self.heading if story in ("main", "footnote", "endnote") else None
            location = Location(part=part, paragraph=counter.count, heading=heading)
            if cell is not None:
                self.paras.append(_Para(text, location, self.seq, cell[0], cell[1]))
            else:
                self.paras.append(_Para(text, location, self.seq, None, None))
            if self.record:
                self.paras[-1].segments = collector.segments
        # what hangs off this paragraph follows it: text boxes, then notes
        for box in collector.textboxes:
            self._container(box, story, "textbox" if story == "main" else part)
        for kind, note_id in collector.notes:
            self._note(kind, note_id, self.heading)

    def _is_heading(self, p) -> bool:
        ppr = p.find(self._w("pPr"))
        if ppr is None:
            return False
        lvl = ppr.find(self._w("outlineLvl"))
        if lvl is not None:
            return outline_level(lvl.get(self._w("val")))
        style = ppr.find(self._w("pStyle"))
        if style is None:
            return False
        sid = style.get(self._w("val")) or ""
        if sid in self.styles:
            return self.styles[sid]
        return sid.lower().startswith(("heading", "title"))
