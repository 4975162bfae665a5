"""Pausing Python's cycle collector while many long-lived objects are made at once.

Loading and compiling a large glossary makes close to a million objects (YAML nodes,
records, index entries), none of them in a reference cycle that needs collecting. Each
allocation counts towards the next collection, and every collection of the oldest
generation walks everything built so far: for a 10,000-concept glossary the collector
took more time than the work itself. Checking a document is the same: one small object
per token and per match, and collecting while they are made cost a tenth of a scan.
Reference counting still frees what is dropped.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    """The cycle collector off inside the block (and back on after, if it was on)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
