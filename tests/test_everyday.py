"""Everyday use, with the conventions of command-line linters: standard input, quiet
and concise output, statistics, colour switches, help, Ctrl-C, paths named twice and
quoted globs, and typos that must not pass in silence."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from termcheck.cli import ExitCode, build_parser, main
from termcheck.console import use_color

ROOT = Path(__file__).resolve().parents[1]
DOC = "The Load Shaping System runs nightly.\n\nTranche 2 starts later.\n"
CLEAN = "The Load Shaping Service runs nightly.\n"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def termcheck(*argv, cwd=None, stdin=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "termcheck", *map(str, argv)], cwd=cwd, input=stdin,
                          capture_output=True, text=True, env=env, timeout=300)


# ---- stdin -----------------------------------------------------------------------------

def test_stdin_is_scanned_under_the_given_name_with_its_configuration(tmp_path):
    (tmp_path / "termcheck.yaml").write_text('vocabulary:\n  "docs/strategy/**": strategy\n')
    proc = termcheck("scan", "-", "--stdin-filename", "docs/strategy/plan.md", "--format", "json",
                     cwd=tmp_path, stdin="# Plan\n\n" + DOC)
    assert proc.returncode == ExitCode.FINDINGS, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["path"] for d in data["documents"]] == ["docs/strategy/plan.md"]
    assert data["documents"][0]["vocabulary"] == "strategy"
    assert "docs/strategy/**" in data["documents"][0]["vocabulary_reason"]
    found = {(f["rule"], f["found"], f["location"]["line"]) for f in data["findings"]}
    assert ("vocabulary-mismatch", "Load Shaping System", 3) in found  # line 3: after the Markdown heading


def test_stdin_without_a_name_is_plain_text(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DOC.encode())))
    code, out, err = run(capsys, "scan", "-", "-V", "strategy", "-f", "concise", "--no-config")
    assert code == ExitCode.FINDINGS, err
    assert out.splitlines()[0].startswith("<stdin>:1:5: error vocabulary-mismatch: ")


def test_stdin_misuse_is_a_usage_error(capsys):
    code, _, err = run(capsys, "scan", "corpora", "--stdin-filename", "x.md")
    assert code == ExitCode.USAGE and "--stdin-filename needs '-'" in err


# ---- quiet, concise, statistics ----------------------------------------------------------

@pytest.fixture
def docs(tmp_path) -> Path:
    (tmp_path / "bad.md").write_text(DOC)
    (tmp_path / "clean.md").write_text(CLEAN)
    return tmp_path


def test_quiet_prints_only_findings(capsys, docs):
    code, out, _ = run(capsys, "scan", docs / "clean.md", "-V", "strategy", "-q", "--no-config")
    assert code == ExitCode.OK and out == ""
    code, out, _ = run(capsys, "scan", docs, "-V", "strategy", "-q", "--no-config")
    assert code == ExitCode.FINDINGS
    assert "bad.md" in out and "clean.md" not in out and "no findings" not in out
    assert "findings in" not in out  # no summary table
    code, loud, _ = run(capsys, "scan", docs, "-V", "strategy", "--no-config")
    assert "clean.md" in loud and "no findings" in loud and "findings in 2 files" in loud


def test_concise_is_one_grep_shaped_line_per_finding(capsys, docs):
    code, out, _ = run(capsys, "scan", docs, "-V", "strategy", "-f", "concise", "--no-config")
    path = docs / "bad.md"
    assert code == ExitCode.FINDINGS
    assert out.splitlines() == [
        f"{path}:1:5: error vocabulary-mismatch: 'Load Shaping System' is timetable wording; the strategy "
        "term is 'Load Shaping Service' [Load Shaping Service]",
        f"{path}:3:1: error deprecated-term: 'Tranche' is deprecated; use 'Wave' [Wave]",
    ]
    code, out, _ = run(capsys, "scan", docs / "clean.md", "-V", "strategy", "-f", "concise", "--no-config")
    assert code == ExitCode.OK and out == ""


def test_concise_names_word_and_pdf_places(capsys):
    code, out, _ = run(capsys, "scan", ROOT / "corpora" / "strategy", "-f", "concise", "--no-config")
    assert "test-approach.docx:body ¶" in out and ": error vocabulary-mismatch: " in out
    code, out, _ = run(capsys, "scan", ROOT / "tests" / "heldout2" / "operations-briefing.pdf", "-f", "concise",
                       "-g", ROOT / "tests" / "heldout2" / "glossary.yaml", "-V", "operations", "--no-config")
    assert "operations-briefing.pdf:p. " in out and ", line " in out


def test_statistics_counts_per_rule(capsys, docs, tmp_path):
    report = tmp_path / "report.json"
    code, out, _ = run(capsys, "scan", docs, "-V", "strategy", "--statistics", "--no-config",
                       "-f", "json", "-o", report)
    assert code == ExitCode.FINDINGS
    lines = out.splitlines()
    assert [line.split() for line in lines[:2]] == [["1", "error", "deprecated-term"],
                                                     ["1", "error", "vocabulary-mismatch"]]
    assert lines[2].split()[:3] == ["2", "findings", "in"]
    assert json.loads(report.read_text())["summary"]["findings"] == 2  # the report still goes to --output
    code, out, _ = run(capsys, "scan", docs, "-V", "strategy", "--statistics", "--no-config")
    assert "Load Shaping" not in out  # counts instead of the findings


# ---- colour and help ---------------------------------------------------------------------

class _Tty:
    def isatty(self):
        return True


class _Pipe:
    def isatty(self):
        return False


@pytest.mark.parametrize("choice,to_file,stream,env,want", [
    ("auto", False, _Tty(), {}, True),
    ("auto", False, _Pipe(), {}, False),
    ("auto", False, _Tty(), {"NO_COLOR": "1"}, False),
    ("auto", False, _Pipe(), {"FORCE_COLOR": "1"}, True),
    ("auto", False, _Pipe(), {"FORCE_COLOR": "0"}, False),
    ("auto", False, _Tty(), {"NO_COLOR": ""}, True),  # empty means unset (no-color.org)
    ("auto", True, _Tty(), {"FORCE_COLOR": "1"}, False),  # never colour into a report file
    ("always", True, _Pipe(), {"NO_COLOR": "1"}, True),  # the option wins over the environment
    ("never", False, _Tty(), {"FORCE_COLOR": "1"}, False),
])
def test_colour_choice(choice, to_file, stream, env, want):
    assert use_color(choice, to_file, stream, env) is want


def test_force_color_and_no_color_in_a_real_run(docs):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    plain = termcheck("scan", docs / "bad.md", "-V", "strategy", "--no-config", env=env)
    forced = termcheck("scan", docs / "bad.md", "-V", "strategy", "--no-config", env={**env, "FORCE_COLOR": "1"})
    assert "\x1b[" not in plain.stdout and "\x1b[" in forced.stdout
    both = termcheck("scan", docs / "bad.md", "-V", "strategy", "--no-config", "--color", "never",
                     env={**env, "FORCE_COLOR": "1"})
    assert "\x1b[" not in both.stdout


def _actions(parser):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from ((f"{name} {a}", h) for a, h in _actions(sub))
        else:
            yield "/".join(action.option_strings) or action.dest, action.help


def test_every_option_has_help_text():
    missing = [name for name, text in _actions(build_parser()) if not text]
    assert missing == []


def test_help_shows_examples_and_exit_codes():
    for argv in (["--help"], ["scan", "--help"]):
        proc = termcheck(*argv)
        assert proc.returncode == 0
        assert "examples:" in proc.stdout and "termcheck scan - --stdin-filename" in proc.stdout
        assert "exit codes:" in proc.stdout and "130  interrupted" in proc.stdout
    assert "NO_COLOR" in termcheck("scan", "--help").stdout


# ---- Ctrl-C --------------------------------------------------------------------------------

@pytest.mark.slow
def test_ctrl_c_exits_130_with_one_line_and_no_partial_output(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    paragraph = ("The Load Shaping System and the Data Integration Platform carry Tranche 2 messages "
                 "for every Wave of Qualification Testing in the programme. ") * 40
    for k in range(400):
        (folder / f"doc{k:03}.md").write_text(f"# Document {k}\n\n" + (paragraph + "\n\n") * 6)
    out = tmp_path / "report.json"
    proc = subprocess.Popen([sys.executable, "-m", "termcheck", "scan", str(folder), "-f", "json", "-o", str(out),
                             "--no-config"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    time.sleep(8)  # well into the scan (400 documents take far longer)
    assert proc.poll() is None, "the scan ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert stderr == "termcheck: interrupted\n" and stdout == ""
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big"]  # no temporary file left beside it


# ---- paths --------------------------------------------------------------------------------

def test_a_file_named_twice_or_through_overlapping_folders_is_scanned_once(capsys, docs):
    (docs / "sub").mkdir()
    (docs / "sub" / "more.md").write_text(DOC)
    code, out, _ = run(capsys, "scan", docs, docs / "bad.md", docs / "sub", f"{docs}/./bad.md",
                       "-V", "strategy", "-f", "json", "--no-config")
    paths = [d["path"] for d in json.loads(out)["documents"]]
    assert sorted(paths) == sorted([str(docs / "bad.md"), str(docs / "clean.md"), str(docs / "sub" / "more.md")])


def test_quoted_globs_are_expanded(capsys, docs):
    (docs / "sub").mkdir()
    (docs / "sub" / "more.md").write_text(DOC)
    (docs / "sub" / "notes.txt").write_text(DOC)
    code, out, _ = run(capsys, "scan", f"{docs}/**/*.md", "-V", "strategy", "-f", "json", "--no-config")
    paths = sorted(d["path"] for d in json.loads(out)["documents"])
    assert paths == sorted([str(docs / "bad.md"), str(docs / "clean.md"), str(docs / "sub" / "more.md")])
    code, _, err = run(capsys, "scan", f"{docs}/**/*.docx", f"{docs}/bad.md", "-V", "strategy", "--no-config")
    assert code == ExitCode.UNREADABLE and "*.docx: no file or folder matches this pattern" in err


# ---- typos that must not pass in silence -------------------------------------------------

def test_unknown_rule_in_a_suppression_comment_is_warned_of(capsys, tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("Tranche 2 starts. <!-- termcheck: ignore deprecated-trem -->\n\n"
                  "<!-- termcheck: off near-miss -->\nMore.\n")
    txt = tmp_path / "notes.txt"
    txt.write_text("termcheck: ignore-next-line vocabulary-missmatch\nThe Load Shaping System runs.\n")
    code, out, err = run(capsys, "scan", md, txt, "-V", "strategy", "-f", "concise", "--no-config")
    assert f"termcheck: warning: {md}:1: unknown rule 'deprecated-trem' in a termcheck suppression comment" in err
    assert f"termcheck: warning: {txt}:1: unknown rule 'vocabulary-missmatch'" in err
    assert err.count("warning") == 2  # 'near-miss' is a rule: no warning
    assert "deprecated-term" in out and "vocabulary-mismatch" in out  # the typos suppressed nothing


def test_unknown_rule_in_a_utf16_or_windows_1252_file_is_warned_of(capsys, tmp_path):
    """The directive is looked for in the file's bytes before it is decoded again: text in
    UTF-16 (a BOM, zero bytes) and in Windows-1252 is still read."""
    wide = tmp_path / "wide.md"
    wide.write_bytes("Tranche 2 starts. <!-- termcheck: ignore deprecated-trem -->\n".encode("utf-16"))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\xe9 notes.\ntermcheck: ignore-next-line near-mis\nMore.\n".encode("cp1252"))
    code, out, err = run(capsys, "scan", wide, legacy, "-V", "strategy", "-f", "concise", "--no-config")
    assert f"{wide}:1: unknown rule 'deprecated-trem'" in err
    assert f"{legacy}:2: unknown rule 'near-mis'" in err


def test_unknown_rule_in_a_word_comment_is_warned_of(capsys):
    """tests/fixtures/word/suppression-typo.docx (LibreOffice, from the .fodt beside it): a
    comment 'termcheck: ignore deprecated-trem' on 'Tranche'."""
    docx = ROOT / "tests" / "fixtures" / "word" / "suppression-typo.docx"
    code, out, err = run(capsys, "scan", docx, "-V", "strategy", "-f", "concise", "--no-config")
    assert code == ExitCode.FINDINGS and ": error deprecated-term: 'Tranche'" in out
    assert err.startswith(f"termcheck: warning: {docx}:body ¶2: unknown rule 'deprecated-trem' in a termcheck "
                          "suppression comment; it suppresses nothing")


def test_configuration_glob_that_matches_no_file_is_warned_of(capsys, tmp_path, monkeypatch):
    (tmp_path / "docs" / "strategy").mkdir(parents=True)
    (tmp_path / "docs" / "strategy" / "a.md").write_text(CLEAN)
    (tmp_path / "termcheck.yaml").write_text(
        'vocabulary:\n  "docs/strategy/**": strategy\n  "docs/timetabel/**": timetable\n'
        'exclude: ["docs/archive/", "docs/strategy/a.md"]\ninclude: ["*.md"]\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "scan", "docs")
    assert "termcheck: warning: termcheck.yaml:3: vocabulary glob 'docs/timetabel/**' matches no file" in err
    assert "termcheck: warning: termcheck.yaml:4: exclude glob 'docs/archive/' matches no file" in err
    assert err.count("warning") == 2
    code, _, err = run(capsys, "config")
    assert code == ExitCode.OK and err.count("warning") == 2


def test_every_setup_problem_is_reported_at_once(capsys, tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(CLEAN)
    (tmp_path / "termcheck.yaml").write_text("fail-on: sometimes\nvocabulary: {'*.md': nowhere}\n"
                                             "fuzzy: {threshold: 300}\n")
    (tmp_path / "bad.yaml").write_text("format: termcheck-glossary/1\nvocabularies: {}\nconcepts: []\nextra: 1\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "scan", "a.md", "--select", "near-mis", "--ignore", "unknown-trem",
                         "-g", "bad.yaml", "-V", "nowhere")
    assert code == ExitCode.USAGE and out == ""
    assert "fail-on must be one of" in err and "threshold" in err      # the configuration file
    assert "--select: unknown rule near-mis" in err and "--ignore: unknown rule unknown-trem" in err
    assert "bad.yaml:4:1:" in err                                        # the glossary
    assert all(line.startswith("termcheck: ") for line in err.splitlines())
    # without the broken glossary, the configured vocabulary is checked against the bundled one
    code, _, err = run(capsys, "scan", "a.md")
    assert code == ExitCode.USAGE
    assert "fail-on must be one of" in err and "vocabulary 'nowhere' for '*.md' is not a vocabulary" in err
