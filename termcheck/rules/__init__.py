"""The rules: one module and one ``check(doc)`` function per rule id.

``STAGES`` says which analysis each rule needs, so that ``--no-fuzzy`` and
``--no-unknown`` can skip whole stages.
"""
from . import (acronym_conflict, acronym_undefined, deprecated_term, inconsistent_usage,
               mixed_vocabulary, near_miss, unknown_term, unmapped_term, vocabulary_mismatch)
from .base import Document
from .settings import COMMON_ACRONYMS, DEFAULT_SEVERITY, RULE_IDS, Settings

CHECKS = {
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

STAGES = {"near-miss": "fuzzy", "unknown-term": "unknown"}

__all__ = ["CHECKS", "COMMON_ACRONYMS", "DEFAULT_SEVERITY", "RULE_IDS", "STAGES", "Document", "Settings"]
