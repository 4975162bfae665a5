"""`termcheck glossary lint`: validation, quality checks, example self-tests, exit codes."""
from __future__ import annotations

import json
from pathlib import Path

from termcheck.cli import main
from helpers import AB_HEAD
from termcheck.glossary import load_glossaries
from termcheck.glossary.lint import lint

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "termcheck" / "data" / "mhhs.yaml"

HEAD = AB_HEAD


def write(tmp_path: Path, body: str, name: str = "g.yaml") -> Path:
    p = tmp_path / name
    p.write_text(HEAD + body, encoding="utf-8")
    return p


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def checks_of(path: Path, check: str):
    return [i for i in lint(load_glossaries([path]), [check])]


def test_bundled_glossary_lints_clean_of_errors(capsys):
    code, out, _ = run(capsys, "glossary", "lint", BUNDLED)
    assert code == 0
    g = load_glossaries([BUNDLED])
    examples = sum(len(v) for c in g.concepts.values() for kinds in c.examples.values() for v in kinds.values())
    assert "0 error(s)" in out and f"{len(g.concepts)} concepts" in out and f"{examples} example sentences" in out
    # the holes are listed by vocabulary, with the relation that explains them
    assert "10 concept(s) have no term in 'timetable': cit (via sit)" in out
    assert "2 concept(s) have no term in 'strategy'" in out


def test_old_form_glossary_file_is_lint(capsys):
    assert run(capsys, "glossary", BUNDLED)[1] == run(capsys, "glossary", "lint", BUNDLED)[1]


def test_mapping_holes_listed_by_vocabulary(tmp_path):
    p = write(tmp_path, """\
  - id: one
    a: {preferred: Alpha One}
  - id: two
    b: {preferred: Beta Two}
    related: [three]
  - id: three
    a: {preferred: Alpha Three}
    b: {preferred: Beta Three}
  - id: four
    all: {preferred: Shared Four}
""")
    holes = {(i.vocabulary, i.concept, i.via) for i in checks_of(p, "mapping-hole")}
    assert holes == {("b", "one", ()), ("a", "two", ("three",))}


def test_contradictory_relations_fail(tmp_path, capsys):
    p = write(tmp_path, """\
  - id: x
    a: {preferred: Thing X}
    broader: [y]
  - id: y
    a: {preferred: Thing Y}
    broader: [x]
  - id: p
    a: {preferred: Thing P}
    narrower: [q]
    related: [q]
  - id: q
    a: {preferred: Thing Q}
""")
    issues = checks_of(p, "relation")
    assert len(issues) == 2 and all(i.level == "error" for i in issues)
    assert any("cycle" in i.message and {"x", "y"} <= set(i.message.replace("<", " ").split()) for i in issues)
    assert any(i.concept in ("p", "q") and "related" in i.message for i in issues)
    code, out, _ = run(capsys, "glossary", "lint", p)
    assert code == 1 and "FAILED" in out


def test_consistent_hierarchy_is_no_contradiction(tmp_path):
    p = write(tmp_path, """\
  - id: top
    a: {preferred: Top Thing}
    narrower: [mid]
  - id: mid
    a: {preferred: Mid Thing}
    broader: [top]
    narrower: [low]
  - id: low
    a: {preferred: Low Thing}
    related: [other]
  - id: other
    a: {preferred: Other Thing}
""")
    assert checks_of(p, "relation") == []


def test_confusable_forms_warn_and_fail_only_when_strict(tmp_path, capsys):
    p = write(tmp_path, """\
  - id: one
    a: {preferred: Data Migration Plan}
  - id: two
    b: {preferred: Data Migraton Plan}
  - id: three
    a: {preferred: Data Cutover Plan}
  - id: four
    a: {preferred: Market Wide Data Migration Plan}
""")
    pairs = {frozenset(i.message.split("'")[1::2][:2]) for i in checks_of(p, "confusable")}
    assert frozenset({"Data Migration Plan", "Data Migraton Plan"}) in pairs  # a one-letter slip
    assert not any("Data Cutover Plan" in pair for pair in pairs)  # another word is no slip
    assert len(pairs) == 1  # two words more is not near either
    code, out, _ = run(capsys, "glossary", "lint", p)
    assert code == 0 and "warning: [confusable]" in out
    assert run(capsys, "glossary", "lint", "--strict", p)[0] == 1


def test_confusable_word_dropped_and_hyphen_variant(tmp_path):
    p = write(tmp_path, """\
  - id: one
    a: {preferred: Central Test Environment}
  - id: two
    a: {preferred: Central Shared Test Environment}
  - id: three
    a: {preferred: Pre-Integration Check}
  - id: four
    b: {preferred: Pre Integration Check}
""")
    issues = checks_of(p, "confusable")
    assert {frozenset((i.concept, i.message.split(" of '")[1].split("'")[0])) for i in issues} == \
        {frozenset(("one", "two")), frozenset(("three", "four"))}


def test_shared_acronym_across_vocabularies(tmp_path):
    p = write(tmp_path, """\
  - id: one
    a: {preferred: Participant Integration Testing, acronym: PIT}
  - id: two
    b: {preferred: Pre-Integration Testing, acronym: PIT}
  - id: three
    a: {preferred: Load Shaping System, acronym: LSS}
    b: {preferred: Load Shaping Service, acronym: LSS}
""")
    issues = checks_of(p, "shared-acronym")
    assert len(issues) == 1 and "'PIT'" in issues[0].message and "one in a" in issues[0].message \
        and "two in b" in issues[0].message


def test_examples_run_as_self_tests(tmp_path, capsys):
    p = write(tmp_path, """\
  - id: wave
    all: {preferred: Wave, deprecated: [Tranche]}
    examples:
      all:
        flag: ["Tranche 2 starts.", "Nothing to see here."]
        pass: ["Wave 2 starts."]
""")
    issues = checks_of(p, "example")
    assert len(issues) == 2  # the second flag sentence fails in both vocabularies
    assert all("should flag: 'Nothing to see here.'" in i.message for i in issues)
    code, out, _ = run(capsys, "glossary", "lint", "--format", "json", p)
    data = json.loads(out)
    assert code == 1 and data["failed"] and data["counts"]["error"] == 2 and data["examples"] == 3


def test_invalid_glossary_is_a_lint_failure(tmp_path, capsys):
    p = write(tmp_path, "  - id: x\n    c: {preferred: X}\n")
    code, out, _ = run(capsys, "glossary", "lint", p)
    assert code == 1
    assert f"{p}:8:5: unknown key or undefined vocabulary 'c'" in out and "invalid: 2 problem(s)" in out
