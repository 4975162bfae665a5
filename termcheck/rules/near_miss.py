"""``near-miss``: a phrase that is no known form but is a slip away from one (a
misspelling, a hyphen or space variant, one word dropped or added).

A form of another vocabulary written in the other side's spelling is no slip: in a
British document, ``enrolment`` is the British spelling of the US vocabulary's
``enrollment``, not a misspelling of it."""
from ..english import spelling_variants
from ..glossary import ALL
from ..phrases import Phrase
from .base import Document

RULE = "near-miss"


def check(doc: Document) -> None:
    for b, nm in doc.near_misses:
        if nm.form.vocabulary not in (ALL, doc.vocabulary) and doc.vocabulary is not None \
                and _respelt(nm.text, nm.form.text):
            continue
        concept = doc.concept(nm.form.concept)
        fixes = doc.counterparts(concept) or [nm.form.text if nm.form.kind != "deprecated"
                                              else concept.any_preferred()]
        doc.report(RULE, b, nm.start, nm.end, nm.text, suggestion=fixes, concept=concept.id,
                   message=f"'{nm.text}' looks like a slip for '{nm.form.text}'")


def _respelt(found: str, form: str) -> bool:
    """``found`` is ``form`` word for word, some words in the other side's spelling."""
    a, b = Phrase.of(found).words, Phrase.of(form).words
    return len(a) == len(b) and a != b and all(x == y or spelling_variants(x, y) for x, y in zip(a, b))
