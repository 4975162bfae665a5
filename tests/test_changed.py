"""`termcheck scan --changed [REV]` against real temporary git repositories."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from termcheck import gitfiles
from termcheck.cli import ExitCode, main

DOC = "The Tranche starts soon.\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                           "-c", "init.defaultBranch=main", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout


def write(path: Path, text: str = DOC) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """main: docs/{a,b,c,d}.md and notes/n.md committed; then a feature branch."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    for name in ("docs/a.md", "docs/b.md", "docs/c.md", "docs/d.md", "docs/sub/e.md", "notes/n.md"):
        write(root / name)
    write(root / ".gitignore", "*.draft.md\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(root)
    return root


def scanned(capsys, *argv) -> tuple[int, list[str], str]:
    code = main(["scan", *argv, "--no-config", "--format", "json", "--fail-on", "never"])
    out, err = capsys.readouterr()
    data = json.loads(out) if out.strip() else {"documents": []}
    return code, sorted(d["path"] for d in data["documents"]), err


def test_changed_against_the_default_branch(repo, capsys):
    write(repo / "docs/a.md", DOC + "More text.\n")             # modified, committed
    git(repo, "commit", "-q", "-am", "edit a")
    git(repo, "rm", "-q", "docs/b.md")                          # deleted
    git(repo, "mv", "docs/c.md", "docs/c2.md")                  # renamed
    git(repo, "commit", "-q", "-m", "rm b, mv c")
    write(repo / "docs/sub/e.md", DOC + "Staged.\n")           # staged, not committed
    git(repo, "add", "docs/sub/e.md")
    write(repo / "notes/n.md", DOC + "Unstaged.\n")            # modified in the work tree
    write(repo / "docs/new.md")                                  # untracked
    write(repo / "docs/x.draft.md")                              # untracked but ignored
    write(repo / "docs/data.csv", "a,b\n")                       # not a document
    code, docs, err = scanned(capsys, ".", "--changed")
    assert code == ExitCode.OK, err
    assert docs == ["docs/a.md", "docs/c2.md", "docs/new.md", "docs/sub/e.md", "notes/n.md"]
    # limited to the paths given
    assert scanned(capsys, "docs", "--changed")[1] == ["docs/a.md", "docs/c2.md", "docs/new.md", "docs/sub/e.md"]
    assert scanned(capsys, "docs/a.md", "docs/d.md", "--changed")[1] == ["docs/a.md"]
    # `--changed PATH`: a path that is no revision is a path; no path at all means "."
    assert scanned(capsys, "--changed", "docs/sub")[1] == ["docs/sub/e.md"]
    assert scanned(capsys, "--changed")[1] == docs


def test_changed_against_a_revision(repo, capsys):
    write(repo / "docs/a.md", DOC + "1\n")
    git(repo, "commit", "-q", "-am", "one")
    write(repo / "docs/d.md", DOC + "2\n")
    git(repo, "commit", "-q", "-am", "two")
    assert scanned(capsys, "docs", "--changed", "HEAD~1")[1] == ["docs/d.md"]
    assert scanned(capsys, "docs", "--changed=HEAD~2")[1] == ["docs/a.md", "docs/d.md"]
    assert scanned(capsys, "docs", "--changed", "main")[1] == ["docs/a.md", "docs/d.md"]


def test_merge_base_not_the_tip_of_the_default_branch(repo, capsys):
    """Files changed on main after the branch point are not the branch's changes."""
    write(repo / "docs/a.md", DOC + "feature\n")
    git(repo, "commit", "-q", "-am", "feature edit")
    git(repo, "checkout", "-q", "main")
    write(repo / "docs/d.md", DOC + "main moved on\n")
    git(repo, "commit", "-q", "-am", "main edit")
    git(repo, "checkout", "-q", "feature")
    assert scanned(capsys, "docs", "--changed")[1] == ["docs/a.md"]


def test_origin_head_is_preferred(tmp_path, repo, capsys, monkeypatch):
    git(repo, "checkout", "-q", "main")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    monkeypatch.chdir(clone)
    git(clone, "checkout", "-q", "-b", "topic")
    write(clone / "docs/b.md", DOC + "topic\n")
    git(clone, "commit", "-q", "-am", "topic edit")
    git(clone, "branch", "-q", "-f", "main", "HEAD")  # a local main that is no help
    assert gitfiles.is_revision("origin/HEAD")
    files, base = gitfiles.changed_files()
    assert base == git(clone, "rev-parse", "origin/main").strip()
    assert scanned(capsys, "docs", "--changed")[1] == ["docs/b.md"]


def test_config_excludes_apply_to_changed_files(repo, capsys):
    write(repo / "docs/a.md", DOC + "x\n")
    write(repo / "docs/d.md", DOC + "x\n")
    write(repo / "termcheck.yaml", "exclude: ['docs/d.md']\n")
    code = main(["scan", "docs", "--changed", "--format", "json", "--fail-on", "never"])
    data = json.loads(capsys.readouterr().out)
    assert code == ExitCode.OK and [d["path"] for d in data["documents"]] == ["docs/a.md"]


def test_nothing_changed_scans_nothing(repo, capsys):
    code, docs, _ = scanned(capsys, "docs", "--changed")
    assert code == ExitCode.OK and docs == []


def test_changed_errors_exit_2(tmp_path, repo, capsys, monkeypatch):
    code, _, err = scanned(capsys, "docs", "--changed", "no-such-branch")
    assert code == ExitCode.USAGE and "'no-such-branch' is not a revision" in err
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    git(lonely, "init", "-q")
    git(lonely, "checkout", "-q", "-b", "trunk")
    write(lonely / "a.md")
    git(lonely, "add", "-A")
    git(lonely, "commit", "-q", "-m", "x")
    monkeypatch.chdir(lonely)
    code, _, err = scanned(capsys, ".", "--changed")
    assert code == ExitCode.USAGE and "cannot find the default branch" in err
    plain = tmp_path / "plain"
    plain.mkdir()
    write(plain / "a.md")
    monkeypatch.chdir(plain)
    code, _, err = scanned(capsys, ".", "--changed")
    assert code == ExitCode.USAGE and "not in a git repository" in err


def test_scan_needs_a_path_without_changed(repo, capsys):
    code = main(["scan"])
    assert code == ExitCode.USAGE and "give at least one PATH" in capsys.readouterr().err


def test_changed_rev_compares_with_the_merge_base(repo, capsys):
    """`--changed REV` is `git diff REV...`: files changed only on REV since the branch
    left it are not the branch's changes."""
    write(repo / "docs/a.md", DOC + "feature\n")
    git(repo, "commit", "-q", "-am", "feature edit")
    git(repo, "checkout", "-q", "main")
    write(repo / "docs/d.md", DOC + "main moved on\n")
    git(repo, "commit", "-q", "-am", "main edit")
    git(repo, "checkout", "-q", "feature")
    assert scanned(capsys, "docs", "--changed", "main")[1] == ["docs/a.md"]
    assert scanned(capsys, "docs", "--changed=main")[1] == ["docs/a.md"]
    # the plain two-point diff would have blamed the branch for docs/d.md too
    two_point = git(repo, "diff", "--name-only", "main").split()
    assert sorted(two_point) == ["docs/a.md", "docs/d.md"]
    files, base = gitfiles.changed_files("main")
    assert base == git(repo, "merge-base", "HEAD", "main").strip()
    assert base != git(repo, "rev-parse", "main").strip()


def test_unrelated_histories_are_named(repo, capsys):
    git(repo, "checkout", "-q", "--orphan", "island")
    git(repo, "commit", "-q", "-m", "alone")
    git(repo, "checkout", "-q", "feature")
    code, _, err = scanned(capsys, "docs", "--changed", "island")
    assert code == ExitCode.USAGE and "no common ancestor" in err


def test_shallow_clone_says_how_to_fetch_the_merge_base(tmp_path, repo, capsys, monkeypatch):
    """A CI checkout of depth 1 has the default branch's tip but not the merge base."""
    git(repo, "checkout", "-q", "main")
    write(repo / "docs/d.md", DOC + "main moved on\n")
    git(repo, "commit", "-q", "-am", "main edit")
    git(repo, "checkout", "-q", "feature")
    write(repo / "docs/a.md", DOC + "feature\n")
    git(repo, "commit", "-q", "-am", "feature edit")
    git(repo, "checkout", "-q", "main")  # the origin's default branch
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{repo}", str(clone))
    git(clone, "checkout", "-q", "feature")
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    monkeypatch.chdir(clone)
    for argv in (("docs", "--changed"), ("docs", "--changed", "origin/main")):
        code, _, err = scanned(capsys, *argv)
        assert code == ExitCode.USAGE, err
        assert err.count("\n") == 1 and "merge base of HEAD and origin/" in err
        assert "shallow clone" in err and "fetch-depth: 0" in err and "git fetch --unshallow" in err
        assert "default branch" not in err


def test_shallow_clone_without_the_default_branch(tmp_path, repo, capsys, monkeypatch):
    write(repo / "docs/a.md", DOC + "feature\n")
    git(repo, "commit", "-q", "-am", "feature edit")
    clone = tmp_path / "shallow1"  # as actions/checkout makes it: one commit of one branch
    clone.mkdir()
    git(clone, "init", "-q")
    git(clone, "remote", "add", "origin", f"file://{repo}")
    git(clone, "fetch", "-q", "--depth", "1", "origin", "feature:refs/remotes/origin/feature")
    git(clone, "checkout", "-q", "-b", "feature", "origin/feature")
    monkeypatch.chdir(clone)
    code, _, err = scanned(capsys, "docs", "--changed")
    assert code == ExitCode.USAGE
    assert "shallow clone" in err and "fetch-depth: 0" in err
