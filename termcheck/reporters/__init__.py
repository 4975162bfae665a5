"""Reporters turn a :class:`~termcheck.engine.ScanResult` into text, one module per format.

Each module has ``render(result, *, color: bool = False, **options) -> str`` and builds its output
from ``Finding.to_dict()`` (via :func:`payload`), so every format says the same thing.
"""
from __future__ import annotations

import importlib

from .. import __version__

FORMATS: dict[str, str] = {
    "terminal": "termcheck.reporters.terminal",
    "concise": "termcheck.reporters.concise",
    "json": "termcheck.reporters.json_",
    "html": "termcheck.reporters.html",
    "sarif": "termcheck.reporters.sarif",
    "junit": "termcheck.reporters.junit",
    "github": "termcheck.reporters.github",
    "markdown": "termcheck.reporters.markdown",
}


def payload(result, lazy: bool = False) -> dict:
    """The one serialisation of a scan that every format is built from. ``lazy`` makes
    ``findings`` an iterator, each finding's dict made as it is reached."""
    findings = (f.to_dict() for f in result.findings)
    return {
        "termcheck": __version__,
        "findings": findings if lazy else list(findings),
        "errors": [e.to_dict() for e in result.errors],
        "summary": result.summary(),
        "documents": [d.to_dict() for d in result.documents],
        "nlp": result.nlp,
    }


def render(fmt: str, result, *, color: bool = False, **options) -> str:
    """Render ``result`` in ``fmt``. ``options`` (e.g. ``usage=`` for the HTML matrix) are
    passed on; a format ignores those it does not use."""
    return importlib.import_module(FORMATS[fmt]).render(result, color=color, **options)
