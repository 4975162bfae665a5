"""Reporters turn a :class:`~termcheck.engine.ScanResult` into text, one module per format.

Each module has ``render(result, *, color: bool = False) -> str`` and builds its output
from ``Finding.to_dict()`` (via :func:`payload`), so every format says the same thing.
"""
from __future__ import annotations

import importlib

from .. import __version__

FORMATS: dict[str, str] = {
    "terminal": "termcheck.reporters.terminal",
    "json": "termcheck.reporters.json_",
}


def payload(result) -> dict:
    """The one serialisation of a scan that every format is built from."""
    return {
        "termcheck": __version__,
        "findings": [f.to_dict() for f in result.findings],
        "errors": [e.to_dict() for e in result.errors],
        "summary": result.summary(),
        "documents": [d.to_dict() for d in result.documents],
    }


def render(fmt: str, result, *, color: bool = False) -> str:
    module = importlib.import_module(FORMATS[fmt])
    return module.render(result, color=color)
