"""Warnings about a configuration that is valid but probably not what was meant: a
glob (``vocabulary``, ``include``, ``exclude``) that matches no file under the
configuration's folder is most often a typo, and would otherwise pass in silence.

The folder is walked once, skipping hidden and tool folders (as a scan does), but not
``.gitignore``d files: an ``exclude`` glob may well name what git ignores.
"""
from __future__ import annotations

import os
from pathlib import Path

MAX_FILES = 200_000  # beyond this the check stops and warns of nothing


def _files(root: Path) -> list[str] | None:
    from .walk import SKIP_DIRS

    out: list[str] = []
    for here, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        rel = Path(here).relative_to(root)
        for name in files:
            out.append((rel / name).as_posix())
            if len(out) > MAX_FILES:
                return None
    return out


def unmatched_globs(config) -> list[str]:
    """One warning line per configuration glob that matches no file."""
    from .config import COMMAND_LINE, _spec, display_path

    globs = [(key, glob, where) for key, glob, where in config.globs
             if not (key == "vocabulary" and config.values["vocabulary"].source == COMMAND_LINE)]
    if not globs:
        return []
    files = _files(config.root)
    if files is None:
        return []
    out = []
    for key, glob, where in globs:
        spec = _spec([glob[1:] if glob.startswith("!") else glob])
        if not any(spec.match_file(f) for f in files):
            out.append(f"{where}: {key} glob {glob!r} matches no file under {display_path(config.root) or '.'}")
    return out
