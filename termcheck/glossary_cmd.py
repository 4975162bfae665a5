"""``termcheck glossary ...``: lint, suggest, add, deprecate, map, export, import.

The command line only; the work is in :mod:`termcheck.glossary`. ``termcheck glossary
[FILE...]`` with no subcommand is kept as ``termcheck glossary lint [FILE...]``.
"""
from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

SUBCOMMANDS = ("lint", "suggest", "add", "deprecate", "map", "export", "import")


def legacy_argv(argv: list[str]) -> list[str]:
    """``glossary FILE...`` (no subcommand) means ``glossary lint FILE...``."""
    if argv and argv[0] == "glossary" and (len(argv) == 1 or argv[1] not in (*SUBCOMMANDS, "-h", "--help")):
        return ["glossary", "lint", *argv[1:]]
    return argv


def register(sub, glossary_opts, parser_class) -> None:
    from .glossary.lint import CHECKS

    gl = sub.add_parser("glossary", help="lint, edit, mine, import and export glossaries",
                        description="Keep glossaries: 'termcheck glossary [FILE...]' is 'glossary lint'.")
    gs = gl.add_subparsers(dest="glossary_command", required=True, parser_class=parser_class)

    lint = gs.add_parser("lint", parents=[glossary_opts], help="validate glossaries, run quality checks and examples")
    lint.add_argument("files", nargs="*", metavar="FILE", help="glossary files (default: --glossary or bundled)")
    lint.add_argument("--strict", action="store_true", help="warnings fail the lint too (exit 1)")
    lint.add_argument("--check", action="append", choices=list(CHECKS), metavar="CHECK",
                      help=f"run only this check (repeatable: {', '.join(CHECKS)})")
    lint.add_argument("--format", "-f", choices=("text", "json"), default="text",
                      help="text for people (default) or json")
    lint.set_defaults(func=cmd_lint)

    sg = gs.add_parser("suggest", parents=[glossary_opts],
                       help="propose glossary entries and cross-vocabulary mappings from documents")
    sg.add_argument("docs", nargs="+", metavar="DOC", help="documents or folders")
    sg.add_argument("--vocabulary", "-V", metavar="NAME", help="the documents' vocabulary (default: detected)")
    sg.add_argument("--output", "-o", metavar="FILE", help="write the proposals here (YAML)")
    sg.set_defaults(func=cmd_suggest)

    def edit_parser(name: str, help: str):
        p = gs.add_parser(name, help=help)
        p.add_argument("file", metavar="FILE", help="the glossary file to edit")
        p.add_argument("concept", metavar="ID", help="concept id")
        p.add_argument("--with", dest="companions", action="append", default=[], metavar="FILE",
                       help="another glossary file loaded with this one when validating (repeatable)")
        p.add_argument("--dry-run", action="store_true", help="print the change as a diff; write nothing")
        p.add_argument("--output", "-o", metavar="FILE", help="write the result here instead of FILE")
        return p

    def terms_options(p, vocab_required: bool = True):
        p.add_argument("--vocabulary", "-V", required=vocab_required, metavar="NAME",
                       help="the vocabulary (or 'all') the terms belong to")
        p.add_argument("--preferred", required=True, metavar="TERM", help="the preferred term")
        p.add_argument("--acronym", metavar="ACR", help="its acronym")
        p.add_argument("--admitted", action="append", default=[], metavar="TERM",
                       help="an acceptable other form (repeatable)")
        p.add_argument("--deprecated", action="append", default=[], metavar="TERM",
                       help="a form not to use (repeatable)")
        p.add_argument("--mapping", choices=("exact", "close", "related"),
                       help="how the concept's terms correspond across vocabularies")
        p.add_argument("--status", choices=("agreed", "proposed", "assumed", "disputed"),
                       help="how settled the mapping is")

    add = edit_parser("add", "add a concept")
    terms_options(add)
    for opt in ("definition", "group", "note", "source"):
        add.add_argument(f"--{opt}", metavar="TEXT", help=f"the concept's {opt}")
    for rel in ("broader", "narrower", "related"):
        add.add_argument(f"--{rel}", action="append", default=[], metavar="ID",
                         help=f"a {rel} concept's id (repeatable)")
    add.set_defaults(func=cmd_edit)

    mp = edit_parser("map", "give a concept its terms in another vocabulary")
    terms_options(mp)
    mp.add_argument("--replace", action="store_true", help="replace terms the concept already has there")
    mp.set_defaults(func=cmd_edit)

    dp = edit_parser("deprecate", "make a form of a concept deprecated")
    dp.add_argument("form", metavar="FORM", help="the form to deprecate")
    dp.add_argument("--vocabulary", "-V", metavar="NAME", help="needed when the concept has several")
    dp.add_argument("--use", metavar="TERM", help="the new preferred term, when FORM is the preferred one")
    dp.set_defaults(func=cmd_edit)

    ex = gs.add_parser("export", parents=[glossary_opts], help="write glossaries as TBX-Basic, CSV, XLSX or YAML")
    ex.add_argument("files", nargs="*", metavar="FILE", help="glossary files (default: --glossary or bundled)")
    ex.add_argument("--output", "-o", metavar="FILE", help="where to write (the suffix gives the format)")
    ex.add_argument("--format", "-f", choices=("tbx", "csv", "xlsx", "yaml"),
                    help="the format (default: from the output's suffix)")
    ex.set_defaults(func=cmd_export)

    im = gs.add_parser("import", help="make a glossary file from TBX, CSV or XLSX")
    im.add_argument("source", metavar="IN", help="a .tbx, .csv or .xlsx file")
    im.add_argument("--output", "-o", metavar="FILE", help="the glossary to write (default: standard output)")
    im.add_argument("--format", "-f", choices=("tbx", "csv", "xlsx"),
                    help="the input's format (default: from its suffix)")
    im.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    im.set_defaults(func=cmd_import)


def _files(args) -> list[str]:
    from .cli import bundled_glossary

    return [str(f) for f in (getattr(args, "files", None) or args.glossary or [bundled_glossary()])]


def cmd_lint(args) -> int:
    from .errors import GlossaryError
    from .glossary import load_glossaries
    from .glossary.lint import lint

    files = _files(args)
    try:
        glossary = load_glossaries(files)
    except GlossaryError as err:  # invalid: a lint failure, reported like the other issues
        if args.format == "json":
            print(json.dumps({"valid": False, "problems": err.problems}, indent=2))
        else:
            for p in err.problems:
                print(p)
            print(f"invalid: {len(err.problems)} problem(s) in {', '.join(files)}")
        return 1
    issues = lint(glossary, args.check)
    counts = {lv: sum(i.level == lv for i in issues) for lv in ("error", "warning", "info")}
    examples = sum(len(s) for c in glossary.concepts.values() for cs in c.examples.values() for s in cs.values())
    failed = counts["error"] > 0 or (args.strict and counts["warning"] > 0)
    if args.format == "json":
        print(json.dumps({"valid": True, "concepts": len(glossary.concepts), "examples": examples,
                          "counts": counts, "failed": failed,
                          "issues": [i.__dict__ for i in issues]}, indent=2))
        return 1 if failed else 0
    holes: dict[str, list] = {}
    for i in issues:
        if i.check == "mapping-hole":
            holes.setdefault(i.vocabulary, []).append(i)
        else:
            print(i)
    for vocab, items in holes.items():
        names = ", ".join(i.concept + (f" (via {', '.join(i.via)})" if i.via else "") for i in items)
        print(f"info: [mapping-hole] {len(items)} concept(s) have no term in {vocab!r}: {names}")
    print(f"{'FAILED' if failed else 'ok'}: {counts['error']} error(s), {counts['warning']} warning(s), "
          f"{counts['info']} info; {len(glossary.concepts)} concepts, {len(glossary.vocabularies)} "
          f"vocabularies, {examples} example sentences in {', '.join(files)}")
    return 1 if failed else 0


def cmd_suggest(args) -> int:
    from .glossary import load_glossaries
    from .glossary.suggest import mine, render

    files = _files(args)
    glossary = load_glossaries(files)
    if args.vocabulary and args.vocabulary not in glossary.vocabularies:
        from .errors import TermcheckError

        raise TermcheckError(f"--vocabulary {args.vocabulary!r} is not a vocabulary of the glossary "
                             f"({', '.join(glossary.vocabularies)})")
    result = mine(args.docs, glossary, args.vocabulary)
    text = render(result, files[0] if len(files) == 1 else None)
    if args.output:
        from .fileio import atomic_write

        atomic_write(args.output, text)
    else:
        sys.stdout.write(text)
    for path, message in result.errors:
        print(f"termcheck: {path}: {message}", file=sys.stderr)
    print(f"termcheck: {len(result.concepts)} new concept(s), {len(result.mappings)} mapping(s) proposed "
          f"from {len(result.documents)} document(s)", file=sys.stderr)
    return 3 if result.errors else 0


def cmd_edit(args) -> int:
    from .errors import GlossaryError
    from .glossary.edit import GlossaryFile, validate_text

    g = GlossaryFile(args.file, args.companions)
    before = g.text
    cmd = args.glossary_command
    if cmd == "add":
        g.add(args.concept, args.vocabulary, args.preferred, args.acronym, args.admitted, args.deprecated,
              args.definition, args.group, args.status, args.mapping, args.note, args.source,
              args.broader, args.narrower, args.related)
        done = f"added {args.concept!r}"
    elif cmd == "map":
        g.map(args.concept, args.vocabulary, args.preferred, args.acronym, args.admitted, args.deprecated,
              args.mapping, args.status, args.replace)
        done = f"mapped {args.concept!r} in {args.vocabulary!r}"
    else:
        vocab = g.deprecate(args.concept, args.form, args.vocabulary, args.use)
        done = f"deprecated {args.form!r} of {args.concept!r} in {vocab!r}"
    target = args.output or args.file
    try:
        if args.dry_run:
            after = g.dump()
            validate_text(after, target, g.companions)
            sys.stdout.writelines(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                                       str(args.file), str(target)))
            return 0
        g.save(args.output)
    except GlossaryError as err:
        print(f"termcheck: edit refused, {target} not written: the result would not be a valid glossary",
              file=sys.stderr)
        for p in err.problems:
            print(p, file=sys.stderr)
        return 2
    print(f"termcheck: {done}; wrote {target}", file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    from .errors import TermcheckError
    from .glossary import load_glossaries
    from .glossary.convert import export, format_of

    if not args.output and not args.format:
        raise TermcheckError("export: give --output FILE (its suffix gives the format) or --format")
    fmt = format_of(args.output, args.format) if args.output else args.format
    if fmt == "xlsx" and not args.output:
        raise TermcheckError("export: an XLSX workbook needs --output FILE")
    glossary = load_glossaries(_files(args))
    data, lost = export(glossary, fmt)
    if args.output:
        from .fileio import atomic_write

        atomic_write(args.output, data)
    else:
        sys.stdout.buffer.write(data)
    for line in lost:
        print(f"termcheck: not exported: {line}", file=sys.stderr)
    if args.output:
        print(f"termcheck: wrote {len(glossary.concepts)} concepts to {args.output} ({fmt})", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    from .errors import TermcheckError
    from .glossary.convert import import_file

    if args.output and Path(args.output).exists() and not args.force:
        raise TermcheckError(f"import: {args.output} exists; give --force to replace it")
    text, lost = import_file(args.source, args.format)
    if args.output:
        from .fileio import atomic_write

        atomic_write(args.output, text)
        print(f"termcheck: wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    for line in lost:
        print(f"termcheck: not imported: {line}", file=sys.stderr)
    return 0
