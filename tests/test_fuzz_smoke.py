"""A few hundred inputs through the fuzz harness (fuzz/run.py runs 100,000+), so that the
harness keeps working and the cheapest surprises are caught in the normal test run."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz import run as fuzz_run  # noqa: E402
from fuzz import targets  # noqa: E402


@pytest.mark.parametrize("name", list(fuzz_run.PLAN))
def test_fuzz_smoke(name):
    before = sum(targets.COUNTS.values())
    examples = 20 if name in ("matcher", "xlsx", "pptx", "docx") else 35
    error = fuzz_run.run_hypothesis(name, examples, seed=None)
    assert error is None, error
    assert sum(targets.COUNTS.values()) - before >= examples // 2  # the target really ran


def test_a_failing_target_is_reported(monkeypatch):
    def broken(text):
        raise KeyError("bug")

    monkeypatch.setitem(fuzz_run.PLAN, "html", (10, broken, fuzz_run.PLAN["html"][2]))
    error = fuzz_run.run_hypothesis("html", 10, seed=None)
    assert error is not None and "KeyError" in error


# inputs the long fuzz runs found; each failed before its fix
FOUND = [
    # atheris: a line of vertical tabs and group separators gave an anchor column of -1
    ("markdown", "\x1d\n\x0b\x0b\n\x1d\n\x0b#\n:#a\n\x0b\x0b\x0b#"),
]


@pytest.mark.parametrize("name, text", FOUND)
def test_fuzz_findings_stay_fixed(name, text):
    getattr(targets, f"target_{name}")(text)
