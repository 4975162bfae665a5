"""The commands besides ``scan``: appendix, diff, fix, config, rules and lsp. Each
takes the parsed arguments and returns an exit code; the parser, the shared set-up
(configuration, glossary) and ``scan`` are in :mod:`termcheck.cli`."""
from __future__ import annotations

import sys
from pathlib import Path

from . import cli
from .cli import ExitCode
from .console import use_color, warn
from .errors import TermcheckError


def _write_output(output: str | None, data: str | bytes) -> None:
    from .fileio import atomic_write

    if output:
        atomic_write(output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)


def cmd_appendix(args) -> int:
    from .appendix import build, check_pair
    from .reporters.appendix import render

    fmt = args.format or {".docx": "docx", ".csv": "csv", ".html": "html", ".htm": "html"}.get(
        Path(args.output).suffix.lower() if args.output else "", "md")
    if fmt == "docx" and not args.output and sys.stdout.isatty():
        raise TermcheckError("--format docx writes a Word file: give --output FILE")
    glossary = cli._load_glossary(args.glossary)
    check_pair(glossary, args.source, args.target)
    usage = None
    if args.with_usage:
        from .usage import collect

        usage = collect(args.with_usage, glossary)
    _write_output(args.output, render(fmt, build(glossary, args.source, args.target, usage)))
    for err in usage.errors if usage else ():
        print(f"termcheck: {err.path}: {err.message}", file=sys.stderr)
    return ExitCode.UNREADABLE if usage and usage.errors else ExitCode.OK


def cmd_diff(args) -> int:
    from .diff import diff
    from .reporters.diff import render

    glossary = cli._load_glossary(args.glossary)
    result = diff(args.a, args.b, glossary)
    color = use_color(args.color, args.output is not None)
    _write_output(args.output, render(args.format, result, color=color))
    for err in result.errors:
        print(f"termcheck: {err.path}: {err.message}", file=sys.stderr)
    return ExitCode.UNREADABLE if result.errors else ExitCode.OK


def cmd_fix(args) -> int:
    from .fix.command import run

    config = cli._resolve_config(args)
    glossary = cli._load_glossary(config.glossary_files())
    config.check_vocabularies(glossary.vocabularies)
    return run(args, config, glossary)


def cmd_config(args) -> int:
    from .config import display_path

    from .configcheck import unmatched_globs

    config = cli._resolve_config(args)
    for message in unmatched_globs(config):
        warn(message)
    if config.file is not None:
        how = "--config" if args.config else "found from the working directory"
        print(f"configuration: {display_path(config.file)} ({how})")
    else:
        print("configuration: none" + (" (--no-config)" if args.no_config else " found; defaults apply"))
    rows = config.describe()
    width = max(len(k) for k, _, _ in rows)
    vwidth = min(60, max(len(v) for _, v, _ in rows))
    for key, value, source in rows:
        print(f"{key:{width}}  {value:{vwidth}}  # {source}")
    return ExitCode.OK


def cmd_lsp(args) -> int:
    from .lsp import run

    return run(args)


def cmd_rules(args) -> int:
    import textwrap

    from .reporters.sarif import rule_description
    from .rules import DEFAULT_SEVERITY, RULE_IDS

    for rule in RULE_IDS:
        print(f"{rule}  ({DEFAULT_SEVERITY[rule].value})")
        print(textwrap.fill(rule_description(rule), width=88, initial_indent="    ", subsequent_indent="    "))
    return ExitCode.OK
