"""Glossary self-tests: every concept's ``examples`` must behave as written."""
from __future__ import annotations

from .model import ALL, Glossary


def run_examples(glossary: Glossary) -> list[str]:
    """Check every example sentence; return one line per failure (empty: all pass).

    A ``flag`` sentence must produce at least one finding about its concept; a ``pass``
    sentence must produce no finding at all. Examples under ``all`` are checked in every
    vocabulary."""
    from ..engine import Scanner

    scanner = Scanner(glossary)
    failures = []
    for concept in glossary.concepts.values():
        for vocab, cases in concept.examples.items():
            vocabs = list(glossary.vocabularies) if vocab == ALL else [vocab]
            for v in vocabs:
                for sentence in cases.get("flag", ()):
                    found = scanner.check_text(sentence, v).findings
                    if not any(f.concept == concept.id for f in found):
                        failures.append(f"{concept.origin}: {concept.id} [{v}] should flag: {sentence!r}")
                for sentence in cases.get("pass", ()):
                    found = scanner.check_text(sentence, v).findings
                    if found:
                        rules = ", ".join(sorted({f"{f.rule} {f.found!r}" for f in found}))
                        failures.append(f"{concept.origin}: {concept.id} [{v}] should pass: {sentence!r} ({rules})")
    return failures
