"""`termcheck fix` on text and Markdown: exact edits, case patterns, never losing data."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from helpers import ALPHA_BETA_GLOSSARY  # noqa: E402

from termcheck.cli import main  # noqa: E402
from termcheck.engine import Scanner  # noqa: E402
from termcheck.fix import FIX_RULES, fix_file  # noqa: E402
from termcheck.fix.case import adapt, match_case, pattern  # noqa: E402
from termcheck.glossary import load_glossaries  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# the test glossary, plus a one-to-many concept: its suggestion is a list
GLOSSARY = ALPHA_BETA_GLOSSARY + """\
  - id: qm
    alpha: {preferred: Qualification and Migration}
    narrower: [qt, mt]
  - id: qt
    beta: {preferred: Qualification Testing}
  - id: mt
    beta: {preferred: Migration Testing}
"""

DOC = """\
# Plan

The Load Shaping System sends files to the Data Integation Platform every night.
Participants in Tranche 2 start later; both Tranches use the
Load Shaping
System too. THE LOAD SHAPING SYSTEM IS READY and the load shaping system is fine.

Qualification and Migration follows, see `Load Shaping System` in code.

A term with markup: **Load** Shaping System stays.
"""


@pytest.fixture()
def glossary_file(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture()
def scanner(glossary_file):
    return Scanner(load_glossaries([glossary_file]))


def _findings(path: Path, glossary: Path, capsys) -> list[dict]:
    main(["scan", str(path), "-g", str(glossary), "-V", "beta", "--format", "json", "--fail-on", "never",
          "--no-config"])
    return json.loads(capsys.readouterr().out)["findings"]


# ------------------------------------------------------------------ case patterns

@pytest.mark.parametrize("original, replacement, expected", [
    ("load shaping system", "Load Shaping Service", "load shaping service"),
    ("LOAD SHAPING SYSTEM", "Load Shaping Service", "LOAD SHAPING SERVICE"),
    ("Load Shaping System", "Load Shaping Service", "Load Shaping Service"),
    ("Load shaping system", "Load Shaping Service", "Load shaping service"),
    ("tranche", "Wave", "wave"),
    ("pre integration testing", "Pre-Integration Testing", "pre-integration testing"),
    ("sit non functional testing", "SIT Non-Functional Testing", "SIT non-functional testing"),
    ("Market-wide Half Hourly Settlement", "Market-wide Half-Hourly Settlement", "Market-wide Half-Hourly Settlement"),
])
def test_match_case(original, replacement, expected):
    assert match_case(original, replacement) == expected


def test_patterns():
    assert [pattern(t) for t in ("ABC DEF", "abc def", "Abc def", "Abc Def", "Abc of Def", "aBc dEf", "A")] == \
        ["upper", "lower", "sentence", "title", "title", "mixed", "title"]


def test_plural_found_gives_plural_fix():
    assert adapt("Tranches", "Wave", ["Tranche", "Wave"]) == "Waves"
    assert adapt("TRANCHES", "Wave", ["Tranche", "Wave"]) == "WAVES"
    assert adapt("Tranche", "Wave", ["Tranche", "Wave"]) == "Wave"
    # a form that itself ends in s is not a plural
    assert adapt("Systems Test", "System Test", ["Systems Test"]) == "System Test"


# ------------------------------------------------------------------ Markdown

def test_markdown_output_copy(tmp_path, glossary_file, scanner, capsys):
    src = tmp_path / "plan.md"
    src.write_text(DOC, encoding="utf-8")
    out = tmp_path / "fixed.md"
    result = fix_file("plan.md", src, scanner, set(FIX_RULES), vocabulary="beta", mode="output", target=out)
    assert src.read_text(encoding="utf-8") == DOC  # the original is untouched
    text = out.read_text(encoding="utf-8")
    assert text == DOC.replace(
        "The Load Shaping System sends files to the Data Integation Platform",
        "The Load Shaping Service sends files to the Data Integration Platform").replace(
        "Tranche 2", "Wave 2").replace("both Tranches", "both Waves").replace(
        "Load Shaping\nSystem too", "Load Shaping\nService too").replace(
        "THE LOAD SHAPING SYSTEM", "THE LOAD SHAPING SERVICE").replace(
        "the load shaping system is", "the load shaping service is")
    left = {(f.found, why.split(":")[0]) for f, why in result.left}
    assert left == {("Qualification and Migration", "several suggestions"),
                    ("Load Shaping System", "markup inside the term (emphasis, an entity or a link)")}
    assert len(result.fixed) == 7
    # a rescan reports none of the fixed findings: only the two left alone remain
    again = [f for f in _findings(out, glossary_file, capsys) if f["rule"] in FIX_RULES]
    assert sorted(f["found"] for f in again) == ["Load Shaping System", "Qualification and Migration"]


def test_diff_prints_and_changes_nothing(tmp_path, glossary_file, capsys):
    src = tmp_path / "plan.md"
    src.write_text(DOC, encoding="utf-8")
    stat = src.stat()
    code = main(["fix", str(src), "-g", str(glossary_file), "-V", "beta", "--diff", "--no-config"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out.startswith(f"--- a/{src}\n+++ b/{src}\n@@ ")
    assert "-Participants in Tranche 2 start later; both Tranches use the\n" in captured.out
    assert "+Participants in Wave 2 start later; both Waves use the\n" in captured.out
    assert "would fix 7, left 2" in captured.err
    assert "several suggestions: Qualification Testing, Migration Testing" in captured.err
    assert src.read_text(encoding="utf-8") == DOC and src.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.yaml", "plan.md"]


def test_in_place_keeps_encoding_line_ends_and_a_backup(tmp_path, glossary_file):
    raw = ("\ufeffThe Load Shaping System\r\nruns in Tranche 1.\r\n\r\nNo change here.\n"
           "Mixed endings: Tranche 3\rend.\r\n").encode("utf-8")
    src = tmp_path / "note.txt"
    src.write_bytes(raw)
    os.chmod(src, 0o640)
    assert main(["fix", str(src), "-g", str(glossary_file), "-V", "beta", "--in-place", "--no-config"]) == 0
    assert src.read_bytes() == raw.replace(b"System", b"Service").replace(b"Tranche", b"Wave")
    assert (tmp_path / "note.txt.bak").read_bytes() == raw
    assert src.stat().st_mode & 0o777 == 0o640
    # again: nothing left to fix, so nothing is written and no second backup is made
    assert main(["fix", str(src), "-g", str(glossary_file), "-V", "beta", "--in-place", "--no-config"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.yaml", "note.txt", "note.txt.bak"]


def test_in_place_no_backup(tmp_path, glossary_file):
    src = tmp_path / "note.md"
    src.write_text("Tranche 1 first.\n", encoding="utf-8")
    assert main(["fix", str(src), "-g", str(glossary_file), "-V", "beta", "--in-place", "--no-backup",
                 "--no-config"]) == 0
    assert src.read_text(encoding="utf-8") == "Wave 1 first.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.yaml", "note.md"]


def test_rules_option_limits_the_fixes(tmp_path, glossary_file, capsys):
    src = tmp_path / "note.md"
    src.write_text("The Load Shaping System in Tranche 1.\n", encoding="utf-8")
    out = tmp_path / "out.md"
    assert main(["fix", str(src), "-g", str(glossary_file), "-V", "beta", "--rules", "deprecated-term",
                 "-o", str(out), "--no-config"]) == 0
    assert out.read_text(encoding="utf-8") == "The Load Shaping System in Wave 1.\n"
    assert main(["fix", str(src), "--rules", "unknown-term", "--diff", "--no-config"]) == 2
    assert "cannot fix unknown-term" in capsys.readouterr().err


# ------------------------------------------------------------------ never lose data

def test_failing_write_leaves_the_original_intact(tmp_path, glossary_file, scanner, monkeypatch):
    src = tmp_path / "plan.md"
    src.write_text(DOC, encoding="utf-8")
    real_replace = os.replace

    def failing_replace(a, b):
        if Path(b) == src:
            raise OSError(28, "No space left on device")
        return real_replace(a, b)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        fix_file("plan.md", src, scanner, set(FIX_RULES), vocabulary="beta", mode="in-place")
    assert src.read_text(encoding="utf-8") == DOC
    # no temporary file is left behind; the backup made before the failed write remains
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.yaml", "plan.md", "plan.md.bak"]
    assert (tmp_path / "plan.md.bak").read_text(encoding="utf-8") == DOC


def test_cli_write_failure_is_one_line_and_exit_3(tmp_path, glossary_file, capsys):
    src = tmp_path / "plan.md"
    src.write_text(DOC, encoding="utf-8")
    code = main(["fix", str(src), "-g", str(glossary_file), "-V", "beta", "-o",
                 str(tmp_path / "missing" / "out.md"), "--no-config"])
    err = capsys.readouterr().err
    assert code == 3
    assert "not fixed: cannot write" in err and "the original is unchanged" in err
    assert src.read_text(encoding="utf-8") == DOC


def test_cli_refuses_what_it_cannot_do(tmp_path, glossary_file, capsys):
    src = tmp_path / "plan.md"
    src.write_text(DOC, encoding="utf-8")
    pdf = ROOT / "tests" / "fixtures" / "pdf"
    some_pdf = next(pdf.glob("*.pdf"))
    assert main(["fix", str(some_pdf), "--diff", "--no-config"]) == 3
    assert "cannot fix .pdf files" in capsys.readouterr().err
    assert main(["fix", str(src), "--no-config"]) == 2  # no --diff, --output or --in-place
    assert main(["fix", str(src), "-o", str(src), "--no-config"]) == 2
    assert "use --in-place" in capsys.readouterr().err
    other = tmp_path / "b.md"
    other.write_text("x\n", encoding="utf-8")
    assert main(["fix", str(src), str(other), "-o", str(tmp_path / "x.md"), "--no-config"]) == 2
    assert src.read_text(encoding="utf-8") == DOC


def test_backup_never_overwrites_an_older_one(tmp_path, glossary_file):
    src = tmp_path / "plan.md"
    src.write_text("Tranche 1.\n", encoding="utf-8")
    (tmp_path / "plan.md.bak").write_text("older\n", encoding="utf-8")
    assert main(["fix", str(src), "-g", str(glossary_file), "-V", "beta", "--in-place", "--no-config"]) == 0
    assert (tmp_path / "plan.md.bak").read_text(encoding="utf-8") == "older\n"
    assert (tmp_path / "plan.md.bak1").read_text(encoding="utf-8") == "Tranche 1.\n"


# ------------------------------------------------------------------ the corpora

def test_corpora_fixed_copies_rescan_clean(tmp_path, capsys):
    corpora = tmp_path / "corpora"
    shutil.copytree(ROOT / "corpora", corpora)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["fix", str(corpora), "-o", str(out), "--no-config"]) == 0
    summary = capsys.readouterr().out
    assert "test-approach.docx: fixed 9, left 0" in summary
    assert "programme-update.md: fixed 9, left 0" in summary
    main(["scan", str(out), "--format", "json", "--fail-on", "never", "--no-config",
          "--select", ",".join(FIX_RULES)])
    assert json.loads(capsys.readouterr().out)["findings"] == []
    # the copies of the corpus itself are untouched
    for f in (ROOT / "corpora").rglob("*.*"):
        assert (corpora / f.relative_to(ROOT / "corpora")).read_bytes() == f.read_bytes()


def test_terms_over_quoted_and_indented_lines(tmp_path, glossary_file, scanner):
    src = tmp_path / "q.md"
    src.write_text("> The Load Shaping\n> System is new.\n\n- an item on the Load Shaping\n  System here\n"
                   "- [the Load Shaping System](https://example.org/lss) link\n", encoding="utf-8")
    out = tmp_path / "out.md"
    result = fix_file("q.md", src, scanner, set(FIX_RULES), vocabulary="beta", mode="output", target=out)
    assert out.read_text(encoding="utf-8") == (
        "> The Load Shaping\n> Service is new.\n\n- an item on the Load Shaping\n  Service here\n"
        "- [the Load Shaping Service](https://example.org/lss) link\n")
    assert len(result.fixed) == 3 and not result.left
