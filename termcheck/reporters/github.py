"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=PATH,line=L,col=C,title=termcheck RULE::MESSAGE`` (``warning`` and
``notice`` for the other severities; ``info`` becomes ``notice``). Word and PDF findings
without a line are annotated on the file, their place named in the message. Unreadable
files are ``::error`` annotations on the file. A last plain line sums up.
Values are escaped as the runner expects (``%``, CR, LF; and ``:`` ``,`` in properties).
"""
from __future__ import annotations

from ..model import Location
from . import payload

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, props: dict, message: str) -> str:
    inner = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level} {inner}::{escape_data(message)}"


def render(result, *, color: bool = False, **_) -> str:
    data = payload(result)
    lines = []
    for f in data["findings"]:
        loc = f["location"]
        message = f["message"] or f"'{f['found']}'"
        s = f["suggestion"]
        fixes = [s] if isinstance(s, str) else list(s or ())
        if fixes and not all(fix in message for fix in fixes):
            message += f" (suggestion: {' or '.join(fixes)})"
        if "line" not in loc and loc:
            message += f" [{Location(**loc).describe()}]"
        props = {"file": f["path"], "line": loc.get("line"), "col": loc.get("column"),
                 "title": f"termcheck {f['rule']}"}
        lines.append(_command(LEVEL[f["severity"]], props, message))
    for e in data["errors"]:
        lines.append(_command("error", {"file": e["path"], "title": "termcheck: cannot read"}, e["message"]))
    summary = data["summary"]
    lines.append(f"termcheck: {summary['findings']} finding(s) in {summary['files']} file(s)"
                 + (f", {len(data['errors'])} unreadable" if data["errors"] else ""))
    return "\n".join(lines) + "\n"
