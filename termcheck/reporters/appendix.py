"""Renderers of the mapping appendix (:class:`termcheck.appendix.Appendix`): Markdown,
CSV and HTML here, Word in :mod:`termcheck.reporters.appendix_docx`.

:func:`render` returns ``str`` for the text formats and ``bytes`` for Word.
"""
from __future__ import annotations

import csv
import io

from ..appendix import KIND_MEANING, Appendix, Row, TermCell
from ..usage import short_names
from .htmlkit import esc, page

APPENDIX_FORMATS = ("md", "docx", "csv", "html")
NONE = "\u2014"  # an em dash: no term in this vocabulary


def column_title(vocabulary) -> str:
    return vocabulary.name[:1].upper() + vocabulary.name[1:]


def cell_lines(c: TermCell) -> list[tuple[str, str]]:
    """A term cell as ``(style, text)`` lines; style is "", "term", "also", "not" or "see"."""
    if not c.preferred:
        if c.relation:
            return [("", NONE), ("see", f"{c.relation}: {', '.join(c.counterparts)}")]
        return [("", NONE)]
    lines = [("term", c.label)]
    if c.admitted:
        lines.append(("also", "also: " + ", ".join(c.admitted)))
    if c.deprecated:
        lines.append(("not", "not: " + ", ".join(c.deprecated)))
    return lines


def notes_lines(row: Row) -> list[tuple[str, str]]:
    """Definition, note and source as ``(label, text)`` pairs (label empty for the definition)."""
    out = []
    if row.definition:
        out.append(("", row.definition))
    if row.note:
        out.append(("Note", row.note))
    if row.source:
        out.append(("Source", row.source))
    return out


def usage_text(row: Row, names: dict[str, str]) -> str:
    """``Load Shaping System 3 (update.md 2, approach.docx 1); LSS 2 (update.md 2)``."""
    parts = []
    for u in row.usage:
        where = ", ".join(f"{names.get(d, d)} {n}" for d, n in u.where)
        parts.append(f"{u.form} {u.total} ({where})")
    return "; ".join(parts) if parts else "not used"


def intro(appendix: Appendix) -> list[str]:
    """Sentences that open the appendix: the vocabularies and the mapping kinds."""
    vocabs = "; ".join(f"{column_title(v)}: {v.title}" for v in appendix.vocabularies)
    lines = [f"Glossary: {appendix.glossary_title}. Columns: {vocabs}."]
    kinds = appendix.kinds_used()
    if kinds:
        lines.append("Mapping: " + "; ".join(f"{k}: {KIND_MEANING.get(k, k)}" for k in kinds) + ".")
    if appendix.documents:
        lines.append("Usage counts come from: " + ", ".join(appendix.documents) + ".")
    return lines


# ------------------------------------------------------------------ Markdown
def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("*", "\\*")


def render_markdown(appendix: Appendix) -> str:
    names = short_names(appendix.documents)
    cols = [column_title(v) for v in appendix.vocabularies] + ["Mapping", "Status", "Definition and notes"]
    if appendix.documents:
        cols.append("Usage")
    out = [f"# {_md(appendix.title)}", ""]
    out += [_md(line) + "\n" for line in intro(appendix)]
    out += [f"*Table 1: {_md(appendix.caption)}*", ""]

    def table(rows: list[Row]) -> None:
        out.append("| " + " | ".join(cols) + " |")
        out.append("|" + " --- |" * len(cols))
        for r in rows:
            cells = []
            for c in r.terms.values():
                parts = []
                for style, text in cell_lines(c):
                    t = _md(text)
                    parts.append(f"**{t}**" if style == "term" else f"*{t}*" if style in ("also", "not", "see") else t)
                cells.append("<br>".join(parts))
            notes = "<br>".join(f"*{label}:* {_md(t)}" if label else _md(t) for label, t in notes_lines(r))
            cells += [_md(r.mapping), _md(r.status), notes]
            if appendix.documents:
                cells.append(_md(usage_text(r, names)))
            out.append("| " + " | ".join(cells) + " |")
        out.append("")

    for group, rows in appendix.groups:
        if appendix.grouped:
            out += [f"## {_md(group)}", ""]
        table(rows)
    return "\n".join(out).rstrip("\n") + "\n"


# ------------------------------------------------------------------ CSV
def render_csv(appendix: Appendix) -> str:
    names = short_names(appendix.documents)
    head = ["group", "concept"]
    for v in appendix.vocabularies:
        head += [v.name, f"{v.name} acronym", f"{v.name} admitted", f"{v.name} deprecated",
                 f"{v.name} counterpart"]
    head += ["mapping", "status", "definition", "note", "source"]
    if appendix.documents:
        head.append("usage")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(head)
    for r in appendix.rows:
        line = [r.group, r.concept]
        for c in r.terms.values():
            counterpart = f"{c.relation}: {'; '.join(c.counterparts)}" if c.relation else ""
            line += [c.preferred or "", c.acronym or "", "; ".join(c.admitted), "; ".join(c.deprecated), counterpart]
        line += [r.mapping, r.status, r.definition, r.note, r.source]
        if appendix.documents:
            line.append(usage_text(r, names))
        w.writerow(line)
    return buf.getvalue()


# ------------------------------------------------------------------ HTML
def render_html(appendix: Appendix) -> str:
    names = short_names(appendix.documents)
    cols = [column_title(v) for v in appendix.vocabularies] + ["Mapping", "Status", "Definition and notes"]
    if appendix.documents:
        cols.append("Usage")
    body = [f"<h1>{esc(appendix.title)}</h1>"]
    body += [f'<p class="meta">{esc(line)}</p>' for line in intro(appendix)]
    body.append('<table class="appendix">')
    body.append(f"<caption>Table 1: {esc(appendix.caption)}</caption>")
    body.append("<thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in cols) + "</tr></thead><tbody>")
    for group, rows in appendix.groups:
        if appendix.grouped:
            body.append(f'<tr class="group"><th colspan="{len(cols)}">{esc(group)}</th></tr>')
        for r in rows:
            cells = []
            for c in r.terms.values():
                parts = []
                for style, text in cell_lines(c):
                    parts.append(f"<b>{esc(text)}</b>" if style == "term"
                                 else f'<span class="note">{esc(text)}</span>' if style else esc(text))
                cells.append("<br>".join(parts))
            notes = "<br>".join(f'<span class="note">{esc(label)}: {esc(t)}</span>' if label else esc(t)
                                for label, t in notes_lines(r))
            cells += [f'<span class="tag">{esc(r.mapping)}</span>', esc(r.status), notes]
            if appendix.documents:
                cells.append(esc(usage_text(r, names)))
            body.append(f'<tr data-concept="{esc(r.concept)}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body.append("</tbody></table>")
    return page(appendix.title, "\n".join(body))


def render(fmt: str, appendix: Appendix) -> str | bytes:
    if fmt == "md":
        return render_markdown(appendix)
    if fmt == "csv":
        return render_csv(appendix)
    if fmt == "html":
        return render_html(appendix)
    if fmt == "docx":
        from .appendix_docx import render_docx

        return render_docx(appendix)
    raise ValueError(f"unknown appendix format {fmt!r}")
