"""Files in, findings out. Never prints.

:class:`Scanner` holds what is built once per glossary (the phrase trie, the fuzzy
index); :func:`scan` walks the inputs, reads each with its reader, decides its
vocabulary, runs the rules and collects findings and per-file errors.
"""
from __future__ import annotations

import gc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from typing import TYPE_CHECKING

from .gcpause import gc_paused
from .glossary import Glossary
from .model import Block, Finding, InputError
from .rules import STAGES, Settings
from .scancache import ScanCache, context_key
from .walk import iter_inputs

if TYPE_CHECKING:
    from .rules import Document

# The analysis (matching, fuzzy index, rules, readers) is imported where a document is
# first checked: a rescan that the cache answers whole never loads it.


@dataclass
class DocumentResult:
    path: str
    vocabulary: str | None
    vocabulary_reason: str
    words: int
    findings: list[Finding]
    usage: Counter = field(default_factory=Counter)  # glossary Form -> matches of it
    code_words: int = 0  # words of code blocks the reader skipped
    warnings: list[str] = field(default_factory=list)  # suppression directives naming no rule
    document: Document | None = field(default=None, repr=False, compare=False)  # see check_source

    def to_dict(self) -> dict:
        return {"path": self.path, "vocabulary": self.vocabulary,
                "vocabulary_reason": self.vocabulary_reason, "words": self.words,
                "skipped_code_words": self.code_words, "findings": len(self.findings)}


@dataclass
class ScanResult:
    documents: list[DocumentResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "path:place: message", e.g. a suppression typo
    nlp: str = "spaCy tokenizer only; rule-based unknown-term"  # which language path ran

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings]

    def summary(self) -> dict:
        by_rule = Counter(f.rule for f in self.findings)
        return {"files": len(self.documents), "findings": sum(by_rule.values()),
                "by_rule": dict(sorted(by_rule.items()))}


def detect_vocabulary(doc: Document, glossary: Glossary,
                      default: str | None = None) -> tuple[str | None, str]:
    """The vocabulary whose own terms the document uses most, and why. A tie goes to
    ``default`` where one is configured; else the vocabulary stays undetermined (and
    the mixed-vocabulary rule reports the tie)."""
    names = list(glossary.vocabularies)
    if len(names) == 1:
        return names[0], "the glossary has one vocabulary"
    counts = Counter({n: sum(e[0] for e in doc.vocabulary_terms[n].values()) for n in names})
    ranked = counts.most_common()
    detail = ", ".join(f"{n} {c}" for n, c in ranked)
    if not ranked or ranked[0][1] == 0:
        return None, "undetermined: the document uses no vocabulary-specific term"
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        if default is not None:
            return default, f"the configured default-vocabulary: a tie between vocabulary-specific terms ({detail})"
        return None, f"undetermined: a tie between vocabulary-specific terms ({detail})"
    return ranked[0][0], f"detected from vocabulary-specific terms ({detail})"


class Scanner:
    def __init__(self, glossary: Glossary, settings: Settings | None = None):
        from .fuzzy import FuzzyIndex
        from .matching import FormIndex
        from .nlp import load_model
        from .rules.closest import prepare as prepare_suggestions

        self.glossary = glossary
        self.settings = settings or Settings()
        self.tagger = load_model(self.settings.nlp_model) if self.settings.nlp_model else None
        with gc_paused():  # the indexes of a large glossary are many small objects
            self.index = FormIndex(glossary)
            # tables every document asks for, built before workers fork; in this order,
            # words folded as written, then in lower case (nlp.fold keeps recent answers)
            glossary.acronyms()
            self.fuzzy = (FuzzyIndex(glossary, threshold=self.settings.fuzzy_threshold)
                          if self.settings.fuzzy and "near-miss" in self.settings.enabled else None)
            if self.settings.unknown and "unknown-term" in self.settings.enabled:
                prepare_suggestions(glossary)
        # per-block analysis kept between checks when set to a dict (the language server
        # re-checks one document after every edit); None: nothing kept
        self.block_cache: dict | None = None

    def check_blocks(self, path: str, blocks: list[Block], vocabulary: str | None = None,
                     reason: str = "", keep_document: bool = False, decided: bool = False) -> DocumentResult:
        """``decided``: ``vocabulary`` (None too) was decided by the caller and is not
        detected from ``blocks`` (a section of a file, see :mod:`termcheck.sections`)."""
        with gc_paused():
            return self._check_blocks(path, blocks, vocabulary, reason, keep_document, decided)

    def _check_blocks(self, path: str, blocks: list[Block], vocabulary: str | None,
                      reason: str, keep_document: bool, decided: bool = False) -> DocumentResult:
        from .matching import count_forms
        from .rules import CHECKS, Document

        doc = Document(path, blocks, self.glossary, self.index, self.fuzzy, self.settings, self.tagger,
                       cache=self.block_cache)
        if decided:
            doc.vocabulary, doc.vocabulary_reason = vocabulary, reason
        elif vocabulary:
            doc.vocabulary, doc.vocabulary_reason = vocabulary, reason or "given with --vocabulary"
        else:
            doc.vocabulary, doc.vocabulary_reason = detect_vocabulary(doc, self.glossary,
                                                                      self.settings.default_vocabulary)
        stage_on = {"fuzzy": self.fuzzy is not None, "unknown": self.settings.unknown}
        for rule, check in CHECKS.items():
            if rule in self.settings.enabled and stage_on.get(STAGES.get(rule, ""), True):
                check(doc)
        usage = count_forms(m for _, m in doc.occurrences())
        result = DocumentResult(path, doc.vocabulary, doc.vocabulary_reason, doc.words, doc.findings(), usage,
                                sum(b.code_words for b in blocks))
        if keep_document:
            result.document = doc
        return result

    def check_source(self, text: str, suffix: str, path: str, vocabulary: str | None = None,
                     reason: str = "", keep_document: bool = False) -> DocumentResult:
        """Check a Markdown or plain-text document held in memory (an editor's buffer),
        read as a file with ``suffix`` would be; the file on disk is not read.
        ``keep_document``: keep the analysed :class:`Document` on the result (its
        blocks and glossary matches), for callers that need positions of terms."""
        from .readers import blocks_from_text

        return self.check_blocks(path, blocks_from_text(text, suffix), vocabulary, reason, keep_document)

    def check_text(self, text: str, vocabulary: str | None = None, path: str = "<text>") -> DocumentResult:
        """Check a string as one plain-text document (tests, glossary examples)."""
        from .readers.text import paragraphs

        return self.check_blocks(path, list(paragraphs(text)), vocabulary)


def scan(paths: Iterable[str | Path], glossary: Glossary, settings: Settings | None = None,
         vocabulary: str | None = None,
         vocabulary_for: Callable[[Path], tuple[str, str] | None] | None = None,
         progress: Callable[[str], None] | None = None,
         inputs: Iterable[tuple[str, Path | None, str | None]] | None = None,
         jobs: int = 1, cache: ScanCache | None = None) -> ScanResult:
    """Scan files and folders. A file that cannot be read becomes an :class:`InputError`;
    the others are still scanned. Folders are walked by :func:`termcheck.walk.iter_inputs`
    (``.gitignore`` honoured); ``inputs``, triples from that function made with a
    configuration, replaces the walk.

    ``jobs`` > 1 checks files in that many worker processes; ``cache`` (a
    :class:`~termcheck.scancache.ScanCache`) reuses the results of unchanged files. The
    result is the same either way, documents and errors in the order of the inputs. Files
    are read one at a time (by each worker), never all held at once."""
    settings = settings or Settings()
    result = ScanResult()
    scanner = None
    if settings.nlp_model:  # load (and validate) the optional pipeline before anything else
        scanner = Scanner(glossary, settings)
        result.nlp = f"spaCy tokenizer; unknown-term phrases trimmed by the tags of {settings.nlp_model}"
    context = context_key(glossary, settings) if cache is not None else None
    slots: list[DocumentResult | InputError | None] = []
    pending: list[tuple[int, str | None, tuple[str, Path, str | None, str]]] = []
    for label, path, error in (inputs if inputs is not None else iter_inputs(paths)):
        if error:
            _note(progress, label)
            slots.append(InputError(label, error))
            continue
        vocab, reason = vocabulary, ""
        if vocab is None and vocabulary_for is not None:
            vocab, reason = vocabulary_for(path) or (None, "")
        key = cache.key(context, path, label, vocab, reason) if cache is not None else None
        hit = cache.get(key, glossary) if key is not None else None
        if hit is not None:
            _note(progress, label)
            slots.append(hit)
            continue
        pending.append((len(slots), key, (label, path, vocab, reason)))
        slots.append(None)

    for (slot, key, task), outcome in zip(pending, _check_all(pending, glossary, settings, scanner, jobs, progress)):
        slots[slot] = outcome
        if key is not None and isinstance(outcome, DocumentResult):
            cache.put(key, outcome)
    for outcome in slots:
        (result.documents if isinstance(outcome, DocumentResult) else result.errors).append(outcome)
        if isinstance(outcome, DocumentResult):
            result.warnings.extend(outcome.warnings)
    return result


def _note(progress, label: str) -> None:
    if progress:
        progress(label)


def _check_all(pending, glossary, settings, scanner, jobs, progress):
    """Outcomes of the pending files, in their order: in this process, or in a pool."""
    global _WORKER
    tasks = [task for _, _, task in pending]
    if jobs <= 1 or len(tasks) < 2:
        scanner = scanner or (Scanner(glossary, settings) if tasks else None)
        for task in tasks:
            _note(progress, task[0])
            yield _check_one(scanner, task)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    forking = "fork" in multiprocessing.get_all_start_methods()
    if forking:  # the workers inherit one scanner built here instead of each building one
        _WORKER = scanner or Scanner(glossary, settings)
        gc.freeze()  # keep the inherited objects' pages shared
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), initializer=_init_worker,
                                 initargs=(glossary, settings),
                                 mp_context=multiprocessing.get_context("fork" if forking else "spawn")) as pool:
            for task, outcome in zip(tasks, pool.map(_work, tasks)):
                _note(progress, task[0])
                yield outcome
    finally:
        _WORKER = None
        if forking:
            gc.unfreeze()


_WORKER: Scanner | None = None  # the scanner of a worker process


def _init_worker(glossary: Glossary, settings: Settings) -> None:
    global _WORKER
    import os
    import threading
    import time

    parent = os.getppid()

    def orphaned() -> None:  # a killed scan must not leave its workers waiting forever
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=orphaned, daemon=True).start()
    if _WORKER is None:
        _WORKER = Scanner(glossary, settings)


def _work(task) -> DocumentResult | InputError:
    return _check_one(_WORKER, task)


def _check_one(scanner: Scanner, task) -> DocumentResult | InputError:
    from . import sections, suppress
    from .errors import ReadError
    from .readers import read_blocks

    label, path, vocab, reason = task
    if sections.wanted(path):  # a large text file: read and checked a section at a time
        try:
            return sections.check_file(scanner, label, path, vocab, reason)
        except ReadError as err:
            return InputError(label, str(err))
    try:
        blocks = read_blocks(path)
    except ReadError as err:
        return InputError(label, str(err))
    result = scanner.check_blocks(label, blocks, vocab, reason)
    result.warnings = [f"{label}:{w}" for w in suppress.unknown_rules(path, blocks)]
    return result
