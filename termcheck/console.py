"""What the command line shares with every command and knows of terminals: colour
choice (``--color``, ``NO_COLOR``, ``FORCE_COLOR``), the help epilog with examples and
exit codes, warnings on stderr, and the statistics table of ``--statistics``."""
from __future__ import annotations

import os
import sys
from collections import Counter

INTERRUPTED = 130  # 128 + SIGINT, as shells report a command ended by Ctrl-C

COLOR_HELP = ("colour the terminal report: auto (default) colours a terminal, honouring NO_COLOR "
              "and FORCE_COLOR (no-color.org); always; never")

EPILOG = """\
examples:
  termcheck scan docs/                          scan a folder (vocabulary detected per document)
  termcheck scan 'docs/**/*.md' -V strategy     a quoted glob, vocabulary given
  termcheck scan - --stdin-filename notes.md < notes.md
  termcheck scan docs/ -q -f concise            one line per finding, nothing else
  termcheck scan docs/ --changed origin/main    only files changed on this branch
  termcheck rules                               the rules and what each reports

exit codes:
  0    no finding at or above --fail-on
  1    at least one finding at or above --fail-on (default: error)
  2    usage, configuration or glossary error: nothing was scanned
  3    some inputs could not be read; the rest were scanned and reported
  130  interrupted (Ctrl-C); no partial report is written
"""


def use_color(choice: str, to_file: bool, stream=None, environ=None) -> bool:
    """``always``/``never`` win; ``auto`` is off for a file and with ``NO_COLOR`` set,
    on with ``FORCE_COLOR`` set (not ``0``), else on only for a terminal."""
    if choice != "auto":
        return choice == "always"
    if to_file:
        return False
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    force = env.get("FORCE_COLOR")
    if force and force.lower() not in ("0", "false", "no"):
        return True
    stream = sys.stdout if stream is None else stream
    return bool(getattr(stream, "isatty", lambda: False)())


def warn(message: str) -> None:
    print(f"termcheck: warning: {message}", file=sys.stderr)


def statistics(result) -> str:
    """One line per rule with findings, the most frequent first: count, severity, rule."""
    counts = Counter(f.rule for f in result.findings)
    severity = {f.rule: f.severity.value for f in result.findings}
    lines = [f"{n:6}  {severity[rule]:7}  {rule}" for rule, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
    total = sum(counts.values())
    lines.append(f"{total:6}  findings in {len(result.documents)} file(s)"
                 + (f", {len(result.errors)} unreadable" if result.errors else ""))
    return "\n".join(lines) + "\n"
