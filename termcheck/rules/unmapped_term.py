"""``unmapped-term``: a term of another vocabulary whose concept has no counterpart in the
document's vocabulary; once per document and concept."""
from .base import Document

RULE = "unmapped-term"


def check(doc: Document) -> None:
    if doc.vocabulary is None:
        return
    seen: set[str] = set()
    for b, m in doc.occurrences():
        verdict, forms = doc.judge(m)
        if verdict != "foreign" or not doc.judged(b, m):
            continue
        concept = doc.concept(forms[0].concept)
        if concept.id in seen or doc.counterparts(concept):
            continue
        seen.add(concept.id)
        broader = [t for t in (doc.concept(c).preferred_in(doc.vocabulary) for c in concept.broader) if t]
        message = f"'{m.text}' has no counterpart in the {doc.vocabulary} vocabulary"
        if broader:
            message += f"; only the broader term {' / '.join(repr(t) for t in broader)}"
        doc.report(RULE, b, m.start, m.end, m.text, concept=concept.id, message=message)
