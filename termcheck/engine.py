"""Files in, findings out. Never prints.

:class:`Scanner` holds what is built once per glossary (the phrase trie, the fuzzy
index); :func:`scan` walks the inputs, reads each with its reader, decides its
vocabulary, runs the rules and collects findings and per-file errors.
"""
from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import ReadError
from .glossary import ALL, Glossary
from .matching import FormIndex, FuzzyIndex, count_forms
from .model import Block, Finding, InputError
from .nlp import load_model
from .readers import read_blocks
from .rules import CHECKS, STAGES, Document, Settings
from .walk import iter_inputs


@dataclass
class DocumentResult:
    path: str
    vocabulary: str | None
    vocabulary_reason: str
    words: int
    findings: list[Finding]
    usage: Counter = field(default_factory=Counter)  # glossary Form -> matches of it

    def to_dict(self) -> dict:
        return {"path": self.path, "vocabulary": self.vocabulary,
                "vocabulary_reason": self.vocabulary_reason, "words": self.words,
                "findings": len(self.findings)}


@dataclass
class ScanResult:
    documents: list[DocumentResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    nlp: str = "spaCy tokenizer only; rule-based unknown-term"  # which language path ran

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings]

    def summary(self) -> dict:
        by_rule = Counter(f.rule for f in self.findings)
        return {"files": len(self.documents), "findings": sum(by_rule.values()),
                "by_rule": dict(sorted(by_rule.items()))}


def detect_vocabulary(doc: Document, glossary: Glossary) -> tuple[str | None, str]:
    """The vocabulary whose own terms the document uses most, and why."""
    names = list(glossary.vocabularies)
    if len(names) == 1:
        return names[0], "the glossary has one vocabulary"
    counts = Counter({n: 0 for n in names})
    for _, m in doc.occurrences():
        vocabs = {f.vocabulary for f in m.forms}
        if ALL not in vocabs and len(vocabs) < len(names):  # a form not every vocabulary has
            counts.update(vocabs)
    ranked = counts.most_common()
    detail = ", ".join(f"{n} {c}" for n, c in ranked)
    if not ranked or ranked[0][1] == 0:
        return None, "undetermined: the document uses no vocabulary-specific term"
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None, f"undetermined: a tie between vocabulary-specific terms ({detail})"
    return ranked[0][0], f"detected from vocabulary-specific terms ({detail})"


@contextmanager
def _gc_paused():
    """The cycle collector off while one document is checked: a document makes one small
    object per token and per match (none in a reference cycle), and collecting while they
    are made cost a tenth of a scan. Reference counting still frees them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Scanner:
    def __init__(self, glossary: Glossary, settings: Settings | None = None):
        self.glossary = glossary
        self.settings = settings or Settings()
        self.index = FormIndex(glossary)
        self.tagger = load_model(self.settings.nlp_model) if self.settings.nlp_model else None
        self.fuzzy = (FuzzyIndex(glossary, threshold=self.settings.fuzzy_threshold)
                      if self.settings.fuzzy and "near-miss" in self.settings.enabled else None)

    def check_blocks(self, path: str, blocks: list[Block], vocabulary: str | None = None,
                     reason: str = "") -> DocumentResult:
        with _gc_paused():
            return self._check_blocks(path, blocks, vocabulary, reason)

    def _check_blocks(self, path: str, blocks: list[Block], vocabulary: str | None,
                      reason: str) -> DocumentResult:
        doc = Document(path, blocks, self.glossary, self.index, self.fuzzy, self.settings, self.tagger)
        if vocabulary:
            doc.vocabulary, doc.vocabulary_reason = vocabulary, reason or "given with --vocabulary"
        else:
            doc.vocabulary, doc.vocabulary_reason = detect_vocabulary(doc, self.glossary)
        stage_on = {"fuzzy": self.fuzzy is not None, "unknown": self.settings.unknown}
        for rule, check in CHECKS.items():
            if rule in self.settings.enabled and stage_on.get(STAGES.get(rule, ""), True):
                check(doc)
        usage = count_forms(m for _, m in doc.occurrences())
        return DocumentResult(path, doc.vocabulary, doc.vocabulary_reason, doc.words, doc.findings(), usage)

    def check_text(self, text: str, vocabulary: str | None = None, path: str = "<text>") -> DocumentResult:
        """Check a string as one plain-text document (tests, glossary examples)."""
        from .readers.text import paragraphs

        return self.check_blocks(path, list(paragraphs(text)), vocabulary)


def scan(paths: Iterable[str | Path], glossary: Glossary, settings: Settings | None = None,
         vocabulary: str | None = None,
         vocabulary_for: Callable[[Path], tuple[str, str] | None] | None = None,
         progress: Callable[[str], None] | None = None,
         inputs: Iterable[tuple[str, Path | None, str | None]] | None = None) -> ScanResult:
    """Scan files and folders. A file that cannot be read becomes an :class:`InputError`;
    the others are still scanned. Folders are walked by :func:`termcheck.walk.iter_inputs`
    (``.gitignore`` honoured); ``inputs``, triples from that function made with a
    configuration, replaces the walk."""
    scanner = Scanner(glossary, settings)
    result = ScanResult()
    if scanner.tagger is not None:
        result.nlp = f"spaCy tokenizer; unknown-term phrases trimmed by the tags of {scanner.settings.nlp_model}"
    for label, path, error in (inputs if inputs is not None else iter_inputs(paths)):
        if progress:
            progress(label)
        if error:
            result.errors.append(InputError(label, error))
            continue
        try:
            blocks = read_blocks(path)
        except ReadError as err:
            result.errors.append(InputError(label, str(err)))
            continue
        vocab, reason = vocabulary, ""
        if vocab is None and vocabulary_for is not None:
            vocab, reason = vocabulary_for(path) or (None, "")
        result.documents.append(scanner.check_blocks(label, blocks, vocab, reason))
    return result
