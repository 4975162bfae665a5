"""What termcheck knows of ordinary English: which words are common (so that a word
in capitals such as ``UPDATE`` is not taken for an acronym, and a misspelling can be
told from a real word), and which spellings differ only between British and American
English.

The word list is pyspellchecker's English frequency list, read once and only when a
rule asks (about 0.2 s).
"""
from __future__ import annotations

import re
from functools import lru_cache

COMMON = 100  # least frequency (in pyspellchecker's English list) of a common word


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    import gzip
    import json
    from importlib import resources

    try:
        raw = (resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - a broken install
        return {}
    return json.loads(gzip.decompress(raw))


def is_common_word(word: str) -> bool:
    """``word`` (any case) is a common English word."""
    return _frequencies().get(word.lower(), 0) >= COMMON


FREQUENT = 20000  # a word so frequent that, in capitals, it is the word and not an acronym


def is_frequent_word(word: str) -> bool:
    return _frequencies().get(word.lower(), 0) >= FREQUENT


def is_known_word(word: str) -> bool:
    """``word`` (any case) is in the English word list at all (a rare word included)."""
    return word.lower() in _frequencies()


# Pairs of endings (British, American) that make the same word in the two spellings.
_ENDINGS = (
    ("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
    ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"), ("our", "or"), ("ours", "ors"),
    ("re", "er"), ("res", "ers"), ("ence", "ense"), ("ogue", "og"), ("ogues", "ogs"),
    ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("mme", "m"), ("mmes", "ms"),
)
_INNER = (("ae", "e"), ("oe", "e"), ("our", "or"), ("isation", "ization"), ("ise", "ize"),
          ("ll", "l"), ("yse", "yze"), ("mme", "m"))
_LETTERS = re.compile(r"[a-z]+")


def spelling_variants(a: str, b: str) -> bool:
    """``a`` and ``b`` are one word in British and American spelling (``randomisation``
    / ``randomization``, ``colour`` / ``color``, ``paediatric`` / ``pediatric``,
    ``programme`` / ``program``), in either order."""
    a, b = a.lower(), b.lower()
    if a == b or not (_LETTERS.fullmatch(a) and _LETTERS.fullmatch(b)) or min(len(a), len(b)) < 4:
        return False
    return _british_of(a, b) or _british_of(b, a)


def _british_of(gb: str, us: str) -> bool:
    for left, right in _ENDINGS:
        if gb.endswith(left) and us.endswith(right) and gb[:-len(left)] == us[:-len(right)] \
                and len(gb) - len(left) >= 3:
            return True
    for left, right in _INNER:  # one change inside the word (paediatric, organisations)
        k = gb.find(left)
        while k > 0:
            if gb[:k] + right + gb[k + len(left):] == us:
                return True
            k = gb.find(left, k + 1)
    return False
