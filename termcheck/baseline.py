"""Baselines: accept today's findings, report only new ones.

``termcheck scan --write-baseline FILE`` records a fingerprint of every finding;
``termcheck scan --baseline FILE`` then drops the findings whose fingerprint is in it.

A fingerprint is a hash of the rule, the document's path (relative to the baseline
file's folder), the text found and the sentence around it (lower-cased, white space and
the ``…`` of a cut sentence folded away), and the finding's index among findings with
that same key in the document. Line numbers and paragraph numbers are left out, so the
fingerprint survives edits elsewhere in the document; editing the sentence itself makes
the finding new.

The file is JSON::

    {"termcheck_baseline": 1, "version": "<termcheck version>", "fingerprints": [...]}

``termcheck_baseline`` is the format: it changes when fingerprints are computed
differently, and a file of another format is refused (exit 2) rather than silently
matching nothing. ``version`` records which termcheck wrote the file.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Iterable

from . import __version__
from .errors import ConfigError
from .fileio import read_text
from .model import Finding

FORMAT = 1
KEY = "termcheck_baseline"


def _fold(text: str) -> str:
    text = text.replace("…", " ").lower()
    return re.sub(r"\s+", " ", text).strip(" .,;:!?")


def document_key(path: str, base: Path) -> str:
    """The document's path as recorded: relative to ``base`` (POSIX), when it lies under it."""
    absolute = os.path.abspath(path)
    try:
        return Path(absolute).relative_to(os.path.abspath(base)).as_posix()
    except ValueError:
        return Path(os.path.normpath(path)).as_posix()


def fingerprints(findings: Iterable[Finding], base: Path) -> list[str]:
    """One fingerprint per finding, in order."""
    seen: Counter = Counter()
    out = []
    for f in findings:
        key = (f.rule, document_key(f.path, base), _fold(f.found), _fold(f.context))
        index = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(index))).encode("utf-8")).hexdigest()
        out.append(digest[:32])
    return out


def _result_fingerprints(result, base: Path) -> list[list[str]]:
    return [fingerprints(doc.findings, base) for doc in result.documents]


def write(path: str | Path, result) -> int:
    """Write the baseline of every finding of ``result``; returns how many."""
    from .fileio import atomic_write

    path = Path(path)
    base = path.resolve().parent
    prints = sorted({fp for doc in _result_fingerprints(result, base) for fp in doc})
    data = {KEY: FORMAT, "version": __version__, "fingerprints": prints}
    atomic_write(path, json.dumps(data, indent=1) + "\n")
    return len(prints)


def load(path: str | Path) -> set[str]:
    """The fingerprints of a baseline file, or :class:`ConfigError` saying what is wrong."""
    path = Path(path)
    text = read_text(path, "baseline", hint=f" (make one with --write-baseline {path})")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigError(f"{path}:{err.lineno}:{err.colno}: not a termcheck baseline "
                          f"(invalid JSON: {err.msg})") from None
    if not isinstance(data, dict) or KEY not in data:
        raise ConfigError(f"{path}: not a termcheck baseline (no {KEY!r} key)")
    fmt, version = data.get(KEY), data.get("version", "an unknown version")
    if fmt != FORMAT:
        raise ConfigError(f"{path}: baseline format {fmt!r} (written by termcheck {version}) is not one this "
                          f"termcheck ({__version__}) reads (format {FORMAT}); rewrite it with --write-baseline")
    prints = data.get("fingerprints")
    if not isinstance(prints, list) or not all(isinstance(p, str) for p in prints):
        raise ConfigError(f"{path}: 'fingerprints' must be a list of strings")
    return set(prints)


def apply(result, known: set[str], baseline_path: str | Path) -> int:
    """Drop from ``result`` the findings whose fingerprint is ``known``; returns how many."""
    base = Path(baseline_path).resolve().parent
    dropped = 0
    for doc, prints in zip(result.documents, _result_fingerprints(result, base)):
        keep = [f for f, fp in zip(doc.findings, prints) if fp not in known]
        dropped += len(doc.findings) - len(keep)
        doc.findings = keep
    return dropped
