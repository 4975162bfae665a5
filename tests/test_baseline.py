"""Baselines: --write-baseline records today's findings, --baseline reports only new ones;
fingerprints survive edits elsewhere in a document; bad baselines exit 2."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from termcheck import __version__
from termcheck.cli import ExitCode, main

from helpers import ALPHA_BETA_GLOSSARY as GLOSSARY  # noqa: E402

DOC = """\
# Plan

The Load Shaping System starts in Tranche 2.

Testing runs for six weeks.

Each Tranche is reviewed twice.

Each Tranche is reviewed twice.
"""

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.yaml").write_text(GLOSSARY)
    (tmp_path / "termcheck.yaml").write_text("glossaries: [g.yaml]\nvocabulary: beta\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plan.md").write_text(DOC)
    return tmp_path


def scan(capsys, *argv):
    code = main(["scan", *argv, "--format", "json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def found(data) -> list[tuple[str, str, int]]:
    return [(f["rule"], f["found"], f["location"]["line"]) for f in data["findings"]]


def test_write_then_report_only_new_findings(work, capsys):
    code, data, _ = scan(capsys, "docs")
    assert code == ExitCode.FINDINGS and len(data["findings"]) == 4
    code, data, err = scan(capsys, "docs", "--write-baseline", "baseline.json")
    assert code == ExitCode.OK and data is None  # writing a baseline prints no report
    assert "wrote 4 finding fingerprint(s) to baseline.json" in err
    saved = json.loads((work / "baseline.json").read_text())
    assert saved["termcheck_baseline"] == 1 and saved["version"] == __version__
    assert len(saved["fingerprints"]) == 4 and all(isinstance(p, str) for p in saved["fingerprints"])

    code, data, err = scan(capsys, "docs", "--baseline", "baseline.json")
    assert code == ExitCode.OK and data["findings"] == [] and "4 finding(s) recorded in baseline.json" in err

    # edits elsewhere: new paragraphs above, a changed unrelated sentence; lines all move
    (work / "docs" / "plan.md").write_text(
        "# Plan\n\nAn introduction.\n\nAnother paragraph\nover two lines.\n\n"
        + DOC.split("\n", 2)[2].replace("six weeks", "eight weeks")
        + "\nA new Tranche appears here.\n\nEach Tranche is reviewed twice.\n")
    code, data, _ = scan(capsys, "docs", "--baseline", "baseline.json")
    assert found(data) == [("deprecated-term", "Tranche", 16), ("deprecated-term", "Tranche", 18)]
    assert code == ExitCode.FINDINGS
    # editing the sentence that holds a finding makes that finding new
    text = (work / "docs" / "plan.md").read_text().replace("starts in Tranche 2", "starts in Tranche 3")
    (work / "docs" / "plan.md").write_text(text)
    code, data, _ = scan(capsys, "docs", "--baseline", "baseline.json")
    assert ("vocabulary-mismatch", "Load Shaping System", 8) in found(data)


def test_fingerprints_do_not_depend_on_the_working_directory(work, capsys, monkeypatch):
    assert scan(capsys, "docs", "--write-baseline", "baseline.json")[0] == ExitCode.OK
    monkeypatch.chdir(work / "docs")
    code, data, _ = scan(capsys, "plan.md", "--baseline", "../baseline.json")
    assert code == ExitCode.OK and data["findings"] == []
    # an absolute path to the same document matches too
    code, data, _ = scan(capsys, str(work / "docs" / "plan.md"), "--baseline", str(work / "baseline.json"))
    assert code == ExitCode.OK and data["findings"] == []


def test_a_moved_document_is_new(work, capsys):
    assert scan(capsys, "docs", "--write-baseline", "baseline.json")[0] == ExitCode.OK
    (work / "docs" / "plan.md").rename(work / "docs" / "renamed.md")
    code, data, _ = scan(capsys, "docs", "--baseline", "baseline.json")
    assert len(data["findings"]) == 4


def test_word_documents_have_baselines_too(work, capsys):
    docx = ROOT / "corpora" / "strategy" / "test-approach.docx"
    if not docx.exists():
        pytest.skip("corpora/strategy/test-approach.docx is missing")
    shutil.copy(docx, work / "strategy.docx")
    args = ("strategy.docx", "--no-config", "--vocabulary", "strategy", "--fail-on", "info")
    code, data, _ = scan(capsys, *args)
    assert code == ExitCode.FINDINGS and data["findings"]
    assert scan(capsys, *args, "--write-baseline", "b.json")[0] == ExitCode.OK
    code, data, _ = scan(capsys, *args, "--baseline", "b.json")
    assert code == ExitCode.OK and data["findings"] == []


def test_writing_a_baseline_with_an_unreadable_file_exits_3(work, capsys):
    (work / "docs" / "broken.md").write_bytes(b"\x00\x01\x02bad")  # binary (UTF-16 would be read)
    code, data, err = scan(capsys, "docs", "--write-baseline", "baseline.json")
    assert code == ExitCode.UNREADABLE and "docs/broken.md" in err
    assert len(json.loads((work / "baseline.json").read_text())["fingerprints"]) == 4


@pytest.mark.parametrize("content, message", [
    ('{"termcheck_baseline": 2, "version": "9.0.0", "fingerprints": []}',
     "baseline format 2 (written by termcheck 9.0.0) is not one this termcheck"),
    ('{"fingerprints": []}', "not a termcheck baseline (no 'termcheck_baseline' key)"),
    ('{"termcheck_baseline": 1,\n "fingerprints": [1, 2]}', "'fingerprints' must be a list of strings"),
    ('{"termcheck_baseline": 1,\n "fingerprints": [}', "b.json:2:19: not a termcheck baseline (invalid JSON"),
    ('[1, 2, 3]', "not a termcheck baseline"),
])
def test_bad_baselines_exit_2_before_scanning(work, capsys, content, message):
    (work / "b.json").write_text(content)
    code, data, err = scan(capsys, "docs", "--baseline", "b.json")
    assert code == ExitCode.USAGE and data is None
    assert message in err, err


def test_missing_baseline_exits_2(work, capsys):
    code, _, err = scan(capsys, "docs", "--baseline", "nope.json")
    assert code == ExitCode.USAGE and "nope.json: no such baseline file" in err
