"""The ``termcheck fix`` command, called by :mod:`termcheck.cli` once the configuration
and glossary are loaded. Returns the
exit code (0 done, 2 usage error, 3 some file could not be read or written). With
``--diff`` the diffs go to stdout and the summary to stderr; otherwise the summary goes
to stdout."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from ..errors import ReadError, TermcheckError
from . import FIX_RULES, can_fix, describe, fix_file, same_file

FIXABLE = (*FIX_RULES, "inconsistent-usage")  # rules whose one suggestion replaces the text
OK, USAGE, UNREADABLE = 0, 2, 3


def fix_rules(text: str | None) -> frozenset[str]:
    if text is None:
        return frozenset(FIX_RULES)
    rules = {r.strip() for r in text.split(",") if r.strip()}
    bad = rules - set(FIXABLE)
    if bad or not rules:
        raise TermcheckError(f"--rules: cannot fix {', '.join(sorted(bad)) or 'nothing'} "
                             f"(fixable rules: {', '.join(FIXABLE)})")
    return frozenset(rules)


def _mode(args) -> str:
    if args.diff:
        return "diff"
    if args.in_place:
        return "in-place"
    if args.output:
        return "output"
    raise TermcheckError("fix: say what to do: --diff (show), --output FILE (write a corrected "
                         "copy) or --in-place (replace the file, keeping a backup)")


def run(args, config, glossary) -> int:
    from ..engine import Scanner
    from ..walk import iter_inputs

    rules = fix_rules(args.rules)
    mode = _mode(args)
    settings = config.settings()
    settings = replace(settings, enabled=frozenset(settings.enabled) & rules)
    inputs = list(iter_inputs(args.paths, config, gitignore=config["gitignore"]))
    out_dir = None
    if mode == "output":
        out = Path(args.output)
        if out.is_dir():
            out_dir = out
        elif len(inputs) != 1:
            raise TermcheckError(f"--output {args.output}: several files to fix: give an existing folder")
    scanner = Scanner(glossary, settings)
    forced = config.forced_vocabulary()
    status = OK
    targets: dict[Path, str] = {}
    named = {str(p) for p in args.paths}
    for label, path, error in inputs:
        if error is None and not can_fix(path) and label not in named:
            print(f"termcheck: {label}: skipped (termcheck fix writes .txt, .md and .docx)", file=sys.stderr)
            continue
        if error is not None:
            print(f"termcheck: {label}: {error}", file=sys.stderr)
            status = UNREADABLE
            continue
        target = None
        if mode == "output":
            target = out_dir / path.name if out_dir is not None else Path(args.output)
            if path.exists() and target.exists() and same_file(path, target):
                raise TermcheckError(f"--output {target}: that is the file being fixed; use --in-place")
            key = Path(target).resolve()
            if key in targets:
                print(f"termcheck: {label}: not written: {target} already holds the fix of {targets[key]}",
                      file=sys.stderr)
                status = UNREADABLE
                continue
            targets[key] = label
        vocab, reason = forced, ""
        if vocab is None:
            vocab, reason = config.vocabulary_for(path) or (None, "")
        try:
            result = fix_file(label, path, scanner, rules, vocabulary=vocab, reason=reason, mode=mode,
                              target=target, backup=not args.no_backup)
        except ReadError as err:
            print(f"termcheck: {label}: {err}", file=sys.stderr)
            status = UNREADABLE
            continue
        except OSError as err:
            where = err.filename or target or path
            print(f"termcheck: {label}: not fixed: cannot write {where}: {err.strerror or err}; "
                  "the original is unchanged", file=sys.stderr)
            status = UNREADABLE
            continue
        if result.diff:
            sys.stdout.write(result.diff)
        for line in describe(result, mode):
            print(line, file=sys.stderr if mode == "diff" else sys.stdout)
    return status
