"""Writing a replacement in the case pattern of the text it replaces, and in its number.

``load shaping system`` becomes ``load shaping service``, ``LOAD SHAPING SYSTEM`` becomes
``LOAD SHAPING SERVICE``, ``Load shaping system`` becomes ``Load shaping service``; a
title-case original takes the glossary's own spelling. Words written like acronyms in the
replacement (``SIT``, ``iDNO``) keep their capitals whatever the original's pattern.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


def pattern(text: str) -> str:
    """``upper``, ``lower``, ``sentence``, ``title`` or ``mixed``."""
    words = _WORD.findall(text)
    letters = "".join(words)
    if not letters:
        return "mixed"
    if len(letters) >= 2 and letters.isupper():
        return "upper"
    if letters.islower():
        return "lower"
    if words[0][0].isupper() and all(w[0].isupper() or w.lower() in _SMALL for w in words):
        return "title"
    if words[0][0].isupper() and all(w.islower() for w in words[1:]):
        return "sentence"
    return "mixed"


def _acronym_like(word: str) -> bool:
    """Two capitals or a capital after the first letter: ``SIT``, ``iDNO``, ``MPxN``."""
    return sum(c.isupper() for c in word) >= 2 or any(c.isupper() for c in word[1:])


def _map_words(text: str, fn) -> str:
    out, pos, index = [], 0, 0
    for m in _WORD.finditer(text):
        out.append(text[pos:m.start()])
        word = m.group()
        out.append(word if _acronym_like(word) else fn(word, index))
        pos = m.end()
        index += 1
    out.append(text[pos:])
    return "".join(out)


def match_case(original: str, replacement: str) -> str:
    """``replacement`` written in the case pattern of ``original``."""
    kind = pattern(original)
    if kind == "upper":
        return replacement.upper()
    if kind == "lower":
        return _map_words(replacement, lambda w, i: w.lower())
    if kind == "sentence":
        return _map_words(replacement, lambda w, i: w[:1].upper() + w[1:].lower() if i == 0 else w.lower())
    if kind == "title":
        return _map_words(replacement, lambda w, i: w if w.lower() in _SMALL and i else w[:1].upper() + w[1:])
    return replacement


def _plural(word: str) -> str:
    low = word.lower()
    if low.endswith(("s", "x", "z", "ch", "sh")):
        suffix = "es"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return word[:-1] + ("IES" if word.isupper() else "ies")
    else:
        suffix = "s"
    return word + (suffix.upper() if word.isupper() and len(word) > 1 else suffix)


def inflect(found: str, forms: list[str], replacement: str) -> str:
    """``replacement`` made plural when ``found`` is a plural of one of the concept's
    ``forms`` (``Tranches`` for ``Tranche``: ``Waves``, not ``Wave``)."""
    low = " ".join(found.split()).casefold()
    known = {" ".join(f.split()).casefold() for f in forms}
    if low in known or not low.endswith("s"):
        return replacement
    singulars = {low[:-1], low[:-2] if low.endswith("es") else None,
                 low[:-3] + "y" if low.endswith("ies") else None}
    if not singulars & known:
        return replacement
    m = list(_WORD.finditer(replacement))
    if not m or replacement.casefold().endswith("s"):
        return replacement
    last = m[-1]
    return replacement[:last.start()] + _plural(last.group()) + replacement[last.end():]


def adapt(found: str, suggestion: str, forms: list[str]) -> str:
    """The text that replaces ``found``: the suggestion, in its number and case."""
    return match_case(found, inflect(found, forms, suggestion))
