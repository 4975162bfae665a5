"""`termcheck glossary suggest`: new entries from unknown terms, cross-vocabulary
mappings for one-sided concepts, each with evidence and a confidence."""
from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from termcheck.cli import main
from termcheck.glossary import load_glossaries
from termcheck.glossary.suggest import mine

GLOSSARY = """\
format: termcheck-glossary/1
title: t
vocabularies:
  timetable: {title: Timetable}
  strategy: {title: Strategy}
concepts:
  - id: lss
    timetable: {preferred: Load Shaping System, acronym: LSS}
    strategy: {preferred: Load Shaping Service, acronym: LSS}
  - id: pit
    definition: Testing that each participant runs in its own environment before integration.
    strategy: {preferred: Pre-Integration Testing, acronym: PIT}
  - id: cd
    timetable: {preferred: Code Drafting}
"""

TIMETABLE_DOC = """\
# Timetable plan

The Load Shaping System goes live in May, and Code Drafting ends in April.

Participant Integration Testing (PIT) is the testing that each participant runs in its own
environment before integration. PIT closes in June, after the Load Shaping System is ready.

The Defect Triage Board (DTB) meets weekly. The DTB reviews every open defect.

The Cutover Rehearsal Window opens in July. Each Cutover Rehearsal Window is one weekend.
"""

STRATEGY_DOC = """\
# Strategy note

The Load Shaping Service is tested in Pre-Integration Testing, run by the Load Shaping
Service team.

Code Drafting changes go to the design authority. Code Drafting follows each defect fix.
The DTB meets weekly.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.md").write_text(TIMETABLE_DOC, encoding="utf-8")
    (docs / "note.md").write_text(STRATEGY_DOC, encoding="utf-8")
    return tmp_path


def test_unknown_terms_become_proposed_entries(corpus):
    g = load_glossaries([corpus / "g.yaml"])
    s = mine([corpus / "docs"], g)
    assert dict((p, v) for p, v, _ in s.documents) == {
        str(corpus / "docs" / "plan.md"): "timetable", str(corpus / "docs" / "note.md"): "strategy"}
    by_id = {e["id"]: (e, c) for e, c in s.concepts}
    dtb, cand = by_id["defect-triage-board"]
    # defined in a timetable document, used in a strategy one: shared by both, so 'all'
    assert dtb["all"] == {"preferred": "Defect Triage Board", "acronym": "DTB"}
    assert dtb["status"] == "proposed"
    assert cand.count == 3 and len(cand.documents) == 2 and cand.confidence() == 0.95
    assert "The Defect Triage Board (DTB) meets weekly." in cand.example
    crw, cand = by_id["cutover-rehearsal-window"]
    assert crw["timetable"] == {"preferred": "Cutover Rehearsal Window"} and cand.count == 2
    assert cand.confidence() < 0.9  # a repeated phrase is weaker evidence than a definition


def test_mapping_proposals_carry_signals_and_evidence(corpus):
    g = load_glossaries([corpus / "g.yaml"])
    maps = mine([corpus / "docs"], g).mappings
    pit = [m for m in maps if m.concept == "pit" and m.vocabulary == "timetable"]
    best = pit[0]
    assert (best.preferred, best.acronym) == ("Participant Integration Testing", "PIT")
    assert best.signals["acronym"] == 1.0 and best.signals["definition"] > 0.5
    assert best.confidence >= 0.9 and best.count == 2 and "plan.md:5:" in best.example_at
    # the timetable's own term used as is in a strategy document
    cd = [m for m in maps if m.concept == "cd" and m.vocabulary == "strategy"]
    assert cd and cd[0].preferred == "Code Drafting" and cd[0].signals == {"used as is": 1.0}
    assert cd[0].count == 2 and cd[0].confidence == 0.6
    # a concept with terms in both vocabularies is never proposed
    assert not [m for m in maps if m.concept == "lss"]


def test_cli_output_is_yaml_whose_concepts_paste_into_the_glossary(corpus, capsys):
    code = main(["glossary", "suggest", str(corpus / "docs"), "-g", str(corpus / "g.yaml")])
    out, err = capsys.readouterr()
    assert code == 0 and "2 new concept(s)" in err
    data = YAML(typ="safe").load(out)
    assert {c["id"] for c in data["concepts"]} == {"defect-triage-board", "cutover-rehearsal-window"}
    assert "# confidence 0.95: defined in a document; used 3 times in 2 document(s)" in out
    first = data["mappings"][0]
    assert first["concept"] == "pit" and first["evidence"]["count"] == 2
    # the proposed concepts make a valid glossary with the existing one
    extended = GLOSSARY + "".join(
        f"  - id: {c['id']}\n    {v}: {{preferred: {t['preferred']}}}\n    status: proposed\n"
        for c in data["concepts"] for v, t in c.items() if isinstance(t, dict))
    (corpus / "x.yaml").write_text(extended)
    assert "defect-triage-board" in load_glossaries([corpus / "x.yaml"]).concepts
    # the command each mapping carries applies it
    argv = first["apply"].split(" ", 1)[1]
    import shlex

    assert main(shlex.split(argv)[0:]) == 0
    assert load_glossaries([corpus / "g.yaml"]).concepts["pit"].terms["timetable"].preferred.text == \
        "Participant Integration Testing"


def test_forced_vocabulary_and_unreadable_input(corpus, capsys):
    (corpus / "docs" / "broken.docx").write_bytes(b"not a zip")
    code = main(["glossary", "suggest", str(corpus / "docs"), "-g", str(corpus / "g.yaml"), "-V", "strategy"])
    out, err = capsys.readouterr()
    assert code == 3 and "broken.docx" in err
    data = YAML(typ="safe").load(out)
    assert all("strategy" in c for c in data["concepts"])
    code = main(["glossary", "suggest", str(corpus / "docs"), "-g", str(corpus / "g.yaml"), "-V", "nosuch"])
    assert code == 2 and "not a vocabulary" in capsys.readouterr().err
