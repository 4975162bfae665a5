"""Token keys, phrase matching, masking, acronym definitions and fuzzy comparison."""
from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.glossary import load_glossaries
from termcheck.acronyms import find_definitions, table_definition
from termcheck.fuzzy import FuzzyIndex
from termcheck.phrases import Phrase, compare
from termcheck.matching import FormIndex, mask
from termcheck.model import Anchor, Block, Location
from termcheck.nlp import fold, form_keys, is_acronym_like, text_keys, tokenize

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = load_glossaries([ROOT / "termcheck" / "data" / "mhhs.yaml"])
INDEX = FormIndex(GLOSSARY)


@pytest.mark.parametrize("a,b", [("Strategies", "Strategy"), ("Tranches", "Tranche"),
                                 ("Services", "Service"), ("Environments", "Environment"),
                                 ("Processes", "Process")])
def test_fold_makes_plurals_meet(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a,b", [("boxes", "box"), ("phases", "phase"), ("matches", "match"),
                                 ("cases", "case"), ("licences", "licence"), ("codes", "code")])
def test_fold_meets_plurals_in_es(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a,b", [("tape", "tap"), ("plane", "plan"), ("bite", "bit"), ("bare", "bar"),
                                 ("came", "cam"), ("hope", "hop"), ("site", "sit"), ("note", "not")])
def test_fold_keeps_words_apart_that_differ_by_a_final_e(a, b):
    assert fold(a) != fold(b) and fold(a + "s") != fold(b + "s")


@pytest.mark.parametrize("word,expected", [("SIT", True), ("iDNO", True), ("E2E", True), ("QA&P", True),
                                           ("Sit", False), ("sit", False), ("A", False), ("SITAGXX", False)])
def test_acronym_like(word, expected):
    assert is_acronym_like(word) is expected


def test_acronym_keys_keep_case():
    assert form_keys("SIT Functional") == ("=SIT", fold("Functional"))
    assert "=SIT" not in text_keys("sit") and "=SIT" in text_keys("SIT")
    assert "=MPAN" in text_keys("MPANs")


def matches(text):
    return [(m.text, sorted({f.concept for f in m.forms})) for m in INDEX.match(text, tokenize(text))]


def test_longest_match_wins():
    assert matches("The SIT Advisory Group met.") == [("SIT Advisory Group", ["sitag"])]
    assert matches("Supplier Meter Registration Service") == [("Supplier Meter Registration Service", ["smrs"])]


def test_match_across_line_breaks_and_in_any_case():
    assert matches("the load shaping\n  SERVICE") == [("load shaping SERVICE", ["lss"])]


def test_exact_surface_decides_between_inflected_twins():
    [m] = INDEX.match("System Integration Testing", tokenize("System Integration Testing"))
    assert {f.vocabulary for f in m.forms} == {"timetable"}
    [m] = INDEX.match("Systems Integration Testing", tokenize("Systems Integration Testing"))
    assert {f.vocabulary for f in m.forms} == {"strategy"}


def test_mask_blanks_urls_emails_and_paths_keeping_offsets():
    text = "See https://x.example.org/SIT/a?b=1, mail PIT.team@example.org, /srv/PSG/Tranche-2/ and C:\\a\\Tranche 3\\b.doc."
    masked = mask(text)
    assert len(masked) == len(text)
    for hidden in ("SIT", "PIT", "PSG", "Tranche"):
        assert hidden not in masked
    assert masked.startswith("See ") and "mail" in masked


def test_ordinary_slashes_are_not_paths():
    assert mask("SIT/UIT and and/or") == "SIT/UIT and and/or"


@pytest.mark.parametrize("text,acronym,expansion", [
    ("run by the Systems Integrator (SI) today", "SI", "Systems Integrator"),
    ("the new Data Integration Platform (DIP).", "DIP", "Data Integration Platform"),
    ("SIT Advisory Group (SITAG): report", "SITAG", "SIT Advisory Group"),
    ("End-to-End (E2E) tests", "E2E", "End-to-End"),
    ("the Qualification Approach and Plan (QA&P) says", "QA&P", "Qualification Approach and Plan"),
    ("the SRO (Senior Responsible Owner) chairs", "SRO", "Senior Responsible Owner"),
    ("under the Balancing and Settlement Code (BSC), which", "BSC", "Balancing and Settlement Code"),
    ("each Meter Point Administration Numbers (MPANs) list", "MPAN", "Meter Point Administration Numbers"),
    ("apply Financial Reporting Standard 102 (FRS 102) in full", "FRS 102", "Financial Reporting Standard 102"),
    ("the Smart Energy Code [SEC] says", "SEC", "Smart Energy Code"),
    ("the Programme Steering Group's (PSG) view", "PSG", "Programme Steering Group"),
    ("under UK generally accepted accounting practice (UK GAAP) rules", "UK GAAP",
     "UK generally accepted accounting practice"),
])
def test_definitions(text, acronym, expansion):
    [d] = find_definitions(text, tokenize(text))
    assert (d.acronym, d.expansion) == (acronym, expansion)
    assert text[d.acronym_start:].startswith(acronym)


@pytest.mark.parametrize("text", ["the results (SIT) are in", "in cycle 3 (QT)", "phase two (see below)"])
def test_not_definitions(text):
    assert find_definitions(text, tokenize(text)) == []


def test_table_rows_as_definitions():
    assert table_definition(("SIT", "System Integration Testing")) == ("SIT", "System Integration Testing")
    assert table_definition(("E2E", "End-to-End")) == ("E2E", "End-to-End")
    assert table_definition(("Acronym", "Meaning")) is None
    assert table_definition(("SIT",)) is None
    # a code beside a number or a sentence defines nothing
    assert table_definition(("APIC", "3200-3299")) is None
    assert table_definition(("APIC", "Codes for the north-west region. Use with care.")) is None
    assert table_definition(("MPANs", "Meter Point Administration Numbers")) == (
        "MPAN", "Meter Point Administration Numbers")


@pytest.mark.parametrize("found,form,near", [
    ("Pre Integration Testing", "Pre-Integration Testing", True),
    ("Sytems Integration Testing", "Systems Integration Testing", True),
    ("Smart Data Serivce", "Smart Data Service", True),
    ("Load Profile Shaping Service", "Load Shaping Service", True),
    ("Post-Integration Testing", "Pre-Integration Testing", False),
    ("SIT Operational", "SIT Functional", False),
    ("Systems Integration", "Systems Integrator", False),
    ("Integration Testing", "Systems Integration Testing", False),
    ("Load Shaping Services", "Load Shaping Service", False),
    ("Extra Load Shaping Service", "Load Shaping Service", False),
])
def test_compare(found, form, near):
    assert (compare(Phrase.of(found), Phrase.of(form)) is not None) is near


def test_fuzzy_search_never_cuts_an_exact_match():
    fuzzy = FuzzyIndex(GLOSSARY)
    text = "The Load Shaping Service Sytems run."
    toks = tokenize(text)
    blocked = [(m.start, m.end) for m in INDEX.match(text, toks)]
    assert fuzzy.search(text, blocked, lambda f: 0) == []


def test_block_location_at_offsets():
    block = Block("first line\nsecond line", Location(line=3, column=1),
                  (Anchor(0, 3, 1), Anchor(11, 4, 5)))
    assert block.location_at(0) == Location(line=3, column=1)
    assert block.location_at(18) == Location(line=4, column=12)
    word = Block("x", Location(part="body", paragraph=2, heading="H"))
    assert word.location_at(0).to_dict() == {"part": "body", "paragraph": 2, "heading": "H"}
    assert word.location.describe() == "body ¶2 (H)"


def test_a_word_set_gives_the_same_answer_after_it_starts_again():
    from termcheck.nlp import WordSet

    capitals = WordSet(lambda w: w[:1].isupper(), limit=2)
    first = capitals.among({"Alpha", "beta", "Gamma"})
    assert first == {"Alpha", "Gamma"}
    assert capitals.among({"Alpha", "delta", "Gamma"}) == {"Alpha", "Gamma"}  # emptied, then sorted again
    assert capitals.among({"Alpha"}) == {"Alpha"}
