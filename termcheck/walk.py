"""Which files a scan reads: the command line's files and folders, expanded.

Folders are walked for readable files (by suffix), skipping hidden folders and files,
VCS and tool folders, anything a ``.gitignore`` ignores (with :mod:`pathspec`, as git
does: nested ``.gitignore`` files, ``!`` negation, ``.git/info/exclude``; a folder git
ignores is never entered) and anything the configuration excludes or does not include.
A file or folder named on the command line is read even if ``.gitignore`` ignores it, but the
configuration's ``exclude``/``include`` still apply, so a pre-commit hook or
``--changed`` honours them too.

A file named twice, or reached through overlapping folders (``docs/ docs/a.md``), is
yielded once, under the first name it was reached by. A command-line path that does not
exist but holds glob characters (``'docs/**/*.md'``, quoted so the shell left it alone)
is expanded, ``**`` spanning folders; a pattern that matches nothing is an error for
that input.

Yields ``(label, path, error)`` triples; ``error`` is set for an input that cannot be
scanned (an empty folder). :func:`termcheck.engine.scan` reads them.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from .readers import READERS

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}

Input = tuple[str, "Path | None", "str | None"]


def repo_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git``."""
    here = Path(os.path.abspath(start))
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _read_patterns(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


class GitIgnore:
    """The ``.gitignore`` rules that apply inside one repository (or one folder tree
    when there is no repository)."""

    def __init__(self, top: Path):
        import pathspec

        self._pathspec = pathspec
        self.top = Path(os.path.abspath(top))
        self.root = repo_root(self.top) or self.top
        # folder -> its compiled .gitignore (None when it has none)
        self._specs: dict[Path, object | None] = {}
        self._base: list[tuple[Path, object]] = []
        self._chains: dict[Path, list[tuple[Path, object]]] = {}
        exclude = self.root / ".git" / "info" / "exclude"
        if exclude.is_file():
            self._base.append((self.root, pathspec.GitIgnoreSpec.from_lines(_read_patterns(exclude))))

    def _spec_of(self, folder: Path):
        if folder not in self._specs:
            f = folder / ".gitignore"
            self._specs[folder] = (self._pathspec.GitIgnoreSpec.from_lines(_read_patterns(f))
                                   if f.is_file() else None)
        return self._specs[folder]

    def _chain(self, folder: Path) -> list[tuple[Path, object]]:
        """(base folder, spec) from the root down to ``folder``."""
        if folder in self._chains:
            return self._chains[folder]
        self._chains[folder] = chain = self._build_chain(folder)
        return chain

    def _build_chain(self, folder: Path) -> list[tuple[Path, object]]:
        chain: list[tuple[Path, object]] = []
        try:
            rel = folder.relative_to(self.root)
        except ValueError:
            return chain
        current = self.root
        for part in ("", *rel.parts):
            current = current / part if part else current
            spec = self._spec_of(current)
            if spec is not None:
                chain.append((current, spec))
        return list(self._base) + chain

    @staticmethod
    def _decide(spec, rel: str) -> bool | None:
        """True: ignored; False: re-included by a ``!`` pattern; None: no pattern matched."""
        for pattern in reversed(spec.patterns):
            if pattern.include is not None and pattern.match_file(rel) is not None:
                return bool(pattern.include)
        return None

    def ignored(self, path: Path, is_dir: bool = False) -> bool:
        path = Path(os.path.abspath(path))
        for base, spec in reversed(self._chain(path.parent)):
            rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            verdict = self._decide(spec, rel)
            if verdict is not None:
                return verdict
        return False


def readable(name: str) -> bool:
    return Path(name).suffix.lower() in READERS and not name.startswith((".", "~$"))


def iter_inputs(paths: Iterable[str | Path], config=None, *, gitignore: bool = True,
                only: set[Path] | None = None) -> Iterator[Input]:
    """Expand the command line into ``(label, path, error)`` triples.

    ``config`` (a :class:`termcheck.config.Config`) supplies include/exclude; ``only``,
    a set of resolved absolute paths (``--changed``), limits the scan to those files
    (folders are then not walked: the changed files under them are taken)."""
    seen: set[Path] = set()
    for label, path, error in _expand(paths, config, gitignore, only):
        if path is not None:
            key = Path(os.path.realpath(path))
            if key in seen:
                continue
            seen.add(key)
        yield label, path, error


def _expand(paths, config, gitignore: bool, only) -> Iterator[Input]:
    for raw in _globbed(paths):
        if isinstance(raw, tuple):  # a pattern that matched nothing
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            if only is not None:
                yield from _changed_under(p, config, only)
                continue
            yield from _walk(p, config, gitignore)
        else:
            if only is not None and p.resolve() not in only:
                continue
            if config is not None and p.exists() and not config.wanted(p):
                continue
            yield str(raw), p, None


_GLOB_CHARS = frozenset("*?[")


def _globbed(paths: Iterable[str | Path]) -> Iterator[str | Input]:
    """The paths, with quoted glob patterns expanded (sorted); an error triple for a
    pattern that matches nothing."""
    import glob

    for raw in paths:
        text = str(raw)
        if _GLOB_CHARS.isdisjoint(text) or Path(text).exists():
            yield raw
            continue
        matches = sorted(glob.glob(text, recursive=True))
        if not matches:
            yield text, None, "no file or folder matches this pattern"
        yield from matches


def _changed_under(folder: Path, config, only: set[Path]) -> Iterator[Input]:
    top = folder.resolve()
    for f in sorted(only):
        try:
            rel = f.relative_to(top)
        except ValueError:
            continue
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts[:-1]):
            continue
        if not readable(f.name) or not f.is_file():
            continue
        if config is not None and not config.wanted(f):
            continue
        yield str(folder / rel), folder / rel, None


def _walk(top: Path, config, gitignore: bool) -> Iterator[Input]:
    ignore = GitIgnore(top) if gitignore else None
    if ignore is not None and ignore.ignored(top, is_dir=True):
        ignore = None  # a folder named on the command line is read even if git ignores it
    seen_any = False  # a readable file was found, or something was left out on purpose
    for root, dirs, files in os.walk(top):
        here = Path(root)
        keep = []
        for d in sorted(dirs):
            if d in SKIP_DIRS or d.startswith("."):
                continue
            sub = here / d
            if (ignore is not None and ignore.ignored(sub, is_dir=True)) or \
                    (config is not None and config.excluded(sub, is_dir=True)):
                seen_any = True
                continue
            keep.append(d)
        dirs[:] = keep
        for name in sorted(files):
            if not readable(name):
                continue
            seen_any = True
            f = here / name
            if ignore is not None and ignore.ignored(f):
                continue
            if config is not None and not config.wanted(f):
                continue
            yield str(f), f, None
    if not seen_any:
        yield (str(top), None,
               f"no documents to scan in this folder (termcheck reads {', '.join(sorted(READERS))})")
