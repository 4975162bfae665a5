"""``--format html`` for scan and diff: structure, escaping, no network, and the page in a
real headless browser (Debian's chromium): findings and matrix render, the filters work,
and a screenshot is kept in tests/artifacts/."""
from __future__ import annotations

import html.parser
import re
import shutil
import struct
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from termcheck.cli import bundled_glossary, main
from termcheck.engine import scan
from termcheck.glossary import load_glossaries
from termcheck.reporters import FORMATS, render
from termcheck.usage import collect

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install -y chromium)")

HOSTILE = """\
The <script>alert("x")</script> Load Shaping System runs & stops.

Ask the Load Shaping System <img src=x onerror=alert(1)> team.
"""


class Elements(html.parser.HTMLParser):
    """Every start tag with its attributes, and the text inside <mark> elements."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.marks: list[str] = []
        self._in_mark = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_mark = tag == "mark" or self._in_mark
        if tag == "mark":
            self.marks.append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._in_mark:
            self.marks[-1] += data

    def having(self, tag: str, **attrs) -> list[dict]:
        """Tags whose attributes hold each given value (class-style: one of the words)."""
        return [a for t, a in self.tags if t == tag and all(
            v in (a.get(k) or "").split() for k, v in attrs.items())]


@pytest.fixture(scope="module")
def mhhs():
    return load_glossaries([bundled_glossary()])


@pytest.fixture(scope="module")
def corpora_report(mhhs):
    result = scan([CORPORA / "strategy", CORPORA / "timetable"], mhhs)
    usage = collect([d.path for d in result.documents], mhhs)
    return result, render("html", result, usage=usage)


def test_html_is_a_registered_scan_format():
    assert "html" in FORMATS


def test_findings_rows_and_marks(corpora_report):
    result, page = corpora_report
    doc = Elements(page)
    rows = doc.having("tr", **{"class": "finding"})
    assert len(rows) == len(result.findings) > 20
    assert Counter(r["data-rule"] for r in rows) == Counter(f.rule for f in result.findings)
    assert Counter(r["data-severity"] for r in rows) == Counter(f.severity.value for f in result.findings)
    # the marked text is the found term, in its sentence
    expected = [" ".join(f.context[f.span[0]:f.span[1]].split()) for f in result.findings if f.span]
    assert [" ".join(m.split()) for m in doc.marks] == expected
    assert "Load Shaping System" in doc.marks


def test_filters_cover_rules_and_severities(corpora_report):
    result, page = corpora_report
    doc = Elements(page)
    boxes = doc.having("input", type="checkbox")
    values = {(b["data-filter"], b["value"]) for b in boxes}
    assert {("rule", f.rule) for f in result.findings} <= values
    assert {("severity", f.severity.value) for f in result.findings} <= values
    assert {("doc", "test-approach.docx"), ("doc", "programme-update.md")} <= values


def test_usage_matrix(corpora_report):
    result, page = corpora_report
    doc = Elements(page)
    heads = doc.having("th", **{"class": "doc"})
    assert [h["title"] for h in heads] == [d.path for d in result.documents]
    cells = doc.having("td", **{"class": "h"})
    terms = doc.having("tr", **{"class": "term"})
    assert len(cells) == len(terms) * len(heads)
    # the timetable's "Load Shaping System" in the strategy document is counted and outlined
    m = re.search(r'<tr class="term" data-concept="lss"><td>Load Shaping System</td>.*?</tr>', page)
    assert m
    counts = re.findall(r'<td class="(h[^"]*)" data-count="(\d+)"', m.group(0))
    assert counts == [("h foreign", "1"), ("h", "2")]


def test_escapes_document_text(tmp_path, mhhs):
    doc = tmp_path / "hostile.txt"
    doc.write_text(HOSTILE, encoding="utf-8")
    result = scan([doc], mhhs, vocabulary="strategy")
    assert result.findings
    page = render("html", result, usage=collect([doc], mhhs))
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "runs &amp; stops" in page
    assert len(re.findall(r"<script>", page)) == 1  # only the report's own filter script


def test_self_contained(corpora_report):
    _, page = corpora_report
    doc = Elements(page)
    assert not doc.having("link") and not [a for t, a in doc.tags if "src" in a]
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)
    assert "url(" not in page and "@import" not in page
    csp = [a for t, a in doc.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_cli_scan_html(tmp_path):
    out = tmp_path / "report.html"
    code = main(["scan", str(CORPORA / "timetable"), "--format", "html", "--output", str(out),
                 "--fail-on", "never"])
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="matrix"' in page


def test_other_formats_unchanged_by_kwargs(corpora_report):
    result, _ = corpora_report
    assert render("json", result).startswith("{")  # no usage keyword needed or passed


# ------------------------------------------------------------------ a real browser
def chromium(tmp_path: Path, url: str, *args: str) -> str:
    profile = tmp_path / f"chromium-{len(list(tmp_path.glob('chromium-*')))}"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", *args, url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def report_file(corpora_report, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(corpora_report[1], encoding="utf-8")
    return path


def visible_rows(dom: str, cls: str) -> tuple[list[str], list[str]]:
    """(shown, hidden) rows with class ``cls`` in a dumped DOM, as their opening tags."""
    rows = re.findall(r'<tr class="filterable[^>]*>', dom)
    rows = [r for r in rows if cls in r]
    return [r for r in rows if " hidden" not in r], [r for r in rows if " hidden" in r]


@needs_chromium
def test_browser_renders_findings_and_matrix(report_file, corpora_report, tmp_path):
    result, _ = corpora_report
    dom = chromium(tmp_path, report_file.as_uri(), "--dump-dom")
    shown, hidden = visible_rows(dom, "finding")
    assert len(shown) == len(result.findings) and not hidden
    assert re.search(rf'<b id="shown">{len(result.findings)}</b>', dom)  # the script ran
    assert f'data-shown="{len(result.findings)}"' in dom
    assert len(re.findall(r'<td class="h[ "]', dom)) > 40
    assert "<mark>Load Shaping System</mark>" in dom


@needs_chromium
@pytest.mark.parametrize("hash_,keep", [
    ("severity=error", lambda f: f.severity.value == "error"),
    ("rule=near-miss,unknown-term", lambda f: f.rule in ("near-miss", "unknown-term")),
    ("severity=warning&doc=programme-update.md",
     lambda f: f.severity.value == "warning" and f.path.endswith("programme-update.md")),
])
def test_browser_filters_from_location_hash(report_file, corpora_report, tmp_path, hash_, keep):
    result, _ = corpora_report
    want = [f for f in result.findings if keep(f)]
    assert 0 < len(want) < len(result.findings)
    dom = chromium(tmp_path, report_file.as_uri() + "#" + hash_, "--dump-dom")
    shown, hidden = visible_rows(dom, "finding")
    assert len(shown) == len(want) and len(hidden) == len(result.findings) - len(want)
    assert Counter(re.search(r'data-rule="([^"]+)"', r).group(1) for r in shown) == Counter(f.rule for f in want)
    assert f'data-shown="{len(want)}"' in dom


@needs_chromium
def test_browser_screenshot_artefact(report_file, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "html-report.png"
    if shot.exists():
        shot.unlink()
    chromium(tmp_path, report_file.as_uri(), f"--screenshot={shot}", "--window-size=1280,900",
             "--hide-scrollbars")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 900)
    assert len(data) > 20_000  # a rendered page, not a blank one


@needs_chromium
def test_browser_diff_page(tmp_path):
    out = tmp_path / "diff.html"
    assert main(["diff", str(CORPORA / "timetable"), str(CORPORA / "strategy"), "-f", "html",
                 "-o", str(out)]) == 0
    dom = chromium(tmp_path, out.as_uri() + "#status=differ", "--dump-dom")
    shown, hidden = visible_rows(dom, "status-")
    assert shown and hidden
    assert all('data-status="differ"' in r for r in shown)
    assert not any('data-status="differ"' in r for r in hidden)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chromium(tmp_path, out.as_uri(), f"--screenshot={ARTIFACTS / 'diff-report.png'}", "--window-size=1280,900")
    assert (ARTIFACTS / "diff-report.png").stat().st_size > 20_000
