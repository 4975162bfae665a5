"""Property tests: ordinary lower-case English never produces a finding."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.engine import Scanner
from termcheck.glossary import load_glossaries

ROOT = Path(__file__).resolve().parents[1]
SCANNER = Scanner(load_glossaries([ROOT / "termcheck" / "data" / "mhhs.yaml"]))

# Ordinary words, including the traps that look like acronyms or glossary words.
WORDS = """the a of and to in is it that for on with as was by at be this from or are an
which have not they but one all were when there can more if will so what out up about
into than them then some could time these two may first do any my now such like our over
also new after most only other use its just even where through back much before well
sit pit dip ads rec sec wave waves load shaping service system systems integration
testing test data strategy participant participants plan approach meter reading central
switching smart advanced volume allocation platform cohort minimum viable qualification
migration code drafting timetable transition settlement market half hourly environment
assessment document sandbox end day life group advisory working design steering office
programme management senior responsible owner network operator distribution balancing
energy retail registration supplier point administration number communications company
""".split()

VOCABS = st.sampled_from(["timetable", "strategy", None])
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)
text = st.lists(sentence, min_size=1, max_size=6).map(lambda ss: ". ".join(ss) + ".")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=text, vocabulary=VOCABS)
def test_lower_case_words_give_no_finding(text, vocabulary):
    # lower-case glossary phrases ("load shaping system") are real terms; ordinary words
    # are not, so only look at findings that do not come from a multi-word form
    found = [f for f in SCANNER.check_text(text, vocabulary).findings
             if f.rule not in ("vocabulary-mismatch", "deprecated-term", "unmapped-term", "inconsistent-usage")]
    assert found == [], [(f.rule, f.found) for f in found]


PLAIN = [w for w in WORDS if w not in {"load", "shaping", "service", "system", "systems", "integration",
                                        "participant", "testing", "code", "drafting", "transition",
                                        "timetable", "qualification", "migration", "wave", "waves"}]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(words=st.lists(st.sampled_from(PLAIN), min_size=1, max_size=60), vocabulary=VOCABS)
def test_plain_words_give_no_finding_at_all(words, vocabulary):
    assert SCANNER.check_text(" ".join(words) + ".", vocabulary).findings == []


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=st.text(max_size=300), vocabulary=VOCABS)
def test_any_text_is_handled(text, vocabulary):
    result = SCANNER.check_text(text, vocabulary)
    for f in result.findings:
        assert f.found and f.rule and f.location.line is not None
