"""The rules: one module and one ``check(doc)`` function per rule id.

``STAGES`` says which analysis each rule needs, so that ``--no-fuzzy`` and
``--no-unknown`` can skip whole stages.

The rule modules (and the matching and fuzzy code under them) are imported on the
first use of ``CHECKS`` or ``Document``: a command that only needs the rule ids or the
settings, such as a rescan answered from the cache, does not pay for them.
"""
from .settings import COMMON_ACRONYMS, DEFAULT_SEVERITY, RULE_IDS, Settings

STAGES = {"near-miss": "fuzzy", "unknown-term": "unknown"}


def _checks() -> dict:
    from . import (acronym_conflict, acronym_undefined, deprecated_term, inconsistent_usage,
                   mixed_vocabulary, near_miss, unknown_term, unmapped_term, vocabulary_mismatch)

    return {
        "vocabulary-mismatch": vocabulary_mismatch.check,
        "deprecated-term": deprecated_term.check,
        "near-miss": near_miss.check,
        "inconsistent-usage": inconsistent_usage.check,
        "unmapped-term": unmapped_term.check,
        "unknown-term": unknown_term.check,
        "acronym-undefined": acronym_undefined.check,
        "acronym-conflict": acronym_conflict.check,
        "mixed-vocabulary": mixed_vocabulary.check,
    }


def __getattr__(name: str):
    if name == "CHECKS":
        value = _checks()
    elif name == "Document":
        from .base import Document as value
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later look-ups find it directly
    return value


__all__ = ["CHECKS", "COMMON_ACRONYMS", "DEFAULT_SEVERITY", "RULE_IDS", "STAGES", "Document", "Settings"]
