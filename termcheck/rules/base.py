"""What every rule sees: one document, analysed once.

:class:`Document` holds a document's blocks, their tokens and glossary matches, the
acronym definitions and uses in reading order, and the near-misses. Rules read it and
call :meth:`Document.report`; they never read files or print.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, compress, repeat
from operator import itemgetter

from ..glossary import ALL, Concept, Form, Glossary
from ..acronyms import find_definitions, table_definition
from ..fuzzy import FuzzyIndex, NearMiss
from ..matching import FormIndex, Match, mask, surface
from ..model import Block, Finding
from ..nlp import (Tok, WordSet, is_acronym_like, phrase_key, reads_as_acronym, shouted_spans, singular_acronym,
                   token_text, tokenize_many)
from .context import end_location, sentence_around
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
_IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:[-_/.][A-Za-z0-9]+)+")


def in_identifier(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is part of a code or document number (``MHHS-DIP004``,
    ``X-API-KEY``): a run of letters and digits joined by ``-``, ``_``, ``/`` or ``.``
    without spaces that holds a digit or is written in capitals throughout."""
    if not (text[start - 1:start] in ("-", "_", "/", ".") and start > 1 and text[start - 2].isalnum()) \
            and not (text[end:end + 1] in ("-", "_", "/", ".") and text[end + 1:end + 2].isalnum()):
        return False
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    m = _IDENTIFIER.search(text, left, right)
    word = m.group() if m else ""
    return bool(word) and (any(c.isdigit() for c in word) or word.upper() == word)


# Ways of naming a term rather than using it (see Document.mentioned).
_NAMING_BEFORE = re.compile(
    r"""\b(?:formerly|previously|originally|known\s+as|also\s+called|called|calls|call\s+it|termed|
         referred\s+to\s+as|renamed(?:\s+from)?|replac(?:es|ed|ing)|instead\s+of|rather\s+than|in\s+place\s+of|
         aka|a\.k\.a\.|labelled|labeled|named|terms?|wording|phrase)\s+(?:the\s+)?[\"'“‘]?\s*$""",
    re.I | re.X)
_NAMING_AFTER = re.compile(r"\s*\((?:now|renamed|formerly|previously|called|known\s+as)\b", re.I)
_NAME_HEADS = ("Group|Board|Forum|Panel|Committee|Council|Team|Workstream|Working\\s+Group|Plan|Approach|"
               "Strategy|Document|Guidance|Report|Specification|Framework|Policy|Charter|Handbook|Manual|"
               "Terms\\s+of\\s+Reference|Schedule|Timetable|Roadmap|Webinar|Playbook|Register|Log|Tracker")
# followed by up to three capitalised words (small words between) ending in a name head
_NAME_AFTER = re.compile(rf"(?:[ \t-]+(?:[A-Z][\w&'-]*|and|of|for|&)){{0,3}}?[ \t-]+(?:{_NAME_HEADS})s?\b")
_ALPHA_WORD = re.compile(r"[A-Za-z]{2,}")
# What stands before a word used as a noun, before one used as a verb, and after a verb
# (see Document._verb_use).
_NOUN_BEFORE = set("""a an the each every this that these those your his her their our its my any no
one two per of""".split())
_VERB_BEFORE = set("""to please can cannot will would shall should must may might could do does did
don't doesn't didn't we you they i also always never not""".split())
_VERB_OBJECTS = set("""the a an your his her their our its my this that these those each every any all
who what whether if how when where which them it him me us""".split())
_SENTENCE_OPENERS = {".", "!", "?", ":", ";", "-", "*", "•", "(", "\"", "“"}
# a sentence end inside a quotation, or just before its closing mark: a quoted sentence
# (a log entry, a remark), not a title
_QUOTED_SENTENCE = re.compile(r"[.!?](?:\s|[\"'”’]?$)")
_QUOTED = re.compile(r'"[^"\n]{1,200}"|“[^”\n]{1,200}”|‘[^’\n]{1,200}’|(?<![\w])\'[^\'\n]{1,200}\'(?![\w])')

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
        # ``cache``: block text -> (tokens, matches) kept by the caller between checks of
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
        """The term is named, not used: inside a quoted title, introduced as a name (``formerly
        Tranche 1``, ``what the Timetable calls Participant Testing``, ``... (now
        Wave 1)``), part of a longer proper name (``... Working Group``, ``...
        Approach Document``, the long form of another acronym: ``Investigator's Meeting
        (IM)``), or in a table row that maps it to another term of its concept. Such a
        term is never a vocabulary-mismatch, deprecated-term or unmapped-term, and does
        not count towards the document's vocabulary."""
        text = self.texts[block]
        if _NAMING_BEFORE.search(text, max(0, match.start - 40), match.start) \
                or _NAMING_AFTER.match(text, match.end) or _NAME_AFTER.match(text, match.end) \
                or self._in_defined_name(block, match) or self._verb_use(block, match):
            return True
        for s, e in self.quoted(block):  # a quoted title holds more words than the term
            if s < match.start and match.end < e and _ALPHA_WORD.search(text[s:match.start] + text[match.end:e]) \
                    and not _QUOTED_SENTENCE.search(text, s + 1, e):  # a quoted sentence uses its words
                return True
        row, cell = self.blocks[block].row, self.blocks[block].cell
        if row and len(row) > 1 and len(text.split()) <= len(match.text.split()) + 3:
            concept = self.concept(match.forms[0].concept)  # a cell holding the term, beside its mapping
            others = " ".join(c for k, c in enumerate(row) if k != cell).casefold()
            return any(f.text.casefold() in others for f in concept.forms()
                       if f.text.casefold() != match.text.casefold() and not f.is_abbreviation)
        return False

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

    def _verb_use(self, block: int, match: Match) -> bool:
        """A one-word term that is also an everyday English verb, used as the verb (``please
        check the rota``, ``Check that your name matches``, ``cross-check``): the glossary
        names a thing (a cheque), not the action."""
        if match.last - match.first != 1 or not match.text[1:].islower() \
                or any(f.case_sensitive for f in match.forms):
            return False
        from ..english import is_frequent_word

        if not is_frequent_word(match.text.lower()):
            return False
        texts, i = self.token_texts[block], match.first
        before = texts[i - 1].lower() if i else ""
        after = texts[i + 1].lower() if i + 1 < len(texts) else ""
        if before in _NOUN_BEFORE:
            return False  # a check, the checks, each check: the thing
        if before == "-" and self.tokens[block][i - 1].end == match.start:
            return True  # cross-check, double-check: another word
        if before in _VERB_BEFORE:
            return True  # to check, please check, can check
        opens = not before or before in _SENTENCE_OPENERS  # an instruction: "Check the date"
        return after in _VERB_OBJECTS and (opens or before in (",", "and", "or", "then"))

    def _in_defined_name(self, block: int, match: Match) -> bool:
        """The match is part of the long form of an acronym that is not its own: the
        longer name is the term defined there."""
        for d in self.definitions_in(block):
            if d.start <= match.start and match.end <= d.end and match.start != d.acronym_start \
                    and len(match.text.split()) < len(d.expansion.split()):
                own = {f.text for form in match.forms for f in self.concept(form.concept).forms()
                       if f.is_abbreviation}
                if d.acronym not in own:
                    return True
        return False

    def quoted(self, block: int) -> list[tuple[int, int]]:
        cache = self.__dict__.setdefault("_quoted", {})
        if block not in cache:
            cache[block] = [m.span() for m in _QUOTED.finditer(self.texts[block])]
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
                events.append(AcronymEvent("define", row_def[0], b, 0, len(text), row_def[1]))
            defs = self.definitions_in(b)
            defined_at = {d.acronym_start for d in defs}
            spans = [(d.start, d.end) for d in defs]
            for d in defs:
                events.append(AcronymEvent("define", d.acronym, b, d.start, d.end, d.expansion))
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
                if t.start in defined_at or (row_def and t.start == 0) \
                        or not_a_use(t.start, t.end) or any(s <= t.start < e for s, e in covered):
                    continue
                events.append(AcronymEvent("use", singular_acronym(t.text), b, t.start, t.end, text=t.text))
        events.sort(key=lambda e: (e.block, e.start, e.kind != "define"))
        return events

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
                out.extend((b, nm) for nm in found
                           if not any(s <= nm.start < e for s, e in shouted))  # capitals: a banner, not a slip
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
