"""The ``termcheck`` command line: parse arguments, call the engine, hand the result to
a reporter, choose the exit code. No checking logic lives here."""
from __future__ import annotations

import argparse
import sys
from enum import IntEnum
from pathlib import Path

from . import __version__
from .errors import GlossaryError, TermcheckError


class ExitCode(IntEnum):
    OK = 0  # no finding at or above --fail-on
    FINDINGS = 1  # at least one finding at or above --fail-on
    USAGE = 2  # usage, configuration or glossary error: nothing was scanned
    UNREADABLE = 3  # some inputs could not be read; the rest were scanned and reported


FAIL_ON = ("error", "warning", "info", "never")


def bundled_glossary() -> Path:
    return Path(__file__).resolve().parent / "data" / "mhhs.yaml"


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with one line, as the spec says
        self.print_usage(sys.stderr)
        self.exit(ExitCode.USAGE, f"termcheck: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from .reporters import FORMATS
    from .rules import RULE_IDS

    parser = _Parser(prog="termcheck", description="Terminology mapping and consistency checker.")
    parser.add_argument("--version", action="version", version=f"termcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    glossary_opts = _Parser(add_help=False)
    glossary_opts.add_argument("--glossary", "-g", action="append", metavar="FILE",
                               help="glossary file (repeatable; default: the bundled MHHS glossary)")

    scan = sub.add_parser("scan", parents=[glossary_opts], help="check documents and report findings")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders (.docx .md .txt .pdf)")
    scan.add_argument("--vocabulary", "-V", metavar="NAME", help="the documents' vocabulary (default: detected)")
    scan.add_argument("--format", "-f", default="terminal", choices=sorted(FORMATS))
    scan.add_argument("--output", "-o", metavar="FILE", help="write the report here (atomically)")
    scan.add_argument("--fail-on", default="error", choices=FAIL_ON,
                      help="exit 1 when a finding is at or above this severity (default: error)")
    scan.add_argument("--select", metavar="RULES", help=f"comma-separated rules to run ({', '.join(RULE_IDS)})")
    scan.add_argument("--ignore", metavar="RULES", help="comma-separated rules not to run")
    scan.add_argument("--no-fuzzy", action="store_true", help="skip the near-miss stage")
    scan.add_argument("--no-unknown", action="store_true", help="skip the unknown-term stage")
    scan.add_argument("--exempt-acronym", action="append", default=[], metavar="ACR",
                      help="an acronym that needs no definition (repeatable; adds to UK, EU, PDF, ...)")
    scan.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    scan.set_defaults(func=cmd_scan)

    gl = sub.add_parser("glossary", parents=[glossary_opts], help="validate glossaries and run their examples")
    gl.add_argument("files", nargs="*", metavar="FILE", help="glossary files (default: --glossary or bundled)")
    gl.set_defaults(func=cmd_glossary)

    rules = sub.add_parser("rules", help="list the rules and their default severities")
    rules.set_defaults(func=cmd_rules)
    return parser


def _rule_list(text: str | None, option: str) -> set[str] | None:
    from .rules import RULE_IDS

    if text is None:
        return None
    rules = {r.strip() for r in text.split(",") if r.strip()}
    unknown = rules - set(RULE_IDS)
    if unknown:
        raise TermcheckError(f"{option}: unknown rule {', '.join(sorted(unknown))} (rules: {', '.join(RULE_IDS)})")
    return rules


def _load_glossary(files: list[str] | None):
    from .glossary import load_glossaries

    return load_glossaries(files or [bundled_glossary()])


def cmd_scan(args) -> int:
    from .engine import scan
    from .fileio import atomic_write
    from .reporters import render
    from .rules import COMMON_ACRONYMS, RULE_IDS, Settings

    glossary = _load_glossary(args.glossary)
    if args.vocabulary and args.vocabulary not in glossary.vocabularies:
        raise TermcheckError(f"--vocabulary: {args.vocabulary!r} is not a vocabulary of the glossary "
                             f"({', '.join(glossary.vocabularies)})")
    enabled = _rule_list(args.select, "--select") or set(RULE_IDS)
    enabled -= _rule_list(args.ignore, "--ignore") or set()
    settings = Settings(enabled=frozenset(enabled), fuzzy=not args.no_fuzzy, unknown=not args.no_unknown,
                        exempt_acronyms=COMMON_ACRONYMS | frozenset(args.exempt_acronym))
    result = scan(args.paths, glossary, settings, vocabulary=args.vocabulary)
    color = args.color == "always" or (args.color == "auto" and args.output is None and sys.stdout.isatty())
    text = render(args.format, result, color=color)
    if args.output:
        atomic_write(args.output, text)
    else:
        sys.stdout.write(text)
    for err in result.errors:
        print(f"termcheck: {err.path}: {err.message}", file=sys.stderr)
    if result.errors:
        return ExitCode.UNREADABLE
    if args.fail_on != "never":
        bar = FAIL_ON.index(args.fail_on)
        if any(FAIL_ON.index(f.severity.value) <= bar for f in result.findings):
            return ExitCode.FINDINGS
    return ExitCode.OK


def cmd_glossary(args) -> int:
    from .glossary.lint import run_examples

    files = args.files or args.glossary or [str(bundled_glossary())]
    glossary = _load_glossary(files)
    failures = run_examples(glossary)
    for line in failures:
        print(line)
    n = len(glossary.concepts)
    if failures:
        print(f"{len(failures)} example(s) failed in {', '.join(files)}")
        return ExitCode.FINDINGS
    print(f"ok: {n} concepts, {len(glossary.vocabularies)} vocabularies in {', '.join(map(str, files))}")
    return ExitCode.OK


def cmd_rules(args) -> int:
    from .rules import DEFAULT_SEVERITY, RULE_IDS

    for rule in RULE_IDS:
        print(f"{rule:22} {DEFAULT_SEVERITY[rule].value}")
    return ExitCode.OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except GlossaryError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return ExitCode.USAGE
    except TermcheckError as err:
        print(f"termcheck: {err}", file=sys.stderr)
        return ExitCode.USAGE
    except BrokenPipeError:
        return ExitCode.OK
    except OSError as err:
        print(f"termcheck: {getattr(err, 'filename', '') or ''}: {err.strerror or err}", file=sys.stderr)
        return ExitCode.USAGE
