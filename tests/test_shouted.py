"""Stretches in capitals: the quick test that skips most blocks never skips one that
holds a stretch."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck import nlp
from termcheck.nlp import shouted_spans


def full_search(text: str) -> list[tuple[int, int]]:
    """shouted_spans without its quick test: every segment judged."""
    from termcheck.english import is_common_word

    out = []
    for seg in nlp._SEGMENT.finditer(text):
        words = nlp._ALPHA_WORD.findall(seg.group())
        upper = [w for w in words if w.isupper()]
        if len(words) >= 2 and len(upper) >= max(2, 0.6 * len(words)) and \
                any(len(w) > 6 or w in nlp._SHOUTED_WORDS or is_common_word(w) for w in upper):
            out.append(seg.span())
    return out if sum(map(str.isupper, text)) >= 6 else []


def test_banners_and_ordinary_text():
    assert shouted_spans("TERMS AND CONDITIONS. They apply to all users.") == [(0, 20)]
    assert shouted_spans("The DAW meets the SRO weekly.") == []  # two acronyms far apart
    # capitals one word apart, and three of five words in capitals
    assert shouted_spans("READ the NOTICE") == [(0, 15)]
    assert shouted_spans("PLEASE a READ b NOTE carefully") == full_search("PLEASE a READ b NOTE carefully")
    assert shouted_spans("DO NOT ENTER. The DAW met.") == [(0, 12)]


PIECES = ["THE", "NOTICE", "DAW", "SIT", "READ", "and", "of", "the", "a", "b", "Meter",
          "WARNING", "x", "7", "E2E", "MPANs"]
SEPARATORS = [" ", " ", " ", "  ", ", ", ". ", "\n", "-", ": ", " (", ") ", "/"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=14))
def test_quick_test_never_skips_a_stretch(parts):
    text = "".join(w + sep for w, sep in parts)
    assert shouted_spans(text) == full_search(text)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="AB c.\n-7", max_size=40))
def test_quick_test_on_any_text(text):
    assert shouted_spans(text) == full_search(text)
