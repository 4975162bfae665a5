"""Time a scan of one very long paragraph (no blank line in 150,000 words).

Per-finding work (the sentence around a term, its line and column) must not grow with
the size of the block holding it; this prints how long such a block takes, so a
quadratic slip shows as minutes instead of seconds.

    python benchmarks/bench_long_block.py [--words 150000]
"""
from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from termcheck.engine import scan
from termcheck.glossary import load_glossaries

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("the Load Shaping System runs and a Tranche of Sytems Integration Testing with the DIP "
         "reported to the SRO while data flows from the Minimal Viable Cohort").split()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=150_000)
    ap.add_argument("--lines", action="store_true", help="wrap the paragraph every 12 words (many anchors)")
    args = ap.parse_args()
    rng = random.Random(7)
    words = [rng.choice(WORDS) for _ in range(args.words)]
    sep = "\n" if args.lines else " "
    text = " ".join(w + (sep if args.lines and i % 12 == 11 else "") for i, w in enumerate(words))
    glossary = load_glossaries([ROOT / "termcheck" / "data" / "mhhs.yaml"])
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "long.md"
        doc.write_text(text + "\n", encoding="utf-8")
        start = time.perf_counter()
        result = scan([doc], glossary, vocabulary="strategy")
        elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"one block of {args.words:,} words{' (wrapped)' if args.lines else ''}: {elapsed:.2f} s, "
          f"{args.words / elapsed:,.0f} words/s, {len(result.findings):,} findings, peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
