#!/usr/bin/env python3
"""termcheck side by side with its peers, on the same generated files, in one run.

    python benchmarks/bench_peers.py                       # 0.5M words
    python benchmarks/bench_peers.py --words 500000 5000000
    python benchmarks/bench_peers.py --before /path/to/an/older/checkout   # adds its rows

1. Corpus. A Markdown folder is generated from the glossary (benchmarks/bench_scan.py's
   seeded generator: the documents' own terms, the other vocabulary's terms, deprecated
   forms, misspellings, defined unknown terms, ordinary prose), ~5,000 words a file. The
   same documents are also written as Word files with python-docx (headings, paragraphs,
   tables; python-docx rather than LibreOffice, because converting a thousand files would
   take longer than the benchmark), plus one 40,000-word (~100-page) Word document.
   Everything goes to benchmarks/data/ (gitignored) and is reused while its manifest fits.
2. Peers, installed into benchmarks/data/peers/ (reused; --reinstall to redo it):
   - textlint with textlint-rule-prh from npm; the glossary is converted to prh rules
     (each deprecated form -> its vocabulary's preferred term);
   - codespell from PyPI in its own virtual environment, with a dictionary made of the
     glossary's single-word rules (deprecated single words -> preferred term) instead of
     its own. Neither peer reads Word files, so they run on the Markdown folder only.
3. Runs. Each tool is a child process timed on its own: wall time, CPU time (user +
   system, which a busy shared machine disturbs less than wall time), peak RSS (from
   wait4) and its number of findings. termcheck runs with all rules: --jobs 1 and
   --jobs 2 without the cache, a cold run into an empty cache and the rescan of the
   unchanged folder. words/s is the Markdown generator's word count over wall time;
   "÷textlint" and "÷codespell" compare termcheck's words/s with each peer's.

A plain script, not part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import bench_scan  # noqa: E402  (the Markdown generator)

DATA = HERE / "data"
GLOSSARY = ROOT / "termcheck" / "data" / "mhhs.yaml"


# ------------------------------------------------------------------ corpus

def markdown_corpus(words: int, seed: int) -> tuple[Path, dict]:
    folder = DATA / f"peers-md-{words}"
    return folder, bench_scan.generate(folder, words, 5_000, seed, GLOSSARY, False)


def _docx_from_markdown(md: str, out: Path) -> None:
    import docx

    document = docx.Document()
    for block in md.split("\n\n"):
        block = block.strip("\n")
        if not block:
            continue
        if block.startswith("#"):
            level = len(block) - len(block.lstrip("#"))
            document.add_heading(block.lstrip("#").strip(), level=min(level, 3))
        elif block.startswith("|"):
            rows = [[c.strip() for c in line.strip("|").split("|")] for line in block.splitlines()
                    if not set(line) <= set("|- ")]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif block.startswith("```"):
            for line in block.splitlines()[1:-1]:
                document.add_paragraph(line, style="No Spacing")
        elif block.startswith("- "):
            for item in re.split(r"\n(?=- )", block):
                document.add_paragraph(" ".join(item[2:].split()), style="List Bullet")
        else:
            document.add_paragraph(" ".join(block.split()))
    tmp = out.with_suffix(".tmp")
    document.save(tmp)
    os.replace(tmp, out)


def word_corpus(md_folder: Path, manifest: dict) -> Path:
    """The Markdown folder's documents as Word files (one each), reused when complete."""
    folder = DATA / f"peers-docx-{manifest['words_requested']}"
    stamp = folder / "manifest.json"
    if stamp.is_file() and json.loads(stamp.read_text()) == manifest:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    t0 = time.perf_counter()
    for md in sorted(md_folder.rglob("*.md")):
        out = folder / md.relative_to(md_folder).with_suffix(".docx")
        out.parent.mkdir(parents=True, exist_ok=True)
        _docx_from_markdown(md.read_text(encoding="utf-8"), out)
    stamp.write_text(json.dumps(manifest))
    print(f"wrote {manifest['files']} Word files in {folder} ({time.perf_counter() - t0:.0f} s)", flush=True)
    return folder


def long_word_document(seed: int) -> tuple[Path, int]:
    """One ~40,000-word Word document (about 100 pages)."""
    out = DATA / "peers-40k-words.docx"
    terms = bench_scan.Terms(GLOSSARY)
    rnd = random.Random(seed)
    md = bench_scan.DocGen(rnd, terms, terms.vocabs[0]).document(40_000, 1)
    words = bench_scan.count_words(md)
    if not out.is_file():
        _docx_from_markdown(md, out)
    return out, words


# ------------------------------------------------------------------ peers

def install_peers(folder: Path, reinstall: bool) -> dict[str, list[str] | None]:
    folder.mkdir(parents=True, exist_ok=True)
    tools: dict[str, list[str] | None] = {}
    textlint = folder / "node" / "node_modules" / ".bin" / "textlint"
    if reinstall or not textlint.exists():
        npm = shutil.which("npm")
        if npm:
            print("installing textlint and textlint-rule-prh from npm ...", flush=True)
            subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                            str(folder / "node"), "textlint", "textlint-rule-prh"], check=False)
    tools["textlint"] = [str(textlint)] if textlint.exists() else None
    codespell = folder / "venv" / "bin" / "codespell"
    if reinstall or not codespell.exists():
        print("installing codespell from PyPI ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(folder / "venv")], check=False)
        subprocess.run([str(folder / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", "codespell"],
                       check=False)
    tools["codespell"] = [str(codespell)] if codespell.exists() else None
    return tools


def peer_rules(folder: Path, vocabulary: str) -> tuple[Path, Path, int, int]:
    """prh rules and a codespell dictionary from the glossary, as a team writing in
    ``vocabulary`` would make them: every other form of a concept (the other vocabulary's
    terms, deprecated forms) -> the concept's preferred term in ``vocabulary``. Acronyms
    are left out (a dictionary cannot tell a defined acronym from an undefined one), and
    so is a pattern found inside its own replacement."""
    sys.path.insert(0, str(ROOT))
    from termcheck.glossary import ALL, load_glossaries

    glossary = load_glossaries([GLOSSARY])
    prh: dict[str, list[str]] = {}
    single: dict[str, str] = {}
    for concept in glossary.concepts.values():
        own = concept.terms_in(vocabulary)
        if own is None:
            continue
        expected = own.preferred.text
        accepted = {f.text for v, t in concept.terms.items() if v in (vocabulary, ALL)
                    for f in t.forms() if f.kind != "deprecated"}
        for form in concept.forms():
            if form.kind == "acronym" or form.text in accepted or form.text in expected:
                continue
            if form.text not in prh.setdefault(expected, []):
                prh[expected].append(form.text)
            if re.fullmatch(r"[A-Za-z][A-Za-z'-]*", form.text):
                single.setdefault(form.text.lower(), expected)
    lines = ["version: 1", "rules:"]
    for expected, patterns in prh.items():
        if not patterns:
            continue
        lines.append(f"  - expected: {json.dumps(expected)}")
        lines.append("    patterns:")
        lines += [f"      - {json.dumps(p)}" for p in patterns]
    prh_file = folder / "prh.yml"
    prh_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(prh_file)]}}}))
    dictionary = folder / "codespell-dictionary.txt"
    dictionary.write_text("".join(f"{w}->{fix}\n" for w, fix in sorted(single.items())), encoding="utf-8")
    return prh_file, dictionary, sum(len(p) for p in prh.values()), len(single)


# ------------------------------------------------------------------ running

TIME_BIN = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None  # GNU time, for peak RSS

def run(cmd: list[str], out: Path, env: dict | None = None, timeout: float = 7200,
        cwd: Path = ROOT) -> dict:
    """One child, run in ``cwd``: wall s, CPU s (user + system), peak RSS MB, exit code.

    Peak RSS comes from GNU time where it is installed: a child forked from this script
    starts with this script's own peak (its resident pages at the fork count towards the
    child's high-water mark), which for the 5M-word corpus is larger than a small tool's
    whole run; GNU time's children are forked from GNU time."""
    rss_file = out.with_suffix(".rss")
    if TIME_BIN:
        cmd = [TIME_BIN, "-f", "%M", "-o", str(rss_file), *cmd]
    with open(out, "wb") as stdout, open(out.with_suffix(".err"), "wb") as stderr:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, cwd=str(cwd),
                                env=env or os.environ.copy())
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > timeout:
                os.kill(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    # wait4 gives the usage of the child and of the children it reaped (--jobs workers):
    # CPU time is their sum, peak RSS the largest of them
    rss_kb = usage.ru_maxrss
    if TIME_BIN:
        try:
            rss_kb = int(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": rss_kb / 1024,
            "code": proc.returncode}


def termcheck_findings(out: Path) -> int | None:
    try:
        return json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"]
    except (OSError, ValueError, KeyError):
        return None


def textlint_findings(out: Path) -> int | None:
    try:
        return sum(len(f["messages"]) for f in json.loads(out.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def codespell_findings(out: Path) -> int:
    return sum(1 for line in out.read_text(encoding="utf-8", errors="replace").splitlines() if "==>" in line)


def best(cmd, out, repeat, env=None, cwd: Path = ROOT) -> dict:
    runs = [run(cmd, out, env, cwd=cwd) for _ in range(repeat)]
    return min(runs, key=lambda r: r["wall"])


def table(rows: list[dict]) -> str:
    """The Markdown table of a run. Ratios are termcheck's words/s over the peer's on the
    same corpus, by wall time and by CPU time (the fairer one on a busy machine)."""
    out = ["| tool | corpus | wall s | CPU s | words/s | words/CPU-s | ÷textlint (wall, CPU) | "
           "÷codespell (wall, CPU) | peak RSS MB | findings |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        r.setdefault("cps", r["words"] / r["cpu"] if r["cpu"] else 0)
    for r in rows:
        ratios = []
        for p in ("textlint", "codespell"):
            peer = next((x for x in rows if x["tool"].startswith(p) and x["corpus"] == r["corpus"]), None)
            ratios.append("" if r["tool"].startswith(("textlint", "codespell")) or not peer else
                          f"{r['wps'] / peer['wps']:.2f}×, {r['cps'] / peer['cps']:.2f}×")
        out.append(f"| {r['tool']} | {r['corpus']} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['wps']:,.0f} | "
                   f"{r['cps']:,.0f} | {ratios[0]} | {ratios[1]} | {r['rss_mb']:.0f} | {r['findings']} |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, nargs="+", default=[500_000], help="corpus sizes (default 500000)")
    ap.add_argument("--seed", type=int, default=20250601)
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement (the fastest is shown)")
    ap.add_argument("--before", type=Path, help="an older termcheck checkout to time beside this one")
    ap.add_argument("--rows", default="before,j1,j2,cache,textlint,codespell,word",
                    help="which measurements to make (default: all of before,j1,j2,cache,textlint,"
                         "codespell,word; 'before' needs --before)")
    ap.add_argument("--reinstall", action="store_true", help="install the peers again")
    ap.add_argument("--peer-vocabulary", default="strategy",
                    help="the vocabulary the peers' rules correct towards (default strategy)")
    ap.add_argument("--json", type=Path, help="also write every row to this JSON file")
    ap.add_argument("--table", type=Path, nargs="+", help="only print the table of runs saved with --json")
    args = ap.parse_args(argv)
    if args.table:
        print(table([r for path in args.table for r in json.loads(path.read_text())]))
        return 0
    want = set(args.rows.split(","))

    work = DATA / "peers"
    work.mkdir(parents=True, exist_ok=True)
    tools = install_peers(work, args.reinstall)
    _, dictionary, n_prh, n_single = peer_rules(work, args.peer_vocabulary)
    print(f"prh rules: {n_prh} patterns; codespell dictionary: {n_single} single-word rules", flush=True)
    cache = work / "cache"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # as an installed package is: byte-compiled once (pip does it on install), so that no
    # run pays for compiling termcheck's source, even with PYTHONDONTWRITEBYTECODE set
    for checkout in [ROOT] + ([args.before] if args.before else []):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "termcheck")],
                       check=True, stdout=subprocess.DEVNULL,
                       env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    tc = [sys.executable, "-m", "termcheck", "scan", "--format", "json", "--fail-on", "never", "--no-progress",
          "--no-config", "-g", str(GLOSSARY)]
    rows = []

    def row(tool, corpus, words, res, findings):
        res = dict(res, tool=tool, corpus=corpus, words=words, findings=findings,
                   wps=words / res["wall"] if res["wall"] else 0)
        rows.append(res)
        print(f"  {tool:34} {corpus:14} {res['wall']:8.2f} s wall {res['cpu']:8.2f} s cpu "
              f"{res['wps']:>10,.0f} words/s {res['rss_mb']:7.0f} MB  {findings} findings", flush=True)

    out = work / "out.txt"
    for words in args.words:
        md, manifest = markdown_corpus(words, args.seed)
        n = manifest["words"]
        label = f"md {n / 1e6:.1f}M"
        print(f"\n{label}: {manifest['files']} Markdown files, {n:,} words", flush=True)
        if args.before and "before" in want:
            before_env = dict(os.environ, PYTHONPATH=str(args.before))
            cmd = [sys.executable, "-m", "termcheck", "scan", "--format", "json", "--fail-on", "never",
                   "--no-progress", "--no-config", "-g", str(GLOSSARY), str(md)]
            if (args.before / "termcheck" / "scancache.py").is_file():
                cmd[4:4] = ["--no-cache", "--jobs", "1"]  # an older checkout with a scan cache: bypass it
            # run from the older checkout: `python -m` puts the working folder first on the
            # path, ahead of PYTHONPATH, so from this checkout it would time this code
            res = best(cmd, out, args.repeat, before_env, cwd=args.before.resolve())
            row("termcheck before, all rules", label, n, res, termcheck_findings(out))
        if "j1" in want:
            res = best(tc + ["--no-cache", "--jobs", "1", str(md)], out, args.repeat, env)
            row("termcheck, all rules, --jobs 1", label, n, res, termcheck_findings(out))
        if "j2" in want:
            res = best(tc + ["--no-cache", "--jobs", "2", str(md)], out, args.repeat, env)
            row("termcheck, all rules, --jobs 2", label, n, res, termcheck_findings(out))
        if "cache" in want:
            shutil.rmtree(cache, ignore_errors=True)
            res = run(tc + ["--cache-dir", str(cache), "--jobs", "2", str(md)], out, env)
            row("termcheck, cold cache, --jobs 2", label, n, res, termcheck_findings(out))
            res = best(tc + ["--cache-dir", str(cache), "--jobs", "2", str(md)], out, args.repeat, env)
            row("termcheck, rescan (cached)", label, n, res, termcheck_findings(out))
        if tools["textlint"] and "textlint" in want:
            res = best(tools["textlint"] + ["--config", str(work / ".textlintrc.json"), "--format", "json",
                                            "--no-color", str(md)], out, args.repeat)
            row("textlint + textlint-rule-prh", label, n, res, textlint_findings(out))
        if tools["codespell"] and "codespell" in want:
            res = best(tools["codespell"] + ["-D", str(dictionary), str(md)], out, args.repeat)
            row("codespell (single-word rules)", label, n, res, codespell_findings(out))
        if "word" in want:
            docx_folder = word_corpus(md, manifest)
            wlabel = f"docx {n / 1e6:.1f}M"
            res = best(tc + ["--no-cache", "--jobs", "1", str(docx_folder)], out, args.repeat, env)
            row("termcheck, all rules, --jobs 1", wlabel, n, res, termcheck_findings(out))
            res = best(tc + ["--no-cache", "--jobs", "2", str(docx_folder)], out, args.repeat, env)
            row("termcheck, all rules, --jobs 2", wlabel, n, res, termcheck_findings(out))

    if "word" in want:
        doc, n = long_word_document(args.seed)
        print(f"\none Word document of {n:,} words", flush=True)
        for _ in range(1):
            res = best(tc + ["--no-cache", "--jobs", "1", str(doc)], out, max(args.repeat, 3), env)
            row("termcheck, all rules", "docx 40k, 1 file", n, res, termcheck_findings(out))

    print()
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
