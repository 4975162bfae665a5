"""The scan cache: a document's findings kept under a key of everything that decides them.

A key is the SHA-256 of the file's bytes, the label it is reported under, the vocabulary
it is checked against, the glossaries' content, the scan settings and termcheck's
version (with a fingerprint of its source, so that an edited checkout never reuses an
old result). An entry is one JSON file in the cache folder, written to a temporary
file and renamed into place, so two scans at once never see half an entry; an entry
that cannot be read or does not carry its own key is ignored and written again.

The folder is ``--cache-dir``, else ``$XDG_CACHE_HOME/termcheck``, else
``~/.cache/termcheck``; deleting it clears the cache.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections import Counter
from enum import Enum
from functools import lru_cache
from pathlib import Path

from . import __version__
from .glossary import Form, Glossary
from .jsonenc import encoder
from .model import Finding, Location, Severity

FORMAT = 2  # the layout of an entry; bump it when DocumentResult or Finding changes


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "termcheck"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """termcheck's version and a hash of its own source files and word lists."""
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted([*package.rglob("*.py"), *package.glob("data/*.txt")]):
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def context_key(glossary: Glossary, settings) -> str:
    """What every document of one scan shares: glossaries, settings, termcheck itself."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(repr((glossary.title, glossary.vocabularies, glossary.concepts)).encode())
    digest.update(json.dumps(_plain(settings), sort_keys=True).encode())
    return digest.hexdigest()


def _plain(value):
    """``value`` as JSON-able data that does not depend on the hash seed (sets sorted)."""
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return sorted([str(k), _plain(v)] for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if value is None or isinstance(value, (str, int, float, bool)) else repr(value)


class ScanCache:
    """Cached :class:`~termcheck.engine.DocumentResult` objects in ``folder``."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder else default_dir()
        self.hits = self.misses = 0

    def key(self, context: str, path: Path, label: str, vocabulary: str | None, reason: str) -> str | None:
        """The entry's key, or None when the file cannot be read (the reader says why)."""
        try:
            with open(path, "rb") as fh:  # a piece at a time: a large text file is never held whole
                content = hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError:
            return None
        return hashlib.sha256(json.dumps([context, content, label, vocabulary, reason]).encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / f"v{FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str, glossary: Glossary):
        """The cached result, or None (absent, unreadable or corrupt: it will be rewritten)."""
        from .engine import DocumentResult

        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            if data.get("key") != key:
                raise ValueError("an entry under another key")
            doc = data["document"]
            forms = glossary.derived("scancache.forms", _forms_by_fields)
            result = DocumentResult(doc["path"], doc["vocabulary"], doc["vocabulary_reason"], doc["words"],
                                    [_finding(doc["path"], f) for f in doc["findings"]],
                                    Counter({forms.get(tuple(form)) or Form(*form): n for *form, n in doc["usage"]}),
                                    doc.get("code_words", 0), list(doc.get("warnings", ())))
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result) -> None:
        """Store ``result`` atomically; a cache that cannot be written is skipped."""
        entry = self._entry(key)
        head = {"key": key, "document": {
            "path": result.path, "vocabulary": result.vocabulary,
            "vocabulary_reason": result.vocabulary_reason, "words": result.words,
            "usage": [[f.text, f.kind, f.concept, f.vocabulary, f.case_sensitive, n]
                      for f, n in result.usage.items()],
            "code_words": result.code_words, "warnings": result.warnings,
        }}
        dump = encoder()
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=entry.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    # the findings one at a time: a large file's are never encoded at once
                    out.write(dump(head)[:-2] + ', "findings": [')
                    for n, f in enumerate(result.findings):
                        out.write(("," if n else "") + dump(_row(f, result.path)))
                    out.write("]}}")
                os.replace(tmp, entry)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass


def _forms_by_fields(glossary: Glossary) -> dict[tuple, Form]:
    """The glossary's forms by the fields an entry stores (an entry's usage counts then
    name the glossary's own Form objects instead of making new ones)."""
    return {(f.text, f.kind, f.concept, f.vocabulary, f.case_sensitive): f for f in glossary.forms()}


_SEVERITY = {s.value: s for s in Severity}
_LOCATION = tuple(f.name for f in dataclasses.fields(Location))


def _row(f: Finding, path: str) -> list:
    """A finding as an entry stores it: its fields in order, the path null where it is the
    document's, the location as a list of its fields (a row decodes and rebuilds several
    times faster than a dict with its keys repeated)."""
    loc = f.location
    return [f.rule, f.severity.value, None if f.path == path else f.path,
            [getattr(loc, name) for name in _LOCATION], f.found, f.suggestion,
            f.concept, f.vocabulary, f.message, f.context, f.span]


def _finding(path: str, row: list) -> Finding:
    rule, severity, own_path, loc, found, suggestion, concept, vocabulary, message, context, span = row
    return Finding(rule, _SEVERITY[severity], own_path or path, Location(*loc), found, suggestion, concept,
                   vocabulary, message, context, tuple(span) if span else None)
