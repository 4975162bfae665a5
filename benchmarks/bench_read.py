#!/usr/bin/env python3
"""How fast termcheck reads documents into blocks, per format (no rules run).

    python benchmarks/bench_read.py                      # 500,000 words: md, md-full, txt
    python benchmarks/bench_read.py --words 50000
    python benchmarks/bench_read.py --formats md,docx    # docx: Word copies of the same documents

The documents are benchmarks/bench_scan.py's seeded Markdown folder (the one
benchmarks/bench_peers.py scans: ~5,000 words a file of headings, paragraphs, lists,
tables and code), written to benchmarks/data/ (gitignored) and reused. Formats:

* ``md``: each file through ``termcheck.readers.read_blocks`` (the Markdown reader, its
  fast path included);
* ``md-full``: the same files with the fast path off (every part through the parser),
  which is what the fast path must equal (tests/test_markdown_fast.py);
* ``txt``: the same text as ``.txt`` files (the plain-text reader);
* ``docx``: Word copies made with python-docx (bench_peers.py's converter; slow to
  make the first time).

Reading runs in this process, after one file of each format has been read (so imports
and parser set-up are not timed). Each format is read ``--repeat`` times; the fastest
run is shown as wall time and as CPU time (which other load on the machine disturbs
less). words/s is the generator's word count over that time.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
import bench_scan  # noqa: E402  (the Markdown generator)

DATA = HERE / "data"
GLOSSARY = ROOT / "termcheck" / "data" / "mhhs.yaml"


def markdown_folder(words: int, seed: int) -> tuple[Path, dict]:
    folder = DATA / f"peers-md-{words}"  # the same folder bench_peers.py uses
    return folder, bench_scan.generate(folder, words, 5_000, seed, GLOSSARY, False)


def text_folder(md_folder: Path, manifest: dict) -> Path:
    folder = DATA / f"read-txt-{manifest['words_requested']}"
    stamp = folder / "manifest.repr"
    if stamp.is_file() and stamp.read_text() == repr(manifest):
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    for md in sorted(md_folder.rglob("*.md")):
        out = folder / md.relative_to(md_folder).with_suffix(".txt")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(md.read_bytes())
    stamp.write_text(repr(manifest))
    return folder


def read_full_markdown(path: Path) -> list:
    """The Markdown reader with its fast path off."""
    from termcheck import suppress
    from termcheck.readers import markdown
    from termcheck.readers.text import read_source

    source = read_source(path)
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    return suppress.apply(list(markdown.blocks_from_string(source, fast=False)), source)


def time_reading(files: list[Path], read, repeat: int) -> tuple[float, float, int]:
    """Fastest (wall, CPU) seconds to read every file, and the number of blocks."""
    read(files[0])  # imports, parser set-up
    best_wall = best_cpu = float("inf")
    blocks = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        blocks = sum(len(read(path)) for path in files)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu, blocks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=500_000, help="corpus size (default 500000)")
    ap.add_argument("--seed", type=int, default=20250601, help="generator seed (bench_peers.py's default)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per format; the fastest is shown")
    ap.add_argument("--formats", default="md,md-full,txt", help="comma-separated: md, md-full, txt, docx")
    args = ap.parse_args(argv)

    try:
        from termcheck.readers import read_blocks
    except ImportError as err:
        print(f"cannot import termcheck: {err}", file=sys.stderr)
        return 2

    md_folder, manifest = markdown_folder(args.words, args.seed)
    words = manifest["words"]
    md_files = sorted(md_folder.rglob("*.md"))
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{len(md_files)} documents, {words:,} words; load average {load}; best of {args.repeat}")
    print(f"{'format':<9} {'files':>5} {'blocks':>8} {'wall s':>7} {'CPU s':>7} {'words/s (wall)':>15} {'words/s (CPU)':>14}")
    for fmt in formats:
        if fmt == "md":
            files, read = md_files, read_blocks
        elif fmt == "md-full":
            files, read = md_files, read_full_markdown
        elif fmt == "txt":
            files, read = sorted(text_folder(md_folder, manifest).rglob("*.txt")), read_blocks
        elif fmt == "docx":
            import bench_peers

            files, read = sorted(bench_peers.word_corpus(md_folder, manifest).rglob("*.docx")), read_blocks
        else:
            print(f"unknown format {fmt!r} (md, md-full, txt, docx)", file=sys.stderr)
            return 2
        wall, cpu, blocks = time_reading(files, read, args.repeat)
        print(f"{fmt:<9} {len(files):>5} {blocks:>8,} {wall:>7.2f} {cpu:>7.2f} {words / wall:>15,.0f} {words / cpu:>14,.0f}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
