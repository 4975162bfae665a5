"""The reused C encoder writes exactly what json.JSONEncoder(ensure_ascii=False) writes."""
from __future__ import annotations

import json

from hypothesis import given, strategies as st

from termcheck.jsonenc import encoder

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@given(_JSON)
def test_same_text_as_the_standard_encoder(value):
    assert encoder()(value) == json.JSONEncoder(ensure_ascii=False).encode(value)
