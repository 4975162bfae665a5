"""Hostile input, measured: what termcheck says for each bad file, with which exit code,
whether the good file beside it is still scanned, and time and peak memory (RSS of the
whole process) on the largest inputs. Every run is a new process.

    python benchmarks/bench_hostile.py             # the table and the measurements
    python benchmarks/bench_hostile.py --table     # the table only
    python benchmarks/bench_hostile.py --text-mib 50 200 --light   # large Markdown only (slow)

Markdown over 4 MiB is scanned in sections (termcheck/sections.py): the large-text runs
show peak memory as the file grows, for text dense with findings (some 7,500 a MiB,
all kept for the report) and, with ``--light``, for the same text with a finding every
few thousand words.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import ALPHA_BETA_GLOSSARY  # noqa: E402
from test_hostile import BILLION_LAUGHS, GOOD_TEXT, W_NS, body, docx_bytes, nested_tables  # noqa: E402

FORMATS = ROOT / "tests" / "fixtures" / "formats"

# a child that reports its own peak RSS (in KiB) on its last stderr line: VmHWM, which
# starts afresh at exec (getrusage's ru_maxrss would include this parent's at the fork)
CHILD = ("import sys\n"
         "from termcheck.cli import main\n"
         "try:\n"
         "    code = main(sys.argv[1:])\n"
         "except SystemExit as e:\n"
         "    code = e.code\n"
         "sys.stdout.flush()\n"
         "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
         "print('MAXRSS', hwm[0] if hwm else 0, file=sys.stderr)\n"
         "sys.exit(code)\n")


def termcheck(*argv: str, as_nobody: bool = False) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak MiB) of one termcheck run in a new process
    (as user nobody: in a forked child that drops root, peak not measured)."""
    t0 = time.perf_counter()
    if as_nobody:
        from test_hostile import run_as_nobody

        code, out, err = run_as_nobody(list(argv))
        return code, out, err, time.perf_counter() - t0, 0.0
    proc = subprocess.run([sys.executable, "-c", CHILD, *argv], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - t0
    lines = proc.stderr.splitlines()
    peak = 0.0
    if lines and lines[-1].startswith("MAXRSS "):
        peak = int(lines[-1].split()[1]) / 1024
        lines = lines[:-1]
    return proc.returncode, proc.stdout, "\n".join(lines), seconds, peak


def build_cases(d: Path) -> list[tuple[str, list[Path] | Path, str]]:
    """(case, bad inputs, kind) with kind "doc" (a document) or "glossary"."""
    cases = []

    def add(name, filename, data, kind="doc"):
        p = d / filename
        p.write_bytes(data)
        cases.append((name, p, kind))
        return p

    word = (ROOT / "tests" / "fixtures" / "word" / "features.docx").read_bytes()
    add("corrupt zip (truncated .docx)", "truncated.docx", word[:5000])
    bomb = d / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(136):
                fh.write(b" " * (1 << 20))
    cases.append(("zip bomb (136 MiB part in a %d KiB file)" % (bomb.stat().st_size // 1024), bomb, "doc"))
    ratio = d / "ratio.pptx"
    with zipfile.ZipFile(ratio, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("ppt/slides/slide1.xml", "<a>" + " " * (20 << 20) + "</a>")
    cases.append(("zip bomb (20 MiB part compressed 1000:1)", ratio, "doc"))
    add("XML entity bomb in .docx", "laughs.docx", docx_bytes(BILLION_LAUGHS))
    xxe = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    add("external entity (XXE) in .docx", "xxe.docx", docx_bytes(xxe))
    add("encrypted .docx (password)", "encrypted.docx", (FORMATS / "encrypted.docx").read_bytes())
    add("legacy .doc", "legacy.doc", (FORMATS / "legacy.doc").read_bytes())
    add("legacy .xls", "legacy.xls", (FORMATS / "legacy.xls").read_bytes())
    add("legacy .doc renamed .docx", "renamed.docx", (FORMATS / "legacy.doc").read_bytes())
    add("empty file (.docx)", "empty.docx", b"")
    add("binary bytes in a .md", "picture.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(500))
    add("Windows-1252 .md (not an error)", "cp1252.md", "Caf\u00e9 \u2013 Load Shaping System.\n".encode("cp1252"))
    add("UTF-16 .txt (not an error)", "utf16.txt", "Caf\u00e9: Load Shaping System.\n".encode("utf-16"))
    for suffix in ("md", "html"):
        huge = d / f"huge.{suffix}"
        with open(huge, "wb") as fh:
            fh.truncate(4 << 30)
        cases.append((f"very large file (4 GiB .{suffix}, sparse: zero bytes)", huge, "doc"))
    add("deeply nested tables (.docx, 2,000 deep)", "abyss.docx", docx_bytes(body(nested_tables(2000))))
    add("deeply nested tables (.html, 2,000 deep)", "abyss.html",
        ("<table><tr><td>" * 2000 + "x" + "</td></tr></table>" * 2000).encode())
    loops = d / "loops"
    loops.mkdir()
    os.symlink("b.md", loops / "a.md")
    os.symlink("a.md", loops / "b.md")
    os.symlink("..", loops / "up")
    cases.append(("symlink loop in a scanned folder", loops, "doc"))
    locked = add("unreadable file (chmod 000; run as nobody)", "locked.md", b"secret\n")
    locked.chmod(0)
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
        f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]" for i in range(1, 10)]
    add("glossary: YAML alias bomb", "bomb.yaml", ("format: termcheck-glossary/1\nx:\n"
                                                   + "\n".join("  " + x for x in levels) + "\n").encode(), "glossary")
    add("glossary: not a mapping", "list.yaml", b"- a\n- b\n", "glossary")
    line = "  - id: c\n    all: {preferred: Some Term}\n"
    add("glossary: 50 MB", "big.yaml", ("format: termcheck-glossary/1\nconcepts:\n"
                                         + line * (50 * 1024 * 1024 // len(line))).encode(), "glossary")
    return cases


def table() -> None:
    d = Path(tempfile.mkdtemp(prefix="termcheck-hostile-"))
    try:
        d.chmod(0o755)
        gl = d / "g.yaml"
        gl.write_text(ALPHA_BETA_GLOSSARY)
        good = d / "good.md"
        good.write_text(GOOD_TEXT)
        for f in (gl, good):
            f.chmod(0o644)
        print("| case | error shown | exit | other file scanned | time | peak RSS |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, bad, kind in build_cases(d):
            if kind == "glossary":
                argv = ["scan", "-g", str(bad), "--no-config", "--format", "json", str(good)]
            else:
                argv = ["scan", "-g", str(gl), "-V", "beta", "--no-config", "--format", "json", str(good), str(bad)]
            code, out, err, seconds, peak = termcheck(*argv, as_nobody="nobody" in name)
            shown = " / ".join(line.replace(str(d) + "/", "") for line in err.splitlines()
                               if line.strip()) or "(none)"
            try:
                scanned = any(doc["path"] == str(good) for doc in json.loads(out)["documents"])
            except (ValueError, KeyError):
                scanned = False
            note = "yes" if scanned else ("no (a glossary error stops the run)" if kind == "glossary" else "NO")
            peak_text = f"{peak:.0f} MiB" if peak else "-"
            print(f"| {name} | {shown[:300]} | {code} | {note} | {seconds:.1f} s | {peak_text} |", flush=True)
    finally:
        for p in d.rglob("*"):
            if p.is_file() and not p.is_symlink():
                p.chmod(0o644)
        shutil.rmtree(d)


DENSE = ("the plan for Load Shaping System and Wave 2 runs in Tranche 1 with the Data "
         "Integration Platform while participants test their systems each week").split()
# the same text with the deprecated Tranche gone: a finding every few thousand words
LIGHT = [w for w in DENSE if w not in ("Tranche", "1")] + ["the", "plan"]


def write_markdown(path: Path, mib: float, words: list[str]) -> int:
    """A Markdown file of ``mib`` MiB of 80-word paragraphs (a heading and a fenced code
    block every 100 paragraphs), written a paragraph at a time; its word count."""
    rnd = random.Random(1)
    size = count = n = 0
    with open(path, "w") as fh:
        while size < mib * 2**20:
            para = " ".join(rnd.choice(words) for _ in range(80)) + ".\n\n"
            if n % 100 == 0:
                para = f"## Part {n // 100}\n\n```\ncode {n}\n\nmore code\n```\n\n" + para
            fh.write(para)
            size += len(para)
            count += 80
            n += 1
    return count


def text_scan(d: Path, mib: float, words: list[str], kind: str) -> None:
    gl = ROOT / "termcheck" / "data" / "mhhs.yaml"
    big = d / "big.md"
    n_words = write_markdown(big, mib, words)
    code, _, err, seconds, peak = termcheck("scan", "-g", str(gl), "--no-config", "--cache-dir", str(d / "cache"), "--format", "json",
                                            "-o", str(d / "out.json"), str(big))
    findings = 0
    with open(d / "out.json") as fh:  # one finding per line: counted without loading the report
        for line in fh:
            findings += line.startswith('    {"rule"')
    print(f"text ({kind}): {big.stat().st_size / 2**20:.1f} MiB Markdown, {n_words:,} words, {findings:,} findings: "
          f"exit {code}, {seconds:.1f} s, peak {peak:.0f} MiB", flush=True)
    big.unlink()


def measurements(text_mib: list[float], light: bool, text_only: bool) -> None:
    d = Path(tempfile.mkdtemp(prefix="termcheck-large-"))
    try:
        gl = ROOT / "termcheck" / "data" / "mhhs.yaml"
        for mib in text_mib:
            text_scan(d, mib, DENSE, "dense")
            if light:
                text_scan(d, mib, LIGHT, "light")
        if text_only:
            return
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Plan")
        for i in range(50_000):
            sheet.append([f"M{i}", "Load Shaping System ready" if i % 50 == 0 else "Participants test", i, 3.5])
        xlsx = d / "big.xlsx"
        book.save(xlsx)
        code, _, err, seconds, peak = termcheck("scan", "-g", str(gl), "--no-config", "--format", "json",
                                                "-o", str(d / "out.json"), str(xlsx))
        print(f"xlsx: 50,000 rows x 4 columns ({xlsx.stat().st_size / 2**20:.1f} MiB): exit {code}, "
              f"{seconds:.1f} s, peak {peak:.0f} MiB")

        code, _, _, seconds, peak = termcheck("glossary", str(gl))
        print(f"glossary: bundled ({gl.stat().st_size / 1024:.0f} KB): exit {code}, {seconds:.1f} s, "
              f"peak {peak:.0f} MiB")
        limit = d / "limit.yaml"
        parts = ["format: termcheck-glossary/1\ntitle: big\nvocabularies:\n  a: {title: A}\n  b: {title: B}\n"
                 "concepts:\n"]
        size, i = len(parts[0]), 0
        while True:
            item = (f"  - id: c{i}\n    a: {{preferred: Alpha Term {i} Widget}}\n"
                    f"    b: {{preferred: Beta Term {i} Gadget}}\n")
            if size + len(item) > 1.9 * 2**20:
                break
            parts.append(item)
            size += len(item)
            i += 1
        limit.write_text("".join(parts))
        code, _, _, seconds, peak = termcheck("glossary", str(limit))
        print(f"glossary: {i:,} concepts ({size / 2**20:.1f} MiB, just under the 2 MiB limit): exit {code}, "
              f"{seconds:.1f} s, peak {peak:.0f} MiB")
    finally:
        shutil.rmtree(d)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--table", action="store_true", help="the hostile-input table only")
    ap.add_argument("--text-mib", type=float, nargs="+", default=[4.0, 16.0],
                    help="sizes of the large Markdown files (MiB); given, only they are measured")
    ap.add_argument("--light", action="store_true", help="also scan each with few findings")
    args = ap.parse_args()
    text_only = "--text-mib" in sys.argv[1:]
    if not text_only:
        table()
    if not args.table:
        print()
        measurements(args.text_mib, args.light, text_only)


if __name__ == "__main__":
    main()
