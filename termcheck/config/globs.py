"""Globs of a configuration (``.gitignore`` rules, through pathspec) and paths relative
to the folder holding the configuration."""
from __future__ import annotations

import os
from pathlib import Path


def _spec(patterns):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def relative(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root`` in POSIX form, or None when it lies outside."""
    try:
        rel = Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(root)))
    except ValueError:
        try:
            rel = Path(path).resolve().relative_to(root.resolve())
        except ValueError:
            return None
    return rel.as_posix()


def glob_match(pattern: str, rel: str) -> bool:
    """Does the gitignore-style glob ``pattern`` cover the relative POSIX path ``rel``?"""
    return bool(rel) and _spec([pattern]).match_file(rel)
