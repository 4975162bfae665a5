"""``near-miss``: a phrase that is no known form but is a slip away from one (a
misspelling, a hyphen or space variant, one word dropped or added)."""
from .base import Document

RULE = "near-miss"


def check(doc: Document) -> None:
    for b, nm in doc.near_misses:
        concept = doc.concept(nm.form.concept)
        fixes = doc.counterparts(concept) or [nm.form.text if nm.form.kind != "deprecated"
                                              else concept.any_preferred()]
        doc.report(RULE, b, nm.start, nm.end, nm.text, suggestion=fixes, concept=concept.id,
                   message=f"'{nm.text}' looks like a slip for '{nm.form.text}'")
