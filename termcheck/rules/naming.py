"""Telling a term that is *named* from one that is *used*: a former name (``formerly
Tranche 1``), part of a longer proper name or of another acronym's long form, inside a
quoted title, in a table row that maps it, a code or document number, or a word that
only spells a term (:mod:`.grammar`). Such a term is never a vocabulary-mismatch,
deprecated-term or unmapped-term, and does not count towards the document's vocabulary.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..matching import Match
from .grammar import AUXILIARIES, SENTENCE_OPENERS, used_otherwise

if TYPE_CHECKING:
    from .base import Document

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


# Ways of naming a term rather than using it (see mentioned).
_NAMING_BEFORE = re.compile(
    r"""(?<!-)\b(?:formerly|previously|originally|known\s+as|also\s+called|called|calls|call\s+it|termed|
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
# a sentence end inside a quotation, or just before its closing mark: a quoted sentence
# (a log entry, a remark), not a title
_QUOTED_SENTENCE = re.compile(r"[.!?](?:\s|[\"'”’]?$)")
_LOWER_START = re.compile(r"[^A-Za-z]*[a-z]")  # a quotation that starts in lower case: a remark
# double quotes may run over a line break of hard-wrapped text; single ones (apostrophes) not
_QUOTED = re.compile(r'"[^"\n]{1,200}(?:\n[^"\n]{1,200})?"|“[^”\n]{1,200}(?:\n[^”\n]{1,200})?”|'
                     r'‘[^’\n]{1,200}’|(?<![\w])\'[^\'\n]{1,200}\'(?![\w])')


def mentioned(doc: Document, block: int, match: Match) -> bool:
    """The term is named, not used: inside a quoted title, introduced as a name (``formerly
    Tranche 1``, ``what the Timetable calls Participant Testing``, ``... (now
    Wave 1)``), part of a longer proper name (``... Working Group``, ``...
    Approach Document``, the long form of another acronym: ``Investigator's Meeting
    (IM)``), or in a table row that maps it to another term of its concept. Such a
    term is never a vocabulary-mismatch, deprecated-term or unmapped-term, and does
    not count towards the document's vocabulary."""
    text = doc.texts[block]
    if _NAMING_BEFORE.search(text, max(0, match.start - 40), match.start) \
            or _NAMING_AFTER.match(text, match.end) or _NAME_AFTER.match(text, match.end) \
            or _in_defined_name(doc, block, match) or used_otherwise(doc, block, match) \
            or _in_proper_name(doc, block, match):
        return True
    for s, e in doc.quoted(block):  # a quoted title holds more words than the term
        if s < match.start and match.end < e and _ALPHA_WORD.search(text[s:match.start] + text[match.end:e]) \
                and not _QUOTED_SENTENCE.search(text, s + 1, e) \
                and not _LOWER_START.match(text, s + 1) \
                and not _sentence_case(text[s + 1:e - 1]):  # a quoted sentence or remark uses its words
            return True
    row, cell = doc.blocks[block].row, doc.blocks[block].cell
    if row and len(row) > 1 and len(text.split()) <= len(match.text.split()) + 3:
        concept = doc.concept(match.forms[0].concept)  # a cell holding the term, beside its mapping
        others = " ".join(c for k, c in enumerate(row) if k != cell).casefold()
        return any(f.text.casefold() in others for f in concept.forms()
                   if f.text.casefold() != match.text.casefold() and not f.is_abbreviation)
    return False


def _sentence_case(quoted: str) -> bool:
    """A quotation of five or more words with a verb such as "is" or "will", most of its
    words after the first in lower case, is a sentence quoted without its full stop (``"We
    are investigating a sev-1 incident"``), not a title (``"Switches, ties and tonnage:
    lessons from North America"``)."""
    words = _ALPHA_WORD.findall(quoted)
    return len(words) >= 5 and any(w.lower() in AUXILIARIES for w in words) \
        and sum(w[0].isupper() for w in words[1:]) * 2 < len(words) - 1


def _in_proper_name(doc: Document, block: int, match: Match) -> bool:
    """A common noun of the glossary (its forms written in lower case) capitalised beside
    another capitalised word in running text is part of a name: ``14 Hood Street``,
    ``Riverside Apartments Ltd``, ``Flat Creek Road``, ``the Kettle River & Plains
    Railroad``. Not in a line of title case, where every word is capitalised (a heading
    that uses the term)."""
    if not match.text[:1].isupper() or not all(f.text.islower() for f in match.forms):
        return False
    texts, i, j = doc.token_texts[block], match.first, match.last
    before = i > 0 and _name_word(texts[i - 1]) and not (i == 1 or texts[i - 2] in SENTENCE_OPENERS)
    if not before and i > 1 and texts[i - 1] in ("&", "of") and _name_word(texts[i - 2]):
        before = True  # Plains & Railroad, Bank of ...
    after = j < len(texts) and _name_word(texts[j])
    if not after and j + 1 < len(texts) and texts[j] in ("&", "of") and _name_word(texts[j + 1]):
        after = True  # Society of Women Engineers
    if i > 0 and texts[i - 1].isdigit() and texts[j - 1] in _STREET_WORDS:
        return True  # 14 High Street: an address
    if not (before or after):
        return False
    text = doc.texts[block]
    if after and _STREET.match(text, match.end):
        return True  # 4100 Old Trolley Road, even in a footer line of names
    # the words around it (not just its line: hard-wrapped lines are short), with any
    # quoted title's capitals left out
    around = text[max(0, match.start - 150):match.end + 150]
    for s, e in reversed(quoted_spans(around)):
        around = around[:s] + around[e:]
    words = [w for w in _ALPHA_WORD.findall(around) if len(w) > 3]
    return sum(w[0].isupper() for w in words) * 4 < len(words) * 3  # running text, not title case


# up to two more capitalised words, then a word that ends the name of a street
_STREET_WORDS = ("Street", "Road", "Avenue", "Lane", "Drive", "Way", "Close", "Crescent", "Terrace", "Wharf",
                 "Boulevard", "Parkway", "Highway", "Square")
_STREET = re.compile(rf"(?:[ \t]+[A-Z][a-z]+){{0,2}}?[ \t]+(?:{'|'.join(_STREET_WORDS)})\b")


def _name_word(word: str) -> bool:
    """A capitalised word (not one in capitals: an acronym is no part of a name here)."""
    return word[:1].isupper() and word[1:2].islower()


def _in_defined_name(doc: Document, block: int, match: Match) -> bool:
    """The match is part of the long form of an acronym that is not its own: the
    longer name is the term defined there."""
    for d in doc.definitions_in(block):
        if d.start <= match.start and match.end <= d.end and match.start != d.acronym_start \
                and len(match.text.split()) < len(d.expansion.split()):
            own = {f.text for form in match.forms for f in doc.concept(form.concept).forms()
                   if f.is_abbreviation}
            if d.acronym not in own:
                return True
    return False


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` in quotation marks (straight, curly, single or double)."""
    return [m.span() for m in _QUOTED.finditer(text)]
