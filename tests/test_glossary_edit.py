"""`termcheck glossary add|deprecate|map`: edits that keep what they did not touch,
validate before writing, and write atomically."""
from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.cli import main
from termcheck.glossary import load_glossaries
from termcheck.glossary.edit import GlossaryFile

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "termcheck" / "data" / "mhhs.yaml"

SMALL = """\
# A small glossary; this comment must survive every edit.
format: termcheck-glossary/1
title: t
vocabularies:
  a: {title: A}   # the A documents
  b:
    title: B
concepts:
- id: one   # list items written at the key's own indent
  a: {preferred: Load Shaping System, acronym: LSS}
  b: {preferred: 'Load Shaping Service', admitted: [LS Service]}

- id: two
  a:
    preferred: Wave
    admitted:
      - Tranche   # to be deprecated
  note: >-
    Folded text
    kept as written.
"""


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def small(tmp_path) -> Path:
    p = tmp_path / "small.yaml"
    p.write_text(SMALL, encoding="utf-8")
    return p


@pytest.fixture
def bundled(tmp_path) -> Path:
    p = tmp_path / "mhhs.yaml"
    p.write_bytes(BUNDLED.read_bytes())
    return p


@pytest.mark.parametrize("path", [BUNDLED, ROOT / "tests" / "heldout2" / "glossary.yaml"], ids=lambda p: p.name)
def test_round_trip_without_edit_is_byte_identical(path):
    assert GlossaryFile(path).dump() == path.read_text(encoding="utf-8")


def test_round_trip_of_other_list_indent_is_byte_identical(small):
    assert GlossaryFile(small).dump() == SMALL


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    return ([d[1:] for d in diff if d.startswith("-") and not d.startswith("---")],
            [d[1:] for d in diff if d.startswith("+") and not d.startswith("+++")])


def test_add_appends_a_concept_and_touches_nothing_else(bundled, capsys):
    before = bundled.read_text()
    code, _, err = run(capsys, "glossary", "add", bundled, "dtb", "--vocabulary", "strategy",
                       "--preferred", "Defect Triage Board", "--acronym", "DTB",
                       "--definition", "The board that triages defects.", "--status", "proposed")
    assert code == 0, err
    removed, added = changed_lines(before, bundled.read_text())
    assert removed == []
    assert added == ["", "  - id: dtb", "    definition: The board that triages defects.",
                     "    strategy: {preferred: Defect Triage Board, acronym: DTB}", "    status: proposed"]
    g = load_glossaries([bundled])
    assert g.concepts["dtb"].terms["strategy"].acronym.text == "DTB"


def test_add_into_a_group_goes_after_the_group(bundled, capsys):
    before = bundled.read_text()
    assert run(capsys, "glossary", "add", bundled, "sit-regression", "-V", "strategy",
               "--preferred", "SIT Regression Testing", "--group", "Test stages", "--broader", "sit")[0] == 0
    ids = list(load_glossaries([bundled]).concepts)
    groups = [c.group for c in load_glossaries([bundled]).concepts.values()]
    k = ids.index("sit-regression")
    assert groups[k - 1] == "Test stages" and groups[k + 1] != "Test stages"
    removed, added = changed_lines(before, bundled.read_text())
    assert removed == [] and added[-1] == "" and "    broader: [sit]" in added


def test_map_fills_a_hole_keeping_comments_and_style(small, capsys):
    code, _, err = run(capsys, "glossary", "map", small, "two", "-V", "b", "--preferred", "Wave",
                       "--mapping", "exact")
    assert code == 0, err
    text = small.read_text()
    removed, added = changed_lines(SMALL, text)
    assert removed == [] and added == ["  b: {preferred: Wave}", "  mapping: exact"]
    assert text.startswith("# A small glossary; this comment must survive every edit.")
    assert "  a: {title: A}   # the A documents" in text and "'Load Shaping Service'" in text
    assert load_glossaries([small]).concepts["two"].terms["b"].preferred.text == "Wave"


def test_map_refuses_to_replace_without_asking(small, capsys):
    code, _, err = run(capsys, "glossary", "map", small, "one", "-V", "b", "--preferred", "X")
    assert code == 2 and "already has terms in 'b'" in err
    assert small.read_text() == SMALL


def test_deprecate_moves_an_admitted_form(small, capsys):
    assert run(capsys, "glossary", "deprecate", small, "two", "Tranche")[0] == 0
    terms = load_glossaries([small]).concepts["two"].terms["a"]
    assert [f.text for f in terms.deprecated] == ["Tranche"] and terms.admitted == ()
    assert "Folded text\n    kept as written." in small.read_text()


def test_deprecate_the_preferred_term_needs_its_successor(small, capsys):
    code, _, err = run(capsys, "glossary", "deprecate", small, "one", "Load Shaping Service")
    assert code == 2 and "--use" in err and small.read_text() == SMALL
    assert run(capsys, "glossary", "deprecate", small, "one", "Load Shaping Service", "--use", "LS Service")[0] == 0
    terms = load_glossaries([small]).concepts["one"].terms["b"]
    assert terms.preferred.text == "LS Service" and [f.text for f in terms.deprecated] == ["Load Shaping Service"]
    assert terms.admitted == ()


def test_an_edit_that_makes_the_glossary_invalid_is_refused(bundled, capsys, tmp_path):
    before = bundled.read_bytes()
    # "Wave" is already claimed in every vocabulary by the concept 'wave'
    code, _, err = run(capsys, "glossary", "map", bundled, "pit", "-V", "strategy", "--preferred", "Wave",
                       "--replace")
    assert code == 2
    assert "edit refused" in err and f"{bundled}:" in err and "is already claimed by" in err
    assert bundled.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mhhs.yaml"]  # no temporary file left
    code, _, err = run(capsys, "glossary", "add", bundled, "x", "-V", "nosuch", "--preferred", "Thing")
    assert code == 2 and "undefined vocabulary 'nosuch'" in err and bundled.read_bytes() == before
    code, _, err = run(capsys, "glossary", "add", bundled, "y", "-V", "strategy", "--preferred", "Thing",
                       "--broader", "no-such-concept")
    assert code == 2 and "unknown concept 'no-such-concept'" in err and bundled.read_bytes() == before


def test_dry_run_prints_a_diff_and_writes_nothing(small, capsys):
    code, out, _ = run(capsys, "glossary", "deprecate", small, "two", "Tranche", "--dry-run")
    assert code == 0 and small.read_text() == SMALL
    assert "-      - Tranche   # to be deprecated" in out and "+    deprecated: [Tranche]" in out


def test_output_elsewhere_leaves_the_original(small, tmp_path, capsys):
    out = tmp_path / "new.yaml"
    assert run(capsys, "glossary", "map", small, "two", "-V", "b", "--preferred", "Wave", "-o", out)[0] == 0
    assert small.read_text() == SMALL and "b: {preferred: Wave}" in out.read_text()


def test_edit_of_a_missing_or_broken_file_is_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "glossary", "map", tmp_path / "none.yaml", "x", "-V", "a", "--preferred", "X")
    assert code == 2 and "none.yaml: no such glossary file" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("concepts: [\n")
    code, _, err = run(capsys, "glossary", "map", bad, "x", "-V", "a", "--preferred", "X")
    assert code == 2 and "bad.yaml:" in err and "not valid YAML" in err


def test_an_edit_keeps_lines_ruamel_would_respell(tmp_path, capsys):
    src = ROOT / "tests" / "heldout2" / "glossary.yaml"
    p = tmp_path / "g.yaml"
    p.write_bytes(src.read_bytes())
    before = p.read_text()
    assert run(capsys, "glossary", "deprecate", p, "cbi", "Electronic Interlocking")[0] == 0
    removed, added = changed_lines(before, p.read_text())
    assert removed == ["    all: {preferred: Computer Based Interlocking, acronym: CBI, admitted: [Electronic Interlocking]}"]
    assert added == ["    all: {preferred: Computer Based Interlocking, acronym: CBI, deprecated: [Electronic Interlocking]}"]
    assert "  contract:   {title: Resignalling works contract" in p.read_text()  # aligned values kept
