"""Shared pieces of termcheck's HTML outputs: one self-contained page (inline CSS and
JavaScript, a Content-Security-Policy that forbids every network fetch) and escaping.

Every piece of document or glossary text goes through :func:`esc`.
"""
from __future__ import annotations

import html

from .. import __version__

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --fg:#1d2330; --muted:#5b6475; --line:#d8dce4; --bg:#fff; --head:#f3f5f9;
  --error:#b3261e; --warning:#9a6100; --info:#1d5fa8; --mark:#ffe08a; --heat:31,111,235; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
  color: var(--fg); background: var(--bg); margin: 0 auto; padding: 20px 28px; max-width: 1400px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 26px 0 8px; }
.meta { color: var(--muted); margin: 0 0 14px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; z-index: 1; }
tr.group th { background: #e6ebf3; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 11px; letter-spacing: .04em; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
.rule { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
mark { background: var(--mark); padding: 0 2px; border-radius: 2px; }
.ctx { max-width: 560px; }
.found { color: var(--error); text-decoration: line-through; }
.term { font-weight: 600; }
.fix { color: #1b7a35; font-weight: 600; }
.msg, .note { color: var(--muted); font-size: 12px; }
.filters { display: flex; flex-wrap: wrap; gap: 10px 22px; align-items: center; padding: 10px 12px;
  background: var(--head); border: 1px solid var(--line); border-radius: 6px; margin: 8px 0 12px; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 10px; flex-wrap: wrap; }
.filters legend { font-weight: 600; padding: 0 8px 0 0; float: left; }
.filters label { white-space: nowrap; }
.count { color: var(--muted); }
.summary { display: flex; gap: 12px; flex-wrap: wrap; margin: 6px 0 4px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 110px; }
.card b { display: block; font-size: 20px; }
table.heat { width: auto; }
.heat td.h { text-align: center; font-variant-numeric: tabular-nums; min-width: 46px; }
.heat td.foreign { outline: 2px solid var(--error); outline-offset: -3px; }
.heat th.doc { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
  font-weight: 500; max-height: 220px; }
.status-differ td:first-child { border-left: 4px solid var(--error); }
.status-only-a td:first-child, .status-only-b td:first-child { border-left: 4px solid var(--warning); }
.status-same td:first-child { border-left: 4px solid #7fb58c; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 9px; background: var(--head);
  border: 1px solid var(--line); }
ul.forms { margin: 0; padding-left: 16px; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
"""


def esc(text: object) -> str:
    """``text`` escaped for HTML element content and attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


def highlight(context: str, span: tuple[int, int] | None) -> str:
    """The context escaped, with the span marked."""
    if not span or not (0 <= span[0] <= span[1] <= len(context)):
        return esc(context)
    s, e = span
    return f"{esc(context[:s])}<mark>{esc(context[s:e])}</mark>{esc(context[e:])}"


def heat_style(count: int, top: int) -> str:
    """A background whose strength grows with ``count`` (0 is blank); a square-root
    scale, so that one very frequent term does not wash out the others."""
    if count <= 0 or top <= 0:
        return ""
    alpha = 0.12 + 0.78 * (count / top) ** 0.5
    color = "#fff" if alpha > 0.55 else "inherit"
    return f' style="background: rgba(var(--heat),{alpha:.2f}); color: {color}"'


def page(title: str, body: str, script: str = "") -> str:
    js = f"<script>\n{script}\n</script>\n" if script else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"termcheck {esc(__version__)}\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        f"<footer>Made by termcheck {esc(__version__)}. This file is self-contained and loads nothing from the network.</footer>\n"
        f"{js}</body>\n</html>\n"
    )


# The filter script shared by the scan and diff reports. Rows with class ``filterable``
# carry ``data-<key>`` attributes; each ``<input type=checkbox data-filter=KEY value=V>``
# keeps rows whose KEY is checked. The state lives in ``location.hash``
# (``#rule=near-miss,unknown-term&severity=error``) so that a link can open the report
# with a filter applied.
FILTER_JS = r"""
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.filterable'));
  var shown = document.getElementById('shown');
  function keys() { var k = {}; boxes.forEach(function (b) { k[b.dataset.filter] = 1; }); return Object.keys(k); }
  function apply() {
    var on = {};
    keys().forEach(function (k) { on[k] = {}; });
    boxes.forEach(function (b) { if (b.checked) on[b.dataset.filter][b.value] = 1; });
    var n = 0;
    rows.forEach(function (r) {
      var ok = keys().every(function (k) { var v = r.getAttribute('data-' + k); return v === null || on[k][v]; });
      r.hidden = !ok; if (ok) n++;
    });
    if (shown) shown.textContent = String(n);
    document.body.setAttribute('data-shown', String(n));
  }
  function toHash() {
    var parts = [];
    keys().forEach(function (k) {
      var all = boxes.filter(function (b) { return b.dataset.filter === k; });
      var on = all.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (on.length !== all.length) parts.push(k + '=' + on.map(encodeURIComponent).join(','));
    });
    var h = parts.length ? '#' + parts.join('&') : ' ';
    if (history.replaceState) history.replaceState(null, '', h === ' ' ? location.pathname + location.search : h);
  }
  function fromHash() {
    var h = decodeURIComponent(location.hash.replace(/^#/, ''));
    var want = {};
    h.split('&').forEach(function (p) {
      var i = p.indexOf('='); if (i < 1) return;
      want[p.slice(0, i)] = p.slice(i + 1).split(',');
    });
    boxes.forEach(function (b) { var w = want[b.dataset.filter]; b.checked = !w || w.indexOf(b.value) >= 0; });
  }
  boxes.forEach(function (b) { b.addEventListener('change', function () { apply(); toHash(); }); });
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  fromHash(); apply();
})();
"""


def checkboxes(key: str, legend: str, values: list[tuple[str, int]]) -> str:
    """A fieldset of checked boxes, one per ``(value, count)``."""
    items = "".join(
        f'<label><input type="checkbox" data-filter="{esc(key)}" value="{esc(v)}" checked> '
        f'{esc(v)} <span class="count">({n})</span></label>' for v, n in values)
    return f'<fieldset><legend>{esc(legend)}</legend>{items}</fieldset>'


def error_list(errors, element_id: str = "errors") -> list[str]:
    """The "Unreadable inputs" section of a report (nothing when every input was read)."""
    if not errors:
        return []
    items = "".join(f"<li>{esc(e.path)}: {esc(e.message)}</li>" for e in errors)
    return [f'<h2>Unreadable inputs</h2><ul id="{element_id}">{items}</ul>']
