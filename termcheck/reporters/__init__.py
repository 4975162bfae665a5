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
    "html": "termcheck.reporters.html",
    "sarif": "termcheck.reporters.sarif",
    "junit": "termcheck.reporters.junit",
    "github": "termcheck.reporters.github",
    "markdown": "termcheck.reporters.markdown",
}


def payload(result) -> dict:
    """The one serialisation of a scan that every format is built from."""
    return {
        "termcheck": __version__,
        "findings": [f.to_dict() for f in result.findings],
        "errors": [e.to_dict() for e in result.errors],
        "summary": result.summary(),
        "documents": [d.to_dict() for d in result.documents],
        "nlp": result.nlp,
    }


def render(fmt: str, result, *, color: bool = False, **kwargs) -> str:
    """``kwargs`` (e.g. ``usage=`` for html) go only to the formats that take them."""
    module = importlib.import_module(FORMATS[fmt])
    if kwargs:
        import inspect

        params = inspect.signature(module.render).parameters
        if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
            kwargs = {k: v for k, v in kwargs.items() if k in params}
    return module.render(result, color=color, **kwargs)
