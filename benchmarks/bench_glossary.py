#!/usr/bin/env python3
"""Time loading and linting a generated glossary of 10,000 concepts, and its TBX round trip.

    python benchmarks/bench_glossary.py                  # 10,000 concepts, 3 runs each
    python benchmarks/bench_glossary.py --concepts 2000 --runs 5

The glossary (seeded) has two vocabularies; each concept has a three- or four-word
preferred term made of invented words (so forms share words, as real terms do), most an
acronym, some admitted and deprecated forms; a fifth of the concepts have a term in one
vocabulary only, a tenth are under `all`; some have broader/related links; one in a
hundred carries example sentences. A few confusable pairs (one letter apart) and a
shared acronym are planted so that the checks have something to find.

Printed: the file size; YAML composition alone with PyYAML's Python and C loaders; the median time to load and validate it; the time of each lint
check and of the whole lint; issues found per check; the peak memory of the process;
then TBX export and import times, and whether the round trip kept every concept and term.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SYLLABLES = "ba be bi bo da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to".split()
HEADS = ["Testing", "Service", "System", "Board", "Plan", "Window", "Register", "Platform", "Report", "Group"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def generate(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["format: termcheck-glossary/1", "title: generated", "vocabularies:",
             "  alpha: {title: Alpha documents}", "  beta: {title: Beta documents}", "concepts:"]
    seen: set[str] = set()
    acronyms: set[str] = set()

    def term() -> str:
        while True:
            t = " ".join([word(rng) for _ in range(rng.randint(2, 3))] + [rng.choice(HEADS)])
            if t.casefold() not in seen:
                seen.add(t.casefold())
                return t

    def acronym(t: str) -> str | None:
        a = "".join(w[0] for w in t.split()).upper()
        if a in acronyms or rng.random() < 0.3:
            return None
        acronyms.add(a)
        return a

    def terms(t: str) -> str:
        parts = [f"preferred: {t}"]
        a = acronym(t)
        if a:
            parts.append(f"acronym: {a}")
        if rng.random() < 0.2:
            parts.append(f"admitted: [{term()}]")
        if rng.random() < 0.2:
            parts.append(f"deprecated: [{term()}]")
        return "{" + ", ".join(parts) + "}"

    for i in range(n):
        cid = f"c{i}"
        lines.append(f"  - id: {cid}")
        lines.append(f"    definition: Generated concept number {i} for the benchmark.")
        r = rng.random()
        if r < 0.1:
            lines.append(f"    all: {terms(term())}")
        elif r < 0.2:
            lines.append(f"    alpha: {terms(term())}")
        elif r < 0.3:
            lines.append(f"    beta: {terms(term())}")
        else:
            lines.append(f"    alpha: {terms(term())}")
            lines.append(f"    beta: {terms(term())}")
        if i > 10 and rng.random() < 0.1:
            lines.append(f"    broader: [c{rng.randrange(i)}]")
        if i > 10 and rng.random() < 0.05:
            lines.append(f"    related: [c{rng.randrange(i)}]")
        if i % 100 == 0:
            lines.append("    examples:")
            lines.append("      all: {pass: [\"Nothing of note happened today.\"]}")
    for k in range(5):  # planted: confusable pairs and a shared acronym
        t = f"Plantedword{k} Checking Window"
        lines += [f"  - id: planted-{k}-a", f"    alpha: {{preferred: {t}}}",
                  f"  - id: planted-{k}-b", f"    beta: {{preferred: {t.replace('Checking', 'Chekcing')}}}"]
    lines += ["  - id: shared-a", "    alpha: {preferred: Zeta Shared One, acronym: ZZSA}",
              "  - id: shared-b", "    beta: {preferred: Zeta Shared Two, acronym: ZZSA}"]
    return "\n".join(lines) + "\n"


def timed(fn, runs: int):
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--concepts", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    from termcheck.glossary import load_glossaries
    from termcheck.glossary.convert import export, import_file
    from termcheck.glossary.lint import CHECKS, lint

    t0 = time.perf_counter()
    sum(range(10_000_000))
    load = os.getloadavg()[0]
    print(f"CPU check: sum(range(10**7)) took {time.perf_counter() - t0:.2f} s (load average {load:.1f}); "
          f"on an idle core it takes about 0.2 s, so scale the figures below by that ratio")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.yaml"
        path.write_text(generate(args.concepts), encoding="utf-8")
        print(f"glossary: {args.concepts:,} concepts (+12 planted), {path.stat().st_size / 1e6:.1f} MB")
        import yaml

        text = path.read_text(encoding="utf-8")
        t_py, _ = timed(lambda: yaml.compose(text, Loader=yaml.SafeLoader), 1)
        c_loader = getattr(yaml, "CSafeLoader", None)
        t_c = timed(lambda: yaml.compose(text, Loader=c_loader), 1)[0] if c_loader else float("nan")
        print(f"YAML composition alone (cycle collector on): {t_py:.2f} s with PyYAML's Python SafeLoader, "
              f"{t_c:.2f} s with its C CSafeLoader (what load uses where libyaml is installed; "
              f"load pauses the collector)")
        t_load, g = timed(lambda: load_glossaries([path]), args.runs)
        forms = sum(1 for _ in g.forms())
        print(f"load + validate: {t_load:.2f} s (median of {args.runs}); {len(g.concepts):,} concepts, {forms:,} forms")
        for name, check in CHECKS.items():
            t, issues = timed(lambda: check(g), args.runs)
            print(f"  lint check {name:15} {t:6.2f} s  {len(issues):6,} issue(s)")
        t_lint, issues = timed(lambda: lint(g), args.runs)
        print(f"lint, all checks: {t_lint:.2f} s; load + lint: {t_load + t_lint:.2f} s")
        t_exp, (data, lost) = timed(lambda: export(g, "tbx"), 1)
        tbx = Path(tmp) / "generated.tbx"
        tbx.write_bytes(data)
        t_imp, (text, dropped) = timed(lambda: import_file(tbx), 1)
        back = Path(tmp) / "back.yaml"
        back.write_text(text, encoding="utf-8")
        g2 = load_glossaries([back])
        same = list(g2.concepts) == list(g.concepts) and all(g2.concepts[k].terms == c.terms
                                                             for k, c in g.concepts.items())
        print(f"TBX export: {t_exp:.2f} s ({len(data) / 1e6:.1f} MB); import (parse, render, validate): "
              f"{t_imp:.2f} s; concepts and terms equal after the round trip: {same}")
        print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
