"""One JSON encoder made once and called per item.

``json.JSONEncoder.encode`` builds CPython's C encoder afresh on every call; a report
or a cache entry encodes one finding at a time (so that a large scan is never encoded
whole), and that set-up cost as much as the encoding. :func:`encoder` builds the C
encoder once, with the settings ``JSONEncoder(ensure_ascii=False)`` uses, and falls back
to ``JSONEncoder.encode`` where there is no C encoder.
"""
from __future__ import annotations

import json
import json.encoder
from typing import Any, Callable


def encoder() -> Callable[[Any], str]:
    plain = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - an interpreter without the C accelerator
        return plain.encode
    try:
        # no circular-reference check (markers None): findings and reports are plain trees
        one = make(None, plain.default, json.encoder.encode_basestring, None, plain.key_separator,
                   plain.item_separator, False, False, True)
    except TypeError:  # pragma: no cover - the C encoder's signature changed
        return plain.encode
    join = "".join

    def encode(value: Any) -> str:
        if isinstance(value, str):
            return json.encoder.encode_basestring(value)
        return join(one(value, 0))

    return encode
