"""Integration: the pre-commit hook (.pre-commit-hooks.yaml, run by the real pre-commit in
a temporary git repository) and the documented GitHub Actions workflow
(docs/github-actions.md: the YAML parses and its commands give valid SARIF and
annotations in a temporary git repository)."""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW_DOC = ROOT / "docs" / "github-actions.md"
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"

BAD = "The Tranche starts in May.\n"  # deprecated-term (error) with the bundled glossary
GOOD = "The Wave starts in May.\n"


def git(repo: Path, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=repo, check=check, capture_output=True, text=True, env=env)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def termcheck_cmd(command: str) -> list[str]:
    """A documented `termcheck ...` command line, run with this interpreter."""
    argv = shlex.split(command)
    assert argv[0] == "termcheck", command
    return [sys.executable, "-m", "termcheck", *argv[1:]]


# --------------------------------------------------------------------------- the hook definition
def hook() -> dict:
    hooks = yaml.safe_load(HOOKS.read_text())
    assert isinstance(hooks, list)
    return next(h for h in hooks if h["id"] == "termcheck")


def test_hook_definition_is_complete():
    h = hook()
    assert {"id", "name", "entry", "language"} <= set(h)
    assert h["language"] == "python" and h["entry"].split()[:2] == ["termcheck", "scan"]
    files = re.compile(h["files"])
    for name in ("docs/a.md", "x.markdown", "plan.docx", "r.pdf", "n.txt"):
        assert files.search(name), name
    for name in ("setup.py", "a.md.bak", "image.png", "termcheck.yaml"):
        assert not files.search(name), name


def test_hook_entry_runs_on_the_files_it_is_given(tmp_path):
    """What pre-commit does with the entry: append the staged file names."""
    write(tmp_path / "a.md", BAD)
    write(tmp_path / "b.md", GOOD)
    cmd = termcheck_cmd(hook()["entry"])
    bad = subprocess.run([*cmd, "a.md", "b.md"], cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode == 1 and "Tranche" in bad.stdout
    good = subprocess.run([*cmd, "b.md"], cwd=tmp_path, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr


# --------------------------------------------------------------------------- real pre-commit
def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]' installs it)")
    return [sys.executable, "-m", "pre_commit"]


def _source_files() -> list[str]:
    """The files of this checkout that installing termcheck needs."""
    wanted = ("termcheck/", "glossaries/", "pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True)
    if listed.returncode == 0:
        names = [n for n in listed.stdout.splitlines() if n.startswith(wanted) and (ROOT / n).exists()]
    else:  # not a git checkout
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                 if p.is_file() and str(p.relative_to(ROOT)).startswith(wanted)]
    return [n for n in names if "__pycache__" not in n and not n.endswith(".pyc")]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A git repository holding this working tree's termcheck (committed or not), for
    pre-commit to clone and pip-install."""
    src = tmp_path_factory.mktemp("termcheck-src")
    for name in _source_files():
        target = src / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_symlink():
            os.symlink(os.readlink(ROOT / name), target)
        else:
            shutil.copy2(ROOT / name, target)
    git(src, "init", "-q")
    git(src, "add", "-A")
    git(src, "commit", "-q", "-m", "termcheck")
    return src, git(src, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_env(tmp_path_factory):
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    env.pop("PRE_COMMIT", None)
    return env


@pytest.fixture
def docs_repo(tmp_path):
    repo = tmp_path / "docs-repo"
    repo.mkdir()
    git(repo, "init", "-q")
    return repo


def test_pre_commit_try_repo(hook_repo, pre_commit_env, docs_repo):
    pc = _pre_commit()
    src, _ = hook_repo
    write(docs_repo / "docs/bad.md", BAD)
    write(docs_repo / "docs/good.md", GOOD)
    git(docs_repo, "add", "-A")
    run = subprocess.run([*pc, "try-repo", str(src), "termcheck", "--files", "docs/bad.md", "docs/good.md"],
                         cwd=docs_repo, env=pre_commit_env, capture_output=True, text=True, timeout=900)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "termcheck (terminology)" in out and "Failed" in out and "exit code: 1" in out
    assert "Tranche" in out and "deprecated-term" in out
    run = subprocess.run([*pc, "try-repo", str(src), "termcheck", "--files", "docs/good.md"],
                         cwd=docs_repo, env=pre_commit_env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0 and "Passed" in run.stdout, run.stdout + run.stderr


def test_pre_commit_hook_blocks_a_commit(hook_repo, pre_commit_env, docs_repo):
    """The hook installed with `pre-commit install` in a repository that pins this
    termcheck, honouring the repository's termcheck.yaml."""
    pc = _pre_commit()
    src, rev = hook_repo
    write(docs_repo / ".pre-commit-config.yaml",
          f"repos:\n  - repo: {src}\n    rev: {rev}\n    hooks:\n      - id: termcheck\n")
    write(docs_repo / "termcheck.yaml", "exclude: ['drafts/']\n")
    write(docs_repo / "docs/plan.md", GOOD)
    write(docs_repo / "drafts/wip.md", BAD)          # excluded by termcheck.yaml
    write(docs_repo / "tools/script.py", "# Tranche\n")  # not a document: not passed to the hook
    install = subprocess.run([*pc, "install"], cwd=docs_repo, env=pre_commit_env, capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    git(docs_repo, "add", "-A")
    ok = git(docs_repo, "commit", "-m", "clean docs", check=False, env=pre_commit_env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "termcheck (terminology)" in ok.stdout + ok.stderr
    write(docs_repo / "docs/plan.md", BAD)
    git(docs_repo, "add", "-A")
    blocked = git(docs_repo, "commit", "-m", "bad wording", check=False, env=pre_commit_env)
    assert blocked.returncode != 0
    assert "deprecated-term" in blocked.stdout + blocked.stderr
    assert "docs/plan.md" in blocked.stdout + blocked.stderr
    assert git(docs_repo, "log", "--oneline").stdout.count("\n") == 1  # the bad commit was refused


# --------------------------------------------------------------------------- the GitHub Actions workflow
def workflow() -> dict:
    text = WORKFLOW_DOC.read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    flows = [yaml.safe_load(b) for b in blocks]
    flows = [f for f in flows if isinstance(f, dict) and "jobs" in f]
    assert len(flows) == 1, "docs/github-actions.md should hold one workflow"
    return flows[0]


def step(job: dict, name: str) -> dict:
    return next(s for s in job["steps"] if s.get("name") == name)


def test_workflow_parses_and_uploads_sarif():
    flow = workflow()
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    scan = flow["jobs"]["scan"]
    assert scan["permissions"]["security-events"] == "write"
    check = step(scan, "Check terminology")["run"]
    upload = step(scan, "Upload SARIF")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["if"] == "always()"
    out = shlex.split(check)[shlex.split(check).index("--output") + 1]
    assert upload["with"]["sarif_file"] == out and "--format" in check and "sarif" in check
    changed = flow["jobs"]["changed"]
    assert any(s.get("with", {}).get("fetch-depth") == 0 for s in changed["steps"])
    pre_commit_blocks = re.findall(r"```yaml\n(.*?)```", WORKFLOW_DOC.read_text(), re.S)
    assert any("id: termcheck" in b and yaml.safe_load(b) for b in pre_commit_blocks)


@pytest.fixture
def pr_repo(tmp_path):
    """An upstream repository with docs on main, cloned, with a pull-request branch that
    changes one document."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q")
    write(upstream / "docs/strategy.md", "The Load Shaping System is live.\n\nEach Tranche is reviewed.\n")
    write(upstream / "docs/other.md", BAD)
    write(upstream / "docs/drafts/skip.md", BAD)
    write(upstream / ".gitignore", "drafts/\n")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "docs")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    git(clone, "checkout", "-q", "-b", "pr")
    write(clone / "docs/new.md", "A new Tranche.\n")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "pr")
    return clone


def test_workflow_commands_give_valid_sarif_and_annotations(pr_repo):
    flow = workflow()
    check = step(flow["jobs"]["scan"], "Check terminology")["run"]
    run = subprocess.run(termcheck_cmd(check), cwd=pr_repo, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr  # findings: the step fails, the upload still runs
    out = shlex.split(check)[shlex.split(check).index("--output") + 1]
    log = json.loads((pr_repo / out).read_text())
    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [e.message for e in validator.iter_errors(log)] == []
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"docs/strategy.md", "docs/other.md", "docs/new.md"}  # .gitignore honoured

    # the pull-request job, with the base branch GitHub would substitute
    changed = flow["jobs"]["changed"]
    annotate = step(changed, "Annotate the changed documents")["run"].replace("${{ github.base_ref }}", "main")
    run = subprocess.run(termcheck_cmd(annotate), cwd=pr_repo, capture_output=True, text=True)
    annotations = [line for line in run.stdout.splitlines() if line.startswith("::")]
    assert run.returncode == 1 and annotations
    assert all("file=docs/new.md," in line for line in annotations), annotations
    summary = step(changed, "Summary of the changed documents")["run"].replace("${{ github.base_ref }}", "main")
    summary_file = pr_repo / "summary.md"
    command = summary.replace('>> "$GITHUB_STEP_SUMMARY"', "").strip()
    run = subprocess.run(termcheck_cmd(command), cwd=pr_repo, capture_output=True, text=True)
    summary_file.write_text(run.stdout)
    assert run.returncode == 0 and run.stdout.startswith("## termcheck: 1 finding in 1 of 1 document")
