"""Fuzz the readers and the matcher: not part of the normal test run.

    python fuzz/run.py                      # hypothesis, 100,000+ inputs over all targets
    python fuzz/run.py --scale 0.1          # a tenth of that
    python fuzz/run.py --only markdown,html
    python fuzz/run.py --atheris markdown --runs 50000   # coverage-guided, if atheris installs

Every target must succeed or raise termcheck's one-line ReadError/TermcheckError; any
other exception is reported with the input that caused it (hypothesis shrinks it) and
the run exits 1. It prints, per target, how many inputs were tried.
(``pip install -e '.[fuzz]'`` brings hypothesis and, on Linux, atheris.)
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzz import targets as T  # noqa: E402

# target name -> (examples at scale 1, function, strategies)
PLAN = {
    "decode": (15_000, T.target_decode, (st.one_of(st.binary(max_size=300), T.doc_text.map(
        lambda s: s.encode("utf-8", "surrogatepass")), T.doc_text.map(lambda s: s.encode("utf-16",
                                                                                       "surrogatepass"))),)),
    "text": (8_000, T.target_text, (T.doc_text,)),
    "markdown": (17_000, T.target_markdown, (T.doc_text,)),
    "html": (12_000, T.target_html, (T.doc_text,)),
    "matcher": (25_000, T.target_matcher, (T.doc_text, st.sampled_from(["timetable", "strategy", None]))),
    "glossary": (5_000, T.target_yaml, (T.yaml_text,)),
    "docx": (6_000, lambda d: T.target_file(d, ".docx"), (st.one_of(
        T.mutated(T.SEEDS[".docx"].read_bytes()), T.repacked(T.SEEDS[".docx"])),)),
    "odt": (4_000, lambda d: T.target_file(d, ".odt"), (st.one_of(
        T.mutated(T.SEEDS[".odt"].read_bytes()), T.repacked(T.SEEDS[".odt"])),)),
    "xlsx": (4_000, lambda d: T.target_file(d, ".xlsx"), (st.one_of(
        T.mutated(T.SEEDS[".xlsx"].read_bytes()), T.repacked(T.SEEDS[".xlsx"])),)),
    "pptx": (3_000, lambda d: T.target_file(d, ".pptx"), (st.one_of(
        T.mutated(T.SEEDS[".pptx"].read_bytes()), T.repacked(T.SEEDS[".pptx"])),)),
    "html-bytes": (3_000, lambda d: T.target_file(d, ".html"), (T.mutated(T.SEEDS[".html"].read_bytes()),)),
}


def run_hypothesis(name: str, examples: int, seed: int | None) -> str | None:
    _, func, strategies = PLAN[name]
    wrapped = settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
                       suppress_health_check=list(HealthCheck), print_blob=True)(given(*strategies)(func))
    if seed is not None:
        from hypothesis import seed as with_seed

        wrapped = with_seed(seed)(wrapped)
    try:
        wrapped()
    except Exception:  # hypothesis re-raises the shrunk failure
        return traceback.format_exc()
    return None


def run_atheris(name: str, runs: int) -> None:
    import atheris

    _, func, strategies = PLAN[name]

    def one(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        if name in ("docx", "odt", "xlsx", "pptx", "html-bytes", "decode"):
            func(fdp.ConsumeBytes(fdp.remaining_bytes()))
        elif name == "matcher":
            func(fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()), None)
        else:
            func(fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()))

    with atheris.instrument_imports():
        import termcheck.readers.html  # noqa: F401
        import termcheck.readers.markdown  # noqa: F401
        import termcheck.readers.text  # noqa: F401
        import termcheck.matching  # noqa: F401
    atheris.Setup([sys.argv[0], f"-runs={runs}", "-max_len=4096"], one)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every target's example count")
    ap.add_argument("--only", help="comma-separated targets: " + ", ".join(PLAN))
    ap.add_argument("--seed", type=int, help="a random seed (default: derandomised, repeatable)")
    ap.add_argument("--atheris", metavar="TARGET", help="run one target under atheris instead")
    ap.add_argument("--runs", type=int, default=100_000, help="atheris runs (with --atheris)")
    args = ap.parse_args(argv)
    if args.atheris:
        run_atheris(args.atheris, args.runs)
        return 0
    names = args.only.split(",") if args.only else list(PLAN)
    failures = {}
    started = time.time()
    for name in names:
        t0 = time.time()
        examples = max(1, int(PLAN[name][0] * args.scale))
        error = run_hypothesis(name, examples, args.seed)
        print(f"{name:12s} {examples:>7,} examples  {time.time() - t0:7.1f} s  "
              f"{'FAILED' if error else 'ok'}", flush=True)
        if error:
            failures[name] = error
    total = sum(T.COUNTS.values())
    T.cleanup()
    print(f"inputs tried: {total:,} in {time.time() - started:.0f} s; calls per target: "
          + ", ".join(f"{k} {v:,}" for k, v in sorted(T.COUNTS.items())))
    for name, error in failures.items():
        print(f"\n=== {name} ===\n{error}")
    print(f"uncaught exceptions: {len(failures)} target(s) failed" if failures else "uncaught exceptions: 0")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
