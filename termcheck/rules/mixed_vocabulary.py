"""``mixed-vocabulary``: the document uses as many terms of one vocabulary as of another,
so its vocabulary cannot be detected and the vocabulary rules cannot say which terms are
wrong. One finding per document, at the first vocabulary-specific term, listing each
vocabulary's terms with their counts and first locations, so that the author picks one
(``--vocabulary``, a ``vocabulary`` glob in the configuration, or ``default-vocabulary``).
"""
from .base import Document

RULE = "mixed-vocabulary"


def check(doc: Document) -> None:
    if doc.vocabulary is not None:
        return
    used = {v: terms for v, terms in doc.vocabulary_terms.items() if terms}
    if len(used) < 2:
        return
    parts = []
    for vocab, terms in used.items():
        listed = ", ".join(f"'{text}' x{n} at {doc.blocks[b].location_at(start).describe() or 'the start'}"
                           for text, (n, b, start, _) in terms.items())
        parts.append(f"{vocab}: {listed}")
    text, (_, b, start, end) = min(((t, e) for terms in used.values() for t, e in terms.items()),
                                   key=lambda te: (te[1][1], te[1][2]))
    doc.report(RULE, b, start, end, text,
               message="the document uses the terms of several vocabularies equally ("
                       + "; ".join(parts) + "); choose its vocabulary with --vocabulary or the configuration")
