"""The command line end to end: exit codes, JSON shape, bad input, --output."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from termcheck.cli import ExitCode, main

ROOT = Path(__file__).resolve().parents[1]

STRATEGY_TEXT = """Systems Integration Testing (SIT) proves the design after Pre-Integration Testing.

The Load Shaping System joins in Tranche 2.
"""


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    p = tmp_path / "strategy.md"
    p.write_text(STRATEGY_TEXT, encoding="utf-8")
    return p


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_output_follows_the_spec(capsys, doc):
    code, out, err = run(capsys, "scan", doc, "--vocabulary", "strategy", "--format", "json")
    assert code == ExitCode.FINDINGS
    data = json.loads(out)
    assert set(data) >= {"termcheck", "findings", "errors", "summary"}
    rules = {(f["rule"], f["found"]) for f in data["findings"]}
    assert ("vocabulary-mismatch", "Load Shaping System") in rules
    assert ("deprecated-term", "Tranche") in rules
    f = next(f for f in data["findings"] if f["rule"] == "vocabulary-mismatch")
    assert f["location"] == {"line": 3, "column": 5}
    assert f["suggestion"] == "Load Shaping Service" and f["concept"] == "lss" and f["vocabulary"] == "strategy"
    assert f["context"] == "The Load Shaping System joins in Tranche 2."
    assert set(f) == {"rule", "severity", "path", "location", "found", "suggestion", "concept",
                      "vocabulary", "message", "context"}
    assert data["summary"] == {"files": 1, "findings": 2,
                               "by_rule": {"deprecated-term": 1, "vocabulary-mismatch": 1}}
    assert data["errors"] == []


def test_fail_on_levels(capsys, tmp_path):
    p = tmp_path / "a.md"
    p.write_text("The Minimum Viable Cohort met. The Minimal Viable Cohort met. The Minimum Viable Cohort left.\n")
    assert run(capsys, "scan", p, "-V", "strategy")[0] == ExitCode.OK  # warnings only
    assert run(capsys, "scan", p, "-V", "strategy", "--fail-on", "warning")[0] == ExitCode.FINDINGS
    assert run(capsys, "scan", p, "-V", "strategy", "--fail-on", "never")[0] == ExitCode.OK


def test_bad_inputs_are_reported_and_the_rest_scanned(capsys, tmp_path, doc):
    fake = tmp_path / "fake.docx"
    fake.write_text("just text, renamed")
    empty = tmp_path / "empty.md"
    empty.write_text("")
    odd = tmp_path / "notes.wpd"
    odd.write_text("WordPerfect")
    folder = tmp_path / "emptydir"
    folder.mkdir()
    code, out, err = run(capsys, "scan", tmp_path / "missing.md", fake, empty, odd, folder, doc,
                         "-V", "strategy", "--format", "json")
    assert code == ExitCode.UNREADABLE
    data = json.loads(out)
    assert data["summary"]["files"] == 1 and data["findings"]
    messages = {Path(e["path"]).name: e["message"] for e in data["errors"]}
    assert messages["missing.md"] == "no such file"
    assert messages["fake.docx"].startswith("not a Word document")
    assert messages["empty.md"] == "empty file"
    assert "unsupported file type '.wpd'" in messages["notes.wpd"]
    assert "no documents to scan" in messages["emptydir"]
    lines = err.strip().splitlines()
    assert len(lines) == 5 and all(line.startswith("termcheck: ") for line in lines)
    assert "Traceback" not in err


def test_glossary_error_exits_2_before_scanning(capsys, tmp_path, doc):
    bad = tmp_path / "g.yaml"
    bad.write_text("format: termcheck-glossary/1\nvocabularies: {a: {title: A}}\nconcepts:\n  - id: x\n    b: {preferred: X}\n")
    code, out, err = run(capsys, "scan", doc, "--glossary", bad)
    assert code == ExitCode.USAGE and out == ""
    assert f"{bad}:5:5: unknown key or undefined vocabulary 'b'" in err


def test_usage_errors_exit_2(capsys, doc):
    assert run(capsys, "scan", doc, "--vocabulary", "nonsense")[0] == ExitCode.USAGE
    assert run(capsys, "scan", doc, "--select", "no-such-rule")[0] == ExitCode.USAGE
    for argv in (["scan"], ["scan", str(doc), "--bogus"], ["scan", str(doc), "--fail-on", "sometimes"]):
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse's own usage errors
            code = stop.code
        assert code == ExitCode.USAGE, argv


def test_output_file_written_whole(capsys, tmp_path, doc):
    target = tmp_path / "report.json"
    target.write_text("old")
    code, out, _ = run(capsys, "scan", doc, "-V", "strategy", "-f", "json", "-o", target)
    assert out == "" and json.loads(target.read_text())["summary"]["findings"] == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_originals_are_never_modified(capsys, doc):
    before = doc.read_bytes(), doc.stat().st_mtime_ns
    run(capsys, "scan", doc, "-V", "strategy")
    assert (doc.read_bytes(), doc.stat().st_mtime_ns) == before


def test_terminal_report_shows_diff_pair_and_summary(capsys, doc):
    code, out, _ = run(capsys, "scan", doc, "--color", "never")
    assert "vocabulary: strategy (detected from vocabulary-specific terms" in out
    assert "- Load Shaping System" in out and "+ Load Shaping Service" in out
    assert "The [Load Shaping System] joins in Tranche 2." in out
    assert "3:5" in out and "vocabulary-mismatch" in out
    assert "2 findings in 1 files" in out


def test_select_and_ignore(capsys, doc):
    _, out, _ = run(capsys, "scan", doc, "-V", "strategy", "-f", "json", "--select", "deprecated-term")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"deprecated-term"}
    _, out, _ = run(capsys, "scan", doc, "-V", "strategy", "-f", "json", "--ignore", "deprecated-term")
    assert "deprecated-term" not in {f["rule"] for f in json.loads(out)["findings"]}


def test_python_dash_m_and_console_script(doc):
    proc = subprocess.run([sys.executable, "-m", "termcheck", "scan", str(doc), "-V", "strategy", "-f", "json"],
                          capture_output=True, text=True)
    assert proc.returncode == ExitCode.FINDINGS, proc.stderr
    assert json.loads(proc.stdout)["summary"]["findings"] == 2


def test_rules_command_lists_every_rule(capsys):
    from termcheck.rules import RULE_IDS

    code, out, _ = run(capsys, "rules")
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert code == 0 and [h.split()[0] for h in heads] == list(RULE_IDS)
    assert "acronym-conflict  (warning)" in heads
    # each rule's description follows it, from the rule module's docstring
    assert "one slip away" in out or "slip away from one" in out
    assert "defines one acronym two different ways" in " ".join(out.split())
