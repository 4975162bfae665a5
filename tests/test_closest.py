"""The suggestion of ``unknown-term``: the indexed search of the preferred terms gives what
scoring every preferred term gives, and the kept index follows edits of the glossary."""
from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz, process

from helpers import AB_HEAD
from termcheck.phrases import Phrase, compare
from termcheck.glossary import load_glossaries
from termcheck.rules.closest import PreferredTerms, closest

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "termcheck" / "data" / "mhhs.yaml"

# one-word terms (slips, British and American spellings, halves written apart), terms that
# share words, and one written without its spaces
SMALL = AB_HEAD + """\
  - id: programme
    a: {preferred: Programme}
    b: {preferred: Program}
  - id: catalogue
    all: {preferred: Catalogue}
  - id: colour
    all: {preferred: Colour Scheme}
  - id: stocktake
    all: {preferred: Stocktake}
  - id: preint
    all: {preferred: PreIntegration Testing}
  - id: board
    a: {preferred: Change Advisory Board}
    b: {preferred: Change Control Board}
  - id: design-board
    all: {preferred: Design Authority Board}
  - id: four
    all: {preferred: Market Wide Settlement Reform}
  - id: org
    all: {preferred: Organisation Data Service}
"""


def full_search(glossary, vocabulary, term):
    """Every preferred term scored, as the rule did before the index."""
    choices = list({c.preferred_in(vocabulary) or c.any_preferred(): c for c in glossary.concepts.values()})
    best = process.extractOne(term, choices, scorer=fuzz.token_sort_ratio, score_cutoff=80)
    if best is None or compare(Phrase.of(term), Phrase.of(best[0])) is None:
        return None
    return best[0]


def variants(term: str, rnd: random.Random):
    """Slips and rewrites of a term: letters dropped, doubled, swapped or changed; words
    dropped, added, reordered or run together; case and spelling changes."""
    words = term.split()
    yield term
    yield term.lower()
    yield term.upper()
    yield "".join(words)
    yield " ".join(reversed(words))
    yield term.replace("-", " ")
    yield term.replace("ise", "ize").replace("isation", "ization").replace("our", "or").replace("mme", "m")
    for _ in range(6):
        k = rnd.randrange(len(term))
        yield term[:k] + term[k + 1:]
        yield term[:k] + term[k] + term[k:]
        yield term[:k] + rnd.choice("aeiourstnl") + term[k + 1:]
        if k + 1 < len(term):
            yield term[:k] + term[k + 1] + term[k] + term[k + 2:]
    if len(words) > 2:
        yield " ".join(words[:1] + words[2:])
    if len(words) > 1:
        yield " ".join(words[:1] + ["Central"] + words[1:])
        yield " ".join(words[:-1])
        yield words[-1]
        yield " ".join(words + ["Team"])


def check_against_full_search(glossary, extra=()):
    rnd = random.Random(5)
    suggested = 0
    for vocabulary in [*glossary.vocabularies, None]:
        terms = PreferredTerms(glossary, vocabulary)
        probes = [v for t in terms.choices for v in variants(t, rnd)] + list(extra)
        for probe in probes:
            expected = full_search(glossary, vocabulary, probe)
            assert terms.closest(probe) == expected, (vocabulary, probe)
            suggested += expected is not None
    return suggested


def test_bundled_glossary_suggestions_are_those_of_the_full_search():
    glossary = load_glossaries([BUNDLED])
    extra = ["CAB", "SITT", "Steering Board", "Metering Service", "Test Data Stratgy Group", "Wave 1"]
    assert check_against_full_search(glossary, extra) > 300  # the probes do reach suggestions


def test_one_word_terms_and_shared_words_give_the_full_search_answer(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(SMALL, encoding="utf-8")
    glossary = load_glossaries([path])
    extra = ["Programm", "Catalog", "Catalogues", "Stock Take", "Pre Integration Testing",
             "Change Board", "Advisory Board", "Design Authority", "Market Settlement Reform",
             "Organization Data Service", "Color Scheme", "Colours Scheme", "Board"]
    assert check_against_full_search(glossary, extra) > 50
    assert closest(glossary, "a", "Programe") == "Programme"
    assert closest(glossary, "b", "Progam") == "Program"
    assert closest(glossary, "a", "Catalog") == "Catalogue"
    assert closest(glossary, "a", "Pre Integration Testing") == "PreIntegration Testing"
    assert closest(glossary, "a", "Board Advisory Change") is None  # alike, but no slip


def test_the_kept_index_follows_edits_of_the_glossary(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(SMALL, encoding="utf-8")
    glossary = load_glossaries([path])
    assert closest(glossary, "a", "Design Authority Bord") == "Design Authority Board"
    old = glossary.concepts["design-board"]
    terms = old.terms["all"]
    renamed = replace(terms, preferred=replace(terms.preferred, text="Design Review Board"))
    glossary.concepts["design-board"] = replace(old, terms={"all": renamed})  # same number of concepts
    assert closest(glossary, "a", "Design Authority Bord") is None
    assert closest(glossary, "a", "Design Reveiw Board") == "Design Review Board"
    del glossary.concepts["design-board"]
    assert closest(glossary, "a", "Design Reveiw Board") is None
