"""Near-misses: phrases that are no glossary form but a slip away from one.

Multi-word forms are blocked by the words they contain: a window of text is only
compared with forms that share at least one word with it. A form written with capitals
is only looked for in capitalised text (in lower case the same words are usually
ordinary prose); a form written in lower case, as most terminologies' common nouns are,
is looked for in text of any case, with stricter limits (no dropped or added word).
One-word forms are found through their one-letter deletions (a misspelling that is not
an English word), their British or American spelling, and their halves written apart
(``stock take`` for ``stocktake``). How close a window is to a form is decided in
:mod:`termcheck.phrases`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import add, eq, or_

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from .acronyms import SMALL_WORDS, surface
from .english import is_known_word, spelling_variants
from .glossary import Form, Glossary
from .nlp import WordSet, fold
from .phrases import Phrase, compare, skeleton

_WORD_SPLIT = re.compile(r"([A-Za-z0-9&]+)")
MEMO_LIMIT = 100_000  # answers kept per memo before it is emptied
_BLOCK_BREAK = "\n\x00\n"  # joins blocks for one search: no separator, no word

_APOSTROPHES = ("'", "’")  # before a clitic ("s" of "year's"), which starts no word


@dataclass(frozen=True, slots=True)
class NearMiss:
    start: int
    end: int
    text: str
    form: Form
    distance: int


class FuzzyIndex:
    """The glossary's forms arranged for near-miss search (see the module's doc)."""

    def __init__(self, glossary: Glossary, max_words: int = 8, threshold: int = 80):
        self.threshold = threshold  # least rapidfuzz ratio of the words, separators aside
        # folded word -> (form, its phrase, written with a capital?, its words joined by spaces)
        self.by_word: dict[str, list[tuple[Form, Phrase, bool, str]]] = {}
        self.sizes: set[int] = set()
        self.any_case = False  # some multi-word form is written in lower case
        self.single: dict[str, list[Form]] = {}  # one-word forms by their lower case
        self.deletes: dict[str, set[str]] = {}  # one letter deleted -> one-word forms
        self._slips: dict[str, str | None] = {}  # single_slip's answers: documents repeat words
        # the words (as written) that fold to a word of some multi-word form
        self._seeds = WordSet(lambda w: fold(w) in self.by_word)
        self.halves: set[str] = set()  # first halves of one-word forms ("stock" of "stocktake")
        self.single_folded: dict[str, str] = {}  # a one-word form by its folded key ("subtasks")
        # multi-word forms written as one word ("plugin" for "plug-in"), by the folded word
        self.closed: dict[str, list[Form]] = {}
        self._single_starts = WordSet(lambda w: self.single_slip(w) is not None or w.lower() in self.halves
                                      or fold(w) in self.closed)
        self._windows: dict = {}  # _window's answers
        for form in glossary.forms():
            if form.is_abbreviation:
                continue  # acronyms are never fuzzy: DNO is not a slip for iDNO
            phrase = Phrase.of(form.text)
            if len(phrase.words) == 1 and len(phrase.words[0]) >= 4 and phrase.words[0].isalpha():
                self._add_single(phrase.words[0], form)
            if not 2 <= len(phrase.words) <= max_words:
                continue
            closed = "".join(phrase.words)
            if len(phrase.words) <= 3 and len(closed) >= 6 and closed.isalpha():
                self.closed.setdefault(fold(closed), []).append(form)
            self.any_case = self.any_case or not _cased(form)
            entry = (form, phrase, _cased(form), " ".join(phrase.words))
            for w in set(phrase.words):
                if len(w) >= 3 and w not in SMALL_WORDS:
                    self.by_word.setdefault(fold(w), []).append(entry)
            self.sizes.add(len(phrase.words))

    def _add_single(self, word: str, form: Form) -> None:
        self.single.setdefault(word, []).append(form)
        self.single_folded.setdefault(fold(word), word)
        self.halves.update(word[:k] for k in range(1, len(word)))
        for k in range(len(word) + 1):
            self.deletes.setdefault(word[:k] + word[k + 1:], set()).add(word)
        other = skeleton(word)  # the other side's spelling meets it here
        if other != word:
            self.deletes.setdefault(other, set()).add(word)

    def single_slip(self, word: str) -> str | None:
        """The one-word form ``word`` is a slip for: a misspelling (one edit, the same
        first letter, not an English word) or the other side's spelling, of the form or
        of its plural (``paraprofesionals``)."""
        lw = word.lower()
        if lw not in self._slips:
            one = fold(lw)
            if len(lw) < 5 or not lw.isalpha() or lw in self.single or one in self.single_folded:
                self._slips[lw] = None
            else:
                self._slips[lw] = self._slip_of(lw) or (self._slip_of(one) if one != lw and len(one) >= 5 else None)
        return self._slips[lw]

    def _slip_of(self, lw: str) -> str | None:
        near = set(self.deletes.get(lw, ()))
        for k in range(len(lw)):
            near |= self.deletes.get(lw[:k] + lw[k + 1:], set())
        near |= self.deletes.get(skeleton(lw), set())
        best = None
        for cand in sorted(near):
            if spelling_variants(lw, cand):
                return cand
            if best is None and cand[0] == lw[0] and DamerauLevenshtein.distance(lw, cand) == 1 \
                    and fold(cand) != fold(lw) and not is_known_word(lw):
                best = cand
        return best

    def candidates(self, words: tuple[str, ...]) -> list[tuple[Form, Phrase, bool, str]]:
        """The multi-word forms sharing a word with ``words``, as :attr:`by_word` holds them."""
        seen: dict[tuple[str, str, str], tuple[Form, Phrase, bool, str]] = {}
        for w in words:
            for entry in self.by_word.get(fold(w), ()):
                form = entry[0]
                seen[(form.concept, form.vocabulary, form.text)] = entry
        return list(seen.values())

    def search_blocks(self, texts: list[str], blocked: list[list[tuple[int, int]]],
                      vocab_rank) -> list[list[NearMiss]]:
        """:meth:`search` of each text, done as one search of all of them: a document's
        blocks are searched in one pass (no window crosses from one block to the next)."""
        offsets = list(accumulate((len(t) + len(_BLOCK_BREAK) for t in texts[:-1]), initial=0))
        joined = _BLOCK_BREAK.join(texts)
        spans = [(s + off, e + off) for off, found in zip(offsets, blocked) for s, e in found]
        out: list[list[NearMiss]] = [[] for _ in texts]
        for nm in self.search(joined, spans, vocab_rank, offsets):
            b = bisect_right(offsets, nm.start) - 1
            off = offsets[b]
            out[b].append(NearMiss(nm.start - off, nm.end - off, nm.text, nm.form, nm.distance))
        return out

    def search(self, text: str, blocked: list[tuple[int, int]], vocab_rank,
               block_offsets: list[int] | None = None) -> list[NearMiss]:
        """Near-misses in ``text``. ``blocked`` holds the character ranges of exact
        matches: a window may hold a whole exact match but never cut one, nor be one.
        ``vocab_rank(form)`` orders equally close candidates (lower first).

        Only windows near a word of some multi-word form that is not deep inside an exact
        match are looked at, so text made of correct terms costs little."""
        parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap: one pass in C
        raw = parts[1::2]
        n = len(raw)
        if n < 2 and not self.single:
            return []
        words = set(raw)
        seed_words = self._seeds.among(words)
        singles = self._single_candidates(words) if self.single else None
        if not seed_words and not singles:
            return []  # no word of any form, no slip of one: nothing to look at here
        ends = list(accumulate(map(len, parts)))
        spans = list(zip(ends[0::2], ends[1::2]))  # each word's (start, end)
        gaps = parts[0::2]
        seps = [None, *map(_separator, gaps[1:n])]  # what stands before word k: "-", " " or None
        inside = [-1] * n  # the exact match each word lies in, or -1
        if blocked:
            wstarts, wends = ends[0:2 * n:2], ends[1::2]
            for b in range(len(blocked) - 1, -1, -1):  # the first match wins a word two overlap
                s, e = blocked[b]
                lo, hi = bisect_right(wends, s), bisect_left(wstarts, e)
                inside[lo:hi] = [b] * (hi - lo)
        inside_at = inside.__getitem__

        # the first word of each block (texts joined by search_blocks)
        firsts = [bisect_left(ends, off) // 2 for off in block_offsets] if block_offsets else [0]
        first_set = set(firsts)

        any_case = self.any_case

        def free_capital(k: int, step: int) -> bool:
            """An uncovered word beside word k that may be a form's word mistyped: written
            with a capital or a digit, or (for lower-case forms) no English word."""
            j = k + step
            if not (0 <= j < n and (k if step > 0 else j) + 1 not in first_set and inside_at(j) < 0):
                return False
            w = raw[j]
            return w[:1].isupper() or w[:1].isdigit() or \
                (any_case and len(w) >= 4 and w.isalpha() and not is_known_word(w.lower()))

        # a window must hold a word of some form that no exact match covers, or a
        # covered one right beside an uncovered capitalised word ("Signaller Worksation")
        # or, in lower case, beside a word that is no English word ("asset critcality")
        seeds = [k for k in compress(range(n), map(seed_words.__contains__, raw))
                 if inside_at(k) < 0 or free_capital(k, -1) or free_capital(k, 1)] if seed_words else []
        if not seeds and not singles:
            return []
        lo_size, hi_size = (max(2, min(self.sizes) - 1), max(self.sizes) + 1) if self.sizes else (2, 2)
        starts = sorted({i for k in seeds
                         for i in range(max(firsts[bisect_right(firsts, k) - 1], k - hi_size + 1), k + 1)})
        # each word written with a capital (or a digit, or a small word), or after a hyphen
        titled_at = list(map(or_, map(_titled, raw), map(eq, seps, repeat("-"))))
        titled = titled_at.__getitem__
        usable = [True] * n if self.any_case else titled_at
        lowered = list(map(str.lower, raw))
        joins = ["", *seps[1:]]  # what joins word k to the one before it in a window
        blocked_set = set(blocked)
        out: list[NearMiss] = []
        done = 0  # words before this index belong to a reported near-miss
        for i in starts:
            if i < done or not usable[i] or seps[i] == "-" or text[spans[i][0] - 1:spans[i][0]] in _APOSTROPHES:
                continue  # a window starts at a word, not at the "s" of a possessive
            inside = inside_at(i)
            if inside >= 0 and blocked[inside][0] < spans[i][0]:
                continue
            last = i  # the run of words from i joined only by spaces or hyphens
            while last + 1 < n and last + 1 - i < hi_size and seps[last + 1] is not None and usable[last + 1]:
                last += 1
            if last == i:
                continue
            best: NearMiss | None = None
            best_key = None
            for size in range(lo_size, last - i + 2):
                j = i + size - 1
                start, end = spans[i][0], spans[j][1]
                inside = inside_at(j)
                if (inside >= 0 and blocked[inside][1] > end) or (start, end) in blocked_set:
                    continue  # would cut an exact match, or is one
                words = tuple(lowered[i:j + 1])
                joined = "".join(map(add, ["", *joins[i + 1:j + 1]], words))
                in_capitals = all(titled_at[i:j + 1])
                for form, d in self._window(words, joined, in_capitals):
                    key = (d, vocab_rank(form), -size)
                    if best_key is None or key < best_key:
                        best_key, best = key, NearMiss(start, end, surface(text[start:end]), form, d)
            if best is not None:
                out.append(best)
                done = i
                while done < n and spans[done][0] < best.end:
                    done += 1
        if singles:
            out = self._single_words(text, spans, raw, inside_at, blocked, seps, titled, vocab_rank, out, singles)
        return out

    def _window(self, words: tuple[str, ...], joined: str, in_capitals: bool) -> list[tuple[Form, int]]:
        """The forms a window of words (lower case; ``joined`` with its separators) is a
        near-miss of, with the distance, in candidate order. Windows recur (a document
        repeats its phrases), so each is worked out once."""
        key = (joined, in_capitals)
        memo = self._windows
        found = memo.get(key)
        if found is not None:
            return found
        found = []
        phrase_found = Phrase(words, joined)
        spaced = " ".join(words)
        size = len(words)
        for form, phrase, cased, form_spaced in self.candidates(words):
            if abs(len(phrase.words) - size) > 1 or (cased and not in_capitals):
                continue
            if self.threshold and fuzz.ratio(spaced, form_spaced) < self.threshold:
                continue  # too far apart: the cheap test first
            d = compare(phrase_found, phrase, gaps=cased)
            if d is None:
                continue
            found.append((form, d))
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[key] = found
        return found

    def _single_candidates(self, words: set[str]) -> set[str] | None:
        """The words (as written) that may start a one-word near-miss: a slip of a
        one-word form, or the first half of one written apart. None when there is none."""
        return self._single_starts.among(words) or None

    def _single_words(self, text, spans, raw, inside_at, blocked, seps, titled, vocab_rank, out, singles):
        taken = set()  # words inside a near-miss found already
        starts = [s for s, _ in spans]
        for nm in out:
            taken.update(range(bisect_left(starts, nm.start), bisect_left(starts, nm.end)))

        def pick(word: str, k: int, last: int, candidates: list[Form] | None = None) -> NearMiss | None:
            forms = [f for f in (self.single[word] if candidates is None else candidates)
                     if not _cased(f) or all(titled(x) for x in range(k, last + 1))]
            if not forms:
                return None
            form = min(forms, key=vocab_rank)
            start, end = spans[k][0], spans[last][1]
            return NearMiss(start, end, surface(text[start:end]), form, 1)

        found = []
        def alone(k: int) -> bool:  # no exact match covers the word, or one covers just it
            inside = inside_at(k)
            return inside < 0 or blocked[inside] == spans[k]

        for k in [k for k, w in enumerate(raw) if w in singles]:
            if k in taken or not alone(k):
                continue
            nm = None
            if k + 1 < len(spans) and alone(k + 1) and seps[k + 1] is not None \
                    and text[spans[k][0] - 1:spans[k][0]] not in _APOSTROPHES:  # year's trip: no "strip"
                joined = (raw[k] + raw[k + 1]).lower()  # stock take -> stocktake, sub-tasks -> subtask
                word = joined if joined in self.single else self.single_folded.get(fold(joined))
                nm = pick(word, k, k + 1) if word else None
            if nm is None and inside_at(k) < 0 and (k == 0 or seps[k] != "-") and (k + 1 >= len(spans) or seps[k + 1] != "-"):
                word = self.single_slip(raw[k])
                nm = pick(word, k, k) if word else None
                if nm is None and fold(raw[k]) in self.closed:  # plugin -> plug-in
                    nm = pick("", k, k, self.closed[fold(raw[k])])
            if nm is not None:
                found.append(nm)
                taken.update(range(k, bisect_left(starts, nm.end)))
        return sorted(out + found, key=lambda nm: nm.start) if found else out


@lru_cache(maxsize=4096)
def _separator(between: str) -> str | None:
    if not between.strip():
        return " "
    if between.strip() == "-":
        return "-"
    return None


def _cased(form: Form) -> bool:
    """A form written with a capital letter (a name, not a common noun)."""
    return any(c.isupper() for c in form.text)


@lru_cache(maxsize=1 << 16)
def _titled(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or word.lower() in SMALL_WORDS
