"""The ``termcheck`` command line: parse arguments, call the engine, hand the result to
a reporter, choose the exit code. No checking logic lives here. ``scan`` and the shared
set-up are here; the other commands are in :mod:`termcheck.commands`."""
from __future__ import annotations

import argparse
import sys
from enum import IntEnum
from pathlib import Path

from . import __version__
from .console import COLOR_HELP, EPILOG, INTERRUPTED, use_color, warn
from .errors import GlossaryError, TermcheckError
from .glossary.bundled import bundled_glossary


class ExitCode(IntEnum):
    OK = 0  # no finding at or above --fail-on
    FINDINGS = 1  # at least one finding at or above --fail-on
    USAGE = 2  # usage, configuration or glossary error: nothing was scanned
    UNREADABLE = 3  # some inputs could not be read; the rest were scanned and reported


FAIL_ON = ("error", "warning", "info", "never")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with one line, as the spec says
        self.print_usage(sys.stderr)
        self.exit(ExitCode.USAGE, f"termcheck: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from . import commands
    from .reporters import FORMATS
    from .rules import RULE_IDS

    parser = _Parser(prog="termcheck", description="Terminology mapping and consistency checker.",
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"termcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    glossary_opts = _Parser(add_help=False)
    glossary_opts.add_argument("--glossary", "-g", action="append", metavar="FILE",
                               help="glossary file (repeatable; default: the bundled MHHS glossary)")

    # what a configuration file can also set: the command line wins over the file
    settings_opts = _Parser(add_help=False)
    settings_opts.add_argument("--config", "-c", metavar="FILE",
                               help="configuration file (default: termcheck.yaml, .termcheck.yaml or "
                                    "[tool.termcheck] in pyproject.toml, looked for from here up to the "
                                    "repository root)")
    settings_opts.add_argument("--no-config", action="store_true", help="use no configuration file")
    settings_opts.add_argument("--vocabulary", "-V", metavar="NAME",
                               help="the documents' vocabulary (default: configured per path, else detected)")
    settings_opts.add_argument("--default-vocabulary", metavar="NAME",
                               help="the vocabulary of a document that uses two vocabularies' terms equally "
                                    "(default: none; such a document gets one mixed-vocabulary finding)")
    settings_opts.add_argument("--fail-on", default=None, choices=FAIL_ON,
                               help="exit 1 when a finding is at or above this severity (default: error)")
    settings_opts.add_argument("--select", metavar="RULES",
                               help=f"comma-separated rules to run ({', '.join(RULE_IDS)})")
    settings_opts.add_argument("--ignore", metavar="RULES", help="comma-separated rules not to run")
    settings_opts.add_argument("--no-fuzzy", action="store_true", help="skip the near-miss stage")
    settings_opts.add_argument("--fuzzy-threshold", type=int, metavar="N", choices=range(0, 101),
                               help="least similarity (0-100) of a near-miss to its term (default: 80)")
    settings_opts.add_argument("--no-unknown", action="store_true", help="skip the unknown-term stage")
    settings_opts.add_argument("--exempt-acronym", action="append", default=[], metavar="ACR",
                               help="an acronym that needs no definition (repeatable; adds to UK, EU, PDF, ...)")
    settings_opts.add_argument("--nlp-model", metavar="NAME",
                               help="an installed statistical spaCy pipeline (name or folder) whose part-of-"
                                    "speech tags trim unknown-term phrases (default: none, rule-based)")
    settings_opts.add_argument("--no-gitignore", action="store_true",
                               help="walk folders without honouring .gitignore files")

    scan = sub.add_parser("scan", parents=[glossary_opts, settings_opts], help="check documents and report findings",
                          description="Check documents against the glossaries and report findings.",
                          epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    scan.add_argument("paths", nargs="*", metavar="PATH",
                      help="documents (.docx .odt .xlsx .pptx .md .html .txt .pdf), folders or quoted globs "
                           "('docs/**/*.md'); '-' reads standard input; "
                           "with --changed, default '.'")
    scan.add_argument("--format", "-f", default="terminal", choices=sorted(FORMATS),
                      help="report format (default: terminal; concise: one 'path:line:col: severity rule: "
                           "message' line per finding)")
    scan.add_argument("--output", "-o", metavar="FILE",
                      help="write the report here, atomically (never a partial file)")
    scan.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=COLOR_HELP)
    scan.add_argument("--quiet", "-q", action="store_true",
                      help="print only findings: nothing for clean files, no summary table or notes")
    scan.add_argument("--statistics", action="store_true",
                      help="print the number of findings per rule instead of the findings "
                           "(the report still goes to --output)")
    scan.add_argument("--stdin-filename", metavar="NAME",
                      help="with PATH '-': the name of the document on standard input (its suffix picks the "
                           "reader; configuration globs and reports use it)")
    scan.add_argument("--changed", nargs="?", const="", default=None, metavar="REV",
                      help="scan only files changed since the merge base of HEAD and REV, as 'git diff "
                           "REV...' (default REV: the default branch), plus untracked files; put it after "
                           "the paths, or write --changed=REV")
    scan.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline")
    scan.add_argument("--write-baseline", metavar="FILE",
                      help="record every finding in this baseline file (no report; exit 0 unless unreadable)")
    scan.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    from .scanopts import add_scan_options

    add_scan_options(scan)
    scan.set_defaults(func=cmd_scan)

    cf = sub.add_parser("config", parents=[glossary_opts, settings_opts],
                        help="show the effective configuration and where each value comes from")
    cf.set_defaults(func=commands.cmd_config)

    from .glossary_cmd import register as register_glossary

    register_glossary(sub, glossary_opts, _Parser)  # glossary lint|suggest|add|deprecate|map|export|import

    rules = sub.add_parser("rules", help="list the rules, their default severities and what each reports")
    rules.set_defaults(func=commands.cmd_rules)

    ap = sub.add_parser("appendix", parents=[glossary_opts],
                        help="write the terminology mapping appendix of the glossaries")
    ap.add_argument("--from", dest="source", metavar="VOCAB", help="the vocabulary to map from (with --to)")
    ap.add_argument("--to", dest="target", metavar="VOCAB", help="the vocabulary to map to (with --from)")
    ap.add_argument("--format", "-f", choices=("md", "docx", "csv", "html"),
                    help="output format (default: from the --output suffix, else md)")
    ap.add_argument("--output", "-o", metavar="FILE", help="write the appendix here (atomically)")
    ap.add_argument("--with-usage", nargs="+", metavar="DOC",
                    help="add how often and where each term is used in these documents or folders")
    ap.set_defaults(func=commands.cmd_appendix)

    df = sub.add_parser("diff", parents=[glossary_opts],
                        help="compare the terminology of two documents or folders")
    df.add_argument("a", metavar="A", help="a document or folder")
    df.add_argument("b", metavar="B", help="the document or folder to compare it with")
    df.add_argument("--format", "-f", default="terminal", choices=("terminal", "json", "markdown", "html"),
                    help="comparison format (default: terminal)")
    df.add_argument("--output", "-o", metavar="FILE", help="write the comparison here (atomically)")
    df.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=COLOR_HELP)
    df.set_defaults(func=commands.cmd_diff)

    fx = sub.add_parser("fix", parents=[glossary_opts, settings_opts],
                        help="apply the unambiguous suggestions (Word: as tracked changes)")
    fx.add_argument("paths", nargs="+", metavar="FILE", help="documents or folders (.md .txt .docx)")
    fx.add_argument("--rules", metavar="RULES", help="comma-separated rules to fix (default: "
                    "vocabulary-mismatch,deprecated-term,near-miss; inconsistent-usage may be added)")
    how = fx.add_mutually_exclusive_group()
    how.add_argument("--diff", action="store_true", help="print the changes as a diff; write nothing")
    how.add_argument("--output", "-o", metavar="FILE", help="write the corrected copy here (a folder for several files)")
    how.add_argument("--in-place", action="store_true", help="replace each file (atomically), keeping FILE.bak")
    fx.add_argument("--no-backup", action="store_true", help="with --in-place: keep no backup")
    fx.set_defaults(func=commands.cmd_fix)

    ls = sub.add_parser("lsp", help="run the language server for editors (stdio; needs the 'lsp' extra)")
    ls.add_argument("--tcp", type=int, metavar="PORT", help="listen on this TCP port instead of stdio")
    ls.add_argument("--host", default="127.0.0.1", help="address to listen on with --tcp (default: 127.0.0.1)")
    ls.add_argument("--debounce", type=int, default=25, metavar="MS",
                    help="wait this long after a change before checking (default: 25)")
    ls.set_defaults(func=commands.cmd_lsp)
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


def _resolve_config(args, problems: list[str] | None = None):
    """The effective configuration: defaults, then the configuration file, then the
    command line (see :mod:`termcheck.config`). With ``problems``, every problem found
    is added there and the run goes on as far as it can, so that all are reported at once."""
    from . import config as cfg
    from .errors import ConfigError

    own = problems is None
    problems = [] if own else problems
    if args.config and args.no_config:
        raise TermcheckError("--config and --no-config cannot be used together")
    file = None
    try:
        path = Path(args.config) if args.config else (None if args.no_config else cfg.discover())
        file = cfg.load(path, problems) if path is not None else None
    except ConfigError as err:
        problems.extend(str(err).splitlines())
    rules = {}
    for option, text in (("--select", args.select), ("--ignore", args.ignore)):
        try:
            rules[option] = _rule_list(text, option)
        except TermcheckError as err:
            problems.append(str(err))
    select = rules.get("--select")
    cli = {
        "glossaries": args.glossary,
        "vocabulary": args.vocabulary,
        "default-vocabulary": args.default_vocabulary,
        "select": frozenset(select) if select is not None else None,
        "ignore": frozenset(rules.get("--ignore") or ()) if args.ignore is not None else None,
        "fuzzy": False if args.no_fuzzy else None,
        "unknown": False if args.no_unknown else None,
        "fuzzy-threshold": args.fuzzy_threshold,
        "nlp-model": args.nlp_model,
        "exempt-acronyms": args.exempt_acronym,
        "fail-on": args.fail_on,
        "gitignore": False if args.no_gitignore else None,
    }
    config = cfg.resolve(file, cli, bundled_glossary())
    if own and problems:
        raise ConfigError("\n".join(problems))
    return config


def _setup(args):
    """Configuration and glossaries for a scan; every configuration, command-line and
    glossary problem is reported together (exit 2), and unmatched globs are warned of."""
    from .configcheck import unmatched_globs
    from .errors import ConfigError

    problems: list[str] = []
    config = _resolve_config(args, problems)
    glossary = None
    try:
        glossary = _load_glossary(config.glossary_files())
    except GlossaryError as err:
        problems.extend(err.problems)
    except TermcheckError as err:
        problems.append(str(err))
    if glossary is not None:
        try:
            config.check_vocabularies(glossary.vocabularies)
        except ConfigError as err:
            problems.extend(str(err).splitlines())
    if problems:
        raise ConfigError("\n".join(problems))
    for message in unmatched_globs(config):
        warn(message)
    return config, glossary


def _progress(total: int, console=None):
    """A rich progress bar on stderr (or ``console``): returns ``(callback, stop)``."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("scanning"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.fields[file]}"), console=console or Console(stderr=True), transient=True)
    task = bar.add_task("scan", total=total, file="")
    started = [False]
    bar.start()

    def advance(label: str) -> None:
        bar.update(task, advance=1 if started[0] else 0, file=label)
        started[0] = True

    def stop() -> None:
        bar.update(task, completed=total)
        bar.stop()

    return advance, stop


def _changed_args(args) -> set[Path] | None:
    """``--changed``: the changed files (resolved), after telling a REV from a PATH."""
    from . import gitfiles

    if args.changed is None:
        return None
    rev = args.changed
    if rev and not gitfiles.is_revision(rev) and Path(rev).exists():
        args.paths.insert(0, rev)  # `scan --changed docs/`: docs/ is a path, not a revision
        rev = ""
    files, _base = gitfiles.changed_files(rev or None)
    return files


def cmd_scan(args) -> int:
    import contextlib

    from . import baseline
    from .console import statistics
    from .engine import scan
    from .fileio import atomic_write
    from .reporters import render
    from .stdin import STDIN, StdinDocument
    from .scanopts import scan_options
    from .walk import iter_inputs

    config, glossary = _setup(args)
    known = baseline.load(args.baseline) if args.baseline else None
    use_stdin = STDIN in args.paths
    if use_stdin and args.changed is not None:
        raise TermcheckError("scan: '-' (standard input) and --changed cannot be used together")
    if args.stdin_filename and not use_stdin:
        raise TermcheckError("scan: --stdin-filename needs '-' among the paths")
    only = _changed_args(args)
    if not args.paths:
        if only is None:
            raise TermcheckError("scan: give at least one PATH (a document or a folder)")
        args.paths = ["."]
    paths = [p for p in args.paths if p != STDIN]
    with StdinDocument(args.stdin_filename) if use_stdin else contextlib.nullcontext() as doc:
        inputs = list(iter_inputs(paths, config, gitignore=config["gitignore"], only=only))
        vocabulary_for = config.vocabulary_for
        if doc is not None:
            if doc.name is None or config.wanted(doc.name):  # as for a file named on the command line
                inputs.append((doc.label, doc.path, None))
            vocabulary_for = lambda p: config.vocabulary_for(doc.stands_for(p))  # noqa: E731
        show_bar = not args.no_progress and sys.stderr.isatty() and len(inputs) > 1
        advance, stop = _progress(len(inputs)) if show_bar else (None, None)
        try:
            result = scan(paths, glossary, config.settings(), vocabulary=config.forced_vocabulary(),
                          vocabulary_for=vocabulary_for, progress=advance, inputs=inputs,
                          **scan_options(args))
        finally:
            if stop:
                stop()
    for message in getattr(result, "warnings", ()):
        warn(message)
    if args.write_baseline:
        n = baseline.write(args.write_baseline, result)
        if not args.quiet:
            print(f"termcheck: wrote {n} finding fingerprint(s) to {args.write_baseline}", file=sys.stderr)
        for err in result.errors:
            print(f"termcheck: {err.path}: {err.message}", file=sys.stderr)
        return ExitCode.UNREADABLE if result.errors else ExitCode.OK
    if known is not None:
        dropped = baseline.apply(result, known, args.baseline)
        if dropped and not args.quiet:
            print(f"termcheck: {dropped} finding(s) recorded in {args.baseline} not reported", file=sys.stderr)
    args.fail_on = config["fail-on"]
    if args.output or not args.statistics:
        extra = {"quiet": args.quiet}
        if args.format == "html":  # the html report's term x document matrix
            from .usage import from_result

            extra["usage"] = from_result(result)
        if args.format == "json":  # written as it is encoded: a large report is never held whole
            from .reporters.json_ import chunks

            text = chunks(result)
        else:
            text = render(args.format, result, color=use_color(args.color, args.output is not None), **extra)
        if args.output:
            atomic_write(args.output, text)
        elif isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.writelines(text)
    if args.statistics:
        sys.stdout.write(statistics(result))
    for err in result.errors:
        print(f"termcheck: {err.path}: {err.message}", file=sys.stderr)
    if result.errors:
        return ExitCode.UNREADABLE
    if args.fail_on != "never":
        bar = FAIL_ON.index(args.fail_on)
        if any(FAIL_ON.index(f.severity.value) <= bar for f in result.findings):
            return ExitCode.FINDINGS
    return ExitCode.OK


def main(argv: list[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["--version"]:  # answered before the rules are imported
        print(f"termcheck {__version__}")
        return ExitCode.OK
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: one line, no traceback; --output is written only when done
        print("termcheck: interrupted", file=sys.stderr)
        return INTERRUPTED


def _main(argv: list[str] | None) -> int:
    from .glossary_cmd import legacy_argv

    parser = build_parser()
    args = parser.parse_args(legacy_argv(sys.argv[1:] if argv is None else [str(a) for a in argv]))
    try:
        return int(args.func(args))
    except GlossaryError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return ExitCode.USAGE
    except TermcheckError as err:
        for line in str(err).splitlines():
            print(f"termcheck: {line}", file=sys.stderr)
        return ExitCode.USAGE
    except BrokenPipeError:
        return ExitCode.OK
    except OSError as err:
        print(f"termcheck: {getattr(err, 'filename', '') or ''}: {err.strerror or err}", file=sys.stderr)
        return ExitCode.USAGE
