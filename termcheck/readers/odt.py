"""OpenDocument text reader (``.odt``), working on ``content.xml`` and ``styles.xml``
with lxml (the package opened safely by :mod:`termcheck.readers.package`).

What is read
    Paragraphs and headings of the body, lists, sections, tables (nested ones too), text
    frames (text boxes), footnotes and endnotes, and the headers and footers of the
    page styles. white space in the XML folds to one space (as ODF says); ``text:s``
    (spaces) and tabs become spaces and a line break ``\n``, as in the Word reader; spans,
    links and fields are joined, so a term split across formatting is one string.

What is not read
    Comments (``office:annotation``), tracked changes' deleted text
    (``text:tracked-changes``), tables of contents and other generated indexes, note
    citations, and hidden text (``text:hidden-text``, ``text:hidden-paragraph``).

Blocks and locations
    As for Word (:mod:`termcheck.readers.docx`): ``Location(part, paragraph, heading)``
    with ``part`` one of ``body``, ``table``, ``textbox``, ``footnote``, ``endnote``,
    ``header``, ``footer``; ``paragraph`` counts non-empty paragraphs per story; a
    ``text:h`` heading sets ``heading`` for what follows. Table cells carry ``row`` and
    ``cell``. Notes follow the paragraph that cites them.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Iterator

from ..errors import ReadError
from ..model import Block, Location
from .package import open_package, parse_xml, read_part

WHAT = "OpenDocument text"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"

_WS = re.compile(r"[ \t\r\n]+")

# containers whose content is read as blocks of the current part
_FLOW = {(TEXT, "section"), (TEXT, "list"), (TEXT, "list-item"), (TEXT, "list-header"),
         (TEXT, "numbered-paragraph"), (OFFICE, "text"), (TEXT, "note-body"),
         (DRAW, "text-box"), (TABLE, "table-cell"), (TABLE, "covered-table-cell"),
         (STYLE, "header"), (STYLE, "footer"), (STYLE, "header-first"), (STYLE, "footer-first"),
         (STYLE, "header-left"), (STYLE, "footer-left")}
_SKIP = {(OFFICE, "annotation"), (OFFICE, "annotation-end"), (TEXT, "tracked-changes"),
         (TEXT, "table-of-content"), (TEXT, "illustration-index"), (TEXT, "table-index"),
         (TEXT, "object-index"), (TEXT, "user-index"), (TEXT, "alphabetical-index"),
         (TEXT, "bibliography"), (TEXT, "note-citation"), (TEXT, "hidden-text"),
         (TEXT, "hidden-paragraph"), (TEXT, "sequence-decls"), (TEXT, "variable-decls"),
         (TEXT, "user-field-decls"), (OFFICE, "forms"), (TABLE, "table-columns"),
         (TABLE, "table-column"), (TEXT, "soft-page-break")}


def read(path: Path) -> Iterator[Block]:
    package = open_package(Path(path), WHAT)
    with package:
        try:
            return iter(_Reader(package).run())
        except ReadError:
            raise
        except (zipfile.BadZipFile, EOFError, OSError) as err:
            raise ReadError(f"not an {WHAT}: damaged zip package ({err})") from None
        except RecursionError:
            raise ReadError("refused: the document is nested too deeply") from None
        except Exception as err:  # never let a traceback escape for a bad file
            raise ReadError(f"cannot read {WHAT} ({type(err).__name__}: {err})") from None


def _key(el) -> tuple[str, str]:
    tag = el.tag
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ("", tag if isinstance(tag, str) else "")
    ns, _, name = tag[1:].partition("}")
    return ns, name


class _Reader:
    def __init__(self, package: zipfile.ZipFile):
        self.zip = package
        self.blocks: list[tuple[str, Location, int | None, list | None]] = []
        self.counters = {k: 0 for k in ("main", "footnote", "endnote", "header", "footer")}
        self.heading: str | None = None

    def run(self) -> list[Block]:
        names = set(self.zip.namelist())
        if "mimetype" in names:
            kind = self.zip.read("mimetype")[:100].decode("ascii", "replace").strip()
            if kind and kind != "application/vnd.oasis.opendocument.text":
                raise ReadError(f"not an {WHAT}: its type is {kind}")
        elif "word/document.xml" in names:
            raise ReadError(f"not an {WHAT}: a Word document renamed .odt (rename it .docx)")
        if "content.xml" not in names:
            raise ReadError(f"not an {WHAT}: the zip package has no content.xml")
        content = parse_xml(read_part(self.zip, "content.xml", WHAT), "content.xml", WHAT)
        body = content.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
        if body is None:
            raise ReadError(f"not an {WHAT}: content.xml has no office:text body")
        self._flow(body, "main", "body", None)
        if "styles.xml" in names:
            styles = parse_xml(read_part(self.zip, "styles.xml", WHAT), "styles.xml", WHAT)
            for page in styles.iter(f"{{{STYLE}}}master-page"):
                for child in page:
                    ns, name = _key(child)
                    if ns == STYLE and name.startswith(("header", "footer")):
                        kind = "header" if name.startswith("header") else "footer"
                        self.heading = None
                        self._flow(child, kind, kind, None)
        return [Block(text, loc, row=tuple(row) if row is not None else None, cell=cell)
                for text, loc, cell, row in self.blocks]

    def _flow(self, el, story: str, part: str, cell: tuple[int, list] | None) -> None:
        for child in el:
            key = _key(child)
            if key in _SKIP:
                continue
            ns, name = key
            if ns == TEXT and name in ("p", "h"):
                self._paragraph(child, story, part, cell, heading=name == "h")
            elif ns == TABLE and name == "table":
                self._table(child, story, "table" if part in ("body", "table") else part)
            elif key in _FLOW:
                self._flow(child, story, part, cell)
            elif ns == DRAW:
                self._frames(child, story, part)

    def _table(self, table, story: str, part: str) -> None:
        for row in table.iter(f"{{{TABLE}}}table-row"):
            if _enclosing_table(row) is not table:
                continue  # a row of a nested table: read with its own table
            cells = [c for c in row if _key(c) in ((TABLE, "table-cell"), (TABLE, "covered-table-cell"))]
            texts = [""] * len(cells)
            for index, tc in enumerate(cells):
                start = len(self.blocks)
                self._flow(tc, story, part, (index, texts))
                own = [b[0] for b in self.blocks[start:] if b[3] is texts and b[2] == index]
                texts[index] = " ".join(own)

    def _frames(self, el, story: str, part: str) -> None:
        for box in el.iter(f"{{{DRAW}}}text-box"):
            self._flow(box, story, "textbox" if story == "main" else part, None)

    def _paragraph(self, p, story: str, part: str, cell, heading: bool) -> None:
        parts: list[str] = []
        notes: list = []
        frames: list = []
        _inline(p, parts, notes, frames)
        text = "".join(parts).strip(" ")
        if "\u00ad" in text or "\u2011" in text:
            text = text.replace("\u00ad", "").replace("\u2011", "-")
        if text:
            if heading and story == "main":
                self.heading = text[:200]
            self.counters[story] += 1
            loc = Location(part=part, paragraph=self.counters[story],
                           heading=self.heading if story in ("main", "footnote", "endnote") else None)
            self.blocks.append((text, loc, cell[0] if cell else None, cell[1] if cell else None))
        for frame in frames:
            self._frames(frame, story, part)
        for note in notes:
            kind = "endnote" if note.get(f"{{{TEXT}}}note-class") == "endnote" else "footnote"
            body = note.find(f"{{{TEXT}}}note-body")
            if body is not None:
                self._flow(body, kind, kind, None)


def _enclosing_table(el):
    parent = el.getparent()
    while parent is not None and _key(parent) != (TABLE, "table"):
        parent = parent.getparent()
    return parent


def _inline(el, parts: list[str], notes: list, frames: list) -> None:
    if el.text:
        parts.append(_WS.sub(" ", el.text))
    for child in el:
        key = _key(child)
        ns, name = key
        if key in _SKIP:
            pass
        elif ns == TEXT and name == "s":
            try:
                parts.append(" " * max(1, min(int(child.get(f"{{{TEXT}}}c") or 1), 100)))
            except ValueError:
                parts.append(" ")
        elif ns == TEXT and name == "tab":
            parts.append(" ")
        elif ns == TEXT and name == "line-break":
            parts.append("\n")
        elif ns == TEXT and name == "note":
            notes.append(child)
        elif ns == DRAW:
            frames.append(child)
        elif ns == OFFICE and name == "annotation":
            pass
        else:  # span, a, fields, bookmarks, ruby base ...
            _inline(child, parts, notes, frames)
        if child.tail:
            parts.append(_WS.sub(" ", child.tail))
