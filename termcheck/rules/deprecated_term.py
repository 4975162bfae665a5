"""``deprecated-term``: a form the glossary lists as deprecated for the document's vocabulary."""
from .base import Document

RULE = "deprecated-term"


def check(doc: Document) -> None:
    for b, m in doc.occurrences():
        verdict, forms = doc.judge(m)
        if verdict != "deprecated" or not doc.judged(b, m):
            continue
        concept = doc.concept(forms[0].concept)
        fix = concept.preferred_in(doc.vocabulary) or concept.any_preferred()
        doc.report(RULE, b, m.start, m.end, m.text, suggestion=fix, concept=concept.id,
                   message=f"'{m.text}' is deprecated; use '{fix}'")
