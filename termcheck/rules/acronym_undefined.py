"""``acronym-undefined``: a glossary acronym used before the document defines it (in the
text, ``Long Form (LF)`` / ``LF (Long Form)``, or in an abbreviations table); once per
acronym, at its first use. Common acronyms (UK, EU, PDF, ...) are exempt."""
from .base import Document

RULE = "acronym-undefined"


def check(doc: Document) -> None:
    defined: set[str] = set()
    reported: set[str] = set()
    exempt = doc.settings.exempt_acronyms
    for e in doc.acronym_events:
        if e.kind == "define":
            defined.add(e.acronym)
            continue
        if not e.acceptable or e.acronym in defined or e.acronym in reported or e.acronym in exempt:
            continue
        reported.add(e.acronym)
        concepts = doc.glossary.acronyms().get(e.acronym, [])
        fixes = [c.preferred_in(doc.vocabulary) or c.any_preferred() for c in concepts]
        doc.report(RULE, e.block, e.start, e.end, e.text or e.acronym, suggestion=fixes or None,
                   concept=concepts[0].id if concepts else None,
                   message=f"'{e.acronym}' is used before it is defined"
                           + (f" (glossary: {' / '.join(fixes)})" if fixes else ""))
