"""``--format markdown``: a summary to post as a pull-request comment.

A heading with the totals, a table of findings by rule, then one collapsible section
per document with findings (place, severity, rule, found text, suggestion), and the
files that could not be read. Long reports are cut after ``MAX_ROWS`` finding rows
(GitHub comments hold at most 65,536 characters), saying how many were left out.
"""
from __future__ import annotations

import html
import re

from ..model import Location
from . import payload

MAX_ROWS = 200
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def cell(text: str) -> str:
    """Text safe inside a GitHub-flavoured Markdown table cell."""
    text = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", text).replace("&", "&amp;") if text else ""


def _suggestion(value) -> str:
    if not value:
        return ""
    return cell(value if isinstance(value, str) else " / ".join(value))


def render(result, *, color: bool = False, **_) -> str:
    data = payload(result)
    summary = data["summary"]
    n, files = summary["findings"], summary["files"]
    by_path: dict[str, list[dict]] = {}
    for f in data["findings"]:
        by_path.setdefault(f["path"], []).append(f)
    out = []
    if n:
        out.append(f"## termcheck: {n} finding{'s' if n != 1 else ''} in {len(by_path)} of {files} "
                   f"document{'s' if files != 1 else ''}")
    else:
        out.append(f"## termcheck: no findings in {files} document{'s' if files != 1 else ''}")
    out.append("")
    if n:
        severity_of = {f["rule"]: f["severity"] for f in data["findings"]}
        out += ["| rule | severity | findings |", "| --- | --- | --: |"]
        for rule, count in summary["by_rule"].items():
            out.append(f"| `{rule}` | {severity_of.get(rule, '')} | {count} |")
        out.append("")
    rows = 0
    left_out = 0
    docs = {d["path"]: d for d in data["documents"]}
    for path, findings in by_path.items():
        if rows >= MAX_ROWS:
            left_out += len(findings)
            continue
        vocab = docs.get(path, {}).get("vocabulary")
        out.append(f"<details><summary><code>{html.escape(path)}</code>: {len(findings)} finding"
                   f"{'s' if len(findings) != 1 else ''}"
                   f"{f' (vocabulary: {vocab})' if vocab else ''}</summary>")
        out.append("")
        out += ["| where | severity | rule | found | suggestion |", "| --- | --- | --- | --- | --- |"]
        for f in findings:
            if rows >= MAX_ROWS:
                left_out += 1
                continue
            rows += 1
            where = Location(**f["location"]).describe() or "-"
            out.append(f"| {cell(where)} | {f['severity']} | `{f['rule']}` | {cell(f['found'])} | "
                       f"{_suggestion(f['suggestion'])} |")
        out += ["", "</details>", ""]
    if left_out:
        out += [f"… and {left_out} more finding{'s' if left_out != 1 else ''} not shown here; "
                "see the full report.", ""]
    if data["errors"]:
        out += ["**Could not read:**", ""]
        out += [f"- <code>{html.escape(e['path'])}</code>: {cell(e['message'])}" for e in data["errors"]]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
