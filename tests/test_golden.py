"""Every scan report stays what it was: the golden reports in tests/golden/ (first made
before the speed work of issue 10, rebuilt only for an intended change of findings; see
tests/golden/build.py), and the current code must give the same JSON, finding for
finding, for the sample corpora, the held-out corpora, the format fixtures and a
generated folder dense with findings."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(HERE))
import build  # noqa: E402


@pytest.fixture(scope="module")
def current() -> dict:
    return dict(build.reports())


@pytest.mark.parametrize("name", [t.replace("/", "-") for t in build.TARGETS] + [build.GENERATED])
def test_scan_report_is_unchanged(current, name):
    golden = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    got = json.loads(json.dumps(current[name], sort_keys=True))
    assert got["summary"] == golden["summary"]
    assert got["documents"] == golden["documents"]
    assert got["errors"] == golden["errors"]
    for mine, theirs in zip(got["findings"], golden["findings"]):
        assert mine == theirs
    assert len(got["findings"]) == len(golden["findings"])
