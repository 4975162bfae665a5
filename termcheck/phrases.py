"""How close a run of words is to a glossary form: the comparison behind near-misses
(:mod:`termcheck.fuzzy` finds the candidates). A hyphen or space variant, a closed
compound, spelling slips (one per word, two in a long word that is no English word,
British and American spellings, words writers confuse), or one word dropped or added
inside a longer form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from .acronyms import SMALL_WORDS
from .english import confused, is_frequent_word, is_known_word, spelling_variants, verb_inflections
from .nlp import fold, inner_inflected

_WORD = re.compile(r"[A-Za-z0-9&]+")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A run of words with its normalised shapes for comparison."""

    words: tuple[str, ...]  # lower case
    joined: str  # lower case, words joined by their separators ("-" or " ")

    @classmethod
    def of(cls, text: str) -> "Phrase":
        words = tuple(w.lower() for w in _WORD.findall(text))
        return cls(words, _joined(text))


def _joined(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", " ".join(text.lower().split()))


def _separators(joined: str) -> str:
    return "".join(c for c in joined if c in " -")


_SKELETON = [(re.compile(a), b) for a, b in (
    (r"isation", "ization"), (r"is(e|ed|es|ing)$", r"iz\1"), (r"ys(e|ed|ing)$", r"yz\1"),
    (r"our", "or"), (r"tre(s?)$", r"ter\1"), (r"ae", "e"), (r"oe", "e"), (r"ll", "l"),
    (r"mme", "m"), (r"ence$", "ense"), (r"ogue$", "og"))]


def skeleton(word: str) -> str:
    """British and American spellings of a word meet here (``randomisation`` and
    ``randomization`` give one skeleton)."""
    for pattern, repl in _SKELETON:
        word = pattern.sub(repl, word)
    return word


def _word_distance(a: str, b: str) -> int | None:
    """Edits between two words; None when they are simply different words. One slip
    per word; very short words must match exactly and short ones keep their first
    letter (``Pre`` is not ``Post``, ``Dta`` is ``Data``)."""
    if a == b or fold(a) == fold(b):
        return 0
    if spelling_variants(a, b) or confused(a, b):
        return 1
    if min(len(a), len(b)) < 3 or max(len(a), len(b)) < 4 or \
            (min(len(a), len(b)) < 5 and a[0] != b[0]):
        return None
    if a[0] != b[0] and len(a) == len(b) and a[1:] == b[1:] and is_known_word(a) and is_known_word(b):
        return None  # Paternity for Maternity: another word, not a slip of the first letter
    d = DamerauLevenshtein.distance(a, b)
    if d <= 1:
        return d
    # one slip per word (two edits turn integration into integrator), but a long word
    # written as no English word may have lost or gained two letters (practioner)
    if d == 2 and min(len(a), len(b)) >= 9 and a[0] == b[0] and not is_known_word(a):
        return 2
    return None


def compare(found: Phrase, form: Phrase, gaps: bool = True) -> int | None:
    """How far a phrase is from a form, or None when it is not a near-miss of it:
    a hyphen or space variant, spelling slips in one word (two in forms of four or
    more words), or (with ``gaps``) one word dropped from or added inside a form of
    three or more, or one preposition inside it changed for another."""
    fw, cw = found.words, form.words
    if fw == cw or [fold(w) for w in fw] == [fold(w) for w in cw]:
        if inner_inflected(fw, cw):
            return 1  # an inner word inflected: "claims representative" for "claim representative"
        return 1 if _separators(found.joined) != _separators(form.joined) else None
    if "".join(fw[:-1]) + fold(fw[-1]) == "".join(cw[:-1]) + fold(cw[-1]):
        return 1  # "Pre Integration" / "PreIntegration", "health care assistants"
    if len(fw) == len(cw):
        if fw[:-1] == cw[:-1] and fw[-1].lower() in verb_inflections(cw[-1].lower()):
            return None  # "grain stored at": the verb, not a slip of "grain store"
        total = slips = 0
        for k, (a, b) in enumerate(zip(fw, cw)):
            d = _word_distance(a, b)
            if d is None and gaps and 0 < k < len(cw) - 1 and a.lower() in _PREPOSITIONS \
                    and b.lower() in _PREPOSITIONS:
                d = 1  # a name's preposition changed: "Certificate of Professional Cookery"
            if d is None:
                return None
            if d and not gaps and is_frequent_word(a) and not (spelling_variants(a, b) or confused(a, b)
                                                                or _swapped(a, b)):
                return None  # a common noun's slip into a frequent word: "most sites", "zoning office"
            if d:
                slips += 1
                total += d
        return total if 0 < slips <= (1 if len(cw) < 4 else 2) else None
    short, long_ = (fw, cw) if len(fw) < len(cw) else (cw, fw)
    if not gaps or len(long_) - len(short) != 1 or len(cw) < 3:
        return None
    for k in range(1, len(long_) - 1):  # the odd word is inside, never at either end
        if long_[:k] + long_[k + 1:] == short and long_[k] not in SMALL_WORDS:
            return 2
    return None


_PREPOSITIONS = frozenset("of in for on to at with by from".split())


def _swapped(a: str, b: str) -> bool:
    """``a`` is ``b`` with two neighbouring letters swapped (``trail`` for ``trial``): a
    slip of the fingers, even when it makes another word."""
    if len(a) != len(b) or a == b:
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
