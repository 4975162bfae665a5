"""What a configuration file may hold: its names, its keys and their descriptions."""
from __future__ import annotations

import re

CONFIG_NAMES = ("termcheck.yaml", ".termcheck.yaml")
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")
VOCAB_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")

#: every key a configuration file may hold, with a one-line description (``termcheck config``)
KEYS = {
    "glossaries": "glossary files (default: the bundled MHHS glossary)",
    "vocabulary": "a vocabulary name for every document, or globs mapped to vocabularies (first match wins)",
    "default-vocabulary": "the vocabulary of a document whose detection ties (else: a mixed-vocabulary finding)",
    "include": "globs of files to scan inside folders (default: every readable file)",
    "exclude": "globs of files and folders never to scan",
    "gitignore": "honour .gitignore files when walking folders",
    "rules": "{select: [rules to run], ignore: [rules not to run]}",
    "severity": "{rule: error|warning|info}",
    "fuzzy": "the near-miss (fuzzy matching) stage: true/false, or {enabled: true/false, threshold: 0-100}",
    "unknown": "run the unknown-term stage: true/false or {enabled: ...}",
    "exempt-acronyms": "acronyms that need no definition (added to UK, EU, PDF, ...)",
    "nlp-model": "an optional statistical spaCy pipeline (name or folder) that tags unknown-term phrases",
    "fail-on": "exit 1 when a finding is at or above this severity (error|warning|info|never)",
}

DEFAULT = "default"
COMMAND_LINE = "command line"
