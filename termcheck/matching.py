"""Finding glossary forms in text: exact phrase matching and fuzzy near-misses
(acronym definitions are in :mod:`termcheck.acronyms`).

Exact matching walks a trie of token keys (see :mod:`termcheck.nlp`): every glossary
form is a path of keys; every document word offers its exact and folded keys; the
longest path wins, leftmost first. Fuzzy matching only looks at the words no exact
match covered, and only compares a window with the forms that share a word with it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from .acronyms import SMALL_WORDS, surface
from .glossary import Form, Glossary
from .nlp import Tok, fold, form_keys, text_keys

# Spans that never hold findings: URLs, e-mail addresses, file paths.
_MASK = re.compile(
    r"""(?:\b(?:https?|ftp|file)://|\bwww\.)[^\s<>"']+      # URLs
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                          # e-mail addresses
      | (?<![\w/])(?:[A-Za-z]:\\|\\\\)[^\s<>"']+             # Windows paths
      | (?<![\w/])/(?:[\w.-]+/)+[\w.-]*                       # absolute POSIX paths
      | (?<![\w/])(?:\.{1,2}/)?(?:[\w.-]+/){2,}[\w.-]*        # relative paths a/b/c
    """, re.X)


def mask(text: str) -> str:
    """``text`` with URLs, e-mail addresses and file paths blanked out (offsets kept)."""
    if "/" not in text and "@" not in text and "\\" not in text and "www." not in text:
        return text
    return _MASK.sub(lambda m: " " * len(m.group()), text)


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary form found in a block: token range, character range, the forms."""

    first: int
    last: int  # exclusive token index
    start: int
    end: int
    text: str
    forms: tuple[Form, ...]


class FormIndex:
    """A trie over the token keys of every form in a glossary."""

    def __init__(self, glossary: Glossary):
        self.root: dict = {}
        for form in glossary.forms():
            keys = form_keys(form.text, form.case_sensitive)
            if not keys:
                continue
            node = self.root
            for key in keys:
                node = node.setdefault(key, {})
            node.setdefault(None, []).append(form)

    def match(self, text: str, tokens: list[Tok]) -> list[Match]:
        """Leftmost-longest matches of glossary forms among ``tokens`` of ``text``."""
        root = self.root
        out: list[Match] = []
        keys = [text_keys(t.text) for t in tokens]
        n = len(tokens)
        i = 0
        while i < n:
            best_end, best_forms = -1, None
            frontier = [root.get(k) for k in keys[i] if k in root]
            j = i + 1
            while frontier:
                terminal = [form for node in frontier for form in node.get(None, ())]
                if terminal:
                    best_end, best_forms = j, terminal
                if j >= n:
                    break
                nxt = []
                for node in frontier:
                    for k in keys[j]:
                        child = node.get(k)
                        if child is not None:
                            nxt.append(child)
                frontier = nxt
                j += 1
            if best_forms is None:
                i += 1
                continue
            start, end = tokens[i].start, tokens[best_end - 1].end
            found = surface(text[start:end])
            out.append(Match(i, best_end, start, end, found, _prefer_exact(found, best_forms)))
            i = best_end
        return out


def count_forms(matches) -> "Counter[Form]":
    """How often each glossary form was matched (a match standing for several forms,
    like an acronym two vocabularies share, counts once for each)."""
    counts: Counter[Form] = Counter()
    for m in matches:
        counts.update(tuple(dict.fromkeys(m.forms)))
    return counts


def _prefer_exact(found: str, forms: list[Form]) -> tuple[Form, ...]:
    """Where some forms are written exactly as found (case aside), keep only those: an
    inflected match (``System`` for ``Systems``) must not shadow an exact one."""
    unique = list(dict.fromkeys(forms))
    folded = found.casefold()
    exact = [f for f in unique if f.text.casefold() == folded]
    return tuple(exact or unique)


# ---------------------------------------------------------------- fuzzy near-misses

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


@dataclass(frozen=True, slots=True)
class NearMiss:
    start: int
    end: int
    text: str
    form: Form
    distance: int


class FuzzyIndex:
    """Multi-word glossary forms, blocked by the words they contain: a window of text
    is only compared with forms that share at least one word with it."""

    def __init__(self, glossary: Glossary, max_words: int = 8, threshold: int = 80):
        self.threshold = threshold  # least rapidfuzz ratio of the words, separators aside
        self.by_word: dict[str, list[tuple[Form, Phrase]]] = {}
        self.sizes: set[int] = set()
        for form in glossary.forms():
            if form.is_abbreviation:
                continue  # acronyms are never fuzzy: DNO is not a slip for iDNO
            phrase = Phrase.of(form.text)
            if not 2 <= len(phrase.words) <= max_words:
                continue
            for w in set(phrase.words):
                if len(w) >= 3 and w not in SMALL_WORDS:
                    self.by_word.setdefault(fold(w), []).append((form, phrase))
            self.sizes.add(len(phrase.words))

    def candidates(self, words: list[str]) -> list[tuple[Form, Phrase]]:
        seen: dict[tuple[str, str, str], tuple[Form, Phrase]] = {}
        for w in words:
            for form, phrase in self.by_word.get(fold(w), ()):
                seen[(form.concept, form.vocabulary, form.text)] = (form, phrase)
        return list(seen.values())

    def search(self, text: str, blocked: list[tuple[int, int]], vocab_rank) -> list[NearMiss]:
        """Near-misses in ``text``. ``blocked`` holds the character ranges of exact
        matches: a window may hold a whole exact match but never cut one, nor be one.
        ``vocab_rank(form)`` orders equally close candidates (lower first).

        Only windows near a word of some multi-word form that is not deep inside an exact
        match are looked at, so text made of correct terms costs little."""
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        n = len(spans)
        if n < 2:
            return []
        # the exact match (if any) each word lies in
        inside = [-1] * n
        b = 0
        for k, (s, e) in enumerate(spans):
            while b < len(blocked) and blocked[b][1] <= s:
                b += 1
            if b < len(blocked) and blocked[b][0] < e:
                inside[k] = b
        raw = [text[s:e] for s, e in spans]

        def free_capital(k: int) -> bool:  # an uncovered capitalised word
            return 0 <= k < n and inside[k] < 0 and (raw[k][:1].isupper() or raw[k][:1].isdigit())

        # a window must hold a word of some form that no exact match covers, or a
        # covered one right beside an uncovered capitalised word ("Signaller Worksation")
        by_word = self.by_word
        seeds = [k for k in range(n) if fold(raw[k]) in by_word and
                 (inside[k] < 0 or free_capital(k - 1) or free_capital(k + 1))]
        if not seeds:
            return []
        lo_size, hi_size = max(2, min(self.sizes) - 1), max(self.sizes) + 1
        starts = sorted({i for k in seeds for i in range(max(0, k - hi_size + 1), k + 1)})
        sep: dict[int, str | None] = {}  # what stands before word k: "-", " " or None

        def sep_at(k: int) -> str | None:
            if k not in sep:
                sep[k] = None if k == 0 else _separator(text[spans[k - 1][1]:spans[k][0]])
            return sep[k]

        def titled(k: int) -> bool:
            return _titled(raw[k]) or sep_at(k) == "-"

        blocked_set = set(blocked)
        out: list[NearMiss] = []
        done = 0  # words before this index belong to a reported near-miss
        for i in starts:
            if i < done or not titled(i) or sep_at(i) == "-" or \
                    (inside[i] >= 0 and blocked[inside[i]][0] < spans[i][0]):
                continue
            last = i  # the run of words from i joined only by spaces or hyphens
            while last + 1 < n and last + 1 - i < hi_size and sep_at(last + 1) is not None and titled(last + 1):
                last += 1
            if last == i:
                continue
            best: NearMiss | None = None
            best_key = None
            for size in range(lo_size, last - i + 2):
                j = i + size - 1
                start, end = spans[i][0], spans[j][1]
                if (inside[j] >= 0 and blocked[inside[j]][1] > end) or (start, end) in blocked_set:
                    continue  # would cut an exact match, or is one
                words = tuple(w.lower() for w in raw[i:j + 1])
                found = Phrase(words, "".join((sep_at(k) if k > i else "") + words[k - i] for k in range(i, j + 1)))
                for form, phrase in self.candidates(words):
                    if abs(len(phrase.words) - size) > 1:
                        continue
                    d = compare(found, phrase)
                    if d is None or (self.threshold and fuzz.ratio(" ".join(words), " ".join(phrase.words))
                                     < self.threshold):
                        continue
                    key = (d, vocab_rank(form), -size)
                    if best_key is None or key < best_key:
                        best_key, best = key, NearMiss(start, end, surface(text[start:end]), form, d)
            if best is not None:
                out.append(best)
                done = i
                while done < n and spans[done][0] < best.end:
                    done += 1
        return out


def _separator(between: str) -> str | None:
    if not between.strip():
        return " "
    if between.strip() == "-":
        return "-"
    return None


def _titled(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or word.lower() in SMALL_WORDS


def _word_distance(a: str, b: str) -> int | None:
    """Edits between two words; None when they are simply different words. One slip
    per word; very short words must match exactly and short ones keep their first
    letter (``Pre`` is not ``Post``, ``Dta`` is ``Data``)."""
    if a == b or fold(a) == fold(b):
        return 0
    if min(len(a), len(b)) < 3 or max(len(a), len(b)) < 4 or \
            (min(len(a), len(b)) < 5 and a[0] != b[0]):
        return None
    d = DamerauLevenshtein.distance(a, b)
    return d if d <= 1 else None  # one slip per word: two edits turn integration into integrator


def compare(found: Phrase, form: Phrase) -> int | None:
    """How far a phrase is from a form, or None when it is not a near-miss of it:
    a hyphen or space variant, spelling slips in one word (two in forms of four or
    more words), or one word dropped from or added inside a form of three or more."""
    fw, cw = found.words, form.words
    if fw == cw or [fold(w) for w in fw] == [fold(w) for w in cw]:
        return 1 if found.joined.replace("-", " ") == form.joined.replace("-", " ") and found.joined != form.joined else None
    if "".join(fw) == "".join(cw):
        return 1  # "Pre Integration" / "PreIntegration"
    if len(fw) == len(cw):
        total = slips = 0
        for a, b in zip(fw, cw):
            d = _word_distance(a, b)
            if d is None:
                return None
            if d:
                slips += 1
                total += d
        return total if 0 < slips <= (1 if len(cw) < 4 else 2) else None
    short, long_ = (fw, cw) if len(fw) < len(cw) else (cw, fw)
    if len(long_) - len(short) != 1 or len(cw) < 3:
        return None
    for k in range(1, len(long_) - 1):  # the odd word is inside, never at either end
        if long_[:k] + long_[k + 1:] == short and long_[k] not in SMALL_WORDS:
            return 2
    return None
