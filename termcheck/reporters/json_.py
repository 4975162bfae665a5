"""``--format json``: the machine format of the findings spec (plus a ``documents`` list
saying which vocabulary each document was checked against, and why)."""
from __future__ import annotations

from collections.abc import Iterator

from ..jsonenc import encoder
from . import payload


def render(result, *, color: bool = False, **_) -> str:
    """One top-level key per line and one list item (a finding, an error, a document) per
    line: readable, and encoded by the C encoder (``indent=`` would use the pure-Python
    one, several times slower and far more memory on a large scan)."""
    return "".join(chunks(result))


def chunks(result) -> Iterator[str]:
    """:func:`render`'s text in pieces, each finding encoded as it is reached, so that a
    large scan's report is never held whole (the command line writes them as they come)."""
    dump = encoder()
    yield "{"
    for n, (key, value) in enumerate(payload(result, lazy=True).items()):
        yield ("," if n else "") + "\n  " + dump(key) + ": "
        if isinstance(value, (list, Iterator)):
            empty = True
            for item in value:
                yield ("[" if empty else ",") + "\n    " + dump(item)
                empty = False
            yield "[]" if empty else "\n  ]"
        else:
            yield dump(value)
    yield "\n}\n"
