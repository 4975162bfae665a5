#!/usr/bin/env python3
"""Latency and memory of `termcheck lsp`, measured through a real LSP client over stdio.

    python benchmarks/bench_lsp.py                 # 20 single edits + 5 typing bursts
    python benchmarks/bench_lsp.py --changes 50 --debounce 50 --transcript

The server is started as `python -m termcheck lsp` with the bundled glossary (no
configuration file: a temporary folder with its own `.git` is the workspace). The client
is pygls's LanguageClient. A Markdown document of about 5,000 words (the sample
`corpora/timetable/programme-update.md` repeated) is opened, then:

* single edits: one line inserted at the top, then wait for its diagnostics; the figure
  is the wall time from sending `didChange` to receiving `publishDiagnostics` for that
  version (debounce included), and the server's own CPU time for the check (from its
  log message);
* typing bursts: ten one-character edits 30 ms apart; the figure is the time from the
  last keystroke to the diagnostics of the last version (earlier versions must be
  coalesced by the debounce, not each checked);
* memory: VmRSS and VmHWM (peak) of the server process from /proc, after the glossary
  is loaded and the document checked, and at the end.

Prints figures; asserts nothing. Needs the `lsp` extra (pygls, lsprotocol).
"""
from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "corpora" / "timetable" / "programme-update.md"


def document(words: int) -> str:
    base = SAMPLE.read_text(encoding="utf-8")
    parts, count, k = [], 0, 0
    while count < words:
        k += 1
        parts.append(base.replace("# ", f"# Part {k}: ", 1))
        count += len(parts[-1].split())
    return "\n\n".join(parts)


def memory(pid: int) -> dict[str, float]:
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def cpu_ms(pid: int) -> float:
    """User + system CPU time of a process so far, in ms."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    import os

    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def run(args) -> int:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient
    from pygls.uris import from_fs_path

    work = Path(tempfile.mkdtemp(prefix="bench-lsp-"))
    (work / ".git").mkdir()
    path = work / "update.md"
    uri = from_fs_path(str(path))
    text = document(args.words)
    client = LanguageClient("bench-lsp", "1")
    queue: asyncio.Queue = asyncio.Queue()
    logs: list[str] = []
    transcript: list[str] = []

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params):
        transcript.append(f"<-- publishDiagnostics v{params.version}: {len(params.diagnostics)} diagnostic(s)")
        queue.put_nowait((time.perf_counter(), params))

    @client.feature(lsp.WINDOW_LOG_MESSAGE)
    def on_log(params):
        logs.append(params.message)

    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "termcheck", "lsp", "--debounce", str(args.debounce),
                          cwd=str(work))
    pid = client._server.pid
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                       root_uri=from_fs_path(str(work))))
    client.initialized(lsp.InitializedParams())
    transcript.append("--> initialize / initialized")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=text)))
    transcript.append(f"--> didOpen update.md ({len(text.split())} words)")
    _, first = await asyncio.wait_for(queue.get(), 120)
    ready = time.perf_counter() - started
    mem_ready = memory(pid)

    version = 1

    async def change(wait: bool):
        nonlocal version
        version += 1
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangePartial(
                range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)),
                text="Tranche\n\n" if wait else "x")]))
        return time.perf_counter()

    async def diagnostics_for(v: int):
        while True:
            received, params = await asyncio.wait_for(queue.get(), 60)
            if params.version == v:
                return received, params

    single, cpu, process = [], [], []
    for _ in range(args.changes):
        before = cpu_ms(pid)
        sent = await change(True)
        transcript.append(f"--> didChange v{version}")
        received, _ = await diagnostics_for(version)
        single.append((received - sent) * 1000)
        await asyncio.sleep(0.15)
        process.append(cpu_ms(pid) - before)
    for line in logs:
        m = re.search(r"check: (\d+) ms CPU", line)
        if m:
            cpu.append(float(m.group(1)))
    cpu = cpu[1:]  # the first check loads the glossary

    bursts, coalesced = [], []
    for _ in range(args.bursts):
        before = len(logs)
        for _ in range(10):
            last = await change(False)
            await asyncio.sleep(0.03)
        received, _ = await diagnostics_for(version)
        bursts.append((received - last) * 1000)
        await asyncio.sleep(0.3)
        coalesced.append(sum("checked" in m for m in logs[before:]))
    mem_end = memory(pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    words = len(text.split())
    print(f"termcheck lsp: {words}-word Markdown document, bundled glossary, debounce {args.debounce} ms")
    print(f"  first diagnostics after start (glossary load + first check): {ready:.2f} s, "
          f"{len(first.diagnostics)} diagnostics")
    print(f"  single edit -> diagnostics (wall, debounce included): median {statistics.median(single):.0f} ms, "
          f"p90 {pct(single, 0.9):.0f} ms, min {min(single):.0f} ms, max {max(single):.0f} ms ({len(single)} edits)")
    if cpu:
        print(f"  server CPU per check (the check alone): median {statistics.median(cpu):.0f} ms, "
              f"max {max(cpu):.0f} ms; whole server process per edit (protocol, JSON, check): median "
              f"{statistics.median(process):.0f} ms")
    if bursts:
        print(f"  typing burst (10 keys, 30 ms apart) -> diagnostics after the last key: median "
              f"{statistics.median(bursts):.0f} ms; diagnostics published per burst: {coalesced}")
    print(f"  server memory: after first check RSS {mem_ready.get('VmRSS', 0):.0f} MB; at end RSS "
          f"{mem_end.get('VmRSS', 0):.0f} MB, peak {mem_end.get('VmHWM', 0):.0f} MB")
    if args.transcript:
        print("transcript (abbreviated):")
        for line in transcript[:12] + (["..."] if len(transcript) > 12 else []):
            print("  " + line)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=5000)
    ap.add_argument("--changes", type=int, default=20)
    ap.add_argument("--bursts", type=int, default=5)
    ap.add_argument("--debounce", type=int, default=25, help="the server's --debounce (ms)")
    ap.add_argument("--transcript", action="store_true", help="print the messages exchanged")
    args = ap.parse_args()
    try:
        import pygls  # noqa: F401
    except ImportError:
        print("bench_lsp: needs pygls and lsprotocol: pip install -e '.[lsp]'", file=sys.stderr)
        return 2
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
