"""Renderers of a terminology diff (:class:`termcheck.diff.DiffResult`): a rich table for
the terminal, JSON, Markdown and a self-contained HTML page."""
from __future__ import annotations

import io
import json

from ..diff import STATUS_LABEL, STATUSES, DiffResult, FormUse, Side, document_names
from .htmlkit import FILTER_JS, checkboxes, error_list, esc, page

DIFF_FORMATS = ("terminal", "json", "markdown", "html")
MARK = {"differ": "≠", "only-a": "A", "only-b": "B", "same": "="}


def _form(f: FormUse) -> str:
    tag = {"deprecated": " (deprecated)", "near-miss": " (near-miss)"}.get(f.kind, "")
    return f"{f.text} ×{f.count}{tag}"


def _side_line(name: str, side: Side) -> str:
    vocabs = sorted({d.vocabulary or "undetermined" for d in side.documents})
    n = len(side.documents)
    return (f"{name}: {side.label} ({n} document{'s' if n != 1 else ''}, {side.words:,} words, "
            f"vocabulary {', '.join(vocabs) or 'none'})")


def _summary_line(result: DiffResult) -> str:
    s = result.summary()
    return (f"{s['concepts']} concepts used: {s['differ']} differ, {s['only-a']} only in A, "
            f"{s['only-b']} only in B, {s['same']} the same; {s['unknown']} unknown terms")


# ------------------------------------------------------------------ terminal
def render_terminal(result: DiffResult, *, color: bool = False) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=120,
                      highlight=False, emoji=False)
    console.print(Text(_side_line("A", result.a), style="bold"))
    console.print(Text(_side_line("B", result.b), style="bold"))
    style = {"differ": "bold red", "only-a": "yellow", "only-b": "yellow", "same": "green"}
    table = Table(title="Concepts", title_justify="left", show_lines=True)
    table.add_column("", width=1)
    table.add_column("concept")
    table.add_column("A uses")
    table.add_column("B uses")
    table.add_column("status")
    for c in result.concepts:
        table.add_row(Text(MARK[c.status], style=style[c.status]), c.term,
                      "\n".join(_form(f) for f in c.a) or "-", "\n".join(_form(f) for f in c.b) or "-",
                      Text(STATUS_LABEL[c.status], style=style[c.status]))
    console.print(table)
    if result.unknown:
        names = document_names(result)
        unk = Table(title="Terms no glossary knows", title_justify="left")
        unk.add_column("term")
        unk.add_column("in A")
        unk.add_column("in B")
        for u in result.unknown:
            unk.add_row(u.term, ", ".join(names[p] for p in u.a) or "-", ", ".join(names[p] for p in u.b) or "-")
        console.print(unk)
    for e in result.errors:
        console.print(Text(f"error: {e.path}: {e.message}", style="bold red"))
    console.print(_summary_line(result))
    return buf.getvalue()


# ------------------------------------------------------------------ JSON
def render_json(result: DiffResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------ Markdown
def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("\n", " ")


def render_markdown(result: DiffResult) -> str:
    names = document_names(result)
    out = ["# Terminology diff", "", f"- {_md(_side_line('A', result.a))}",
           f"- {_md(_side_line('B', result.b))}", "", _md(_summary_line(result)), "",
           "| | concept | A uses | B uses | status |", "| --- | --- | --- | --- | --- |"]
    for c in result.concepts:
        a = "<br>".join(_md(_form(f)) for f in c.a) or "—"
        b = "<br>".join(_md(_form(f)) for f in c.b) or "—"
        status = STATUS_LABEL[c.status]
        out.append(f"| {MARK[c.status]} | {_md(c.term)} | {a} | {b} | "
                   f"{'**' + status + '**' if c.status == 'differ' else status} |")
    if result.unknown:
        out += ["", "## Terms no glossary knows", "", "| term | in A | in B |", "| --- | --- | --- |"]
        for u in result.unknown:
            out.append(f"| {_md(u.term)} | {_md(', '.join(names[p] for p in u.a)) or '—'} | "
                       f"{_md(', '.join(names[p] for p in u.b)) or '—'} |")
    if result.errors:
        out += ["", "## Unreadable inputs", ""] + [f"- `{_md(e.path)}`: {_md(e.message)}" for e in result.errors]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ HTML
def _html_forms(forms: tuple[FormUse, ...]) -> str:
    if not forms:
        return '<span class="empty">not used</span>'
    items = []
    for f in forms:
        tag = f' <span class="tag">{esc(f.kind)}</span>' if f.kind in ("deprecated", "near-miss") else ""
        items.append(f'<li data-form="{esc(f.text)}">{esc(f.text)} <b>×{f.count}</b>{tag}</li>')
    return f'<ul class="forms">{"".join(items)}</ul>'


def render_html(result: DiffResult) -> str:
    names = document_names(result)
    counts = result.summary()
    body = ["<h1>Terminology diff</h1>",
            f'<p class="meta">{esc(_side_line("A", result.a))}<br>{esc(_side_line("B", result.b))}</p>',
            '<div class="summary">']
    for s in STATUSES:
        body.append(f'<div class="card"><b>{counts[s]}</b>{esc(STATUS_LABEL[s])}</div>')
    body.append(f'<div class="card"><b>{counts["unknown"]}</b>unknown terms</div></div>')
    body.append('<div class="filters">'
                + checkboxes("status", "Show", [(s, counts[s]) for s in STATUSES])
                + f'<span class="count">showing <b id="shown">{len(result.concepts)}</b> of {len(result.concepts)}</span></div>')
    body.append('<table id="concepts"><thead><tr><th>Concept</th>'
                f'<th>A uses <span class="msg">{esc(result.a.label)}</span></th>'
                f'<th>B uses <span class="msg">{esc(result.b.label)}</span></th><th>Status</th></tr></thead><tbody>')
    for c in result.concepts:
        body.append(f'<tr class="filterable status-{c.status}" data-status="{c.status}" data-concept="{esc(c.concept)}">'
                    f"<td>{esc(c.term)}</td><td>{_html_forms(c.a)}</td><td>{_html_forms(c.b)}</td>"
                    f'<td><span class="tag">{esc(STATUS_LABEL[c.status])}</span></td></tr>')
    body.append("</tbody></table>")
    if result.unknown:
        body.append('<h2>Terms no glossary knows</h2><table id="unknown"><thead><tr><th>Term</th>'
                    "<th>In A</th><th>In B</th></tr></thead><tbody>")
        for u in result.unknown:
            body.append(f'<tr class="unknown" data-where="{u.status}"><td>{esc(u.term)}</td>'
                        f"<td>{esc(', '.join(names[p] for p in u.a)) or '—'}</td>"
                        f"<td>{esc(', '.join(names[p] for p in u.b)) or '—'}</td></tr>")
        body.append("</tbody></table>")
    body += error_list(result.errors)
    return page("Terminology diff", "\n".join(body), FILTER_JS)


def render(fmt: str, result: DiffResult, *, color: bool = False) -> str:
    if fmt == "terminal":
        return render_terminal(result, color=color)
    if fmt == "json":
        return render_json(result)
    if fmt == "markdown":
        return render_markdown(result)
    if fmt == "html":
        return render_html(result)
    raise ValueError(f"unknown diff format {fmt!r}")
