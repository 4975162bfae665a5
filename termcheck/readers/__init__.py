"""Readers turn a file into text blocks. One module per format, chosen by suffix.

Each reader module exposes ``read(path: Path) -> Iterator[Block]`` and raises
:class:`termcheck.errors.ReadError` with a one-line reason for input it cannot read.
Modules are imported only when a file of their kind is read, so a Markdown-only scan
never loads the Word or PDF parsers.

Before any reader runs, the registry refuses what no reader should see: a missing file,
a folder, a symbolic link loop, an empty file, a text-like file (.txt, .md, .html) over
:data:`MAX_TEXT_BYTES`, and a legacy binary Office file (.doc, .xls, .ppt) named on the
command line (with the LibreOffice command that converts it). Zip and XML limits live
in :mod:`termcheck.readers.package`. A scan never reads a large plain-text or Markdown
file whole: :mod:`termcheck.sections` streams it, so the limit here only holds for HTML
and for the commands that need a file's blocks at once (``fix``, ``glossary suggest``).
"""
from __future__ import annotations

import errno
import importlib
import os
import stat
from contextlib import contextmanager
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
    ".html": "termcheck.readers.html",
    ".htm": "termcheck.readers.html",
    ".odt": "termcheck.readers.odt",
    ".xlsx": "termcheck.readers.xlsx",
    ".xlsm": "termcheck.readers.xlsx",
    ".pptx": "termcheck.readers.pptx",
    ".rtf": "termcheck.readers.rtf",
}

# read whole into memory, so capped: 16 MiB is some 2.5 million words; a scan needs up to
# some 55 MiB of memory per MiB of text dense with findings (benchmarks/bench_hostile.py).
# A scan reads .txt and .md files over termcheck.sections.STREAM_ABOVE in sections instead.
MAX_TEXT_BYTES = 16 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".rtf"})

# legacy binary formats: never walked into, but named on the command line they get a
# message saying what to do
LEGACY = {".doc": "docx", ".xls": "xlsx", ".ppt": "pptx", ".dot": "docx", ".xlt": "xlsx", ".pot": "pptx"}


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_blocks(path: Path) -> list[Block]:
    """All blocks of ``path`` in document order, or :class:`ReadError`."""
    try:
        st = os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise ReadError("symbolic link loop") from None
        if err.errno == errno.ENOENT:
            raise ReadError("broken symbolic link" if os.path.islink(path) else "no such file") from None
        raise ReadError(f"cannot read: {err.strerror or err}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("is a folder, not a document")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("not a regular file (a device, pipe or socket)")
    suffix = path.suffix.lower()
    if suffix in LEGACY and suffix not in READERS:
        from .package import is_ole, ole_message

        try:
            ole = st.st_size > 0 and is_ole(path)
        except OSError as err:
            raise ReadError(f"cannot read: {err.strerror or err}") from None
        if ole:
            raise ReadError(ole_message(path))
        raise ReadError(f"a legacy binary Office file ({suffix}): termcheck cannot read it; convert "
                        f"it, e.g. soffice --headless --convert-to {LEGACY[suffix]} FILE")
    if suffix not in READERS:
        known = ", ".join(sorted(READERS))
        raise ReadError(f"unsupported file type {suffix or '(no suffix)'!r}; termcheck reads {known}")
    if st.st_size == 0:
        raise ReadError("empty file")
    if suffix in TEXT_SUFFIXES and st.st_size > MAX_TEXT_BYTES:
        raise ReadError(f"too large to scan ({st.st_size / 2**20:,.0f} MiB; the limit for text "
                        f"files is {MAX_TEXT_BYTES // 2**20} MiB): split it")
    module = importlib.import_module(READERS[suffix])
    with read_errors():
        return list(module.read(path))


@contextmanager
def read_errors():
    """Turn what reading a file may raise into a one-line :class:`ReadError`."""
    try:
        yield
    except ReadError as err:
        text = str(err)
        if "\n" in text or "\r" in text:  # a parser's message quoted in ours: keep it one line
            raise ReadError(" ".join(text.split())) from None
        raise
    except PermissionError:
        raise ReadError("permission denied") from None
    except UnicodeDecodeError as err:
        raise ReadError(f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror or err}") from None
    except RecursionError:
        raise ReadError("refused: the document is nested too deeply") from None
    except MemoryError:
        raise ReadError("refused: the document needs more memory than is available") from None


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
