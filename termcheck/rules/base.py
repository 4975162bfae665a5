"""What every rule sees: one document, analysed once.

:class:`Document` holds a document's blocks, their tokens and glossary matches, the
acronym definitions and uses in reading order, and the near-misses. Rules read it and
call :meth:`Document.report`; they never read files or print.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import chain, compress, repeat
from operator import itemgetter

from ..glossary import ALL, Concept, Form, Glossary
from ..acronyms import find_definitions, table_definition
from ..fuzzy import FuzzyIndex, NearMiss
from ..matching import FormIndex, Match, mask, surface
from ..model import Block, Finding
from ..nlp import (Tok, WordSet, is_acronym_like, number_suffix, phrase_key, reads_as_acronym, shouted_spans,
                   singular_acronym, token_text, tokenize_many)
from . import grammar, naming
from .context import end_location, sentence_around
from .naming import in_identifier
from .settings import RULE_IDS, Settings

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
    part: bool = False  # a definition of one part of a multi-part acronym (``MOA`` in ``NHH MOA``)


_FIRST_CHAR = itemgetter(0)  # a string's first character, taken in C
_ACRONYM_WORDS = WordSet(reads_as_acronym)  # words that read as acronyms
# Unicode hyphens that should read as "-" (same length, so offsets hold).
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})

CACHE_LIMIT = 10_000  # entries of a Document cache before it is emptied (a few kB each)

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
        # ``cache``: block text -> (tokens, matches, token texts) kept by the caller between checks of
        # one scanner (the language server re-checks a document after every edit)
        self._cache = cache
        if cache is None:
            self.tokens: list[list[Tok]] = tokenize_many(self.texts)
            # each block's token texts, made once for every rule
            self.token_texts: list[list[str]] = [list(map(token_text, toks)) for toks in self.tokens]
            self.distinct_words: set[str] = set(chain.from_iterable(self.token_texts))
            starters = index.starters(self.distinct_words)
            self.matches: list[list[Match]] = list(map(index.match, self.texts, self.tokens,
                                                       self.token_texts, repeat(starters)))
        else:
            if len(cache) > CACHE_LIMIT:
                cache.clear()
            new = [t for t in dict.fromkeys(self.texts) if t not in cache]
            for t, toks in zip(new, tokenize_many(new)):
                texts = list(map(token_text, toks))
                cache[t] = (toks, index.match(t, toks, texts), texts)
            entries = [cache[t] for t in self.texts]
            self.tokens = [e[0] for e in entries]
            self.matches = [e[1] for e in entries]
            self.token_texts = [e[2] for e in entries]
            self.distinct_words = set(chain.from_iterable(self.token_texts))
        self._findings: list[tuple[tuple[int, int, int], Finding]] = []

    # ------------------------------------------------------------ facts rules share
    @property
    def words(self) -> int:
        """Tokens that start with a letter or digit (counted in C: text, first letter)."""
        return sum(sum(map(str.isalnum, map(_FIRST_CHAR, texts))) for texts in self.token_texts)

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
    def vocabulary_terms(self) -> dict[str, dict[str, list]]:
        """Each vocabulary's own terms found (forms that not every vocabulary has):
        ``{vocabulary: {text: [count, block, start, end]}}``, first use first."""
        names = [n for n in self.glossary.vocabularies]
        out: dict[str, dict[str, list]] = {n: {} for n in names}
        for b, m in self.occurrences():
            vocabs = {f.vocabulary for f in m.forms}
            if ALL in vocabs or len(vocabs) >= len(names) or self.mentioned(b, m):
                continue
            for v in vocabs:
                entry = out[v].setdefault(m.text, [0, b, m.start, m.end])
                entry[0] += 1
        return out

    def mentioned(self, block: int, match: Match) -> bool:
        """The term is named, not used (see :func:`.naming.mentioned`); each match is
        judged once, however many rules ask."""
        cache = self.__dict__.setdefault("_mentioned", {})
        key = (block, match.start, match.end)
        if key not in cache:
            cache[key] = naming.mentioned(self, block, match)
        return cache[key]

    def quoted(self, block: int) -> list[tuple[int, int]]:
        """Spans of the block in quotation marks."""
        cache = self.__dict__.setdefault("_quoted", {})
        if block not in cache:
            cache[block] = naming.quoted_spans(self.texts[block])
        return cache[block]

    def judged(self, block: int, match: Match) -> bool:
        """The match is a use the dictionary rules judge: not :meth:`mentioned`, and not
        part of a longer near-miss (``stock-take`` holds ``stock``: the slip is reported
        as a whole, not its part)."""
        return not (self.mentioned(block, match) or self.in_near_miss(block, match))

    def in_near_miss(self, block: int, match: Match) -> bool:
        """The match is part of a longer near-miss: ``SIT Operational`` in ``SIT Operational
        Testinng`` is no use of the form ``SIT Operational``."""
        return self._inside_near_miss(block, match.start, match.end)

    def _inside_near_miss(self, block: int, start: int, end: int) -> bool:
        spans = self.__dict__.get("_near_spans")
        if spans is None:
            spans = self.__dict__["_near_spans"] = {}
            for b, nm in self.near_misses:
                spans.setdefault(b, []).append((nm.start, nm.end))
        return any(s <= start and end <= e and e - s > end - start for s, e in spans.get(block, ()))

    def definitions_in(self, block: int):
        """The acronym definitions of one block (:func:`~termcheck.acronyms.find_definitions`)."""
        cache = self.__dict__.setdefault("_definitions", {})
        if block not in cache:
            text, toks = self.texts[block], self.tokens[block]
            cache[block] = self.memo("definitions", text, lambda: find_definitions(text, toks))
        return cache[block]

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

    def shouted(self, block: int) -> list[tuple[int, int]]:
        """Stretches of a block written in capitals (a banner, a shouted heading): their
        words are neither acronyms nor near-misses."""
        cache = self.__dict__.setdefault("_shouted", {})
        if block not in cache:
            text = self.texts[block]
            cache[block] = self.memo("shouted", text, lambda: shouted_spans(text))
        return cache[block]

    @cached_property
    def acronym_events(self) -> list[AcronymEvent]:
        """Definitions (in text and in abbreviation-table rows) and uses of acronyms, in
        reading order. A use is a glossary acronym matched in the text, or a word that
        reads as an acronym (``DTB``, ``MPANs``) outside any glossary match."""
        events: list[AcronymEvent] = []
        acronyms = _ACRONYM_WORDS.among(self.distinct_words)  # the document's words that read as acronyms
        for b, (block, text, toks) in enumerate(zip(self.blocks, self.texts, self.tokens)):
            row_def = (table_definition(block.row) or self._glossary_row(block.row)) if block.cell == 0 else None
            if row_def:
                events.append(AcronymEvent("define", self._glossary_spelling(row_def[0]), b, 0, len(text),
                                           row_def[1]))
            defs = self.definitions_in(b)
            defined_at = {d.acronym_start for d in defs}
            spans = [(d.start, d.end) for d in defs]
            for d in defs:
                events.append(AcronymEvent("define", self._glossary_spelling(d.acronym), b, d.start, d.end,
                                           d.expansion))
                parts = d.acronym.split() if " " in d.acronym else ()  # NHH MOA defines NHH and MOA too
                for part in filter(is_acronym_like, parts):
                    events.append(AcronymEvent("define", part, b, d.start, d.end, d.expansion, part=True))
            shouted = self.shouted(b)

            def not_a_use(start: int, end: int) -> bool:  # a banner, part of a code, a definition or a slip
                return any(s <= start < e for s, e in shouted) or in_identifier(text, start, end) \
                    or any(s <= start < e for s, e in spans) or self._inside_near_miss(b, start, end)

            for i, m in enumerate(self.matches[b]):
                acr = [f for f in m.forms if f.kind == "acronym"]
                if acr and m.start not in defined_at and (b, m.start) in self.glossed:
                    # the glossary's own pair, as its letters need not spell it: process
                    # capability index (Cpk)
                    long = self.matches[b][i - 1]
                    events.append(AcronymEvent("define", acr[0].text, b, long.start, m.end + 1, long.text))
                    continue
                if acr and m.start not in defined_at and not (row_def and m.start == 0) \
                        and not not_a_use(m.start, m.end):
                    verdict, _ = self.judge(m)
                    events.append(AcronymEvent("use", acr[0].text, b, m.start, m.end,
                                               acceptable=verdict == "ok", text=m.text))
            # acronyms no glossary knows are uses too (a glossary match swallows its words)
            covered = [(m.start, m.end) for m in self.matches[b]]
            for t in compress(toks, map(acronyms.__contains__, self.token_texts[b])) if acronyms else ():
                if t.start in defined_at or (row_def and t.start == 0) or number_suffix(text, t.start, t.text) \
                        or not_a_use(t.start, t.end) or any(s <= t.start < e for s, e in covered):
                    continue
                events.append(AcronymEvent("use", singular_acronym(t.text), b, t.start, t.end, text=t.text))
        events.sort(key=lambda e: (e.block, e.start, e.kind != "define"))
        return events

    def _glossary_spelling(self, acronym: str) -> str:
        """A defined acronym as the glossary spells it: definitions drop a plural ``s``
        (``MPANs`` defines ``MPAN``), but an acronym the glossary writes with one
        (``T&Cs``) keeps it."""
        acronyms = self.glossary.acronyms()
        return acronym + "s" if acronym not in acronyms and acronym + "s" in acronyms else acronym

    def _glossary_row(self, row: tuple[str, ...] | None) -> tuple[str, str] | None:
        """A table row ``| Cpk | process capability index |``: a glossary acronym beside a
        long form of its own concept defines it, spelt out or not."""
        if not row or len(row) < 2:
            return None
        acr = row[0].strip()
        concepts = self.glossary.acronyms().get(acr)
        if not concepts:
            return None
        ids = {c.id for c in concepts}
        if ids & {c.id for c in self.glossary.long_forms().get(phrase_key(row[1]), ())}:
            return acr, surface(row[1])
        return None

    def definitions(self) -> list[AcronymEvent]:
        return [e for e in self.acronym_events if e.kind == "define" and not e.part]

    @cached_property
    def near_misses(self) -> list[tuple[int, NearMiss]]:
        if self.fuzzy_index is None:
            return []
        vocab = self.vocabulary

        def rank(form: Form) -> tuple[int, int]:
            return (0 if form.vocabulary in (vocab, ALL) else 1,
                    ("preferred", "admitted", "deprecated", "acronym").index(form.kind))

        index = self.fuzzy_index
        blocked = [[(m.start, m.end) for m in ms] for ms in self.matches]
        if self._cache is None:  # the whole document in one search
            every = index.search_blocks(self.texts, blocked, rank)
        else:  # block by block, each answer kept for the next check of the document
            every = [self.memo(("near-miss", vocab), text, lambda: index.search(text, spans, rank))
                     if text.strip() else [] for text, spans in zip(self.texts, blocked)]
        out = []
        for b, found in enumerate(every):
            if found:
                shouted = self.shouted(b)
                text = self.texts[b]
                out.extend((b, nm) for nm in found
                           if not any(s <= nm.start < e for s, e in shouted)  # capitals: a banner, not a slip
                           and text[nm.start - 1:nm.start] != "_" and text[nm.end:nm.end + 1] != "_"  # ip_whitelist: code
                           and not (" " in nm.text and " " not in nm.form.text
                                    and grammar.phrasal_verb(text, nm.start, nm.end)))
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
                          context=context, span=span, where=(block, start, end),
                          end=end_location(b, start, end))
        self._findings.append(((block, start, RULE_IDS.index(rule)), finding))

    def findings(self) -> list[Finding]:
        return [f for _, f in sorted(self._findings, key=lambda x: x[0])]
