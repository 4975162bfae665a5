"""The preferred term an unknown term may be a slip for (the suggestion of ``unknown-term``).

The answer is the preferred term most like the unknown one by rapidfuzz's
``token_sort_ratio`` (at least 80), kept only when :func:`termcheck.fuzzy.compare` calls
it a near-miss. Scoring every preferred term of a 10,000-concept glossary takes some
milliseconds per finding, so the preferred terms are indexed once per glossary and
vocabulary, by what :func:`~termcheck.fuzzy.compare` needs two phrases to share: a
near-miss of two or more words has at least one word in common with its term (folded);
one written without its spaces (``PreIntegration``) has the same letters; a one-word slip
differs in length by two letters at most (``programme``, ``program``). Only when some
preferred term sharing that with the unknown one is a near-miss scoring 80 is the whole
list scored, so the suggestion is the one a full search gives, and most findings (no term
is close) cost a few dictionary look-ups.
"""
from __future__ import annotations

from ..phrases import _WORD, Phrase, compare
from ..glossary import Glossary
from ..nlp import fold

CUTOFF = 80  # least token_sort_ratio of a suggestion
_LENGTH_SLACK = 2  # the most two spellings of one word differ in length (mme / m, ogue / og)


class PreferredTerms:
    """One vocabulary's preferred terms (another's where a concept has none in it), in
    the glossary's order, with the look-ups described in the module's doc (shared by
    every vocabulary: :class:`_Index`)."""

    def __init__(self, glossary: Glossary, vocabulary: str | None):
        self.choices: list[str] = list(
            {c.preferred_in(vocabulary) or c.any_preferred(): c for c in glossary.concepts.values()})
        self.chosen = set(self.choices)
        self.index = glossary.derived("preferred-term-index", _Index)
        self._phrases: dict[str, Phrase] = {}

    def phrase(self, text: str) -> Phrase:
        if text not in self._phrases:
            self._phrases[text] = Phrase.of(text)
        return self._phrases[text]

    def closest(self, term: str) -> str | None:
        from rapidfuzz import fuzz, process

        found = Phrase.of(term)
        near = self.index.related(found) & self.chosen
        if not any(fuzz.token_sort_ratio(term, text, score_cutoff=CUTOFF)
                   and compare(found, self.phrase(text)) is not None for text in near):
            return None  # no term is both close and a near-miss: the full search finds none
        best = process.extractOne(term, self.choices, scorer=fuzz.token_sort_ratio, score_cutoff=CUTOFF)
        if best is None or compare(found, self.phrase(best[0])) is None:
            return None  # merely similar is no suggestion: Metering Service is not Meter Reading Service
        return best[0]


class _Index:
    """Every preferred term of a glossary by its folded words, its words run together
    and, for one-word terms, its length."""

    def __init__(self, glossary: Glossary):
        self.by_key: dict[str, list[str]] = {}  # a folded word, or "=" + the words run together
        self.one_word: dict[int, list[str]] = {}  # length -> one-word terms
        texts = {terms.preferred.text for c in glossary.concepts.values() for terms in c.terms.values()}
        by_key = self.by_key
        for text in texts:
            words = _words(text)
            for key in _keys(words):
                if key in by_key:
                    by_key[key].append(text)
                else:
                    by_key[key] = [text]
            if len(words) == 1:
                self.one_word.setdefault(len(words[0]), []).append(text)

    def related(self, found: Phrase) -> set[str]:
        """Every term :func:`compare` could call ``found`` a near-miss of (and others)."""
        out: set[str] = set()
        for key in _keys(found.words):
            out.update(self.by_key.get(key, ()))
        if len(found.words) == 1:
            n = len(found.words[0])
            for length in range(n - _LENGTH_SLACK, n + _LENGTH_SLACK + 1):
                out.update(self.one_word.get(length, ()))
        return out


def _words(text: str) -> list[str]:
    """``Phrase.of(text).words``, without the rest of a :class:`Phrase`."""
    return [w.lower() for w in _WORD.findall(text)]


def _keys(words) -> set[str]:
    return {*map(fold, words), "=" + "".join(words)}


def prepare(glossary: Glossary) -> None:
    """Build the index shared by every vocabulary now (before worker processes fork)."""
    glossary.derived("preferred-term-index", _Index)


def closest(glossary: Glossary, vocabulary: str | None, term: str) -> str | None:
    """The preferred term (in ``vocabulary``) ``term`` is a near-miss of, if the most
    similar one is."""
    return glossary.derived(("preferred-terms", vocabulary),
                            lambda g: PreferredTerms(g, vocabulary)).closest(term)
