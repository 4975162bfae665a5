"""Time ``termcheck diff`` on two generated documents of about 50,000 words each.

    python benchmarks/bench_diff.py [--words 50000] [--repeat 3]

The documents (Markdown, written to benchmarks/data/, which git ignores) mix sentences
that use the bundled glossary's terms of one vocabulary, a few of the other's, slips,
deprecated forms and unknown defined terms, with plain filler. The script prints the
best wall time of the in-process command (``termcheck.cli.main``) and of a fresh
``python -m termcheck diff`` process (start-up included).
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from termcheck.cli import bundled_glossary, main  # noqa: E402
from termcheck.glossary import load_glossaries  # noqa: E402

FILLER = """the programme plan shows each stage with its entry and exit criteria and the team
reviews progress every week against the baseline while participants report risks issues
and defects through the agreed channels so that the board can decide on changes before the
next milestone which depends on environments data and readiness of every party involved""".split()


def terms_of(glossary, vocabulary: str) -> list[str]:
    out = []
    for concept in glossary.concepts.values():
        terms = concept.terms_in(vocabulary)
        if terms:
            out.extend(f.text for f in terms.forms())
    return out


def make_document(path: Path, words: int, own: list[str], other: list[str], seed: int) -> int:
    rng = random.Random(seed)
    slips = ["Data Intergation Platform", "Sytems Integration Testing", "Pre Integration Testing"]
    unknown = ["Release Control Board (RCB)", "Cutover Readiness Panel (CRP)", "the RCB", "the CRP"]
    lines, count, para = [f"# Generated document {seed}", ""], 0, []
    while count < words:
        n = rng.randint(8, 20)
        sentence = [rng.choice(FILLER) for _ in range(n)]
        pick = rng.random()
        if pick < 0.55:
            sentence.insert(rng.randrange(n), rng.choice(own))
        elif pick < 0.62:
            sentence.insert(rng.randrange(n), rng.choice(other))
        elif pick < 0.64:
            sentence.insert(rng.randrange(n), rng.choice(slips))
        elif pick < 0.66:
            sentence.insert(rng.randrange(n), rng.choice(unknown))
        text = " ".join(sentence)
        count += len(text.split())
        para.append(text[0].upper() + text[1:] + ".")
        if len(para) == 5:
            lines += [" ".join(para), ""]
            para = []
    lines.append(" ".join(para))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main_(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    glossary = load_glossaries([bundled_glossary()])
    data = HERE / "data"
    data.mkdir(exist_ok=True)
    a, b = data / "diff-a-timetable.md", data / "diff-b-strategy.md"
    wa = make_document(a, args.words, terms_of(glossary, "timetable"), terms_of(glossary, "strategy"), 1)
    wb = make_document(b, args.words, terms_of(glossary, "strategy"), terms_of(glossary, "timetable"), 2)
    out = data / "diff.json"
    argv_diff = ["diff", str(a), str(b), "--format", "json", "--output", str(out)]
    main(argv_diff)  # warm up: imports, spaCy tokenizer
    in_process = best_of(args.repeat, lambda: main(argv_diff))
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    cold = best_of(args.repeat, lambda: subprocess.run([sys.executable, "-m", "termcheck", *argv_diff],
                                                      check=True, env=env))
    print(f"documents: {a.name} {wa:,} words, {b.name} {wb:,} words")
    print(f"termcheck diff (in process, best of {args.repeat}): {in_process:.2f} s")
    print(f"termcheck diff (new process, best of {args.repeat}): {cold:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
