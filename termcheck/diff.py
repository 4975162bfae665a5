"""Side-by-side terminology of two documents (or two folders), as data.

Each side is read once: every glossary form it uses is counted (see
:mod:`termcheck.usage`), near-misses are counted as forms of the concept they slip
from, and the ``unknown-term`` rule lists the terms no loaded glossary knows.

A concept both sides use is ``same`` or ``differ``: the full forms (everything but
acronyms) each side uses are compared; where a side uses only acronyms the acronyms are
compared instead, and a side with only acronyms against a side with only full forms is
``same`` (an acronym beside its expansion is no difference). A concept one side uses is
``only-a`` or ``only-b``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .engine import scan
from .glossary import Glossary
from .model import InputError
from .rules import Settings
from .usage import concept_forms, short_names

STATUSES = ("differ", "only-a", "only-b", "same")
STATUS_LABEL = {"differ": "differ", "only-a": "only A", "only-b": "only B", "same": "same"}


@dataclass(frozen=True)
class FormUse:
    text: str
    count: int
    kind: str  # preferred, admitted, deprecated, acronym, or near-miss

    def to_dict(self) -> dict:
        return {"form": self.text, "count": self.count, "kind": self.kind}


@dataclass
class SideDocument:
    path: str
    vocabulary: str | None
    words: int


@dataclass
class Side:
    label: str
    documents: list[SideDocument] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    forms: dict[str, dict[str, FormUse]] = field(default_factory=dict)  # concept -> text -> use
    unknown: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # key -> (term, documents)

    @property
    def words(self) -> int:
        return sum(d.words for d in self.documents)

    def add(self, concept: str, text: str, kind: str, n: int) -> None:
        uses = self.forms.setdefault(concept, {})
        old = uses.get(text)
        uses[text] = FormUse(text, n + (old.count if old else 0), old.kind if old else kind)

    def to_dict(self) -> dict:
        return {"path": self.label, "words": self.words,
                "documents": [{"path": d.path, "vocabulary": d.vocabulary, "words": d.words}
                              for d in self.documents],
                "errors": [e.to_dict() for e in self.errors]}


@dataclass(frozen=True)
class ConceptDiff:
    concept: str
    term: str  # the concept's preferred term, to name the row
    group: str
    a: tuple[FormUse, ...]
    b: tuple[FormUse, ...]
    status: str  # one of STATUSES

    def to_dict(self) -> dict:
        return {"concept": self.concept, "term": self.term, "group": self.group or None,
                "status": self.status, "a": [f.to_dict() for f in self.a],
                "b": [f.to_dict() for f in self.b]}


@dataclass(frozen=True)
class UnknownDiff:
    term: str
    a: tuple[str, ...]  # documents of side A that use it
    b: tuple[str, ...]

    @property
    def status(self) -> str:
        return "both" if self.a and self.b else "only-a" if self.a else "only-b"

    def to_dict(self) -> dict:
        return {"term": self.term, "status": self.status, "a": list(self.a), "b": list(self.b)}


@dataclass
class DiffResult:
    a: Side
    b: Side
    concepts: list[ConceptDiff]
    unknown: list[UnknownDiff]

    @property
    def errors(self) -> list[InputError]:
        return self.a.errors + self.b.errors

    def summary(self) -> dict:
        counts = {s: 0 for s in STATUSES}
        for c in self.concepts:
            counts[c.status] += 1
        return {"concepts": len(self.concepts), **counts, "unknown": len(self.unknown)}

    def to_dict(self) -> dict:
        from . import __version__

        return {"termcheck": __version__, "a": self.a.to_dict(), "b": self.b.to_dict(),
                "summary": self.summary(), "concepts": [c.to_dict() for c in self.concepts],
                "unknown": [u.to_dict() for u in self.unknown]}


def read_side(path: str | Path, glossary: Glossary, settings: Settings) -> Side:
    """Scan every document under ``path`` (near-misses and unknown terms only) and gather
    its forms and unknown terms."""
    side = Side(str(path))
    result = scan([path], glossary, settings)
    side.errors.extend(result.errors)
    for doc in result.documents:
        side.documents.append(SideDocument(doc.path, doc.vocabulary, doc.words))
        kinds = {(f.concept, f.text): f.kind for f in doc.usage}
        for concept, texts in concept_forms(doc.usage).items():
            for text, n in texts.items():
                side.add(concept, text, kinds[(concept, text)], n)
        for f in doc.findings:
            if f.rule == "near-miss" and f.concept:
                side.add(f.concept, f.found, "near-miss", 1)
            elif f.rule == "unknown-term":
                key = " ".join(f.found.casefold().split())
                term, docs = side.unknown.setdefault(key, (f.found, []))
                if doc.path not in docs:
                    docs.append(doc.path)
    return side


def _status(a: dict[str, FormUse], b: dict[str, FormUse]) -> str:
    if not b:
        return "only-a"
    if not a:
        return "only-b"
    full_a = {t.casefold() for t, f in a.items() if f.kind != "acronym"}
    full_b = {t.casefold() for t, f in b.items() if f.kind != "acronym"}
    if full_a and full_b:
        return "same" if full_a == full_b else "differ"
    if not full_a and not full_b:
        return "same" if set(a) == set(b) else "differ"
    return "same"


def _ordered(uses: dict[str, FormUse]) -> tuple[FormUse, ...]:
    return tuple(sorted(uses.values(), key=lambda f: (-f.count, f.text.casefold())))


def compare(a: Side, b: Side, glossary: Glossary) -> DiffResult:
    concepts = []
    for cid in set(a.forms) | set(b.forms):
        concept = glossary.concepts[cid]
        ua, ub = a.forms.get(cid, {}), b.forms.get(cid, {})
        concepts.append(ConceptDiff(cid, concept.any_preferred(), concept.group,
                                    _ordered(ua), _ordered(ub), _status(ua, ub)))
    concepts.sort(key=lambda c: (STATUSES.index(c.status), c.term.casefold()))
    unknown = []
    for key in sorted(set(a.unknown) | set(b.unknown)):
        term = (a.unknown.get(key) or b.unknown[key])[0]
        unknown.append(UnknownDiff(term, tuple(a.unknown.get(key, ("", []))[1]),
                                   tuple(b.unknown.get(key, ("", []))[1])))
    unknown.sort(key=lambda u: ({"both": 0, "only-a": 1, "only-b": 2}[u.status], u.term.casefold()))
    return DiffResult(a, b, concepts, unknown)


def diff(path_a: str | Path, path_b: str | Path, glossary: Glossary,
         settings: Settings | None = None) -> DiffResult:
    """Compare the terminology of ``path_a`` and ``path_b`` (files or folders)."""
    settings = settings or Settings(enabled=frozenset({"near-miss", "unknown-term"}))
    return compare(read_side(path_a, glossary, settings), read_side(path_b, glossary, settings), glossary)


def document_names(result: DiffResult) -> dict[str, str]:
    """Short, distinct names for every document of both sides."""
    return short_names([d.path for d in result.a.documents + result.b.documents])
