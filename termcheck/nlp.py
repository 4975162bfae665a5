"""The one spaCy pipeline termcheck uses, and the token keys matching is built on.

The default path is spaCy's blank English *tokenizer* only, applied by
:mod:`termcheck.tokenizer` from its rules without importing spaCy (no model download).
A statistical pipeline can be asked for by name with
:func:`load_model`; it is optional and never on the default path.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

from .tokenizer import chunk_tokenizer

_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z0-9&]{2,6}$")
_PLURAL_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z0-9&]{2,6}s$")


class Tok(NamedTuple):
    """A non-space token: its text and character offsets in the block.

    A named tuple, so that a document's tokens are built in C (see
    :func:`tokenize_many`) rather than by one Python ``__init__`` call per token."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Tok]:
    """Non-space tokens of ``text`` as spaCy's English tokenizer cuts them (line breaks
    and runs of spaces are dropped), without importing spaCy (see
    :mod:`termcheck.tokenizer`)."""
    plain = chunk_tokenizer().tokens(text)
    return list(map(tuple.__new__, repeat(Tok, len(plain)), plain))  # made in C, no __init__ per token


def tokenize_many(texts: list[str]) -> list[list[Tok]]:
    """:func:`tokenize` of each text."""
    return [tokenize(text) for text in texts]


token_text = itemgetter(0)  # a token's text, taken in C (``map(token_text, tokens)``)


@lru_cache(maxsize=1 << 16)
def is_acronym_like(word: str) -> bool:
    """Written in capitals of 2-6 characters (``SIT``, ``iDNO``, ``E2E``, ``QA&P``)."""
    return bool(_ACRONYM.match(word))


class WordSet:
    """The words of a kind among a text's words, sorted once per distinct word: a
    document repeats its words, and set operations run in C."""

    def __init__(self, test, limit: int = 500_000):
        self.test, self.limit = test, limit
        self.seen: set[str] = set()
        self.found: set[str] = set()

    def among(self, words: set[str]) -> set[str]:
        if not words <= self.seen:  # some words are new (tested in C without a new set)
            if len(self.seen) > self.limit:  # start again, before sorting these words
                self.seen, self.found = set(), set()
            new = words - self.seen
            self.found.update(filter(self.test, new))
            self.seen |= new
        return words & self.found


_ROMAN = re.compile(r"^[IVXLC]+$")
# English words that are written in capitals for emphasis, not acronyms.
_SHOUTED_WORDS = set("""A AN AS AT BE BY DO GO IF IN IS IT ME MY NO OF OK ON OR SO TO UP US WE
ALL AND ANY ARE BUT CAN FOR HAS HOW ITS MAY NEW NOR NOT NOW OFF ONE OUR OUT THE TWO USE WAS
WHO WHY YES YOU ALSO BEEN BOTH DONE EACH FROM HAVE INTO MUST NONE ONLY SUCH THAN THAT THEM THEN
THEY THIS WERE WHAT WHEN WILL WITH DRAFT FINAL NOTE NOTES NOTICE TODO WARNING BASIS""".split())


@lru_cache(maxsize=1 << 16)
def reads_as_acronym(word: str) -> bool:
    """A word that reads as an acronym: capitals only (a plural ``s`` allowed), not a
    Roman numeral, not a frequent English word written in capitals (``NOT``, ``LIVE``,
    ``POST``; shorter acronyms such as CAB win over rarer words). Capitals in a shouted
    stretch are left out by :func:`shouted_spans`."""
    word = singular_acronym(word)
    if not (is_acronym_like(word) and word.isupper() and word.isalpha()) or _ROMAN.match(word) \
            or word in _SHOUTED_WORDS:
        return False
    if len(word) < 4:
        return True
    from .english import is_frequent_word

    return not is_frequent_word(word)  # LIVE, POST, DATA: a word in capitals


_SEGMENT = re.compile(r"[^.!?;:\n]+")
_ALPHA_WORD = re.compile(r"[A-Za-z]{2,}")
_UPPER_WORD = re.compile(r"(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])")  # an _ALPHA_WORD in capitals
# Two _UPPER_WORDs in one segment with at most one other _ALPHA_WORD between them. A
# shouted stretch always holds such a pair: with every two of its k >= 2 words in
# capitals three or more words apart, it would have at least 3k - 2 words, and
# k >= 0.6 (3k - 2) has no solution k >= 2.
_NOT_WORD = r"(?:[^A-Za-z.!?;:\n]|(?<![A-Za-z])[A-Za-z](?![A-Za-z]))*"
_UPPER_PAIR = re.compile(rf"(?<![A-Za-z])[A-Z]{{2,}}(?![A-Za-z]){_NOT_WORD}(?:[A-Za-z]{{2,}}{_NOT_WORD})?"
                         r"(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])")


def shouted_spans(text: str) -> list[tuple[int, int]]:
    """Stretches written in capitals ("TERMS AND CONDITIONS", a banner): their words
    are neither acronyms nor near-misses. A stretch counts when most of its words are
    in capitals and at least one of them is an English word, not an acronym."""
    if _UPPER_PAIR.search(text) is None or sum(map(str.isupper, text)) < 6:
        return []  # a stretch needs two words in capitals close together
    from .english import is_common_word

    out = []
    for seg in _SEGMENT.finditer(text):
        words = _ALPHA_WORD.findall(seg.group())
        upper = [w for w in words if w.isupper()]
        if len(words) >= 2 and len(upper) >= max(2, 0.6 * len(words)) and \
                any(len(w) > 6 or w in _SHOUTED_WORDS or is_common_word(w) for w in upper):
            out.append(seg.span())
    return out


# what follows a number and only reads as an acronym: an ordinal's ending set apart from
# its number (``31 ST December``), a unit symbol (``2,140 MW``, ``16 GB``)
_AFTER_NUMBER = set("""ST ND RD TH MW GW TW KW MWH GWH TWH KWH MVA KVA KV MV HZ KHZ MHZ GHZ KB MB GB TB PB
PSI MPH KPH RPM BTU""".split())


def number_suffix(text: str, start: int, word: str) -> bool:
    """``word`` at ``start`` follows a number and is its ordinal ending or unit, not an
    acronym (text taken from a PDF often sets ``1 st`` apart)."""
    return word.upper() in _AFTER_NUMBER and start > 0 and \
        (text[start - 1].isdigit() or (start > 1 and text[start - 1] == " " and text[start - 2].isdigit()))


@lru_cache(maxsize=1 << 16)
def singular_acronym(word: str) -> str:
    """``MPANs`` -> ``MPAN``; any other word unchanged."""
    return word[:-1] if _PLURAL_ACRONYM.match(word) else word


@lru_cache(maxsize=1 << 18)  # a 10,000-concept glossary has ~100,000 distinct words
def fold(word: str) -> str:
    """Case- and inflection-insensitive key of one word (a light plural stemmer).

    Both glossary forms and document words go through it, so it only has to be
    consistent, not linguistically perfect: ``Strategies`` and ``Strategy`` both
    give ``strategy`` (``cookies`` and ``cookie`` give ``cookie``: see
    :func:`_ie_plural`); ``Tranches`` and ``Tranche`` both give ``tranch``, as ``boxes``
    and ``box`` give ``box``. A final ``e`` goes only after a hissing sound (``-se``,
    ``-ze``, ``-xe``, ``-che``, ``-she``), where a plural ``-es`` cannot be told from
    ``-e`` + ``s``: ``tape`` stays apart from ``tap``, ``plane`` from ``plan``.
    ``-men`` is the plural of ``-man`` (``signalmen``). An ampersand reads as "and", and a
    typographic apostrophe as a straight one.
    """
    w = word.lower().replace("’", "'")  # doctor’s excuse is doctor's excuse
    if w == "&":
        return "and"  # "Balancing & Settlement Code" is "Balancing and Settlement Code"
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-1] if _ie_plural(w) else w[:-3] + "y"  # cookies, bogies; policies
    elif len(w) > 5 and w.endswith("men"):
        w = w[:-3] + "man"  # signalmen, chairmen: the plural of -man
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith(_HISSING_E):
        w = w[:-1]
    return w


def _ie_plural(word: str) -> bool:
    """``word`` (in -ies) is the plural of a word in -ie (``cookies``, ``bogies``,
    ``calories``) rather than of one in -y (``policies``): the English word list holds
    the -ie word more often than the -y one."""
    from .english import word_level

    return word_level(word[:-1]) > word_level(word[:-3] + "y")


def inner_inflected(found, form) -> bool:
    """Words of ``found`` before its last differ from ``form``'s (both lower case, word
    for word): only a form's last word inflects, so ``claims representative`` is another
    spelling of ``claim representative``. ``&`` and ``and`` are one word, and the head of
    an ``of`` phrase inflects too (``halls of residence``); a typographic apostrophe is a
    straight one (``doctor’s excuse``)."""
    return any(a != b and not (a in _AND and b in _AND) and form[k + 1] != "of"
               and a.replace("’", "'") != b.replace("’", "'")
               for k, (a, b) in enumerate(zip(found[:-1], form[:-1])))


_AND = ("&", "and")
_HISSING_E = ("se", "ze", "xe", "che", "she")  # endings whose plural is also -es


_PHRASE_WORD = re.compile(r"[A-Za-z0-9&]+")


def phrase_key(text: str) -> tuple[str, ...]:
    """A phrase's words, folded: ``Balancing & Settlement Codes`` and ``balancing and
    settlement code`` give the same key."""
    return tuple(fold(w) for w in _PHRASE_WORD.findall(text))


def exact_key(word: str) -> str:
    return "=" + word


@lru_cache(maxsize=1 << 16)
def text_keys(word: str) -> tuple[str, ...]:
    """Keys a document word can match under: its exact text, its folded form, and
    for a plural acronym (``MPANs``) the exact singular."""
    keys = (exact_key(word), fold(word))
    if _PLURAL_ACRONYM.match(word):
        keys += (exact_key(word[:-1]),)
    return keys


def form_keys(form: str, case_sensitive: bool = False) -> tuple[str, ...]:
    """The key sequence a glossary form is indexed under.

    Words written like acronyms keep their case (so the verb "sit" never matches
    ``SIT``), as does every word of a form marked ``case: sensitive``; the rest fold.
    """
    return tuple(
        exact_key(t.text) if case_sensitive or is_acronym_like(t.text) else fold(t.text)
        for t in tokenize(form)
    )


@lru_cache(maxsize=2)
def load_model(name: str):
    """Load an optional statistical spaCy pipeline (a package name such as
    ``en_core_web_sm``, or a folder saved with ``nlp.to_disk``) for its part-of-speech
    tags. Raises :class:`~termcheck.errors.ConfigError` when it cannot be loaded or tags
    nothing."""
    import spacy

    from .errors import ConfigError

    try:
        nlp = spacy.load(name, exclude=["ner", "lemmatizer", "parser"])
    except (OSError, ValueError, ImportError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ConfigError(f"nlp-model {name!r} cannot be loaded: {first}") from None
    if not any(pipe in nlp.pipe_names for pipe in ("tagger", "morphologizer", "attribute_ruler")):
        raise ConfigError(f"nlp-model {name!r} assigns no part-of-speech tags (pipes: {', '.join(nlp.pipe_names) or 'none'})")
    return nlp
