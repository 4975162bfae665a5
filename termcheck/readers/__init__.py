"""Readers turn a file into text blocks. One module per format, chosen by suffix.

Each reader module exposes ``read(path: Path) -> Iterator[Block]`` and raises
:class:`termcheck.errors.ReadError` with a one-line reason for input it cannot read.
Modules are imported only when a file of their kind is read, so a Markdown-only scan
never loads the Word or PDF parsers.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Iterator

from ..errors import ReadError
from ..model import Block

READERS: dict[str, str] = {
    ".txt": "termcheck.readers.text",
    ".text": "termcheck.readers.text",
    ".md": "termcheck.readers.markdown",
    ".markdown": "termcheck.readers.markdown",
    ".docx": "termcheck.readers.docx",
    ".pdf": "termcheck.readers.pdf",
}


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_blocks(path: Path) -> list[Block]:
    """All blocks of ``path`` in document order, or :class:`ReadError`."""
    if not path.exists():
        raise ReadError("no such file")
    if path.is_dir():
        raise ReadError("is a folder, not a document")
    suffix = path.suffix.lower()
    if suffix not in READERS:
        known = ", ".join(sorted(READERS))
        raise ReadError(f"unsupported file type {suffix or '(no suffix)'!r}; termcheck reads {known}")
    try:
        if path.stat().st_size == 0:
            raise ReadError("empty file")
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror}") from None
    module = importlib.import_module(READERS[suffix])
    try:
        return list(module.read(path))
    except ReadError:
        raise
    except PermissionError:
        raise ReadError("permission denied") from None
    except UnicodeDecodeError as err:
        raise ReadError(f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror or err}") from None


def blocks_from_text(text: str, suffix: str) -> list[Block]:
    """The blocks of a text document held in memory (an editor's unsaved buffer, say),
    read as a file with ``suffix`` would be; :class:`ReadError` for a suffix whose
    format is not text (``.docx``, ``.pdf``) or unknown."""
    suffix = suffix.lower()
    module = importlib.import_module(READERS[suffix]) if suffix in READERS else None
    if module is None or not hasattr(module, "from_string"):
        known = ", ".join(s for s, m in READERS.items() if m.endswith((".text", ".markdown")))
        raise ReadError(f"cannot read {suffix or '(no suffix)'!r} from text; text formats: {known}")
    return module.from_string(text)


def iter_blocks(path: Path) -> Iterator[Block]:
    yield from read_blocks(path)
