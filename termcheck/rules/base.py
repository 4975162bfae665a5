"""What every rule sees: one document, analysed once.

:class:`Document` holds a document's blocks, their tokens and glossary matches, the
acronym definitions and uses in reading order, and the near-misses. Rules read it and
call :meth:`Document.report`; they never read files or print.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..glossary import ALL, Concept, Form, Glossary
from ..matching import (FormIndex, FuzzyIndex, Match, NearMiss, find_definitions,
                        mask, surface, table_definition)
from ..model import Block, Finding, Location, Severity
from ..nlp import Tok, tokenize_many

RULE_IDS = ("vocabulary-mismatch", "deprecated-term", "near-miss", "inconsistent-usage",
            "unmapped-term", "unknown-term", "acronym-undefined", "acronym-conflict")

DEFAULT_SEVERITY = {
    "vocabulary-mismatch": Severity.ERROR,
    "deprecated-term": Severity.ERROR,
    "near-miss": Severity.WARNING,
    "inconsistent-usage": Severity.WARNING,
    "unmapped-term": Severity.INFO,
    "unknown-term": Severity.INFO,
    "acronym-undefined": Severity.WARNING,
    "acronym-conflict": Severity.WARNING,
}

# Acronyms every reader knows; none of them needs a definition.
COMMON_ACRONYMS = frozenset("""
UK GB EU US USA UN PDF HTML XML JSON CSV URL FAQ ID IT HR CEO CFO CIO CTO AM PM OK TBC TBD
TBA NB PS QA QC VAT GDP GMT BST UTC ISO IEC BS IEEE API FTP HTTP HTTPS SQL PC AI
""".split())


@dataclass(frozen=True)
class Settings:
    """What a scan is asked to do (filled from the command line and configuration)."""

    enabled: frozenset[str] = frozenset(RULE_IDS)
    severities: dict[str, Severity] = field(default_factory=dict)
    exempt_acronyms: frozenset[str] = COMMON_ACRONYMS
    fuzzy: bool = True
    fuzzy_threshold: int = 80  # least similarity (0-100) of a near-miss to its form
    unknown: bool = True
    nlp_model: str | None = None  # optional statistical spaCy pipeline for unknown-term

    def severity(self, rule: str) -> Severity:
        return self.severities.get(rule, DEFAULT_SEVERITY[rule])


@dataclass(frozen=True)
class AcronymEvent:
    """An acronym defined or used, in reading order."""

    kind: str  # "define" or "use"
    acronym: str
    block: int
    start: int
    end: int
    expansion: str = ""
    acceptable: bool = True  # the use is acceptable in the document's vocabulary
    text: str = ""  # the use as written (``MPANs``)


# Unicode hyphens that should read as "-" (same length, so offsets hold).
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})

CACHE_LIMIT = 10_000  # entries of a Document cache before it is emptied (a few kB each)

_SENTENCE_END = re.compile(r"[.!?;:](?=\s)|\n\s*\n")


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> tuple[str, tuple[int, int]]:
    """The sentence holding ``text[start:end]`` (white space folded; a long one cut at
    word boundaries, marked with ``…``), and the span of the term inside it."""
    reach = 2 * limit  # look no further for the sentence's ends: a long block stays linear
    left = max(0, start - reach)
    for m in _SENTENCE_END.finditer(text, left, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end, end + reach)
    right = m.end() if m else min(len(text), end + reach)
    cut_left = cut_right = False
    room = max(0, (limit - (end - start)) // 2)
    if start - left > room:
        cut = text.find(" ", start - room, start)
        left, cut_left = (cut + 1 if cut != -1 else start - room), True
    if right - end > room:
        cut = text.rfind(" ", end, end + room)
        right, cut_right = (cut if cut != -1 else end + room), True
    before, term, after = surface(text[left:start]), surface(text[start:end]), surface(text[end:right])
    if cut_left:
        before = "… " + before
    if cut_right:
        after = after + " …"
    joiner_l = " " if before and not before.endswith(" ") and text[start - 1:start].isspace() else ""
    joiner_r = " " if after and text[end:end + 1].isspace() else ""
    s = len(before) + len(joiner_l)
    return f"{before}{joiner_l}{term}{joiner_r}{after}", (s, s + len(term))


def end_location(block: Block, start: int, end: int) -> Location | None:
    """Where ``block.text[start:end]`` ends in a text source: the position just after its
    last character (None for formats without columns)."""
    last = block.location_at(max(start, end - 1))
    if last.column is None or last.line is None:
        return None
    return Location(line=last.line, column=last.column + (1 if end > start else 0))


class Document:
    """One document's blocks, analysed for the rules."""

    def __init__(self, path: str, blocks: list[Block], glossary: Glossary, index: FormIndex,
                 fuzzy: FuzzyIndex | None, settings: Settings, tagger=None, cache: dict | None = None):
        self.path = path
        self.blocks = blocks
        self.glossary = glossary
        self.fuzzy_index = fuzzy
        self.settings = settings
        self.tagger = tagger  # a statistical spaCy pipeline, or None (see nlp.load_model)
        self.vocabulary: str | None = None
        self.vocabulary_reason = ""
        self.texts = [mask(b.text).translate(_HYPHENS) for b in blocks]
        # ``cache``: block text -> (tokens, matches) kept by the caller between checks of
        # one scanner (the language server re-checks a document after every edit)
        self._cache = cache
        if cache is None:
            self.tokens: list[list[Tok]] = tokenize_many(self.texts)
            self.matches: list[list[Match]] = [index.match(t, toks) for t, toks in zip(self.texts, self.tokens)]
        else:
            if len(cache) > CACHE_LIMIT:
                cache.clear()
            new = [t for t in dict.fromkeys(self.texts) if t not in cache]
            for t, toks in zip(new, tokenize_many(new)):
                cache[t] = (toks, index.match(t, toks))
            self.tokens = [cache[t][0] for t in self.texts]
            self.matches = [cache[t][1] for t in self.texts]
        self._findings: list[tuple[tuple[int, int, int], Finding]] = []

    # ------------------------------------------------------------ facts rules share
    @property
    def words(self) -> int:
        return sum(1 for toks in self.tokens for t in toks if t.text[:1].isalnum())

    def occurrences(self):
        """(block index, match) for every glossary form found, in reading order."""
        for b, matches in enumerate(self.matches):
            for m in matches:
                yield b, m

    def judge(self, match: Match) -> tuple[str, tuple[Form, ...]]:
        """``ok``, ``deprecated`` or ``foreign`` for a match in this document's vocabulary,
        with the forms that decided it."""
        vocab = self.vocabulary
        own = [f for f in match.forms if f.vocabulary == ALL or f.vocabulary == vocab]
        ok = [f for f in (match.forms if vocab is None else own) if f.kind != "deprecated"]
        if ok:
            return "ok", tuple(ok)
        if own or vocab is None:
            return "deprecated", tuple(own or match.forms)
        return "foreign", match.forms

    def memo(self, kind: str, text: str, compute):
        """``compute()``, a fact of one block's text alone, kept in the caller's cache
        (when there is one) under ``(kind, text)``."""
        cache = self._cache
        if cache is None:
            return compute()
        key = (kind, text)
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    @cached_property
    def glossed(self) -> set[tuple[int, int]]:
        """(block, start) of acronyms that only gloss the term just before them, as in
        ``Pre-Integration Testing (PIT)``: a finding on the term covers them."""
        out = set()
        for b, matches in enumerate(self.matches):
            text = self.texts[b]
            for prev, m in zip(matches, matches[1:]):
                if any(f.kind == "acronym" for f in m.forms) and text[prev.end:m.start].strip() == "(" \
                        and {f.concept for f in prev.forms} & {f.concept for f in m.forms}:
                    out.add((b, m.start))
        return out

    def pos_at(self, block: int) -> dict[int, str]:
        """Part-of-speech tags of a block's words by start offset (needs ``tagger``)."""
        cache = self.__dict__.setdefault("_pos", {})
        if block not in cache:
            cache[block] = {t.idx: t.pos_ for t in self.tagger(self.texts[block])}
        return cache[block]

    def concept(self, cid: str) -> Concept:
        return self.glossary.concepts[cid]

    def counterparts(self, concept: Concept) -> list[str]:
        """The document vocabulary's preferred terms for a concept: its own, else those
        of its narrower concepts (one-to-many)."""
        own = concept.preferred_in(self.vocabulary)
        if own:
            return [own]
        out = []
        for nid in concept.narrower:
            term = self.concept(nid).preferred_in(self.vocabulary)
            if term and term not in out:
                out.append(term)
        return out

    @cached_property
    def acronym_events(self) -> list[AcronymEvent]:
        """Definitions (in text and in abbreviation-table rows) and uses of glossary
        acronyms, in reading order."""
        events: list[AcronymEvent] = []
        for b, (block, text, toks) in enumerate(zip(self.blocks, self.texts, self.tokens)):
            row_def = table_definition(block.row) if block.cell == 0 else None
            if row_def:
                events.append(AcronymEvent("define", row_def[0], b, 0, len(text), row_def[1]))
            defs = self.memo("definitions", text, lambda: find_definitions(text, toks))
            defined_at = {d.acronym_start for d in defs}
            for d in defs:
                events.append(AcronymEvent("define", d.acronym, b, d.start, d.end, d.expansion))
            for m in self.matches[b]:
                acr = [f for f in m.forms if f.kind == "acronym"]
                if acr and m.start not in defined_at and not (row_def and m.start == 0):
                    verdict, _ = self.judge(m)
                    events.append(AcronymEvent("use", acr[0].text, b, m.start, m.end,
                                               acceptable=verdict == "ok", text=m.text))
        events.sort(key=lambda e: (e.block, e.start, e.kind != "define"))
        return events

    def definitions(self) -> list[AcronymEvent]:
        return [e for e in self.acronym_events if e.kind == "define"]

    @cached_property
    def near_misses(self) -> list[tuple[int, NearMiss]]:
        if self.fuzzy_index is None:
            return []
        vocab = self.vocabulary

        def rank(form: Form) -> tuple[int, int]:
            return (0 if form.vocabulary in (vocab, ALL) else 1,
                    ("preferred", "admitted", "deprecated", "acronym").index(form.kind))

        out = []
        cache = self._cache
        for b, text in enumerate(self.texts):
            if not text.strip():
                continue
            key = ("near-miss", vocab, text)
            found = cache.get(key) if cache is not None else None
            if found is None:
                blocked = [(m.start, m.end) for m in self.matches[b]]
                found = self.fuzzy_index.search(text, blocked, rank)
                if cache is not None:
                    cache[key] = found
            for nm in found:
                out.append((b, nm))
        return out

    # ------------------------------------------------------------ reporting
    def report(self, rule: str, block: int, start: int, end: int, found: str, *,
               suggestion: str | list[str] | None = None, concept: str | None = None,
               message: str = "") -> None:
        if rule not in self.settings.enabled:
            return
        b = self.blocks[block]
        for s, e, rules in b.ignore:  # suppressed where the finding starts
            if s <= start < e and (not rules or rule in rules):
                return
        if isinstance(suggestion, list) and len(suggestion) == 1:
            suggestion = suggestion[0]
        context, span = sentence_around(b.text, start, end)
        finding = Finding(rule=rule, severity=self.settings.severity(rule), path=self.path,
                          location=b.location_at(start), found=found, suggestion=suggestion,
                          concept=concept, vocabulary=self.vocabulary, message=message,
                          context=context, span=span, end=end_location(b, start, end))
        self._findings.append(((block, start, RULE_IDS.index(rule)), finding))

    def findings(self) -> list[Finding]:
        return [f for _, f in sorted(self._findings, key=lambda x: x[0])]
