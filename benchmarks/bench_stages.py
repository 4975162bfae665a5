#!/usr/bin/env python3
"""Where one core's time goes in a scan, stage by stage, and how far each stage is from
a dictionary linter's speed.

    python benchmarks/bench_stages.py                  # the 500,000-word Markdown folder
    python benchmarks/bench_stages.py --words 100000

The folder is bench_peers.py's generated Markdown (reused from benchmarks/data/). In one
process, with the cycle collector paused as the scanner pauses it, each stage is timed
on its own (CPU time, the best of ``--repeat`` runs):

* ``read``: every file into blocks (the Markdown reader and its fast path);
* ``tokenize``: spaCy's English tokenization of every block (termcheck.tokenizer, its
  memo warm, as it is after the first files of a scan);
* ``check``: every rule on the blocks already read (tokenizing included);
* ``regex floor``: one C regular-expression word split of every block, the least any
  pass over the words costs in Python.

words/s of each stage is printed beside the rate one worker would need for the whole
scan to match ``--target`` words/s with ``--jobs`` workers (default: codespell's rate,
timed in the same run on bench_peers.py's 5M-word folder when it exists, with the
dictionary bench_peers.py made). A stage slower than that rate on its own shows that no
tuning of the other stages can reach the target. A plain script, not a test.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_read import DATA, GLOSSARY, markdown_folder  # noqa: E402  (bench_peers.py's folder)


def best_cpu(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.disable()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
        gc.enable()
        gc.collect()
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=500_000)
    ap.add_argument("--seed", type=int, default=20250601)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--target", type=float, default=None,
                    help="words/s the whole scan should reach (default: codespell's, timed now on "
                         "the same folder when bench_peers.py has installed it, else 1,630,000)")
    ap.add_argument("--jobs", type=int, default=2, help="workers sharing the target (default 2)")
    ap.add_argument("--codespell-words", type=int, default=5_000_000,
                    help="the generated folder codespell is timed on (default 5,000,000, the issue's "
                         "corpus, when bench_peers.py has made it; else the --words folder): on a small "
                         "folder its start-up weighs more")
    args = ap.parse_args()

    import re

    from termcheck.engine import Scanner
    from termcheck.glossary import load_glossaries
    from termcheck.nlp import tokenize
    from termcheck.readers import read_blocks
    from termcheck.rules import Settings

    folder, manifest = markdown_folder(args.words, args.seed)
    words = manifest["words"]
    files = sorted(folder.rglob("*.md"))
    scanner = Scanner(load_glossaries([GLOSSARY]), Settings())
    docs = [(str(f), read_blocks(f)) for f in files]  # warm: imports, parsers
    texts = [b.text for _, blocks in docs for b in blocks]
    for t in texts:
        tokenize(t)  # the tokenizer's memo warm, as in a long scan
    for path, blocks in docs[:3]:
        scanner.check_blocks(path, blocks)
    split = re.compile(r"[A-Za-z0-9&]+").findall

    stages = [
        ("read", lambda: [read_blocks(f) for f in files]),
        ("tokenize", lambda: [tokenize(t) for t in texts]),
        ("check (every rule)", lambda: [scanner.check_blocks(p, b) for p, b in docs]),
        ("regex floor", lambda: [split(t) for t in texts]),
    ]
    target, source = args.target, "given"
    if target is None:
        cs_folder = DATA / f"peers-md-{args.codespell_words}"
        if (cs_folder / "manifest.json").is_file():
            import json

            cs_words = json.loads((cs_folder / "manifest.json").read_text())["words"]
            target, source = _codespell_rate(cs_folder, cs_words, args.repeat)
        else:
            target, source = _codespell_rate(folder, words, args.repeat)
    need = target / args.jobs
    print(f"{len(files)} files, {words:,} words; load average {' / '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"best of {args.repeat} (CPU time, collector paused)")
    print(f"target {target:,.0f} words/s ({source}); one worker's share with {args.jobs} workers: "
          f"{need:,.0f} words/s\n")
    print(f"{'stage':22s} {'CPU s':>7s} {'words/s':>12s} {'÷ share':>8s}")
    cpu = {name: best_cpu(fn, args.repeat) for name, fn in stages}
    cpu["read + tokenize"] = cpu["read"] + cpu["tokenize"]  # what every scan does before any rule
    cpu["read + check"] = cpu["read"] + cpu["check (every rule)"]
    for name, seconds in cpu.items():
        print(f"{name:22s} {seconds:7.2f} {words / seconds:12,.0f} {words / seconds / need:7.2f}×")


def _codespell_rate(folder: Path, words: int, repeat: int) -> tuple[float, str]:
    """codespell's words/s on ``folder`` (wall time, best of ``repeat``) with the
    dictionary bench_peers.py made, or the rate measured on 5M words in its last run."""
    import subprocess

    peers = DATA / "peers"
    tool, dictionary = peers / "venv" / "bin" / "codespell", peers / "codespell-dictionary.txt"
    if not (tool.exists() and dictionary.exists()):
        return 1_630_000, "codespell on 5M words in bench_peers.py's run; run it to time codespell here"
    best = min(_wall(lambda: subprocess.run([str(tool), "-D", str(dictionary), str(folder)],
                                            capture_output=True)) for _ in range(repeat))
    return words / best, f"codespell on {words:,} words now, {best:.2f} s"


def _wall(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
