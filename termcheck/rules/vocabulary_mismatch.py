"""``vocabulary-mismatch``: a form that belongs only to another vocabulary, for a concept
the document's vocabulary has a term for (itself, or through narrower concepts)."""
from .base import Document

RULE = "vocabulary-mismatch"


def check(doc: Document) -> None:
    if doc.vocabulary is None:
        return
    for b, m in doc.occurrences():
        verdict, forms = doc.judge(m)
        if verdict != "foreign" or (b, m.start) in doc.glossed or not doc.judged(b, m):
            continue
        concept = doc.concept(forms[0].concept)
        fixes = doc.counterparts(concept)
        if not fixes:
            continue  # a hole in the mapping: unmapped-term
        theirs = sorted({f.vocabulary for f in forms})
        how = "" if concept.preferred_in(doc.vocabulary) else " (one-to-many: narrower concepts)"
        doc.report(RULE, b, m.start, m.end, m.text, suggestion=fixes, concept=concept.id,
                   message=f"'{m.text}' is {'/'.join(theirs)} wording; the {doc.vocabulary} "
                           f"term is {' or '.join(repr(f) for f in fixes)}{how}")
