"""``--format junit``: JUnit XML for CI test reports (Jenkins, GitLab, Azure DevOps ...).

One ``<testsuite name="termcheck">`` with one ``<testcase>`` per document: it passes
when the document has no finding, and otherwise holds one ``<failure>`` per finding
(``type`` is the severity, ``message`` the rule and message; the text gives the place,
the found text, the suggestion and the sentence), as ESLint's JUnit report does. A file
that could not be read is a test case with an ``<error>``. The output follows the
widely used ``junit-10.xsd`` schema (the Jenkins xUnit plugin's, which pytest follows).
"""
from __future__ import annotations

from xml.etree import ElementTree as ET

from ..model import Location
from . import payload


def _failure_text(f: dict) -> str:
    place = Location(**f["location"]).describe()
    lines = [f"{f['path']}{': ' + place if place else ''}", f"found: {f['found']}"]
    if f["suggestion"]:
        s = f["suggestion"]
        lines.append(f"suggestion: {s if isinstance(s, str) else ' | '.join(s)}")
    if f["context"]:
        lines.append(f"context: {f['context']}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF
                   and ch not in "\ufffe\uffff")


def build(result) -> ET.Element:
    data = payload(result)
    by_path: dict[str, list[dict]] = {}
    for f in data["findings"]:
        by_path.setdefault(f["path"], []).append(f)
    cases = []
    failed = 0
    for doc in data["documents"]:
        case = ET.Element("testcase", name=_clean(doc["path"]), classname="termcheck", time="0")
        findings = by_path.get(doc["path"], [])
        if findings:
            failed += 1
        for f in findings:
            where = Location(**f["location"]).describe()
            fail = ET.SubElement(case, "failure", type=f["severity"],
                                 message=_clean(f"{f['rule']}: {f['message'] or f['found']}"
                                                f"{' [' + where + ']' if where else ''}"))
            fail.text = _clean(_failure_text(f))
        cases.append(case)
    for e in data["errors"]:
        case = ET.Element("testcase", name=_clean(e["path"]), classname="termcheck", time="0")
        err = ET.SubElement(case, "error", type="unreadable", message=_clean(e["message"]))
        err.text = _clean(f"{e['path']}: {e['message']}")
        cases.append(case)
    counts = {"tests": str(len(cases)), "failures": str(failed), "errors": str(len(data["errors"])),
              "skipped": "0", "time": "0"}
    root = ET.Element("testsuites", name="termcheck", time="0", tests=counts["tests"],
                      failures=counts["failures"], errors=counts["errors"])
    suite = ET.SubElement(root, "testsuite", name="termcheck", **counts)
    suite.extend(cases)
    return root


def render(result, *, color: bool = False, **_) -> str:
    root = build(result)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
