"""``--format html``: one self-contained page for reviewers.

The findings table shows each finding's sentence with the term marked, filters by rule,
severity and document (checkboxes; the state also lives in the URL's ``#`` so a link can
open the report filtered, e.g. ``report.html#severity=error``), and, when the scan
command passes ``usage`` (a :class:`termcheck.usage.Usage`), a term x document usage
matrix shaded as a heat map.
"""
from __future__ import annotations

from collections import Counter

from ..glossary import ALL
from ..model import Severity
from ..usage import Usage, short_names
from . import payload
from .htmlkit import FILTER_JS, checkboxes, error_list, esc, heat_style, highlight, page

SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: -s.rank)]


def _suggestion(value) -> str:
    if value is None:
        return ""
    items = value if isinstance(value, list) else [value]
    return " / ".join(f'<span class="fix">{esc(s)}</span>' for s in items)


def _findings(result, names: dict[str, str]) -> list[str]:
    findings = result.findings
    rules = Counter(f.rule for f in findings)
    sevs = Counter(f.severity.value for f in findings)
    docs = Counter(f.path for f in findings)
    out = ["<h2>Findings</h2>", '<div class="filters">',
           checkboxes("severity", "Severity", [(s, sevs[s]) for s in SEVERITIES if sevs[s]]),
           checkboxes("rule", "Rule", sorted(rules.items()))]
    if len(docs) > 1:
        out.append(checkboxes("doc", "Document", [(names[p], n) for p, n in docs.items()]))
    out.append(f'<span class="count">showing <b id="shown">{len(findings)}</b> of {len(findings)}</span></div>')
    if not findings:
        out.append('<p class="empty">No findings.</p>')
        return out
    out.append('<table id="findings"><thead><tr><th>Document</th><th>Where</th><th>Severity</th>'
               "<th>Rule</th><th>Text</th><th>Found → suggestion</th></tr></thead><tbody>")
    for f in findings:
        sev = f.severity.value
        msg = f'<div class="msg">{esc(f.message)}</div>' if f.message else ""
        out.append(
            f'<tr class="filterable finding" data-rule="{esc(f.rule)}" data-severity="{sev}" '
            f'data-doc="{esc(names[f.path])}">'
            f'<td title="{esc(f.path)}">{esc(names[f.path])}</td><td>{esc(f.location.describe())}</td>'
            f'<td class="sev sev-{sev}">{sev}</td><td class="rule">{esc(f.rule)}</td>'
            f'<td class="ctx">{highlight(f.context, f.span)}</td>'
            f'<td><span class="{"found" if f.suggestion else "term"}">{esc(f.found)}</span> '
            f'{_suggestion(f.suggestion)}{msg}</td></tr>')
    out.append("</tbody></table>")
    return out


def _matrix(usage: Usage, names: dict[str, str], vocab_of: dict[str, str | None]) -> list[str]:
    """Rows: (concept, form text); columns: documents. A cell where a document uses a term
    that is not of its own vocabulary is outlined."""
    docs = list(usage.documents)
    rows: dict[tuple[str, str], dict] = {}
    for path, counts in usage.documents.items():
        for form, n in counts.items():
            row = rows.setdefault((form.concept, form.text), {"vocab": set(), "counts": {}})
            row["vocab"].add(form.vocabulary)
            row["counts"][path] = max(row["counts"].get(path, 0), n)
    if not rows:
        return ["<h2>Term usage</h2>", '<p class="empty">No glossary term is used in these documents.</p>']
    concept_total = Counter()
    for (concept, _), row in rows.items():
        concept_total[concept] += sum(row["counts"].values())
    order = sorted(rows, key=lambda k: (-concept_total[k[0]], k[0], -sum(rows[k]["counts"].values()), k[1]))
    top = max(n for row in rows.values() for n in row["counts"].values())
    out = ["<h2>Term usage</h2>",
           '<p class="meta">How often each glossary term occurs in each document; darker is more. '
           'An outlined cell is a term of another vocabulary than the document\'s.</p>',
           '<table id="matrix" class="heat"><thead><tr><th>Term</th><th>Concept</th><th>Vocabulary</th>']
    out += [f'<th class="doc" title="{esc(p)}">{esc(names[p])}</th>' for p in docs]
    out.append('<th class="num">Total</th></tr></thead><tbody>')
    for concept, text in order:
        row = rows[(concept, text)]
        cells = []
        for p in docs:
            n = row["counts"].get(p, 0)
            own = vocab_of.get(p)
            foreign = n and own and not row["vocab"] & {own, ALL}
            cls, tip = ("h foreign", f' title="not a {esc(own)} term"') if foreign else ("h", "")
            cells.append(f'<td class="{cls}" data-count="{n}"{tip}{heat_style(n, top)}>{n or ""}</td>')
        cells = "".join(cells)
        out.append(f'<tr class="term" data-concept="{esc(concept)}"><td>{esc(text)}</td>'
                   f'<td class="rule">{esc(concept)}</td><td>{esc(", ".join(sorted(row["vocab"])))}</td>'
                   f'{cells}<td class="num">{sum(row["counts"].values())}</td></tr>')
    out.append("</tbody></table>")
    return out


def render(result, *, color: bool = False, usage: Usage | None = None, **_) -> str:
    data = payload(result)
    paths = [d.path for d in result.documents]
    if usage is not None:
        paths += [p for p in usage.documents if p not in paths]
    names = short_names(paths)
    summary = data["summary"]
    sevs = Counter(f.severity.value for f in result.findings)
    body = ["<h1>termcheck report</h1>",
            f'<p class="meta">{summary["findings"]} findings in {summary["files"]} documents'
            f'{", " + str(len(result.errors)) + " unreadable" if result.errors else ""}.</p>',
            '<div class="summary">']
    body += [f'<div class="card"><b>{sevs[s]}</b><span class="sev sev-{s}">{s}</span></div>' for s in SEVERITIES]
    body.append(f'<div class="card"><b>{summary["files"]}</b>documents</div></div>')
    body += _findings(result, names)
    body.append('<h2>Documents</h2><table id="documents"><thead><tr><th>Document</th><th>Vocabulary</th>'
                '<th>Why</th><th class="num">Words</th><th class="num">Findings</th></tr></thead><tbody>')
    for d in result.documents:
        body.append(f'<tr><td title="{esc(d.path)}">{esc(d.path)}</td><td>{esc(d.vocabulary or "none")}</td>'
                    f'<td class="msg">{esc(d.vocabulary_reason)}</td><td class="num">{d.words:,}</td>'
                    f'<td class="num">{len(d.findings)}</td></tr>')
    body.append("</tbody></table>")
    body += error_list(result.errors)
    if usage is not None:
        body += _matrix(usage, names, {d.path: d.vocabulary for d in result.documents})
    return page("termcheck report", "\n".join(body), FILTER_JS)
