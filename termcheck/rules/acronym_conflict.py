"""``acronym-conflict``: the document defines an acronym with an expansion different from
the glossary's, or defines one acronym two different ways."""
from ..matching import Phrase, compare
from ..nlp import fold
from .base import Document

RULE = "acronym-conflict"


def _same(a: str, b: str) -> bool:
    pa, pb = Phrase.of(a), Phrase.of(b)
    if [fold(w) for w in pa.words] == [fold(w) for w in pb.words]:
        return True
    return compare(pa, pb) is not None  # a slip in the expansion is a near-miss, not a conflict


def check(doc: Document) -> None:
    acronyms = doc.glossary.acronyms()
    first: dict[str, str] = {}
    for e in doc.definitions():
        concepts = acronyms.get(e.acronym, [])
        found = " ".join(doc.texts[e.block][e.start:e.end].split())
        if concepts:
            known = [f.text for c in concepts for f in c.forms() if f.kind != "acronym"]
            if not any(_same(e.expansion, k) for k in known):
                fixes = [c.preferred_in(doc.vocabulary) or c.any_preferred() for c in concepts]
                doc.report(RULE, e.block, e.start, e.end, found, suggestion=fixes,
                           concept=concepts[0].id,
                           message=f"'{e.acronym}' is defined as '{e.expansion}'; the glossary "
                                   f"expands it as {' / '.join(repr(f) for f in fixes)}")
                first.setdefault(e.acronym, e.expansion)
                continue
        earlier = first.setdefault(e.acronym, e.expansion)
        if not _same(earlier, e.expansion):
            doc.report(RULE, e.block, e.start, e.end, found,
                       suggestion=(concepts and concepts[0].preferred_in(doc.vocabulary)) or earlier,
                       concept=concepts[0].id if concepts else None,
                       message=f"'{e.acronym}' was defined earlier as '{earlier}', here as '{e.expansion}'")
