"""Reading settings files with one-line errors, and writing files without ever leaving a
half-written one behind."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable


def read_text(path: Path, what: str, label: str | None = None, hint: str = "") -> str:
    """The UTF-8 text of a glossary, configuration or baseline file, or a
    :class:`~termcheck.errors.ConfigError` saying ``LABEL: no such WHAT file`` or
    ``LABEL: cannot read WHAT: reason``."""
    from .errors import ConfigError

    label = label or str(path)
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{label}: no such {what} file{hint}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{label}: cannot read {what}: {err}") from None


def _write_to(fh, data: str | bytes | Iterable[str]) -> None:
    if isinstance(data, (str, bytes)):
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    else:
        for piece in data:
            fh.write(piece.encode("utf-8"))


def atomic_write(path: str | Path, data: str | bytes | Iterable[str]) -> None:
    """Write ``data`` (or its pieces) to a temporary file beside ``path`` and rename it
    into place.

    A ``path`` that is not a regular file (``/dev/null``, a named pipe, ``/dev/stdout``)
    or is a symbolic link is written straight through instead: renaming over it would
    replace the device or the link itself with a plain file."""
    path = Path(path)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        with open(path, "wb") as fh:
            _write_to(fh, data)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            _write_to(fh, data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
