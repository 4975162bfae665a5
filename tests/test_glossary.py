"""Glossary loading and validation: every problem at once, each with file:line:col."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from termcheck.errors import GlossaryError
from termcheck.glossary import ALL, load_glossaries
from termcheck.glossary.lint import run_examples
from termcheck.nlp import phrase_key

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

GOOD = """\
format: termcheck-glossary/1
title: t
vocabularies:
  a: {title: A}
  b: {title: B}
concepts:
  - id: one
    a: {preferred: Load Shaping System, acronym: LSS}
    b: {preferred: Load Shaping Service, acronym: LSS, admitted: [LS Service]}
  - id: two
    all: {preferred: Wave, deprecated: [Tranche]}
    broader: [one]
"""


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def problems_of(*paths) -> list[str]:
    with pytest.raises(GlossaryError) as info:
        load_glossaries(list(paths))
    return info.value.problems


def test_good_glossary_loads(tmp_path):
    g = load_glossaries([write(tmp_path, GOOD)])
    assert list(g.vocabularies) == ["a", "b"]
    one = g.concepts["one"]
    assert one.preferred_in("b") == "Load Shaping Service"
    assert one.terms["a"].acronym.case_sensitive
    assert g.concepts["two"].terms_in("a") is g.concepts["two"].terms[ALL]
    assert g.acronyms()["LSS"] == [one]


def test_every_problem_reported_with_position(tmp_path):
    bad = write(tmp_path, """\
format: termcheck-glossary/1
vocabularies:
  a: {title: A}
  b: {}
concepts:
  - id: x
    a: {preferred: Foo, deprecated: [Foo]}
    colour: red
  - id: x
    c: {preferred: Bar}
  - id: y
    a: {acronym: Y}
    broader: [zzz]
  - id: z
    all: {preferred: foo}
    mapping: sideways
""")
    problems = problems_of(bad)
    text = "\n".join(problems)
    assert all(re.match(rf"{re.escape(str(bad))}:\d+:\d+: ", p) for p in problems), text
    for needle in ("vocabulary 'b' has no title", "undefined vocabulary 'colour'",
                   "listed as deprecated and also as preferred", "undefined vocabulary 'c'",
                   "no preferred term", "duplicate concept id 'x'", "unknown concept 'zzz'",
                   "already claimed by 'x'", "mapping must be one of"):
        assert needle in text, needle
    assert f"{bad}:13:15: broader of 'y' names unknown concept 'zzz'" in problems


def test_yaml_syntax_error_has_position(tmp_path):
    bad = write(tmp_path, "format: termcheck-glossary/1\nconcepts: [\n")
    [problem] = problems_of(bad)
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: not valid YAML", problem)


def test_missing_file_and_wrong_format(tmp_path):
    problems = problems_of(tmp_path / "nope.yaml", write(tmp_path, "format: other/2\nvocabularies: {}\nconcepts: []\n"))
    assert any("no such glossary file" in p for p in problems)
    assert any("unsupported format 'other/2'" in p for p in problems)


def test_several_files_share_ids_and_forms(tmp_path):
    first = write(tmp_path, GOOD, "first.yaml")
    second = write(tmp_path, """\
format: termcheck-glossary/1
vocabularies:
  a: {title: A}
concepts:
  - id: one
    a: {preferred: Other}
  - id: three
    a: {preferred: wave}
""", "second.yaml")
    text = "\n".join(problems_of(first, second))
    assert f"{second}:5:" in text and "duplicate concept id 'one'" in text
    assert "'wave' of 'three' is already claimed by 'two'" in text


def test_bundled_glossary_is_valid_and_holds_every_reference_fact():
    bundled = load_glossaries([ROOT / "termcheck" / "data" / "mhhs.yaml"])
    reference_path = SHARED / "domain" / "mhhs.yaml"
    if not reference_path.exists():
        pytest.skip("../shared/domain/mhhs.yaml is not beside this checkout")
    reference = load_glossaries([reference_path])
    for cid, ref in reference.concepts.items():
        assert cid in bundled.concepts, cid
        mine = bundled.concepts[cid]
        for vocab, terms in ref.terms.items():
            assert vocab in mine.terms, (cid, vocab)
            have = {(f.kind, f.text) for f in mine.terms[vocab].forms()}
            assert {(f.kind, f.text) for f in terms.forms()} <= have, (cid, vocab)
        for field in ("broader", "narrower", "related"):
            assert set(getattr(ref, field)) <= set(getattr(mine, field)), (cid, field)
        assert ref.status == mine.status, cid
        for field in ("source", "note", "definition"):
            if getattr(ref, field):
                assert getattr(ref, field) in getattr(mine, field), (cid, field)


def test_bundled_glossary_examples_pass():
    glossary = load_glossaries([ROOT / "termcheck" / "data" / "mhhs.yaml"])
    assert any(c.examples for c in glossary.concepts.values())
    assert run_examples(glossary) == []


def test_failing_example_is_reported(tmp_path):
    path = write(tmp_path, GOOD + """    examples:
      all:
        flag: ["Nothing to see here."]
        pass: ["Tranche 2 starts."]
""")
    failures = run_examples(load_glossaries([path]))
    assert len(failures) == 4  # each sentence fails in both vocabularies
    assert any("should flag" in f for f in failures) and any("should pass" in f for f in failures)


def test_derived_tables_follow_edits_of_the_glossary(tmp_path):
    from dataclasses import replace

    g = load_glossaries([write(tmp_path, GOOD)])
    one, two = g.concepts["one"], g.concepts["two"]
    wave = phrase_key("Wave")  # folded
    assert set(g.acronyms()) == {"LSS"} and wave in g.long_forms()
    assert g.acronyms() is g.acronyms()  # kept between calls
    # a concept replaced in place (the count unchanged)
    terms = two.terms[ALL]
    g.concepts["two"] = replace(two, terms={ALL: replace(terms, acronym=replace(terms.preferred, text="WV", kind="acronym"))})
    assert g.acronyms()["WV"] == [g.concepts["two"]]
    del g.concepts["two"]
    assert set(g.acronyms()) == {"LSS"} and wave not in g.long_forms()
    g.concepts = {"two": two}  # replaced wholesale
    assert set(g.acronyms()) == set() and wave in g.long_forms()
    g.concepts.update({"one": one})
    assert g.acronyms()["LSS"] == [one]


def test_derived_tables_are_not_pickled(tmp_path):
    import pickle

    g = load_glossaries([write(tmp_path, GOOD)])
    g.acronyms()
    copy = pickle.loads(pickle.dumps(g))
    assert "_derived" not in copy.__dict__ and copy == g
    assert copy.acronyms()["LSS"] == [copy.concepts["one"]]
    copy.concepts.pop("one")
    assert "LSS" not in copy.acronyms() and "LSS" in g.acronyms()


def test_a_comma_inside_braces_gets_a_hint(tmp_path):
    bad = write(tmp_path, """\
format: termcheck-glossary/1
title: t
vocabularies:
  uk: {title: UK, description: Books, cards and course papers.}
concepts:
  - id: hob
    uk: {preferred: hob, admitted: hotplate, and ring}
  - id: oven
    uk: {preferred: oven, admitted: [range]}
  - id: grill
    uk: {preferred: grill, admitted: salamander, UK}
""")
    problems = problems_of(bad)
    assert len(problems) == 3, problems
    assert ":11:50: unknown key 'UK' in the terms of 'grill'" in problems[2] and "put the value in quotes" in problems[2]
    assert problems[0].endswith("4:39: unknown key 'cards and course papers.' in vocabulary 'uk'; a comma in an "
                                "unquoted value inside {...} starts a new key: put the value in quotes"), problems
    assert ":7:46: unknown key 'and ring' in the terms of 'hob'" in problems[1] and "put the value in quotes" in problems[1]
