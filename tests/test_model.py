"""The records every report is built from: compact, and whole after pickling (workers send
them to the parent process)."""
from __future__ import annotations

import pickle

from termcheck.model import Finding, Location, Severity


def _finding() -> Finding:
    return Finding(rule="near-miss", severity=Severity.WARNING, path="a.md", location=Location(line=3, column=5),
                   found="Load Shaping Sytem", suggestion=["Load Shaping Service"], message="m", context="c",
                   span=(2, 20), where=(0, 14, 32), end=Location(line=3, column=23))


def test_a_pickled_finding_comes_back_whole():
    f = _finding()
    g = pickle.loads(pickle.dumps(f))
    assert g == f
    # fields left out of == come back too
    assert (g.span, g.where, g.end) == ((2, 20), (0, 14, 32), Location(line=3, column=23))
    assert g.to_dict() == f.to_dict()


def test_findings_and_locations_keep_no_instance_dictionary():
    f = _finding()
    assert not hasattr(f, "__dict__") and not hasattr(f.location, "__dict__")
