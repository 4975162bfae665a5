"""``scan --jobs N``, ``--no-cache`` and ``--cache-dir``: the options that make a scan
faster without changing what it finds (see :mod:`termcheck.scancache` and
:func:`termcheck.engine.scan`)."""
from __future__ import annotations

import argparse
import os


def available_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def add_scan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N",
                        help="check files in N worker processes (default: the CPUs available)")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither reuse nor store results of unchanged files")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help="where results of unchanged files are kept (default: "
                             "$XDG_CACHE_HOME/termcheck, else ~/.cache/termcheck)")


def scan_options(args) -> dict:
    """Keyword arguments for :func:`termcheck.engine.scan` from the parsed options."""
    from .scancache import ScanCache

    return {"jobs": args.jobs or available_cpus(),
            "cache": None if args.no_cache else ScanCache(args.cache_dir)}
