"""``acronym-conflict``: the document defines an acronym with an expansion different from
the glossary's, defines one acronym two different ways, or gives a glossary long form an
acronym of its own (``Market-wide Half Hourly Settlement (MWHH)`` where the glossary
says MHHS). Reported once per document and acronym.

Two expansions are the same when their words fold alike (case, plurals, ``&`` for
``and``, ``Test``/``Testing``), when one is a slip away from the other, or when one
spells out an acronym the other keeps (``Systems Integration Testing Advisory Group``
is ``SIT Advisory Group``).
"""
from __future__ import annotations

from ..glossary import Glossary
from ..phrases import Phrase, compare
from ..nlp import phrase_key
from .base import Document

RULE = "acronym-conflict"


def _stem(word: str) -> str:
    for end in ("ing", "ed"):
        if len(word) > len(end) + 3 and word.endswith(end):
            return word[:-len(end)]
    return word


def _spellings(text: str, glossary: Glossary) -> set[tuple[str, ...]]:
    """The stemmed words of an expansion, and of it with each acronym inside it spelt out
    by the glossary's long forms."""
    words = text.split()
    out = {tuple(_stem(w) for w in phrase_key(text))}
    for k, word in enumerate(words):
        concepts = glossary.abbreviations().get(word.strip("()"))
        for concept in concepts or ():
            for form in concept.forms():
                if not form.is_abbreviation:
                    spelt = " ".join(words[:k] + [form.text] + words[k + 1:])
                    out.add(tuple(_stem(w) for w in phrase_key(spelt)))
    return out


def same_expansion(a: str, b: str, glossary: Glossary) -> bool:
    sa, sb = _spellings(a, glossary), _spellings(b, glossary)
    if sa & sb:
        return True
    # one ends the other, a leading word left out of the letters: "generation Node B (gNB)"
    # for "next generation Node B"
    if any(len(x) >= 2 and len(y) > len(x) and y[-len(x):] == x for x in sa for y in sb) or \
            any(len(y) >= 2 and len(x) > len(y) and x[-len(y):] == y for x in sa for y in sb):
        return True
    return compare(Phrase.of(a), Phrase.of(b)) is not None  # a slip is a near-miss, not a conflict


def check(doc: Document) -> None:
    glossary = doc.glossary
    acronyms, abbreviations, long_forms = glossary.acronyms(), glossary.abbreviations(), glossary.long_forms()
    first: dict[str, str] = {}
    reported: set[str] = set()

    def report(e, found, suggestion, concept, message):
        reported.add(e.acronym)
        doc.report(RULE, e.block, e.start, e.end, found, suggestion=suggestion, concept=concept,
                   message=message)

    for e in doc.definitions():
        if e.acronym in reported:
            continue
        concepts = acronyms.get(e.acronym, [])
        found = " ".join(doc.texts[e.block][e.start:e.end].split())
        if concepts:
            known = [f.text for c in concepts for f in c.forms() if not f.is_abbreviation]
            if not any(same_expansion(e.expansion, k, glossary) for k in known):
                fixes = [c.preferred_in(doc.vocabulary) or c.any_preferred() for c in concepts]
                report(e, found, fixes, concepts[0].id,
                       f"'{e.acronym}' is defined as '{e.expansion}'; the glossary expands it as "
                       f"{' / '.join(repr(f) for f in fixes)}")
                continue
        elif e.acronym not in abbreviations:
            rival = _rival(doc, e, long_forms)
            if rival is not None:
                concept, theirs = rival
                report(e, found, theirs, concept.id,
                       f"'{e.expansion}' is abbreviated '{e.acronym}' here; the glossary's "
                       f"acronym is '{theirs}'")
                continue
        earlier = first.setdefault(e.acronym, e.expansion)
        if not concepts and not same_expansion(earlier, e.expansion, glossary):  # the glossary's: both fine
            report(e, found, (concepts and concepts[0].preferred_in(doc.vocabulary)) or earlier,
                   concepts[0].id if concepts else None,
                   f"'{e.acronym}' was defined earlier as '{earlier}', here as '{e.expansion}'")


def _rival(doc: Document, e, long_forms):
    """The glossary concept whose long form this definition expands, with its acronym,
    when the definition gives it another acronym."""
    for concept in long_forms.get(phrase_key(e.expansion), ()):
        terms = concept.terms_in(doc.vocabulary) or next(iter(concept.terms.values()))
        acronym = terms.acronym or next((f for f in concept.forms() if f.kind == "acronym"), None)
        if acronym is not None and acronym.text != e.acronym.rstrip("0123456789 "):  # SEC 1: a part
            return concept, acronym.text
    return None
