#!/usr/bin/env python3
"""Time `termcheck scan` of a 200-file tree with and without `--changed` when one file changed.

    python benchmarks/bench_changed.py                 # 200 files of ~600 words, 5 runs each
    python benchmarks/bench_changed.py --files 500 --words 1000 --runs 3

A temporary git repository is built: `docs/` holds FILES Markdown documents of programme
prose (glossary terms of both vocabularies, deprecated forms, misspellings, acronyms,
ordinary sentences; seeded), committed on `main`; a branch `pr` then edits one document.
Each measurement is a separate `python -m termcheck scan docs --format json --fail-on never`
process, so the times include start-up (importing termcheck and spaCy's tokenizer,
loading the glossary); the median of RUNS runs is printed, with the number of documents
and findings each scan reported. `--changed` compares with the merge base of `main`.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "The {t} milestone was reviewed by the programme board on Tuesday.",
    "Each Tranche of participants is scheduled against the {t} plan.",
    "The Load Shaping System feeds the settlement run every half hour.",
    "Systems Integration Testing continues in the shared environment.",
    "Pre Integration Testing must finish before the cohort starts.",
    "The Data Intergation Platform connects every participant.",
    "The PSG agreed the revised dates for {t}.",
    "Participants confirmed their readiness in the weekly call.",
    "The team recorded three defects and closed two of them.",
    "Migration scripts were rehearsed twice without errors.",
    "Qualification and Migration remains on track for the summer.",
    "The Release Control Board meets every Thursday, and the Release Control Board minutes follow.",
    "Reports are published on the programme portal each Friday.",
]
# run this checkout's termcheck, installed or not
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
TERMS = ["System Integration Testing", "Load Shaping Service", "Code Drafting", "Wave 2", "M10"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout


def document(rng: random.Random, words: int) -> str:
    paras, count = [], 0
    while count < words:
        para = " ".join(rng.choice(SENTENCES).format(t=rng.choice(TERMS)) for _ in range(rng.randint(3, 6)))
        paras.append(para)
        count += len(para.split())
    return f"# Update {rng.randint(1, 999)}\n\n" + "\n\n".join(paras) + "\n"


def build(repo: Path, files: int, words: int, seed: int) -> Path:
    rng = random.Random(seed)
    git(repo, "init", "-q")
    for i in range(files):
        path = repo / "docs" / f"area{i % 10:02d}" / f"doc{i:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document(rng, words))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "docs")
    git(repo, "checkout", "-q", "-b", "pr")
    changed = repo / "docs" / "area03" / "doc013.md"
    changed.write_text(changed.read_text() + "\nA new Tranche of text for the pull request.\n")
    git(repo, "commit", "-q", "-am", "edit one document")
    return changed


def measure(repo: Path, extra: list[str], runs: int) -> tuple[float, int, int]:
    cmd = [sys.executable, "-m", "termcheck", "scan", "docs", "--format", "json", "--fail-on", "never",
           "--no-config", *extra]
    times, docs, findings = [], 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=ENV)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"termcheck failed ({done.returncode}): {done.stderr.strip()}")
        data = json.loads(done.stdout)
        docs, findings = data["summary"]["files"], data["summary"]["findings"]
    return statistics.median(times), docs, findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--words", type=int, default=600, help="words per document (about)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="termcheck-bench-") as tmp:
        repo = Path(tmp)
        changed = build(repo, args.files, args.words, args.seed)
        print(f"tree: {args.files} Markdown files of about {args.words} words in a git repository; "
              f"changed: {changed.relative_to(repo)}")
        measure(repo, [], 1)  # warm the file cache and byte-code
        full = measure(repo, [], args.runs)
        only = measure(repo, ["--changed"], args.runs)
        print(f"{'scan':28} {'median s':>9} {'documents':>10} {'findings':>9}")
        print(f"{'termcheck scan docs':28} {full[0]:9.2f} {full[1]:10} {full[2]:9}")
        print(f"{'termcheck scan docs --changed':28} {only[0]:9.2f} {only[1]:10} {only[2]:9}")
        print(f"speed-up: {full[0] / only[0]:.1f}x (median of {args.runs} runs each, start-up included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
