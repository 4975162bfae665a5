"""Accuracy end to end: the shared scorer on the labelled dev corpus and on our own
sample corpus. The bars are the issues' acceptance thresholds."""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"

BARS = {
    "vocabulary-mismatch": 0.95, "deprecated-term": 0.95, "unmapped-term": 0.95,
    "inconsistent-usage": 0.85, "near-miss": 0.90, "acronym-undefined": 0.90,
    "acronym-conflict": 0.90, "unknown-term": 0.75,
}


def score(corpus: Path, tmp_path: Path) -> dict:
    out = tmp_path / "score.json"
    cmd = f"{shlex.quote(sys.executable)} -m termcheck"
    proc = subprocess.run([sys.executable, str(SCORER), str(corpus), "--termcheck", cmd, "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert out.exists(), proc.stdout + proc.stderr
    result = json.loads(out.read_text())
    assert not result["failures"], result["failures"]
    return result


def assert_bars(result: dict) -> None:
    table = result["rules"]
    short = {rule: table[rule]["f1"] for rule, bar in BARS.items() if table[rule]["f1"] < bar}
    assert not short, f"below the bar: {short}\nmisses: {result['misses']}\nextras: {result['extras']}"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside this checkout")
def test_dev_corpus_meets_the_bars(tmp_path):
    result = score(SHARED / "eval" / "dev", tmp_path)
    assert_bars(result)
    clean = [e for e in result["extras"] if e.startswith("milestone-briefing.docx")]
    assert clean == [], "the clean document must give no finding"


# Corpora beside the dev set. corpora/ is the sample corpus; tests/heldout* were written
# and labelled from the spec by authors who had not seen the implementation, to guard
# against tuning to the dev corpus: heldout (MHHS, new terms and misspellings), heldout2
# (a railway glossary with three vocabularies, mixed-case and digit acronyms,
# case-sensitive and vocabulary-only deprecated forms, one-to-many mappings), heldout3
# (format traps: text boxes, endnotes, nested tables, a table of contents, hyphenated
# PDF, CRLF/BOM/no-break spaces, Markdown emphasis inside terms), heldout4 and heldout5
# (glossaries of lower-case common nouns: financial reporting, clinical research).
OTHER_CORPORA = [
    ("corpora", None),
    ("tests/heldout", "clean-summary.md"),
    ("tests/heldout2", "signaller-notice.txt"),
    ("tests/heldout3", None),
    ("tests/heldout4", "stocktake-instructions.txt"),
    ("tests/heldout5", "participant-pathway-note.txt"),
]


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside this checkout")
@pytest.mark.parametrize("corpus,clean", OTHER_CORPORA, ids=[c for c, _ in OTHER_CORPORA])
def test_other_corpora_meet_the_bars(corpus, clean, tmp_path):
    result = score(ROOT / corpus, tmp_path)
    assert_bars(result)
    assert result["rules"]["overall"]["precision"] >= 0.95, result["extras"]
    if clean:
        assert not [e for e in result["extras"] if e.startswith(clean)], "the clean document must give no finding"
