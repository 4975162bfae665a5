"""Files changed in a git repository, for ``termcheck scan --changed [REV]``.

The files that differ between the merge base of ``HEAD`` and ``REV`` and the working
tree (committed, staged or not), plus untracked files git does not ignore; deleted files
are left out. Comparing with the merge base, as ``git diff REV...`` does, means a branch
is not blamed for files that changed only on ``REV`` since the branch left it. Without
``REV`` it is the default branch: ``origin/HEAD`` when the clone knows it, else
``origin/main``, ``origin/master``, ``main`` or ``master``.

A shallow clone (CI checkouts often fetch one commit) may lack the merge base or the
default branch; the error then says so and how to fetch the history.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import TermcheckError

DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")


class GitError(TermcheckError):
    """git is missing, this is not a repository, or a revision is unknown."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("--changed needs git, and git is not installed") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


def toplevel(cwd: Path | None = None) -> Path:
    cwd = cwd or Path.cwd()
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except GitError as err:
        raise GitError(f"--changed: {cwd} is not in a git repository ({err})") from None


def is_revision(rev: str, cwd: Path | None = None) -> bool:
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd or Path.cwd())
        return True
    except GitError:
        return False


SHALLOW_HINT = ("fetch the history with 'git fetch --unshallow' (in GitHub Actions: actions/checkout "
                "with 'fetch-depth: 0')")


def is_shallow(cwd: Path) -> bool:
    try:
        return _git(["rev-parse", "--is-shallow-repository"], cwd).strip() == "true"
    except GitError:
        return False


def merge_base(rev: str, cwd: Path) -> str:
    """The merge base of HEAD and ``rev`` (a commit id), or a :class:`GitError` that
    says why there is none: a shallow clone that lacks it, or unrelated histories."""
    try:
        return _git(["merge-base", "HEAD", rev], cwd).strip()
    except GitError:
        pass
    if is_shallow(cwd):
        raise GitError(f"--changed: the merge base of HEAD and {rev} is missing: this is a shallow clone; "
                       f"{SHALLOW_HINT}") from None
    raise GitError(f"--changed: HEAD and {rev} have no common ancestor; name another revision") from None


def default_base(cwd: Path | None = None) -> str:
    """The merge base of HEAD with the default branch, as a commit id."""
    cwd = cwd or Path.cwd()
    missing: GitError | None = None
    for branch in DEFAULT_BRANCHES:
        if is_revision(branch, cwd):
            try:
                return merge_base(branch, cwd)
            except GitError as err:
                missing = missing or err
    if missing is not None:
        raise missing
    if is_shallow(cwd):
        raise GitError("--changed: cannot find the default branch to compare with: this is a shallow clone "
                       f"without origin/HEAD, main or master; {SHALLOW_HINT}, or name a revision: --changed REV")
    raise GitError("--changed: cannot find the default branch to compare with (no origin/HEAD, main or "
                   "master); name a revision: --changed REV")


def changed_files(rev: str | None = None, cwd: Path | None = None) -> tuple[set[Path], str]:
    """Absolute paths of the files changed against ``rev`` (default: see the module doc),
    and the revision compared with."""
    cwd = cwd or Path.cwd()
    root = toplevel(cwd)
    if rev:
        if not is_revision(rev, cwd):
            raise GitError(f"--changed: {rev!r} is not a revision of this repository")
        base = merge_base(rev, cwd)
    else:
        base = default_base(cwd)
    out = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", base, "--"], root)
    out += _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    files = set()
    for name in out.split("\0"):
        if name:
            p = (root / name).resolve()
            if p.is_file():
                files.add(p)
    return files, base
