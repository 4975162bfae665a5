"""The glossary shipped inside the package (``termcheck/data/mhhs.yaml``).

It is found with :mod:`importlib.resources`, so it works wherever the package is
installed; a package inside a zip archive gets a temporary copy for the run.
"""
from __future__ import annotations

import atexit
import contextlib
from importlib import resources
from pathlib import Path

_NAME = "mhhs.yaml"
_stack: contextlib.ExitStack | None = None


def bundled_glossary() -> Path:
    """A filesystem path of the bundled MHHS glossary."""
    global _stack
    resource = resources.files("termcheck").joinpath("data").joinpath(_NAME)
    if isinstance(resource, Path):
        return resource
    if _stack is None:  # a zipped install: extract once, remove at exit
        _stack = contextlib.ExitStack()
        atexit.register(_stack.close)
    return Path(_stack.enter_context(resources.as_file(resource)))
