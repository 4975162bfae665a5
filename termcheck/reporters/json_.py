"""``--format json``: the machine format of the findings spec (plus a ``documents`` list
saying which vocabulary each document was checked against, and why)."""
from __future__ import annotations

import json

from . import payload


def render(result, *, color: bool = False, **_) -> str:
    return json.dumps(payload(result), indent=2, ensure_ascii=False) + "\n"
