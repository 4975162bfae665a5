"""Configuration files (termcheck.yaml, .termcheck.yaml, [tool.termcheck]), their
validation with file:line, the merge with the command line, `termcheck config`, and
walking folders with .gitignore, include and exclude."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from termcheck import config as cfg
from termcheck.cli import ExitCode, main
from termcheck.errors import ConfigError

from helpers import ALPHA_BETA_GLOSSARY as GLOSSARY  # noqa: E402

# alpha wording, a deprecated term, a near-miss, an undefined acronym
DOC = ("The Load Shaping System starts in Tranche 2.\n\nPre Integration Testing ends soon.\n\n"
       "The DIP is up.\n")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with the test glossary, working directory at its root."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "glossaries").mkdir()
    (root / "glossaries" / "test.yaml").write_text(GLOSSARY)
    monkeypatch.chdir(root)
    return root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def scan_json(capsys, *argv):
    code, out, err = run(capsys, "scan", *argv, "--format", "json")
    return code, (json.loads(out) if out else None), err


# --------------------------------------------------------------------------- discovery
def test_discovery_walks_up_to_the_repository_root(repo, monkeypatch):
    sub = repo / "docs" / "deep"
    sub.mkdir(parents=True)
    assert cfg.discover(sub) is None
    write(repo / "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.termcheck]: not a config
    assert cfg.discover(sub) is None
    write(repo / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.termcheck]\nfail-on = 'warning'\n")
    assert cfg.discover(sub) == repo / "pyproject.toml"
    write(repo / ".termcheck.yaml", "fail-on: info\n")
    assert cfg.discover(sub) == repo / ".termcheck.yaml"
    write(repo / "termcheck.yaml", "fail-on: never\n")
    assert cfg.discover(sub) == repo / "termcheck.yaml"
    # the nearest folder wins
    write(repo / "docs" / "termcheck.yaml", "{}\n")
    assert cfg.discover(sub) == repo / "docs" / "termcheck.yaml"


def test_discovery_stops_at_the_repository_root(tmp_path):
    write(tmp_path / "termcheck.yaml", "fail-on: never\n")
    inner = tmp_path / "checkout"
    inner.mkdir()
    git(inner, "init", "-q")
    assert cfg.discover(inner) is None
    assert cfg.discover(tmp_path) == tmp_path / "termcheck.yaml"


# --------------------------------------------------------------------------- vocabulary per path
CONFIG = """\
glossaries: [glossaries/test.yaml]
vocabulary:
  "docs/beta/special/**": alpha
  "docs/beta/**": beta
  "docs/**": alpha
exempt-acronyms: [XYZ]
"""


def test_vocabulary_by_glob_first_match_wins(repo):
    write(repo / "termcheck.yaml", CONFIG)
    conf = cfg.resolve(cfg.load(repo / "termcheck.yaml"), {}, Path("bundled.yaml"))
    assert conf.vocabulary_for(repo / "docs/beta/special/x.md")[0] == "alpha"
    vocab, why = conf.vocabulary_for(repo / "docs/beta/y/x.md")
    assert vocab == "beta" and "'docs/beta/**'" in why and "termcheck.yaml:4" in why
    assert conf.vocabulary_for(repo / "docs/a.md")[0] == "alpha"
    assert conf.vocabulary_for(repo / "notes/a.md") is None  # detected
    assert conf.vocabulary_for(repo.parent / "elsewhere.md") is None  # outside the config's folder


def test_globs_are_relative_to_the_config_file_not_the_working_directory(repo, capsys, monkeypatch):
    write(repo / "termcheck.yaml", CONFIG)
    write(repo / "docs/beta/plan.md", DOC)
    monkeypatch.chdir(repo / "docs")
    code, data, err = scan_json(capsys, "beta/plan.md")
    doc = data["documents"][0]
    assert doc["vocabulary"] == "beta" and "termcheck.yaml:4" in doc["vocabulary_reason"], doc
    assert ("vocabulary-mismatch", "Load Shaping System") in {(f["rule"], f["found"]) for f in data["findings"]}
    assert code == ExitCode.FINDINGS


def test_scan_uses_config_and_the_command_line_wins(repo, capsys):
    write(repo / "termcheck.yaml", CONFIG + "fail-on: never\nrules:\n  ignore: [near-miss]\n")
    write(repo / "docs/beta/plan.md", DOC)
    code, data, _ = scan_json(capsys, "docs/beta/plan.md")
    rules = {f["rule"] for f in data["findings"]}
    assert code == ExitCode.OK  # fail-on: never
    assert "near-miss" not in rules and "vocabulary-mismatch" in rules
    # the command line beats the file: vocabulary, fail-on, the rule selection
    code, data, _ = scan_json(capsys, "docs/beta/plan.md", "--vocabulary", "alpha", "--fail-on", "error",
                              "--ignore", "deprecated-term")
    rules = {f["rule"] for f in data["findings"]}
    assert data["documents"][0]["vocabulary"] == "alpha"
    assert "vocabulary-mismatch" not in rules and "deprecated-term" not in rules
    assert "near-miss" in rules  # --ignore replaced the file's ignore list
    assert code == ExitCode.OK  # no error-level finding left
    code, data, _ = scan_json(capsys, "docs/beta/plan.md", "--fail-on", "warning")
    assert code == ExitCode.FINDINGS


def test_severity_rules_fuzzy_and_exempt_acronyms(repo, capsys):
    write(repo / "notes.md", DOC)
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\nvocabulary: beta\n"
                                   "severity: {near-miss: error, deprecated-term: info}\n"
                                   "exempt-acronyms: [DIP]\n")
    code, data, _ = scan_json(capsys, "notes.md")
    sev = {f["rule"]: f["severity"] for f in data["findings"]}
    assert sev["near-miss"] == "error" and sev["deprecated-term"] == "info"
    assert "acronym-undefined" not in sev  # DIP exempt
    assert "set for every document (termcheck.yaml:2)" in data["documents"][0]["vocabulary_reason"]
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\nfuzzy: {enabled: false}\n"
                                   "rules: {select: [near-miss, deprecated-term]}\n")
    code, data, _ = scan_json(capsys, "notes.md", "--vocabulary", "beta")
    assert {f["rule"] for f in data["findings"]} == {"deprecated-term"}
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\nfuzzy: false\nunknown: off\n")
    settings = cfg.resolve(cfg.load(repo / "termcheck.yaml"), {}, Path("b.yaml")).settings()
    assert settings.fuzzy is False and settings.unknown is False


def test_pyproject_tool_section(repo, capsys):
    write(repo / "pyproject.toml", """\
[project]
name = "docs"

[tool.termcheck]
glossaries = ["glossaries/test.yaml"]
fail-on = "never"

[tool.termcheck.vocabulary]
"docs/**" = "beta"

[tool.termcheck.severity]
near-miss = "error"
""")
    write(repo / "docs/a.md", DOC)
    code, data, _ = scan_json(capsys, "docs/a.md")
    assert code == ExitCode.OK
    assert data["documents"][0]["vocabulary"] == "beta"
    assert "pyproject.toml:9" in data["documents"][0]["vocabulary_reason"]
    assert {f["severity"] for f in data["findings"] if f["rule"] == "near-miss"} == {"error"}


def test_explicit_config_overrides_discovery_and_no_config_ignores_it(repo, capsys, tmp_path):
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\nfail-on: never\n")
    other = write(tmp_path / "ci.yaml", f"glossaries: [{repo}/glossaries/test.yaml]\nfail-on: info\n")
    write(repo / "a.md", DOC)
    assert scan_json(capsys, "a.md")[0] == ExitCode.OK
    assert scan_json(capsys, "a.md", "--config", str(other))[0] == ExitCode.FINDINGS
    code, _, err = run(capsys, "scan", "a.md", "--config", str(tmp_path / "missing.yaml"))
    assert code == ExitCode.USAGE and "missing.yaml: no such configuration file" in err
    # --no-config: the bundled glossary and defaults
    code, out, _ = run(capsys, "config", "--no-config")
    assert "configuration: none (--no-config)" in out and "bundled MHHS glossary" in out


# --------------------------------------------------------------------------- errors with file:line
@pytest.mark.parametrize("text, expected", [
    ("fail-on: error\ncolour: red\n", "termcheck.yaml:2:1: unknown key 'colour'"),
    ("severity:\n  near-miss: fatal\n",
     "termcheck.yaml:2:14: severity of near-miss must be one of error, warning, info"),
    ("severity:\n  near-mis: error\n", "termcheck.yaml:2:3: unknown rule 'near-mis' in severity"),
    ("rules:\n  select: [near-miss, typo-rule]\n", "termcheck.yaml:2:23: unknown rule 'typo-rule' in rules.select"),
    ("rules:\n  only: [near-miss]\n", "termcheck.yaml:2:3: unknown key 'only' in rules"),
    ("fuzzy: maybe\n", "termcheck.yaml:1:8: fuzzy must be true or false, not 'maybe'"),
    ("fuzzy: {enabled: true, threshold: 101}\n",
     "termcheck.yaml:1:35: fuzzy.threshold must be a whole number from 0 to 100, not 101 (a number)"),
    ("fuzzy: {enabled: true, cutoff: 80}\n", "termcheck.yaml:1:24: unknown key 'cutoff' in fuzzy"),
    ("fail-on: sometimes\n", "termcheck.yaml:1:10: fail-on must be one of error, warning, info, never"),
    ("glossaries: [nowhere.yaml]\n", "termcheck.yaml:1:14: glossary 'nowhere.yaml' not found"),
    ("vocabulary:\n  'docs/**': Beta\n", "termcheck.yaml:2:14: vocabulary name 'Beta' must match"),
    ("vocabulary:\n  '!docs/**': beta\n", "termcheck.yaml:2:3: vocabulary: a negated glob"),
    ("exclude: {a: b}\n", "termcheck.yaml:1:10: exclude must be a list of strings, not a mapping"),
    ("gitignore: 3\n", "termcheck.yaml:1:12: gitignore must be true or false, not 3 (a number)"),
    ("- a\n- b\n", "termcheck.yaml:1:1: a termcheck configuration must be a YAML mapping"),
    ("fail-on: [error\n", "termcheck.yaml:2:1: not valid YAML"),
    ("fail-on: error\nfail-on: info\n", "termcheck.yaml:2:1: duplicate key 'fail-on'"),
])
def test_bad_configuration_exits_2_with_file_and_line(repo, capsys, text, expected):
    write(repo / "termcheck.yaml", text)
    write(repo / "a.md", DOC)
    code, out, err = run(capsys, "scan", "a.md")
    assert code == ExitCode.USAGE
    assert expected in err, err
    assert out == ""  # nothing scanned


def test_every_problem_is_reported_at_once(repo):
    write(repo / "termcheck.yaml", "colour: red\nfail-on: sometimes\nseverity: {near-miss: fatal}\n")
    with pytest.raises(ConfigError) as info:
        cfg.load(repo / "termcheck.yaml")
    lines = str(info.value).splitlines()
    assert [line.split(": ")[0] for line in lines] == ["termcheck.yaml:1:1", "termcheck.yaml:2:10",
                                                       "termcheck.yaml:3:23"]


def test_pyproject_errors_name_the_line(repo, capsys):
    write(repo / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.termcheck]\nfail-on = 'error'\n"
                                   "colour = 'red'\n\n[tool.termcheck.severity]\nnear-miss = 'fatal'\n")
    write(repo / "a.md", DOC)
    code, _, err = run(capsys, "scan", "a.md")
    assert code == ExitCode.USAGE
    assert "pyproject.toml:6: unknown key 'colour'" in err
    assert "pyproject.toml:9: severity of near-miss must be one of" in err
    write(repo / "pyproject.toml", "[tool.termcheck]\nfail-on = \n")
    code, _, err = run(capsys, "scan", "a.md")
    assert code == ExitCode.USAGE and "pyproject.toml:2:" in err and "not valid TOML" in err


def test_unknown_vocabulary_in_config_names_its_line(repo, capsys):
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\nvocabulary:\n  'docs/**': gamma\n")
    write(repo / "docs/a.md", DOC)
    code, _, err = run(capsys, "scan", "docs/a.md")
    assert code == ExitCode.USAGE
    assert "termcheck.yaml:3: vocabulary 'gamma' for 'docs/**' is not a vocabulary of the glossary" in err
    code, _, err = run(capsys, "scan", "docs/a.md", "--vocabulary", "delta")
    assert code == ExitCode.USAGE and "'delta' is not a vocabulary" in err


# --------------------------------------------------------------------------- termcheck config
def test_config_command_says_where_each_value_comes_from(repo, capsys):
    write(repo / "termcheck.yaml", CONFIG + "severity:\n  near-miss: error\n")
    code, out, _ = run(capsys, "config", "--fail-on", "warning", "--exempt-acronym", "ABC")
    assert code == ExitCode.OK
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert out.splitlines()[0] == "configuration: termcheck.yaml (found from the working directory)"
    assert "glossaries/test.yaml" in lines["glossaries"] and lines["glossaries"].endswith("# termcheck.yaml:1")
    assert "docs/beta/**: beta" in out and "# termcheck.yaml:4" in out
    assert lines["severity.near-miss"].split()[1] == "error" and lines["severity.near-miss"].endswith(
        "# termcheck.yaml:8")
    assert lines["severity.deprecated-term"].endswith("# default")
    assert lines["fail-on"].split()[1] == "warning" and lines["fail-on"].endswith("# command line")
    assert "[XYZ, ABC]" in lines["exempt-acronyms"]
    assert lines["exempt-acronyms"].endswith("# termcheck.yaml:6 + command line")
    assert lines["gitignore"].endswith("# default")


# --------------------------------------------------------------------------- folders
def _scanned(capsys, *argv) -> list[str]:
    code, data, err = scan_json(capsys, *argv, "--fail-on", "never")
    assert code == ExitCode.OK, err
    return sorted(d["path"] for d in data["documents"])


def test_folder_walk_honours_gitignore_include_and_exclude(repo, capsys):
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\n")
    for name in ("docs/a.md", "docs/b.txt", "docs/drafts/d.md", "docs/x/keep.tmp.md", "docs/x/drop.tmp.md",
                 "docs/archive/old.md", "docs/build/out.md", "docs/.hidden/h.md", "docs/notes.rst",
                 "docs/sub/c.md"):
        write(repo / name, DOC)
    write(repo / ".gitignore", "drafts/\n*.tmp.md\nbuild\n")
    write(repo / "docs/x/.gitignore", "!keep.tmp.md\n")
    git(repo, "config", "core.excludesFile", "/dev/null")
    (repo / ".git" / "info").mkdir(exist_ok=True)
    write(repo / ".git" / "info" / "exclude", "sub/\n")
    assert _scanned(capsys, "docs") == ["docs/a.md", "docs/archive/old.md", "docs/b.txt", "docs/x/keep.tmp.md"]
    # git agrees on what it ignores
    listed = git(repo, "ls-files", "--others", "--exclude-standard", "docs").split()
    assert sorted(p for p in listed if p.endswith((".md", ".txt")) and "/." not in p) == \
        ["docs/a.md", "docs/archive/old.md", "docs/b.txt", "docs/x/keep.tmp.md"]
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\nexclude: ['docs/archive/']\n"
                                   "include: ['*.md']\n")
    assert _scanned(capsys, "docs") == ["docs/a.md", "docs/x/keep.tmp.md"]
    # a file named on the command line: .gitignore does not apply, exclude does
    assert _scanned(capsys, "docs/drafts/d.md", "docs/archive/old.md") == ["docs/drafts/d.md"]
    # a folder git ignores, named on the command line, is read
    assert _scanned(capsys, "docs/drafts") == ["docs/drafts/d.md"]
    # gitignore: false walks ignored folders too
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\ngitignore: false\n")
    assert "docs/drafts/d.md" in _scanned(capsys, "docs")
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\n")
    assert "docs/drafts/d.md" in _scanned(capsys, "docs", "--no-gitignore")


def test_unreadable_file_in_a_tree_exits_3_and_the_rest_is_scanned(repo, capsys):
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\nvocabulary: beta\n")
    write(repo / "docs/good.md", DOC)
    (repo / "docs/bad.md").write_bytes(b"\x00\x01binary data\n")  # (Latin-1 text is read)
    (repo / "docs/fake.docx").write_bytes(b"not a zip file at all")
    code, data, err = scan_json(capsys, "docs")
    assert code == ExitCode.UNREADABLE
    assert [d["path"] for d in data["documents"]] == ["docs/good.md"]
    assert data["findings"] and {e["path"] for e in data["errors"]} == {"docs/bad.md", "docs/fake.docx"}
    assert "docs/bad.md: not a text file" in err


def test_empty_folder_is_an_input_error(repo, capsys):
    (repo / "empty").mkdir()
    code, data, err = scan_json(capsys, "empty", "--no-config")
    assert code == ExitCode.UNREADABLE and "no documents to scan in this folder" in err


def test_progress_bar_on_a_terminal_only(repo, capsys):
    from rich.console import Console

    from termcheck.cli import _progress

    buf = io.StringIO()
    advance, stop = _progress(3, Console(file=buf, force_terminal=True, width=100))
    for name in ("a.md", "b.md", "c.md"):
        advance(name)
    stop()
    assert "scanning" in buf.getvalue() and "3/3" in buf.getvalue()
    # stderr is not a terminal under pytest: no bar
    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\n")
    write(repo / "docs/a.md", DOC)
    write(repo / "docs/b.md", DOC)
    code, _, err = run(capsys, "scan", "docs", "--format", "json", "--fail-on", "never")
    assert code == ExitCode.OK and "scanning" not in err and "\x1b" not in err


def test_progress_bar_in_a_real_terminal(repo, tmp_path):
    """Under a pseudo-terminal the bar is drawn on stderr; piped, it is not."""
    pty = pytest.importorskip("pty")
    import os

    write(repo / "termcheck.yaml", "glossaries: [glossaries/test.yaml]\n")
    for i in range(3):
        write(repo / f"docs/d{i}.md", DOC)
    out_file = tmp_path / "report.json"
    argv = [sys.executable, "-m", "termcheck", "scan", "docs", "--format", "json", "--fail-on", "never",
            "-o", str(out_file)]
    pid, fd = pty.fork()
    if pid == 0:  # child: stdin/stdout/stderr are the terminal
        os.execvp(argv[0], argv)
    chunks = []
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "scanning" in screen, screen
    assert json.loads(out_file.read_text())["summary"]["files"] == 3
    piped = subprocess.run(argv, capture_output=True, text=True)
    assert piped.returncode == 0 and "scanning" not in piped.stderr


def test_fuzzy_threshold_from_file_and_command_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "g.yaml").write_text(GLOSSARY)
    (tmp_path / "doc.md").write_text("The Load Shaping Servce runs. The Pre Integration Testing ends.\n")
    monkeypatch.chdir(tmp_path)

    def near_misses(*extra):
        main(["scan", "doc.md", "-g", "g.yaml", "-V", "beta", "-f", "json", "--fail-on", "never", *extra])
        return sorted(f["found"] for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "near-miss")

    assert near_misses() == ["Load Shaping Servce", "Pre Integration Testing"]
    (tmp_path / "termcheck.yaml").write_text("fuzzy: {threshold: 99}\n")
    assert near_misses() == ["Pre Integration Testing"]  # a spacing variant scores 100
    assert near_misses("--fuzzy-threshold", "90") == ["Load Shaping Servce", "Pre Integration Testing"]
    main(["config"])
    assert "fuzzy.threshold" in capsys.readouterr().out
