"""``--format concise``: one line per finding, in the shape grep, compilers and editors'
quickfix lists use::

    PATH:LINE:COL: SEVERITY RULE: MESSAGE [SUGGESTION]

Word and PDF findings have no line and column of a text file: their place stands where
the line would (``plan.docx:body ¶12:``, ``brief.pdf:p. 2, line 7:``). Several
suggestions are joined with `` | ``. Unreadable files are ``PATH: error: MESSAGE``
lines. Nothing else is printed: a clean scan prints nothing.
"""
from __future__ import annotations

from ..model import Location


def place(f) -> str:
    loc = f.location
    if loc.part is None and loc.page is None and loc.line is not None:
        return f"{f.path}:{loc.line}:{loc.column or 1}"
    where = Location.describe(loc)
    return f"{f.path}:{where}" if where else f.path


def line(f) -> str:
    message = f.message or f"'{f.found}'"
    s = f.suggestion
    fixes = [s] if isinstance(s, str) else list(s or ())
    tail = f" [{' | '.join(fixes)}]" if fixes else ""
    return f"{place(f)}: {f.severity.value} {f.rule}: {message}{tail}"


def render(result, *, color: bool = False, **_) -> str:
    lines = [line(f) for f in result.findings]
    lines += [f"{e.path}: error: {e.message}" for e in result.errors]
    return "".join(x + "\n" for x in lines)
