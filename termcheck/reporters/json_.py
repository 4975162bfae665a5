"""``--format json``: the machine format of the findings spec (plus a ``documents`` list
saying which vocabulary each document was checked against, and why)."""
from __future__ import annotations

import json

from . import payload


def render(result, *, color: bool = False, **_) -> str:
    """One top-level key per line and one list item (a finding, an error, a document) per
    line: readable, and encoded by the C encoder (``indent=`` would use the pure-Python
    one, several times slower and far more memory on a large scan)."""
    return "".join(stream(payload(result))) + "\n"


def stream(data: dict):
    """The JSON text of ``data`` in pieces, as :func:`render` lays it out."""
    dump = json.JSONEncoder(ensure_ascii=False).encode
    yield "{"
    for n, (key, value) in enumerate(data.items()):
        yield ("," if n else "") + "\n  " + dump(key) + ": "
        if isinstance(value, list) and value:
            yield "[" + ",".join("\n    " + dump(item) for item in value) + "\n  ]"
        else:
            yield dump(value)
    yield "\n}"
