"""PDF reader (``.pdf``), built on pdfplumber.

Text is taken page by page as lines (pdfplumber's ``extract_text_lines``), and the
lines are grouped into paragraphs. A new paragraph starts

* after a vertical gap clearly larger than the usual gap between lines of the
  document (the most common one, measured over all pages),
* where the font size changes by more than 15 per cent (a heading and its text),
* after a short line that ends a sentence (the last line of a justified paragraph),
* before a line that starts with a bullet.

A paragraph whose last line does not end with ``.``, ``!`` or ``?`` continues on the
next page when that page's text starts with a line of the same size (one block, with
anchors on both pages).

Running headers and footers (the same text, digits aside, at the top or bottom of
several pages) are read once, as a block of their own where they first appear; bare
page numbers (``3``, ``Page 3 of 9``) are not read. Neither breaks a paragraph that
runs over a page break.

Inside a block, lines are joined with ``\\n``, except that a word hyphenated at a line
end is put back together: ``Integra-`` + ``tion`` gives ``Integration``. The hyphen is
kept (and the line break dropped) when it looks like a real compound hyphen: the part
after it starts with a capital letter or a digit (``Pre-`` + ``Integration``), or the
hyphenated form appears elsewhere in the document (``Market-wide``). A soft hyphen at
a line end always joins.

Every source line gets an ``Anchor(offset, line, 1, page)`` (line numbers count the
text lines of the page from 1, in the reading order below), so
``block.location_at(offset)`` gives page and line; lines side by side, such as the
cells of a table row, share a number, as a reader counts them.

Tables that pdfplumber's table finder sees (ruled tables: cell borders drawn as lines
or rectangles) are read cell by cell: row by row from the top, the cells of a row from
left to right, the lines of a cell from the top, so a phrase wrapped inside a cell stays
whole instead of being interleaved with the lines of its neighbours. Each cell is a
block of its own (a new paragraph), carrying its row's cell texts in ``Block.row`` and
its index in ``Block.cell`` as Word table cells do, so an abbreviations table defines
acronyms. A table stands in the reading order where its top edge is. Text outside the
tables is read as before; tables without rules, and multi-column layouts, are still
read line by line across the columns.

A file that is not a PDF, is damaged or encrypted, or has no extractable text (a scan)
raises :class:`ReadError`.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterator

from ..errors import ReadError
from ..model import Anchor, Block, Location

_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
})
_HYPHENS = ("-", "\u2010", "\u2011", "\u00ad")
_BULLET = re.compile(r"^(?:[\u2022\u25e6\u25aa\u25cf\u2023\u2043\u2219\u00b7\uf0b7]|[-\u2013\u2014*]\s)")
_SENTENCE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
_FULL_STOP = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_WORD_BEFORE = re.compile(r"(\w+)[-\u2010\u2011\u00ad]$")
_WORD_AFTER = re.compile(r"^(\w+)")
_HYPHENATED = re.compile(r"\b\w+-\w+\b")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^\W*(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?\W*$", re.IGNORECASE)


class _Line:
    __slots__ = ("text", "top", "bottom", "x0", "x1", "size", "page", "number", "cell", "row")

    def __init__(self, text, top, bottom, x0, x1, size, page, number, cell=None, row=None):
        self.text = text
        self.top = top
        self.bottom = bottom
        self.x0 = x0
        self.x1 = x1
        self.size = size
        self.page = page
        self.number = number
        self.cell = cell  # (table, row, cell) for a line inside a table cell
        self.row = row  # the texts of every cell of that row


def read(path: Path) -> Iterator[Block]:
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror or err}") from None
    if b"%PDF-" not in head:
        raise ReadError("not a PDF file (no %PDF header)")
    pages = _extract(path)
    if not any(pages):
        raise ReadError("no extractable text in this PDF (a scanned image? run OCR first)")
    yield from _blocks(pages)


def _extract(path: Path) -> list[list[_Line]]:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ReadError("cannot read PDF: pdfplumber is not installed") from None
    pages: list[list[_Line]] = []
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                pages.append(_page_lines(page))
                page.flush_cache()
    except ReadError:
        raise
    except Exception as err:
        raise ReadError(_pdf_error(err)) from None
    return pages


def _lines_of(area, page_number: int) -> list[_Line]:
    lines: list[_Line] = []
    for item in _text_lines(area):
        text = (item.get("text") or "").translate(_LIGATURES)
        if not text.strip():
            continue
        chars = item.get("chars") or []
        sizes = Counter(round(float(c.get("size", 0)), 1) for c in chars if c.get("text", " ").strip())
        size = sizes.most_common(1)[0][0] if sizes else 0.0
        lines.append(_Line(text, float(item["top"]), float(item["bottom"]),
                           float(item["x0"]), float(item["x1"]), size, page_number, 0))
    return lines


def _centre_in(obj, box) -> bool:
    x = (float(obj["x0"]) + float(obj["x1"])) / 2
    y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _tables(page) -> list:
    try:
        return [t for t in page.find_tables() if len(t.rows) >= 1 and len(t.cells) >= 2]
    except Exception:  # a table finder failure must not lose the page's text
        return []


def _page_lines(page) -> list[_Line]:
    """The text lines of one page in reading order, table cells read cell by cell."""
    tables = _tables(page)
    if not tables:
        lines = _lines_of(page, page.page_number)
    else:
        boxes = [t.bbox for t in tables]
        flow = _lines_of(page.filter(lambda o: not any(_centre_in(o, b) for b in boxes)), page.page_number)
        groups = [(t.bbox[1], _table_lines(page, t, k)) for k, t in enumerate(tables)]
        lines = []
        for line in flow:
            while groups and groups[0][0] <= line.top:
                lines.extend(groups.pop(0)[1])
            lines.append(line)
        for _, group in groups:
            lines.extend(group)
    _number(lines)
    return lines


def _number(lines: list[_Line]) -> None:
    """Line numbers as a reader counts them down the page: lines side by side (the
    cells of a table row, columns) share a number."""
    number, last = 0, None
    for line in sorted(lines, key=lambda x: x.top):
        height = max(1.0, line.bottom - line.top)
        if last is None or line.top - last > 0.5 * height:
            number += 1
            last = line.top
        line.number = number


def _table_lines(page, table, index: int) -> list[_Line]:
    out: list[_Line] = []
    for r, row in enumerate(table.rows):
        cells = []
        for box in row.cells:
            if box is None:  # covered by a merged cell
                continue
            cells.append(_lines_of(page.filter(lambda o, b=box: _centre_in(o, b)), page.page_number))
        texts = tuple(" ".join(line.text for line in cell) for cell in cells)
        for c, cell in enumerate(cells):
            for line in cell:
                line.cell, line.row = (index, r, c), texts
                out.append(line)
    return out


def _text_lines(page) -> list[dict]:
    # Word gaps are judged relative to the font size (0.15 em): a fixed 3 pt merges the
    # words of small or tightly set text.
    try:
        return page.extract_text_lines(strip=True, return_chars=True, x_tolerance_ratio=0.15)
    except TypeError:  # an older pdfplumber without x_tolerance_ratio
        return page.extract_text_lines(strip=True, return_chars=True)


def _pdf_error(err: Exception) -> str:
    name = type(err).__name__
    text = str(err)
    if "Password" in name or "password" in text.lower() or "encrypt" in text.lower():
        return "cannot read PDF: it is encrypted (password protected)"
    detail = text if text and name == "PdfminerException" else (f"{name}: {text}" if text else name)
    if len(detail) > 160:
        detail = detail[:157] + "..."
    return f"not a readable PDF (damaged or unsupported: {detail})"


# --- paragraphs ---------------------------------------------------------------------

def _usual_gap(pages: list[list[_Line]]) -> float:
    """The most common gap between consecutive lines of the same size, over all pages."""
    gaps: Counter = Counter()
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            if _same_size(a.size, b.size):
                gap = b.top - a.bottom
                if gap >= -1:
                    gaps[round(gap * 2) / 2] += 1
    if not gaps:
        return 0.0
    return max(0.0, gaps.most_common(1)[0][0])


def _paragraphs(lines: list[_Line], usual: float) -> list[list[_Line]]:
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    left = min(line.x0 for line in lines)
    width = max(1.0, right - left)
    paras = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        height = max(1.0, prev.bottom - prev.top)
        gap = line.top - prev.bottom
        new = (
            line.cell != prev.cell  # every table cell is a paragraph of its own
            or not _same_size(line.size, prev.size)
            or gap > usual + 0.4 * height
            or gap < -height  # going back up the page: another column or a float
            or (prev.x1 < right - 0.15 * width and _SENTENCE_END.search(prev.text) is not None)
            or _BULLET.match(line.text) is not None
        )
        if new:
            paras.append([line])
        else:
            paras[-1].append(line)
    return paras


def _same_size(a: float, b: float) -> bool:
    """Sizes close enough to be one paragraph (inline code in a smaller font is)."""
    return abs(a - b) <= max(0.5, 0.15 * max(a, b))


def _running_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _running_lines(pages: list[list[_Line]]) -> set[int]:
    """ids of the lines that are running headers, footers or page numbers.

    Candidates are the first and last two lines of a page. A candidate is running when
    it is a bare page number, or when the same text (digits ignored) stands at the edge
    of at least two pages and of at least 40 per cent of the pages.
    """
    edges = [lines[:2] + lines[2:][-2:] for lines in pages]
    seen: Counter = Counter()
    for lines in edges:
        seen.update({_running_key(line.text) for line in lines})
    used = sum(1 for lines in pages if lines)
    running = set()
    for lines in edges:
        for line in lines:
            n = seen[_running_key(line.text)]
            if _PAGE_NUMBER.match(line.text) or (n >= 2 and n >= 0.4 * used):
                running.add(id(line))
    return running


def _blocks(pages: list[list[_Line]]) -> Iterator[Block]:
    usual = _usual_gap(pages)
    hyphenated = set()
    for lines in pages:
        for line in lines:
            hyphenated.update(m.group(0).lower() for m in _HYPHENATED.finditer(line.text))
    running = _running_lines(pages)
    shown: set[str] = set()

    pending: list[_Line] | None = None
    for lines in pages:
        body = [line for line in lines if id(line) not in running]
        # a running header or footer is read once, where it first appears; page numbers never
        for line in lines:
            if id(line) in running and not _PAGE_NUMBER.match(line.text):
                key = _running_key(line.text)
                if key not in shown:
                    shown.add(key)
                    yield _block([line], hyphenated)
        paras = _paragraphs(body, usual)
        if pending is not None and paras:
            first = paras[0]
            if _same_size(first[0].size, pending[-1].size) and not _BULLET.match(first[0].text) \
                    and first[0].cell is None:
                paras[0] = pending + first
            else:
                yield _block(pending, hyphenated)
            pending = None
        elif pending is not None:
            continue  # a page without body text: keep waiting
        for para in paras[:-1]:
            yield _block(para, hyphenated)
        if paras:
            last = paras[-1]
            if _FULL_STOP.search(last[-1].text) or last[-1].cell is not None:
                yield _block(last, hyphenated)
            else:
                pending = last
    if pending is not None:
        yield _block(pending, hyphenated)


def _block(lines: list[_Line], hyphenated: set[str]) -> Block:
    parts: list[str] = []
    anchors: list[Anchor] = []
    length = 0
    for k, line in enumerate(lines):
        text = line.text
        nxt = lines[k + 1].text if k + 1 < len(lines) else None
        anchors.append(Anchor(length, line.number, 1, line.page))
        joiner = "\n"
        if nxt is not None and text.endswith(_HYPHENS):
            before = _WORD_BEFORE.search(text)
            after = _WORD_AFTER.match(nxt)
            if before and after and before.group(1)[-1].isalpha():
                if text.endswith("\u00ad"):
                    text, joiner = text[:-1], ""
                elif after.group(1)[0].isupper() or after.group(1)[0].isdigit():
                    joiner = ""
                elif f"{before.group(1)}-{after.group(1)}".lower() in hyphenated:
                    joiner = ""
                else:
                    text, joiner = text[:-1], ""
        if nxt is None:
            joiner = ""
        parts.append(text)
        parts.append(joiner)
        length += len(text) + len(joiner)
    first = lines[0]
    if first.cell is not None:
        return Block("".join(parts), Location(page=first.page, line=first.number), tuple(anchors),
                     row=first.row, cell=first.cell[2])
    return Block("".join(parts), Location(page=first.page, line=first.number), tuple(anchors))
