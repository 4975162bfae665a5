"""HTML reader (``.html``, ``.htm``), built on lxml's HTML parser.

What is read
    The text of the ``<body>`` (and of a page without one), one :class:`Block` per
    block-level element that holds text directly: paragraphs, headings, list items,
    definition terms and descriptions, table cells and captions, block quotes, and the
    loose text of ``div``, ``section`` and the like. Inline markup (``<b>``, ``<a>``,
    ``<span>`` ...) is joined, so a term split across it is one string; white space is
    folded as a browser does; entities are decoded.

What is not read
    ``<head>`` (title and metadata), scripts, styles, ``<noscript>``, ``<template>``,
    navigation (``<nav>`` and ``role="navigation"``), elements marked ``hidden`` or
    ``aria-hidden="true"``, form controls, embedded SVG and MathML, comments, and code:
    ``<pre>`` blocks are dropped and inline ``<code>``, ``<kbd>``, ``<samp>`` and
    ``<var>`` become a space (as code is in Markdown), so the words on either side stay
    apart. So do note marks: a ``<sup>`` holding only a number (or ``*``, ``†``), and an
    in-page link (``href="#..."``) holding only one.

Locations
    ``Location(line=N)``: the source line of the element the block's text starts in.

Tables
    A cell block carries ``row`` (the plain text of every cell of its row) and ``cell``
    (its index), as the Markdown and Word readers do; a nested table's text stays out of
    the outer cell's row text.

Limits
    Elements nested over 256 deep are refused (the parser would drop everything
    below), as is any other input the parser gives up on.

Encoding
    A byte order mark, else a ``<meta charset>`` (or ``http-equiv``) declaration in the
    first 4 KB, else UTF-8, else Windows-1252 (as :func:`termcheck.readers.text.decode`).
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Iterator

from ..errors import ReadError
from ..model import Block, Location
from .text import decode

BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "ol", "p", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
})
SKIP = frozenset({
    "head", "script", "style", "noscript", "template", "nav", "pre", "listing", "xmp",
    "plaintext", "svg", "math", "select", "option", "textarea", "button", "iframe", "object",
    "embed", "canvas", "audio", "video", "map", "datalist", "output",
})
BREAKS = frozenset({"head", "nav", "pre", "listing", "xmp", "plaintext", "template", "noscript",
                    "svg", "math", "iframe", "object", "canvas", "audio", "video"})
BLANK = frozenset({"code", "kbd", "samp", "var", "tt"})  # inline code: a space in the text

ENTER, LEAVE, LEAVE_BLOCK, LEAVE_CELL, LEAVE_ROW = range(5)

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WS = re.compile(r"\s+")
_NOTE_MARK = re.compile(r"^\s*[\[(]?(?:\d{1,3}|[ivxlc]{1,5}|[*\u2020\u2021])[\])]?\s*$", re.IGNORECASE)


def read(path: Path) -> Iterator[Block]:
    text = source_text(Path(path).read_bytes())
    return iter(blocks_from_string(text))


def source_text(data: bytes) -> str:
    """The HTML source as ``str`` (see *Encoding* above)."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        m = _META.search(data[:4096])
        if m:
            name = m.group(1).decode("ascii", "replace").lower()
            try:
                codec = codecs.lookup(name).name
            except LookupError:
                codec = None
            if codec and codec not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
                # a declared single-byte legacy encoding ("iso-8859-1" means windows-1252 on the web)
                codec = "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec
                if b"\x00" in data[:8192]:
                    raise ReadError("not an HTML file (it contains NUL bytes: binary data?)")
                return data.decode(codec, "replace").replace("\r\n", "\n")
    return decode(data)


def blocks_from_string(text: str) -> list[Block]:
    import lxml.html
    from lxml import etree

    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return []
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  huge_tree=False, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        if "empty" in str(err).lower():
            return []
        raise ReadError(f"cannot parse HTML ({err})") from None
    for entry in parser.error_log:
        # libxml2 gives up (and drops the rest of the page) past its limits
        if "Excessive depth" in entry.message:
            raise ReadError(f"refused: HTML nested too deeply (over 256 levels, line {entry.line})")
        if entry.level_name == "FATAL":
            raise ReadError(f"cannot parse HTML (line {entry.line}: {entry.message.strip()})")
    return _Walker().run(root)


class _Cell:
    __slots__ = ("index", "row", "parts")

    def __init__(self, index: int, row: list[str]):
        self.index = index
        self.row = row
        self.parts: list[str] = []


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[tuple[str, int, _Cell | None]] = []
        self.buf: list[str] = []
        self.line: int | None = None
        self.cells: list[_Cell] = []  # open table cells, innermost last
        self.rows: list[list[str]] = []  # the cell texts of each open row

    def add(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if self.line is None and text.strip():
            self.line = line
        self.buf.append(text)

    def flush(self) -> None:
        text = _WS.sub(" ", "".join(self.buf)).strip()
        if text:
            cell = self.cells[-1] if self.cells else None
            self.blocks.append((text, self.line or 1, cell))
            if cell is not None:
                cell.parts.append(text)
        self.buf = []
        self.line = None

    def run(self, root) -> list[Block]:
        # an explicit stack: documents nested thousands of elements deep cannot overflow it
        stack: list[tuple[object, int]] = [(root, ENTER)]
        while stack:
            el, state = stack.pop()
            if state != ENTER:
                self._leave(el, state)
                continue
            tag = el.tag if isinstance(el.tag, str) else ""
            name = tag.lower().rsplit("}", 1)[-1]
            if not tag:  # a comment or processing instruction the parser kept
                self.add(el.tail, el.sourceline)
                continue
            if name in SKIP or _hidden(el):
                if name in BLOCK or name in BREAKS:
                    self.flush()
                else:
                    self.add(" ", el.sourceline)
                self.add(el.tail, el.sourceline)
                continue
            if name in BLANK or (name in ("a", "sup") and _note_mark(el)):
                self.add(" ", el.sourceline)
                self.add(el.tail, el.sourceline)
                continue
            stack.append((el, self._enter(el, name)))
            for child in reversed(el):
                stack.append((child, ENTER))
        self.flush()
        return [Block(t, Location(line=line),
                      row=tuple(c.row) if c is not None else None,
                      cell=c.index if c is not None else None) for t, line, c in self.blocks]

    def _enter(self, el, name: str) -> int:
        """Start ``el``; return how it is to be left."""
        state = LEAVE_BLOCK if name in BLOCK else LEAVE
        if name in BLOCK:
            self.flush()
        if name == "tr":
            self.rows.append([])
            state = LEAVE_ROW
        elif name in ("td", "th") and self.rows:
            texts = self.rows[-1]
            self.cells.append(_Cell(len(texts), texts))
            texts.append("")
            state = LEAVE_CELL
        elif name == "br":
            self.add(" ", el.sourceline)
        self.add(el.text, el.sourceline)
        return state

    def _leave(self, el, state: int) -> None:
        if state != LEAVE:
            self.flush()
        if state == LEAVE_CELL:
            cell = self.cells.pop()
            cell.row[cell.index] = " ".join(cell.parts)
        elif state == LEAVE_ROW:
            self.rows.pop()
        self.add(el.tail, el.sourceline)


def _note_mark(el) -> bool:
    """A footnote reference or back-link: ``<a href="#fn1"><sup>1</sup></a>``, ``<sup>2</sup>``."""
    if el.tag == "a" and not (el.get("href") or "").startswith("#"):
        return False
    return bool(_NOTE_MARK.match(el.text_content()))


def _hidden(el) -> bool:
    get = el.get
    return (get("hidden") is not None or (get("aria-hidden") or "").lower() == "true"
            or (get("role") or "").lower() == "navigation")
