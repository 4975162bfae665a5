"""The mapping appendix as a Word document: A4 portrait, one real table whose header row
repeats on every page (``w:tblHeader``), fixed column widths that fit the text width, a
numbered caption (``Table {SEQ Table}: ...``) above it, group rows spanning the table.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from ..appendix import Appendix, Row
from ..usage import short_names
from .appendix import cell_lines, column_title, intro, notes_lines, usage_text

PAGE_W, PAGE_H, MARGIN = Cm(21.0), Cm(29.7), Cm(2.0)
TEXT_W = PAGE_W - 2 * MARGIN  # 17 cm
MAPPING_W, STATUS_W = Cm(2.2), Cm(1.6)
HEAD_FILL, GROUP_FILL = "D9E2F3", "EEF2F8"
TABLE_PT = 8.5
TWIP = 635  # EMU in a twentieth of a point
GREY = RGBColor(0x55, 0x5F, 0x6D)


def column_widths(n_vocab: int, usage: bool) -> list[int]:
    """EMU widths: the vocabulary columns, mapping, status, notes (and usage); they sum
    to the text width of an A4 portrait page."""
    rest = TEXT_W - MAPPING_W - STATUS_W
    weights = [1.0] * n_vocab + [1.5] + ([1.0] if usage else [])
    unit = rest / sum(weights)
    widths = [int(unit * w) for w in weights]
    widths[n_vocab] += rest - sum(widths)  # rounding goes to the notes column
    widths = widths[:n_vocab] + [MAPPING_W, STATUS_W] + widths[n_vocab:]
    return [Emu(w // TWIP * TWIP) for w in widths]  # whole twips, as Word stores them


def _el(tag: str, **attrs: str):
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _row_flag(row, tag: str) -> None:
    row._tr.get_or_add_trPr().append(_el(tag, val="true"))


def _shade(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(_el("w:shd", val="clear", color="auto", fill=fill))


def _fixed_layout(table, widths: list[int]) -> None:
    table.autofit = False  # w:tblLayout type="fixed"
    tblPr = table._tbl.tblPr
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is None:
        tblW = _el("w:tblW")
        tblPr.insert_element_before(tblW, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                                    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    tblW.set(qn("w:w"), str(sum(widths) // TWIP))
    tblW.set(qn("w:type"), "dxa")
    for col, w in zip(table.columns, widths):
        col.width = w


def _write(cell, lines: list[tuple[str, str]], *, size: float = TABLE_PT) -> None:
    """``(style, text)`` lines into a cell, one paragraph each."""
    first = True
    for style, text in lines or [("", "")]:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.paragraph_format.space_after = Pt(1)
        p.paragraph_format.space_before = Pt(0)
        if style in ("Note", "Source"):
            label = p.add_run(f"{style}: ")
            label.italic = True
            label.font.size = Pt(size)
            label.font.color.rgb = GREY
        run = p.add_run(text)
        run.font.size = Pt(size)
        if style in ("term", "bold"):
            run.bold = True
        elif style in ("also", "not", "see", "Note", "Source"):
            run.italic = style != "Source"
            run.font.color.rgb = GREY


def _field(p, instr: str, shown: str = "1") -> None:
    """Append a simple Word field (``SEQ``, ``PAGE``) showing ``shown`` until updated."""
    fld = _el("w:fldSimple", instr=instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = shown
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def _caption(doc, text: str) -> None:
    p = doc.add_paragraph(style="Caption")
    p.paragraph_format.keep_with_next = True
    p.add_run("Table ")
    _field(p, r" SEQ Table \* ARABIC ")
    p.add_run(f": {text}")


def _footer(section, title: str) -> None:
    p = section.footer.paragraphs[0]
    run = p.add_run(f"{title} \u2014 page ")
    run.font.size = Pt(8)
    _field(p, " PAGE ")


def render_docx(appendix: Appendix) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    doc.core_properties.title = appendix.title
    doc.core_properties.subject = appendix.glossary_title
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_W, PAGE_H
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    _footer(section, appendix.title)

    doc.add_heading(appendix.title, level=1)
    for line in intro(appendix):
        doc.add_paragraph(line).paragraph_format.space_after = Pt(4)
    _caption(doc, appendix.caption)

    usage = bool(appendix.documents)
    names = short_names(appendix.documents)
    titles = [column_title(v) for v in appendix.vocabularies] + ["Mapping", "Status", "Definition and notes"]
    if usage:
        titles.append("Usage")
    widths = column_widths(len(appendix.vocabularies), usage)
    table = doc.add_table(rows=1, cols=len(titles))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_layout(table, widths)

    head = table.rows[0]
    _row_flag(head, "w:cantSplit")
    _row_flag(head, "w:tblHeader")
    for cell, title in zip(head.cells, titles):
        _write(cell, [("bold", title)])
        _shade(cell, HEAD_FILL)

    def add_row(row: Row) -> None:
        tr = table.add_row()
        _row_flag(tr, "w:cantSplit")
        cells = tr.cells
        values = [cell_lines(c) for c in row.terms.values()]
        values += [[("", row.mapping)], [("", row.status)], notes_lines(row)]
        if usage:
            values.append([("", usage_text(row, names))])
        for cell, lines, w in zip(cells, values, widths):
            _write(cell, lines)
            cell.width = w

    for group, rows in appendix.groups:
        if appendix.grouped:
            tr = table.add_row()
            _row_flag(tr, "w:cantSplit")
            merged = tr.cells[0].merge(tr.cells[-1])
            merged.width = sum(widths)
            _write(merged, [("bold", group)])
            merged.paragraphs[0].paragraph_format.keep_with_next = True
            _shade(merged, GROUP_FILL)
        for row in rows:
            add_row(row)
    for cell, w in zip(head.cells, widths):
        cell.width = w

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
