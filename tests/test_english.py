"""The English word list: common words, spelling variants, and the cached table."""
from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck import english


@pytest.mark.parametrize("word,common", [("update", True), ("LIVE", True), ("inventries", False), ("mpan", False)])
def test_common_words(word, common):
    assert english.is_common_word(word) is common


@pytest.mark.parametrize("a,b", [("randomisation", "randomization"), ("colour", "color"), ("centre", "center"),
                                 ("paediatric", "pediatric"), ("programme", "program"), ("licence", "license"),
                                 ("modelling", "modeling"), ("analyse", "analyze")])
def test_spelling_variants_either_way(a, b):
    assert english.spelling_variants(a, b) and english.spelling_variants(b, a)


@pytest.mark.parametrize("a,b", [("inventory", "invention"), ("lease", "least"), ("form", "from"), ("colour", "colour")])
def test_different_words_are_not_variants(a, b):
    assert not english.spelling_variants(a, b)


_STEMS = st.text(alphabet="abcdefghijklmnoprstuvwy", min_size=3, max_size=9)


@settings(max_examples=1500, deadline=None)
@given(_STEMS, _STEMS, st.sampled_from(english._ENDINGS + english._INNER))
def test_every_spelling_change_is_found(stem, tail, change):
    """Each change in the tables, at the end of a word or inside it, is a variant (the
    quick length and first-letter test skips none of them)."""
    gb, us = stem + change[0], stem + change[1]
    assert english.spelling_variants(gb, us) and english.spelling_variants(us, gb)
    if change in english._INNER:
        gb, us = gb + tail, us + tail
        assert english.spelling_variants(gb, us) and english.spelling_variants(us, gb)


def test_the_table_is_cached_and_a_corrupt_cache_is_rebuilt(tmp_path):
    code = ("from termcheck import english; "
            "print(english.is_common_word('update'), english._cache_file().exists())")
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = lambda: subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: E731
    assert run().stdout.split() == ["True", "True"]
    [cache] = (tmp_path / "termcheck").glob("english-*.marshal")
    cache.write_bytes(b"not a table")
    assert run().stdout.split() == ["True", "True"]
    assert cache.read_bytes() != b"not a table"


def test_idioms_are_read_from_their_table_and_need_their_whole_phrase():
    from termcheck.english import IDIOMS, in_idiom

    assert ((), ("of", "action")) in IDIOMS["course"] and (("in", "due"), ()) in IDIOMS["course"]
    assert all(word.isalpha() and word.islower() for word in IDIOMS)
    assert in_idiom("we will reply in due course .".split(), 5)
    assert in_idiom("the project is on track for june".split(), 4)
    assert not in_idiom("the course starts in june".split(), 1)
    assert not in_idiom("a due course".split(), 2)  # "in due course" needs its "in"
    assert not in_idiom("keep the track clear".split(), 2)  # "keep track of" needs its "of"


def test_words_that_are_never_nouns():
    from termcheck.english import can_be_noun

    for word in ("provide", "utilise", "utilize", "commence", "robust", "sufficient", "analyse"):
        assert not can_be_noun(word), word
    # nouns that are also verbs, and words the list does not know, may be nouns
    for word in ("check", "cheque", "line", "queue", "use", "tie", "sleeper", "derailer", "mhhs"):
        assert can_be_noun(word), word


def test_not_nouns_list_is_sorted_lower_case_words():
    from importlib import resources

    text = resources.files("termcheck").joinpath("data", "not-nouns.txt").read_text(encoding="utf-8")
    words = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(words) > 10_000
    assert words == sorted(set(words))
    assert all(w.isalpha() and w.islower() for w in words)


def test_verb_inflections_are_real_words():
    from termcheck.english import verb_inflections

    assert verb_inflections("utilise") == ["utilised", "utilising"]  # known by "utilized"
    assert verb_inflections("commit") == ["committed", "committing"]
    assert verb_inflections("simplify") == ["simplified", "simplifying"]
    assert verb_inflections("obtain") == ["obtained", "obtaining"]
    assert verb_inflections("robust") == []  # an adjective has none
