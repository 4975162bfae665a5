"""Machine formats: SARIF 2.1.0 (validated with jsonschema against the OASIS schema),
JUnit XML (validated with lxml against junit-10.xsd), GitHub workflow commands,
Markdown, JSON; all built from the one serialisation."""
from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from termcheck.cli import ExitCode, main
from termcheck.engine import DocumentResult, ScanResult
from termcheck.model import Finding, InputError, Location, Severity
from termcheck.reporters import FORMATS, render
from termcheck.rules import RULE_IDS

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).parent / "schemas"
CORPORA = ROOT / "corpora"


def sarif_errors(doc: dict) -> list[str]:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def junit_schema():
    lxml = pytest.importorskip("lxml.etree")
    return lxml.XMLSchema(lxml.parse(str(SCHEMAS / "junit-10.xsd")))


def scan_out(capsys, *argv) -> tuple[int, str, str]:
    code = main(["scan", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def corpus_paths():
    docs = sorted(str(p.relative_to(ROOT)) for p in CORPORA.rglob("*")
                  if p.suffix in (".md", ".docx") and "src" not in p.parts and p.name != "README.md")
    if not docs:
        pytest.skip("corpora/ has no documents")
    return docs


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def synthetic() -> ScanResult:
    """A result with awkward text: commas, colons, pipes, newlines, percent signs, markup."""
    text_find = Finding(rule="deprecated-term", severity=Severity.ERROR, path="docs/a, b: c%.md",
                        location=Location(line=3, column=7), found="Tranche | <b>*x*</b>",
                        suggestion=["Wave", "Phase"], concept="wave", vocabulary="beta",
                        message="'Tranche' is deprecated,\nuse: Wave (100%)", context="In Tranche 2 we go.")
    word_find = Finding(rule="unknown-term", severity=Severity.INFO, path="docs/plan.docx",
                        location=Location(part="table", paragraph=41, heading="4.2 Test stages"),
                        found="Release Board", message="", context="The Release Board meets.")
    return ScanResult(
        documents=[DocumentResult("docs/a, b: c%.md", "beta", "given", 10, [text_find]),
                   DocumentResult("docs/plan.docx", "alpha", "detected", 20, [word_find]),
                   DocumentResult("docs/clean.md", "alpha", "detected", 5, [])],
        errors=[InputError("docs/broken.docx", "not a Word document: bad zip")])


def test_every_format_is_registered():
    assert {"json", "sarif", "junit", "github", "markdown"} <= set(FORMATS)


# --------------------------------------------------------------------------- SARIF
def test_sarif_of_the_corpora_is_valid(capsys, at_root, corpus_paths, tmp_path):
    out = tmp_path / "corpora.sarif"
    code, _, err = scan_out(capsys, *corpus_paths, "--format", "sarif", "--output", str(out))
    assert code in (ExitCode.OK, ExitCode.FINDINGS), err
    log = json.loads(out.read_text())
    assert sarif_errors(log) == []
    code, js, _ = scan_out(capsys, *corpus_paths, "--format", "json")
    findings = json.loads(js)["findings"]
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(RULE_IDS)
    assert all(r["fullDescription"]["text"] and r["shortDescription"]["text"] for r in run["tool"]["driver"]["rules"])
    assert len(run["results"]) == len(findings) > 0
    level = {"error": "error", "warning": "warning", "info": "note"}
    for result, f in zip(run["results"], findings):
        assert result["ruleId"] == f["rule"] and result["level"] == level[f["severity"]]
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == f["rule"]
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == f["path"]
        if "line" in f["location"]:
            assert loc["region"] == {"startLine": f["location"]["line"], "startColumn": f["location"]["column"]}
        else:
            assert "region" not in loc and result["locations"][0]["logicalLocations"]
        assert result["properties"]["found"] == f["found"]
    prints = [next(iter(r["partialFingerprints"].values())) for r in run["results"]]
    assert len(set(prints)) == len(prints)
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_with_errors_and_awkward_paths_is_valid(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = json.loads(render("sarif", synthetic()))
    assert sarif_errors(log) == []
    run = log["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "docs/a%2C%20b%3A%20c%25.md"
    assert "table ¶41 (4.2 Test stages)" in run["results"][1]["message"]["text"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "docs/broken.docx" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    empty = json.loads(render("sarif", ScanResult()))
    assert sarif_errors(empty) == [] and empty["runs"][0]["results"] == []


def test_sarif_fingerprints_survive_edits_elsewhere(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "a.md"
    doc.write_text("Each Tranche is reviewed.\n")
    argv = ("a.md", "--no-config", "--format", "sarif", "--select", "deprecated-term")
    before = json.loads(scan_out(capsys, *argv)[1])["runs"][0]["results"][0]
    doc.write_text("# Title\n\nA new paragraph.\n\nEach Tranche is reviewed.\n")
    after = json.loads(scan_out(capsys, *argv)[1])["runs"][0]["results"][0]
    assert before["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert before["partialFingerprints"] == after["partialFingerprints"]


def test_sarif_schema_catches_a_broken_log():
    """The validation is real: a log missing what SARIF requires fails it."""
    log = json.loads(render("sarif", synthetic()))
    del log["runs"][0]["tool"]["driver"]["name"]
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert len(sarif_errors(log)) >= 2


# --------------------------------------------------------------------------- JUnit
def test_junit_is_valid_with_one_test_case_per_file(capsys, at_root, corpus_paths, tmp_path):
    schema = junit_schema()
    from lxml import etree

    code, out, _ = scan_out(capsys, *corpus_paths, "--format", "junit")
    assert schema.validate(etree.fromstring(out.encode())), schema.error_log
    root = ET.fromstring(out)
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == corpus_paths
    js = json.loads(scan_out(capsys, *corpus_paths, "--format", "json")[1])
    assert sum(len(c.findall("failure")) for c in cases) == len(js["findings"])
    suite = root.find("testsuite")
    assert suite.get("tests") == str(len(corpus_paths))
    assert suite.get("failures") == str(sum(1 for c in cases if c.find("failure") is not None))

    synthetic_xml = render("junit", synthetic())
    assert schema.validate(etree.fromstring(synthetic_xml.encode())), schema.error_log
    root = ET.fromstring(synthetic_xml)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"docs/a, b: c%.md", "docs/plan.docx", "docs/clean.md", "docs/broken.docx"}
    assert cases["docs/clean.md"].find("failure") is None
    assert cases["docs/broken.docx"].find("error").get("message") == "not a Word document: bad zip"
    fail = cases["docs/a, b: c%.md"].find("failure")
    assert fail.get("type") == "error" and "deprecated-term" in fail.get("message")
    assert "suggestion: Wave | Phase" in fail.text
    assert root.find("testsuite").get("errors") == "1"


def test_junit_schema_catches_a_broken_report():
    schema = junit_schema()
    from lxml import etree

    bad = etree.fromstring(b'<testsuites><testsuite name="x"><testcase/></testsuite></testsuites>')
    assert not schema.validate(bad)


# --------------------------------------------------------------------------- GitHub
def test_github_annotations(capsys):
    out = render("github", synthetic()).splitlines()
    assert out[0] == ("::error file=docs/a%2C b%3A c%25.md,line=3,col=7,title=termcheck deprecated-term::"
                      "'Tranche' is deprecated,%0Ause: Wave (100%25) (suggestion: Wave or Phase)")
    assert out[1] == ("::notice file=docs/plan.docx,title=termcheck unknown-term::"
                      "'Release Board' [table ¶41 (4.2 Test stages)]")
    assert out[2] == "::error file=docs/broken.docx,title=termcheck%3A cannot read::not a Word document: bad zip"
    assert out[3].startswith("termcheck: 2 finding(s) in 3 file(s)")
    pattern = re.compile(r"^::(error|warning|notice) (file=[^,:]+)(,line=\d+)?(,col=\d+)?,title=[^,:]+::[^\n\r]*$")
    assert all(pattern.match(line) for line in out[:3])


def test_github_annotations_of_a_real_scan(capsys, at_root, corpus_paths):
    code, out, _ = scan_out(capsys, *corpus_paths, "--format", "github")
    js = json.loads(scan_out(capsys, *corpus_paths, "--format", "json")[1])
    lines = [line for line in out.splitlines() if line.startswith("::")]
    assert len(lines) == len(js["findings"])
    md = [f for f in js["findings"] if "line" in f["location"]]
    assert any(f",line={f['location']['line']},col={f['location']['column']}," in "\n".join(lines) for f in md)


# --------------------------------------------------------------------------- Markdown
def test_markdown_summary(capsys):
    out = render("markdown", synthetic())
    assert out.startswith("## termcheck: 2 findings in 2 of 3 documents\n")
    assert "| `deprecated-term` | error | 1 |" in out and "| `unknown-term` | info | 1 |" in out
    assert "<details><summary><code>docs/a, b: c%.md</code>: 1 finding (vocabulary: beta)</summary>" in out
    assert r"| 3:7 | error | `deprecated-term` | Tranche \| \<b\>\*x\*\</b\> | Wave / Phase |" in out
    assert "| table ¶41 (4.2 Test stages) | info | `unknown-term` | Release Board |  |" in out
    assert "**Could not read:**" in out and "<code>docs/broken.docx</code>: not a Word document: bad zip" in out
    # every table row has the same number of cells as its header
    for line in out.splitlines():
        if line.startswith("| ") and "where" not in line and "rule |" not in line:
            assert len(re.split(r"(?<!\\)\|", line)) in (5, 7), line
    assert render("markdown", ScanResult()).startswith("## termcheck: no findings in 0 documents")


def test_markdown_is_cut_for_long_reports(monkeypatch):
    from termcheck.reporters import markdown

    monkeypatch.setattr(markdown, "MAX_ROWS", 3)
    f = synthetic().documents[0].findings[0]
    result = ScanResult(documents=[DocumentResult("a.md", "beta", "", 1, [f] * 4),
                                   DocumentResult("b.md", "beta", "", 1, [f] * 2)])
    out = markdown.render(result)
    assert out.count("| 3:7 |") == 3 and "… and 3 more findings not shown here" in out


# --------------------------------------------------------------------------- JSON and agreement
def test_json_as_specified(capsys, at_root, corpus_paths):
    code, out, _ = scan_out(capsys, *corpus_paths, "--format", "json")
    data = json.loads(out)
    assert {"termcheck", "findings", "errors", "summary"} <= set(data)
    for f in data["findings"]:
        assert set(f) == {"rule", "severity", "path", "location", "found", "suggestion", "concept",
                          "vocabulary", "message", "context"}
    assert data["summary"]["findings"] == len(data["findings"])


def test_formats_agree_on_the_findings(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("The Tranche and the Load Shaping System.\n\nPre Integration Testing.\n")
    base = ("a.md", "--no-config", "--vocabulary", "strategy", "--fail-on", "never")
    n = len(json.loads(scan_out(capsys, *base, "--format", "json")[1])["findings"])
    assert n >= 2
    assert len(json.loads(scan_out(capsys, *base, "--format", "sarif")[1])["runs"][0]["results"]) == n
    assert len(ET.fromstring(scan_out(capsys, *base, "--format", "junit")[1]).findall(".//failure")) == n
    assert sum(1 for line in scan_out(capsys, *base, "--format", "github")[1].splitlines()
               if line.startswith("::")) == n
    assert f"## termcheck: {n} findings" in scan_out(capsys, *base, "--format", "markdown")[1]


def test_output_file_for_machine_formats(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("The Tranche.\n")
    code, out, _ = scan_out(capsys, "a.md", "--no-config", "--format", "sarif", "-o", "r.sarif")
    assert out == "" and code == ExitCode.FINDINGS
    assert sarif_errors(json.loads((tmp_path / "r.sarif").read_text())) == []


def test_a_mixed_vocabulary_document_in_sarif_and_json(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("mixed.md").write_text("The Load Shaping System (LSS) feeds Systems Integration Testing.\n")
    code, out, _ = scan_out(capsys, "mixed.md", "--no-config", "-f", "sarif", "--fail-on", "warning")
    log = json.loads(out)
    assert code == 1 and sarif_errors(log) == []
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    [result] = [r for r in run["results"] if r["ruleId"] == "mixed-vocabulary"]
    assert result["level"] == "warning" and rules[result["ruleIndex"]] == "mixed-vocabulary"
    assert "timetable: 'Load Shaping System' x1 at 1:5" in result["message"]["text"]
    _, out, _ = scan_out(capsys, "mixed.md", "--no-config", "-f", "json")
    doc = json.loads(out)
    assert doc["documents"][0]["vocabulary"] is None
    assert [f["rule"] for f in doc["findings"]].count("mixed-vocabulary") == 1
    # a configured default speaks instead
    _, out, _ = scan_out(capsys, "mixed.md", "--no-config", "-f", "json", "--default-vocabulary", "strategy")
    doc = json.loads(out)
    assert doc["documents"][0]["vocabulary"] == "strategy"
    assert [(f["rule"], f["found"]) for f in doc["findings"]] == [("vocabulary-mismatch", "Load Shaping System")]
