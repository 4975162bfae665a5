"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` describes every rule (from the rule modules' own
descriptions) with its default level; each finding is a result with its rule, level
(``info`` becomes ``note``), message, location and a ``partialFingerprints`` entry (the
baseline fingerprint, so alerts stay matched while the document changes elsewhere).
Text formats give ``region.startLine``/``startColumn``; Word findings carry no region
(Word has no lines) and name their place (part, paragraph, heading) in a logical
location and in the message. The found text, suggestion, concept, vocabulary and
context are kept in each result's ``properties``. Unreadable files become
``toolExecutionNotifications`` and make ``executionSuccessful`` false.

Paths are relative URIs (``uriBaseId`` ``%SRCROOT%``), as given on the command line:
run termcheck from the repository root for GitHub to place the alerts.
"""
from __future__ import annotations

import importlib
import json
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from ..model import Location
from . import payload

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "termcheckFingerprint/v1"


@lru_cache(maxsize=None)
def rule_description(rule: str) -> str:
    """The first paragraph of the rule module's docstring, less its ``rule-id``: prefix."""
    module = importlib.import_module(f"termcheck.rules.{rule.replace('-', '_')}")
    first = " ".join((module.__doc__ or "").split("\n\n")[0].split())
    prefix = f"``{rule}``:"
    if first.startswith(prefix):
        first = first[len(prefix):].strip()
    first = first.replace("``", "'")
    return (first[:1].upper() + first[1:]) if first else rule


def artifact_uri(path: str) -> str:
    """A relative URI for a path as given on the command line."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.resolve().as_uri()
    return quote(Path(os.path.normpath(p)).as_posix(), safe="/")


def _rules():
    from ..rules import DEFAULT_SEVERITY, RULE_IDS

    return [{
        "id": rule,
        "name": "".join(part.capitalize() for part in rule.split("-")),
        "shortDescription": {"text": rule_description(rule).split(". ")[0].rstrip(".")},
        "fullDescription": {"text": rule_description(rule)},
        "defaultConfiguration": {"level": LEVEL[DEFAULT_SEVERITY[rule].value]},
        "properties": {"tags": ["terminology"]},
    } for rule in RULE_IDS]


def _message(f: dict) -> str:
    text = f["message"] or f"'{f['found']}' ({f['rule']})"
    suggestion = f["suggestion"]
    if suggestion and not f["message"]:
        text += f"; use {suggestion if isinstance(suggestion, str) else ' or '.join(suggestion)}"
    loc = f["location"]
    if "line" not in loc and loc:
        text += f" [{Location(**loc).describe()}]"
    return text


def _location(f: dict) -> dict:
    loc = f["location"]
    physical: dict = {"artifactLocation": {"uri": artifact_uri(f["path"]), "uriBaseId": "%SRCROOT%"}}
    if "line" in loc:
        region = {"startLine": loc["line"]}
        if "column" in loc:
            region["startColumn"] = loc["column"]
        physical["region"] = region
    out: dict = {"physicalLocation": physical}
    if "part" in loc or "sheet" in loc or "slide" in loc:
        name = Location(**{k: v for k, v in loc.items() if k != "heading"}).describe()
        logical = {"name": name, "kind": "element"}
        if loc.get("heading"):
            logical["fullyQualifiedName"] = f"{loc['heading']} / {name}"
        out["logicalLocations"] = [logical]
    return out


def build(result) -> dict:
    """The SARIF log as a dict."""
    from .. import __version__
    from ..baseline import fingerprints
    from ..rules import RULE_IDS

    data = payload(result)
    prints = [fp for doc in result.documents for fp in fingerprints(doc.findings, Path.cwd())]
    results = []
    for f, fp in zip(data["findings"], prints):
        item = {
            "ruleId": f["rule"],
            "ruleIndex": RULE_IDS.index(f["rule"]),
            "level": LEVEL[f["severity"]],
            "message": {"text": _message(f)},
            "locations": [_location(f)],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
            "properties": {k: f[k] for k in ("found", "suggestion", "concept", "vocabulary", "context")
                           if f[k] is not None},
        }
        results.append(item)
    notifications = [{
        "level": "error",
        "message": {"text": f"{e['path']}: {e['message']}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e["path"]),
                                                                 "uriBaseId": "%SRCROOT%"}}}],
    } for e in data["errors"]]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "termcheck", "version": __version__, "semanticVersion": __version__,
                                "rules": _rules()}},
            "invocations": [{"executionSuccessful": not data["errors"],
                             "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(result, *, color: bool = False, **_) -> str:
    return json.dumps(build(result), indent=2, ensure_ascii=False) + "\n"
