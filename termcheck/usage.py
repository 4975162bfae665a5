"""How often each glossary form is used, per document.

One count per glossary :class:`~termcheck.glossary.Form` a match stands for, so a form
is keyed by its concept, vocabulary and text (``Form.concept``, ``Form.vocabulary``,
``Form.text``). Inflected matches count for the form they inflect (``Tranches`` counts
for ``Tranche``). A match that stands for several forms (the acronym ``LSS`` of two
vocabularies) counts once for each of them; :func:`concept_forms` folds those back
into one count per concept and text.

Used by the appendix (``--with-usage``), the diff and the HTML report's usage matrix.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .engine import Scanner, scan
from .glossary import Form, Glossary
from .model import Block, InputError
from .rules import Settings

COUNT_ONLY = Settings(enabled=frozenset(), fuzzy=False, unknown=False)  # match, run no rule

FormCounts = Counter  # Counter[Form]


def count_blocks(blocks: list[Block], glossary: Glossary, path: str = "<blocks>") -> FormCounts:
    """The form counts of one document's blocks."""
    return Scanner(glossary, COUNT_ONLY).check_blocks(path, blocks).usage


def concept_forms(counts: FormCounts) -> dict[str, Counter]:
    """``{concept id: Counter({form text: n})}``: one count per concept and text, however
    many vocabularies list that text."""
    per: dict[tuple[str, str], int] = {}
    for form, n in counts.items():
        key = (form.concept, form.text)
        per[key] = max(per.get(key, 0), n)
    out: dict[str, Counter] = {}
    for (concept, text), n in per.items():
        out.setdefault(concept, Counter())[text] = n
    return out


@dataclass
class Usage:
    """Form counts for each readable document, in input order, and the unreadable inputs."""

    documents: dict[str, FormCounts] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)

    def total(self) -> FormCounts:
        out: FormCounts = Counter()
        for counts in self.documents.values():
            out.update(counts)
        return out

    def where(self, form: Form) -> list[tuple[str, int]]:
        """``(document, count)`` for each document that uses ``form``."""
        return [(path, c[form]) for path, c in self.documents.items() if c.get(form)]

    def by_concept_text(self) -> dict[tuple[str, str], dict[str, int]]:
        """``{(concept, form text): {document: count}}`` over every document."""
        out: dict[tuple[str, str], dict[str, int]] = {}
        for path, counts in self.documents.items():
            for concept, texts in concept_forms(counts).items():
                for text, n in texts.items():
                    out.setdefault((concept, text), {})[path] = n
        return out


def collect(paths: Iterable[str | Path], glossary: Glossary) -> Usage:
    """Read every document under ``paths`` (files or folders) and count its forms."""
    return from_result(scan(paths, glossary, COUNT_ONLY))


def from_result(result) -> Usage:
    """The usage of a finished scan (:class:`~termcheck.engine.ScanResult`): the engine
    counted the forms as it went, so nothing is read again."""
    return Usage({d.path: d.usage for d in result.documents}, list(result.errors))


def short_names(paths: list[str]) -> dict[str, str]:
    """The shortest trailing part of each path that tells it apart from the others."""
    parts = {p: p.replace("\\", "/").split("/") for p in paths}
    out = {}
    for p, segs in parts.items():
        for n in range(1, len(segs) + 1):
            tail = "/".join(segs[-n:])
            if all(q == p or "/".join(parts[q][-n:]) != tail for q in paths):
                out[p] = tail
                break
        else:
            out[p] = p
    return out
