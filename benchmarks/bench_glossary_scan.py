#!/usr/bin/env python3
"""How a large glossary costs: load, compile, and the scan throughput it leaves.

    python benchmarks/bench_glossary_scan.py               # 10,000 concepts
    python benchmarks/bench_glossary_scan.py --concepts 2000 --words 50000 --runs 3

Generates a glossary of N concepts (two vocabularies; each concept a two-to-four-word
preferred term per vocabulary, an acronym for one in three, a deprecated form for one in
four) into benchmarks/data/, then, in this process, times: YAML composition alone
(libyaml and pure Python, for reference), termcheck's whole load (composition,
validation, records), the compilation of the matchers (the Scanner: phrase index and
fuzzy index), and a scan with every rule of a generated Markdown folder with the bundled
glossary and with the large one (the best of ``--runs`` CPU times each). Prints the
figures, among them the large glossary's throughput as a share of the bundled one's;
not part of the test suite.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

SYLLABLES = ("ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo ma me mi mo na ne ni "
             "no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo za ze zi zo").split()


def _word(rnd: random.Random) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4))).capitalize()


def generate(path: Path, concepts: int, seed: int) -> None:
    rnd = random.Random(seed)
    used: set[str] = set()
    acronyms: set[str] = set()

    def term(n: int) -> str:
        while True:
            text = " ".join(_word(rnd) for _ in range(n))
            if text.lower() not in used:
                used.add(text.lower())
                return text

    lines = ["format: termcheck-glossary/1", "title: Generated large glossary", "vocabularies:",
             "  alpha: {title: Alpha vocabulary}", "  beta: {title: Beta vocabulary}", "concepts:"]
    for i in range(concepts):
        lines.append(f"  - id: c{i:05d}")
        for vocab in ("alpha", "beta"):
            preferred = term(rnd.randint(2, 4))
            parts = [f"preferred: {preferred}"]
            if vocab == "alpha" and i % 3 == 0:
                acr = "".join(w[0] for w in preferred.split()).upper()
                while acr in acronyms or len(acr) > 6:
                    acr = "".join(rnd.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(rnd.randint(3, 5)))
                acronyms.add(acr)
                parts.append(f"acronym: {acr}")
            if i % 4 == 0:
                parts.append(f"deprecated: [{term(2)}]")
            lines.append(f"    {vocab}: {{{', '.join(parts)}}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def clock():
    return time.perf_counter(), time.process_time()


def since(t) -> str:
    wall, cpu = time.perf_counter() - t[0], time.process_time() - t[1]
    return f"{wall:6.2f} s wall {cpu:6.2f} s cpu"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--concepts", type=int, default=10_000)
    ap.add_argument("--words", type=int, default=100_000, help="words in the scanned Markdown folder")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs", type=int, default=2, help="scans of the folder with each glossary (best taken)")
    args = ap.parse_args(argv)

    import os

    import yaml

    import bench_scan
    from termcheck.engine import Scanner, _check_one
    from termcheck.glossary import load_glossaries
    from termcheck.tokenizer import chunk_tokenizer
    from termcheck.rules import Settings

    t = clock()
    sum(range(10_000_000))
    print(f"CPU check: sum(range(10**7)) {since(t)} (about 0.2 s on an idle core); "
          f"load average {os.getloadavg()[0]:.1f}")
    path = HERE / "data" / f"glossary-{args.concepts}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    generate(path, args.concepts, args.seed)
    text = path.read_text(encoding="utf-8")
    print(f"{path.name}: {args.concepts:,} concepts, {len(text) / 1e6:.1f} MB")
    chunk_tokenizer()  # the tokenizer's rules are start-up, not glossary cost

    print("  (composition alone runs with the cycle collector on; termcheck's load pauses it)")
    t = clock()
    yaml.compose(text, Loader=yaml.SafeLoader)
    print(f"  compose alone, pure-Python YAML  {since(t)}")
    if getattr(yaml, "CSafeLoader", None):
        t = clock()
        yaml.compose(text, Loader=yaml.CSafeLoader)
        print(f"  compose alone, libyaml           {since(t)}")
    t0 = clock()
    big = load_glossaries([path])
    load = time.perf_counter() - t0[0], time.process_time() - t0[1]
    print(f"  load (compose, validate, build)  {since(t0)}")
    t = clock()
    Scanner(big, Settings())
    compile_ = time.perf_counter() - t[0], time.process_time() - t[1]
    print(f"  compile (Scanner: all indexes)   {since(t)}")
    print(f"  load + compile                   {since(t0)}")

    folder = HERE / "data" / f"md-{args.words}"
    manifest = bench_scan.generate(folder, args.words, 5_000, 20250601, ROOT / "termcheck" / "data" / "mhhs.yaml", False)
    bundled = load_glossaries([ROOT / "termcheck" / "data" / "mhhs.yaml"])
    files = sorted(folder.rglob("*.md"))
    scanners = {"bundled": Scanner(bundled, Settings()), f"{args.concepts:,} concepts": Scanner(big, Settings())}
    cpu = {name: float("inf") for name in scanners}
    findings = {}
    for _ in range(args.runs):  # alternated, so that a busy spell does not fall on one glossary only
        for name, scanner in scanners.items():  # compiled above: the scan alone is timed here
            _check_one(scanner, (str(files[0]), files[0], None, ""))  # warm the tokenizer's cache
            t = clock()
            findings[name] = sum(len(_check_one(scanner, (str(f), f, None, "")).findings) for f in files)
            cpu[name] = min(cpu[name], time.process_time() - t[1])
    rates = {name: manifest["words"] / c for name, c in cpu.items()}
    for name in scanners:
        print(f"  scan {manifest['words']:,} words, {name:16} {cpu[name]:6.2f} s cpu (best of {args.runs})  "
              f"{rates[name]:,.0f} words/cpu-s  {findings[name]} findings")
    a, b = rates.values()
    print(f"summary: load {load[0]:.2f} s, compile {compile_[0]:.2f} s wall ({load[1]:.2f} + {compile_[1]:.2f} s cpu); "
          f"words/cpu-s bundled {a:,.0f}, "
          f"{args.concepts:,} concepts {b:,.0f}; ratio {b / a:.2f} (throughput cost {max(0.0, 1 - b / a):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
