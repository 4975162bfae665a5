"""Acronym definitions: ``Long Form (LF)``, ``LF (Long Form)``, ``LF: Long Form`` lines
and rows of abbreviation tables.

The long form is found as Schwartz and Hearst do: the acronym's letters must appear,
in order, in the words before the parenthesis, the first letter starting the first
word. Plural acronyms (``MPANs``) define the singular; acronyms with a number or a
second part (``FRS 102``, ``ICH E6``) are read whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .nlp import Tok, is_acronym_like, singular_acronym


def surface(text: str) -> str:
    """White space collapsed to one space, as the JSON ``found`` field wants it."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Definition:
    """``Long Form (LF)`` or ``LF (Long Form)`` found in a block."""

    acronym: str  # as defined, a plural made singular
    expansion: str
    start: int  # character range of the whole definition
    end: int
    acronym_start: int


SMALL_WORDS = {"and", "of", "the", "for", "to", "in", "on", "a", "an", "&", "-", "with", "by", "at", "or"}


# the first letter of a digit's word: E2E is End-to-End, 2SV two-step verification
_NUMBER_INITIAL = dict(zip("123456789", "ottffssen"))


def _letter_options(acronym: str) -> list[str]:
    """For each letter of the acronym, the characters of a long form that may stand for
    it: the letter (lower case); for a digit before a letter, the digit or the initial of
    its word (``E2E``: ``to``, ``2SV``: ``two``). Digits at the end stand aside
    (``MP3``, ``FRS 102``)."""
    out = []
    for k, c in enumerate(acronym):
        if c.isalpha():
            out.append(c.lower())
        elif c in _NUMBER_INITIAL and any(x.isalpha() for x in acronym[k + 1:]):
            out.append(c + _NUMBER_INITIAL[c])
    return out


def _letters_match(acronym: str, words: list[str]) -> bool:
    """Schwartz–Hearst style check: the acronym's letters appear, in order, in the
    words, and its first letter starts the first word."""
    letters = _letter_options(acronym)
    if not letters or not words:
        return False
    text = " ".join(words).lower()
    if text[0] not in letters[0]:
        return False
    # walk backwards through the long form, as Schwartz & Hearst do
    li, ti = len(letters) - 1, len(text) - 1
    while li >= 0:
        c = letters[li]
        while ti >= 0 and (text[ti] not in c or (li == 0 and ti > 0 and text[ti - 1].isalnum())):
            ti -= 1
        if ti < 0:
            return False
        li -= 1
        ti -= 1
    return True


def _long_form_before(tokens: list[Tok], paren: int, acronym: str) -> int | None:
    """Index of the first token of the long form that ends just before ``tokens[paren]``.

    Among the runs of words whose letters spell the acronym (Schwartz–Hearst), one whose
    initials are exactly the acronym's letters wins (``Safe System of Work`` for SSoW,
    not ``System of Work``); else the shortest. When no run spells it (``Level Crossing
    (LX)``), a run of capitalised words that starts with the acronym's first letter and
    has a word per letter is taken."""
    limit = min(len(acronym) + 5, len(acronym) * 2)
    words: list[int] = []
    k = paren - 1
    while k >= 0 and len([w for w in words if tokens[w].text.lower() not in SMALL_WORDS and tokens[w].text != ","]) < limit:
        t = tokens[k].text
        if words and t.lower() in _POSSESSIVE and k > 0 and tokens[k - 1].end == tokens[k].start:
            k -= 1  # Investigator's Meeting (IM): the 's belongs to its word and spells nothing
            continue
        if t == "," and words and k > 0 and tokens[words[0]].text != ",":
            words.insert(0, k)  # a list inside the long form: planning, preparation and assessment (PPA)
            k -= 1
            continue
        if not (t[0].isalnum() or t in ("-", "&")):
            break
        words.insert(0, k)
        k -= 1
    fitting = []
    for start in range(len(words) - 1, -1, -1):  # shortest first
        seq = [tokens[w].text for w in words[start:]]
        if (seq[0].lower() in SMALL_WORDS and seq[1:2] != ["-"]) or seq[0] in ("-", ","):
            continue  # a small word starts a long form only hyphened to the next (in-process control)
        content = _content_words(seq)
        if len(content) >= 2 or (len(content) == 1 and len(acronym) <= 2):
            if _letters_match(acronym, [w for w in seq if w not in ("-", ",")]) and _first_letters_ok(acronym, seq):
                fitting.append((start, seq))
    for start, seq in fitting:
        if _initials_spell(acronym, seq):
            return words[start]
    if fitting:
        return words[fitting[0][0]]
    return _capitalised_run(tokens, words, acronym)


def _initials_spell(acronym: str, words: list[str]) -> bool:
    """The initials of the words (or of the capitalised ones) are the acronym's letters."""
    content = _content_words(words)
    words = [w for w in words if w not in ("-", ",")]
    letters = "".join(c for c in acronym if c.isalpha())
    options = _letter_options(acronym)
    for some in (words, content):  # every word, or the words that carry letters
        if len(some) == len(options) and all(w[0].lower() in o for w, o in zip(some, options)):
            return True
    capitals = "".join(c for c in letters if c.isupper())
    return len(capitals) >= 2 and "".join(w[0] for w in words if w[0].isupper()) == capitals


def _capitalised_run(tokens: list[Tok], words: list[int], acronym: str) -> int | None:
    letters = [c for c in acronym if c.isalpha()]
    run: list[int] = []
    for w in reversed(words):
        text = tokens[w].text
        if text[0].isupper() or (run and text.lower() in SMALL_WORDS):
            run.insert(0, w)
        else:
            break
    capitals = [w for w in run if tokens[w].text[0].isupper()]
    if len(letters) < 2 or len(capitals) < len(letters):
        return None
    first = capitals[-len(letters)]  # a word per letter, counted back from the parenthesis
    return first if tokens[first].text[0].lower() == letters[0].lower() else None


def _content_words(words: list[str]) -> list[str]:
    """The words that carry a long form's letters: not the small words, unless one is
    hyphened to its neighbour (``in-process``, ``end-to-end``), and not the hyphens."""
    out = []
    for k, w in enumerate(words):
        if w in ("-", ","):
            continue
        if w.lower() in SMALL_WORDS and not (words[k + 1:k + 2] == ["-"] or (k and words[k - 1] == "-")):
            continue
        out.append(w)
    return out


def _first_letters_ok(acronym: str, words: list[str]) -> bool:
    """The long form's first word starts with the acronym's first letter and the number
    of content words is plausible for the acronym's length."""
    content = _content_words(words)
    options = _letter_options(acronym)
    return bool(content and options) and content[0][0].lower() in options[0] and len(content) <= len(acronym) + 1


def _acronym_in_parens(tokens: list[Tok], open_: int) -> tuple[str, int] | None:
    """``(LF)``, ``(LFs)``, ``(FRS 102)``, ``(ICH E6)`` at ``tokens[open_]``: the acronym
    (made singular) and the index of the closing parenthesis."""
    n = len(tokens)
    if open_ + 2 >= n or not is_acronym_like(tokens[open_ + 1].text):
        return None
    if tokens[open_ + 2].text.startswith(_CLOSE):
        return singular_acronym(tokens[open_ + 1].text), open_ + 2
    # a second part: a number or a short code with a capital or a digit
    if open_ + 3 < n and tokens[open_ + 3].text.startswith(_CLOSE) and _ACRONYM_PART.match(tokens[open_ + 2].text):
        return f"{tokens[open_ + 1].text} {tokens[open_ + 2].text}", open_ + 3
    return None


_OPEN, _CLOSE = ("(", "["), (")", "]")  # Long Form (LF) or Long Form [LF]
_POSSESSIVE = ("'s", "’s", "'", "’")
_ACRONYM_PART = re.compile(r"^(?:\d[\w.-]*|[A-Z][A-Za-z]?\d[\w.]*|[A-Z]{1,4})$")


def find_definitions(text: str, tokens: list[Tok]) -> list[Definition]:
    """Acronym definitions in one block."""
    out: list[Definition] = []
    n = len(tokens)
    opens = [i for i, tok in enumerate(tokens) if tok.text in _OPEN] if "(" in text or "[" in text else ()
    for i in opens:
        inside = _acronym_in_parens(tokens, i)
        if inside is not None:  # Long Form (LF)
            acr, close = inside
            letters = acr.replace(" ", "")  # UK GAAP: every letter; FRS 102: digits stand aside
            last = i - 1 if i >= 2 and tokens[i - 1].text.lower() in ("'s", "’s") else i  # Group's (PSG)
            first = _long_form_before(tokens, last, letters)
            if first is not None:
                out.append(Definition(acr, surface(text[tokens[first].start:tokens[last - 1].end]),
                                      tokens[first].start, tokens[close].start + 1, tokens[i + 1].start))
            continue
        if i >= 1 and is_acronym_like(tokens[i - 1].text):  # LF (Long Form)
            close = next((k for k in range(i + 1, min(n, i + 12)) if tokens[k].text.startswith(_CLOSE)), None)
            if close and close - i - 1 >= 2:
                acr = singular_acronym(tokens[i - 1].text)
                words = [t.text for t in tokens[i + 1:close]]
                if _letters_match(acr, [w for w in words if w != "-"]) and _first_letters_ok(acr, words):
                    out.append(Definition(acr, surface(text[tokens[i + 1].start:tokens[close - 1].end]),
                                          tokens[i - 1].start, tokens[close].start + 1, tokens[i - 1].start))
    lead = lead_definition(text, tokens)
    if lead is not None and all(d.acronym_start != lead.acronym_start for d in out):
        out.insert(0, lead)
    if "\n" in text and ("  " in text or "\t" in text):
        known = {d.acronym_start for d in out}
        out.extend(d for d in aligned_rows(text) if d.acronym_start not in known)
    return out


# a line of a plain-text table: an acronym, a gap of two spaces or a tab, its long form
_ALIGNED_ROW = re.compile(r"^[ \t]*([A-Za-z0-9&]{2,8})(?:\t+[ \t]*|[ ]{2,}\t*)(\S[^\n]*?)[ \t]*$", re.M)


def aligned_rows(text: str) -> list[Definition]:
    """Definitions in the rows of a table laid out with spaces (plain text)::

        AIS            Asset Information Standard
        DMA            district metered area
    """
    out = []
    for m in _ALIGNED_ROW.finditer(text):
        row = table_definition((m.group(1), m.group(2)))
        if row is not None:
            out.append(Definition(row[0], row[1], m.start(1), m.end(), m.start(1)))
    return out


_LEAD_SEPARATORS = {":", "-", "–", "—", "="}


def lead_definition(text: str, tokens: list[Tok]) -> Definition | None:
    """A block that opens with ``LF: Long Form`` or ``LF – Long Form`` (a glossary list)."""
    if len(tokens) < 4 or not is_acronym_like(tokens[0].text) or tokens[1].text not in _LEAD_SEPARATORS:
        return None
    acr = singular_acronym(tokens[0].text)
    words: list[Tok] = []
    best = None
    for t in tokens[2:2 + len(acr) * 2 + 2]:
        small = t.text.lower() in SMALL_WORDS or t.text == "-"
        if not (t.text[0].isalnum() or t.text in ("-", "&")) or not (small or t.text[0].isupper()):
            break  # the long form is a run of capitalised words
        words.append(t)
        texts = [w.text for w in words]
        content = [w for w in texts if w.lower() not in SMALL_WORDS and w != "-"]
        if len(content) >= 2 and not small and _first_letters_ok(acr, texts) and \
                _letters_match(acr, [w for w in texts if w != "-"]):
            best = Definition(acr, surface(text[words[0].start:words[-1].end]),
                              tokens[0].start, words[-1].end, tokens[0].start)
    return best


_WORD = re.compile(r"[A-Za-z0-9&]+")
_ALPHA = re.compile(r"[A-Za-z]{2,}")


def table_definition(row: tuple[str, ...] | None) -> tuple[str, str] | None:
    """A row of an abbreviations table (``SIT | System Integration Testing``): an
    acronym in the first cell and, in the second, a long form its letters spell. A code
    beside a number or a sentence (``APIC | 3200-3299``) defines nothing."""
    if not row or len(row) < 2:
        return None
    acr, expansion = row[0].strip(), surface(row[1])
    words = _WORD.findall(expansion)
    if not is_acronym_like(acr) or len(words) < 2 or len(words) > 3 * len(acr) + 2 \
            or len(_ALPHA.findall(expansion)) < 2 or re.search(r"[.;:!?]\s+\S", expansion):
        return None  # "End-to-End" is three words
    acr = singular_acronym(acr)
    if not (_letters_match(acr, words) or _initials_spell(acr, words)):
        return None
    head = _GLOSS_AFTER.split(expansion, 1)[0].strip()
    if head != expansion:  # "returned items desk, in the operations centre": the gloss is no name
        head_words = _WORD.findall(head)
        if len(head_words) >= 2 and (_letters_match(acr, head_words) or _initials_spell(acr, head_words)):
            return acr, head
    return acr, expansion


_GLOSS_AFTER = re.compile(r"\s*[,;:(]\s*|\s+[-–—]\s+")  # where an explanation after a long form starts
