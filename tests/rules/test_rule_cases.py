"""Rule cases as data: every YAML file in this folder lists cases of a glossary
snippet (or the bundled glossary), a text, a vocabulary and the findings expected.

A case passes when the findings are exactly the expected ones (rule, found text and,
where given, suggestion), unless it says ``only: [rules]`` to look at some rules only.
``settings`` passes scan settings (``default_vocabulary``, ``fuzzy_threshold``, ...);
``vocabulary_detected`` checks the detected vocabulary (``null``: undetermined);
``format: md`` reads the text as a Markdown file (tables, code), not as plain text.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from termcheck.engine import Scanner
from termcheck.glossary import load_glossaries
from termcheck.readers import read_blocks
from termcheck.rules import RULE_IDS, Settings

HERE = Path(__file__).parent
BUNDLED = HERE.parents[1] / "termcheck" / "data" / "mhhs.yaml"


def _cases():
    for file in sorted(HERE.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(file, data.get("glossary"), case, id=f"{file.stem}:{case['name']}")


_SCANNERS: dict = {}


def _scanner(file: Path, glossary: dict | None, tmp_path_factory) -> Scanner:
    key = str(file) if glossary else "bundled"
    if key not in _SCANNERS:
        if glossary:
            path = tmp_path_factory.mktemp("glossary") / f"{file.stem}.yaml"
            path.write_text(yaml.safe_dump(glossary, sort_keys=False), encoding="utf-8")
        else:
            path = BUNDLED
        _SCANNERS[key] = load_glossaries([path])
    return _SCANNERS[key]


@pytest.mark.parametrize("file,glossary,case", list(_cases()))
def test_rule_case(file, glossary, case, tmp_path_factory):
    scanner = Scanner(_scanner(file, glossary, tmp_path_factory), Settings(**case.get("settings", {})))
    if case.get("format", "txt") == "txt":
        result = scanner.check_text(case["text"], case.get("vocabulary"))
    else:  # read through that format's reader (tables, code blocks, ...)
        doc = tmp_path_factory.mktemp("case") / f"case.{case['format']}"
        doc.write_text(case["text"], encoding="utf-8")
        result = scanner.check_blocks(doc.name, read_blocks(doc), case.get("vocabulary"))
    only = set(case.get("only", RULE_IDS))
    got = [f for f in result.findings if f.rule in only]
    want = case.get("expect") or []
    got_pairs = sorted((f.rule, f.found) for f in got)
    want_pairs = sorted((w["rule"], w["found"]) for w in want)
    assert got_pairs == want_pairs, "\n".join(f"{f.rule}: {f.found!r} -> {f.suggestion!r} ({f.message})" for f in got)
    for w in want:
        if "suggestion" in w:
            match = next(f for f in got if (f.rule, f.found) == (w["rule"], w["found"]))
            assert match.suggestion == w["suggestion"], match
    if "vocabulary_detected" in case:
        assert result.vocabulary == case["vocabulary_detected"], result.vocabulary_reason
