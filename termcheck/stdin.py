"""``termcheck scan -``: the document comes on standard input.

The readers read files, so the bytes are kept in a private temporary folder under the
name ``--stdin-filename`` gives (its last part: the suffix picks the reader) and removed
after the scan. The document is reported under that name (default ``<stdin>``, read as
plain text), and the configuration's vocabulary globs and include/exclude apply to that
name as if the file were there.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

STDIN = "-"
DEFAULT_LABEL = "<stdin>"


class StdinDocument:
    """The document read from standard input; use as a context manager."""

    def __init__(self, name: str | None, stream=None):
        self.label = name or DEFAULT_LABEL
        self.name = Path(name) if name else None  # the path it stands for (globs, suffix)
        self._stream = stream if stream is not None else sys.stdin.buffer
        self._dir: str | None = None
        self.path: Path | None = None

    def __enter__(self) -> "StdinDocument":
        data = self._stream.read()
        self._dir = tempfile.mkdtemp(prefix="termcheck-stdin-")
        base = self.name.name if self.name is not None and self.name.name else "stdin.txt"
        self.path = Path(self._dir) / base
        self.path.write_bytes(data)
        return self

    def __exit__(self, *exc) -> None:
        if self._dir:
            shutil.rmtree(self._dir, ignore_errors=True)

    def stands_for(self, path: Path) -> Path:
        """``path`` itself, or the name given for standard input when ``path`` is its copy."""
        return self.name if self.name is not None and path == self.path else path
