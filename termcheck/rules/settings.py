"""The rule ids, their default severities, the acronyms no document needs to define, and
the :class:`Settings` a scan runs with (filled from the command line and configuration)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Severity

RULE_IDS = ("vocabulary-mismatch", "deprecated-term", "near-miss", "inconsistent-usage",
            "unmapped-term", "unknown-term", "acronym-undefined", "acronym-conflict", "mixed-vocabulary")

DEFAULT_SEVERITY = {
    "vocabulary-mismatch": Severity.ERROR,
    "deprecated-term": Severity.ERROR,
    "near-miss": Severity.WARNING,
    "inconsistent-usage": Severity.WARNING,
    "unmapped-term": Severity.INFO,
    "unknown-term": Severity.INFO,
    "acronym-undefined": Severity.WARNING,
    "acronym-conflict": Severity.WARNING,
    "mixed-vocabulary": Severity.WARNING,
}

# Acronyms every reader knows; none of them needs a definition.
COMMON_ACRONYMS = frozenset("""
UK GB EU US USA UN PDF HTML XML JSON CSV URL FAQ ID IT HR CEO CFO CIO CTO AM PM OK TBC TBD
TBA NB PS QA QC VAT GDP GMT BST UTC ISO IEC BS IEEE API FTP HTTP HTTPS SQL PC AI
JPG JPEG PNG GIF SVG DOC DOCX XLS XLSX PPT PPTX ZIP TXT RTF MP3 MP4 DNS IP VPN USB
RSS WWW PIN LTD PLC
""".split())


@dataclass(frozen=True)
class Settings:
    """What a scan is asked to do (filled from the command line and configuration)."""

    enabled: frozenset[str] = frozenset(RULE_IDS)
    severities: dict[str, Severity] = field(default_factory=dict)
    exempt_acronyms: frozenset[str] = COMMON_ACRONYMS
    fuzzy: bool = True
    fuzzy_threshold: int = 80  # least similarity (0-100) of a near-miss to its form
    unknown: bool = True
    nlp_model: str | None = None  # optional statistical spaCy pipeline for unknown-term
    default_vocabulary: str | None = None  # taken when detection ties

    def severity(self, rule: str) -> Severity:
        return self.severities.get(rule, DEFAULT_SEVERITY[rule])
