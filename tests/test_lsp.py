"""End-to-end tests of ``termcheck lsp``: the real server, started as a subprocess, driven
over stdio by pygls's real LSP client.

The transcript of messages exchanged and the latency of diagnostics after a change are
printed to the test output (they are not asserted against a time limit here: see
benchmarks/bench_lsp.py).
"""
from __future__ import annotations

import asyncio
import json
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")
from lsprotocol import types as lsp  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

from helpers import ALPHA_BETA_GLOSSARY  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60  # seconds to wait for one notification (the first check loads the glossary)


class Session:
    """A client connected to a server subprocess, recording what goes each way."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.client = LanguageClient("termcheck-test", "1")
        self.diagnostics: dict[str, asyncio.Queue] = {}
        self.logs: list[str] = []
        self.registrations: list[lsp.Registration] = []
        self.transcript: list[str] = []
        c = self.client

        @c.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams):
            self.queue(params.uri).put_nowait((time.perf_counter(), params))

        @c.feature(lsp.WINDOW_LOG_MESSAGE)
        def on_log(params: lsp.LogMessageParams):
            self.logs.append(params.message)

        @c.feature(lsp.CLIENT_REGISTER_CAPABILITY)
        def on_register(params: lsp.RegistrationParams):
            self.registrations.extend(params.registrations)
            return None

        send, handle = c.protocol._send_data, c.protocol.handle_message

        def record_send(data):
            self.transcript.append("--> " + _summary(c.protocol._serialize_message(data)))
            return send(data)

        def record_receive(message):
            self.transcript.append("<-- " + _summary(c.protocol._serialize_message(message)))
            return handle(message)

        c.protocol._send_data = record_send
        c.protocol.handle_message = record_receive

    def queue(self, uri: str) -> asyncio.Queue:
        return self.diagnostics.setdefault(uri, asyncio.Queue())

    async def start(self):
        await self.client.start_io(sys.executable, "-m", "termcheck", "lsp", cwd=str(self.cwd))
        caps = lsp.ClientCapabilities(
            workspace=lsp.WorkspaceClientCapabilities(
                did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)),
            text_document=lsp.TextDocumentClientCapabilities(
                publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(data_support=True)))
        return await self.client.initialize_async(lsp.InitializeParams(
            capabilities=caps, root_uri=from_fs_path(str(self.cwd)), process_id=None))

    async def next_diagnostics(self, uri: str) -> list[lsp.Diagnostic]:
        _, params = await asyncio.wait_for(self.queue(uri).get(), TIMEOUT)
        return list(params.diagnostics)

    async def stop(self):
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def _summary(msg: dict) -> str:
    """One abbreviated line for a JSON-RPC message."""
    if "method" in msg:
        text = f"{msg['method']}" + (f" #{msg['id']}" if "id" in msg else "")
        params = msg.get("params") or {}
        if msg["method"] == "textDocument/publishDiagnostics":
            names = [f"{d.get('code')}@{d['range']['start']['line']}:{d['range']['start']['character']}"
                     for d in params.get("diagnostics", [])]
            text += f" {Path(params['uri']).name}: [{', '.join(names)}]"
        elif "textDocument" in params:
            text += f" {Path(params['textDocument']['uri']).name}"
            if "range" in params:
                r = params["range"]["start"]
                text += f" @{r['line']}:{r['character']}"
            if "position" in params:
                text += f" @{params['position']['line']}:{params['position']['character']}"
        elif "changes" in params:
            text += " " + ", ".join(f"{Path(c['uri']).name} ({c['type']})" for c in params["changes"])
        elif "message" in params:
            text += f" {params['message'][:90]!r}"
        return text
    result = msg.get("result")
    if isinstance(result, list):
        body = "[" + ", ".join(r.get("title", "?") for r in result if isinstance(r, dict)) + "]"
    elif isinstance(result, dict) and "capabilities" in result:
        body = "capabilities: " + ", ".join(k for k in sorted(result["capabilities"]))
    elif isinstance(result, dict) and "contents" in result:
        body = "hover: " + result["contents"]["value"].splitlines()[0]
    else:
        body = json.dumps(result)[:80]
    return f"result #{msg.get('id')} {body}" if "error" not in msg else f"error #{msg.get('id')} {msg['error']}"


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions; the test texts are ASCII) to ``text``."""
    lines = text.split("\n")

    def offset(pos: lsp.Position) -> int:
        return sum(len(l) + 1 for l in lines[:pos.line]) + pos.character

    for e in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[:offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text


def _print(capsys, title: str, lines: list[str]) -> None:
    with capsys.disabled():
        print(f"\n--- {title} ---")
        for line in lines:
            print(line)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the configuration search stops here
    (tmp_path / "glossary.yaml").write_text(ALPHA_BETA_GLOSSARY, encoding="utf-8")
    (tmp_path / "termcheck.yaml").write_text("glossaries: [glossary.yaml]\nvocabulary: alpha\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    return tmp_path


DOC = textwrap.dedent("""\
    # Plan

    The Load Shaping Service starts in Tranche 1.

    Pre-Integration Testing ends first.
    """)


def test_diagnostics_fixes_hover_and_settings_over_stdio(project: Path, capsys):
    doc_path = project / "docs" / "plan.md"
    doc_path.write_text("nothing on disk is read\n", encoding="utf-8")  # the buffer is what counts
    uri = from_fs_path(str(doc_path))

    async def run():
        s = Session(project)
        init = await s.start()
        caps = init.capabilities
        assert caps.hover_provider and caps.code_action_provider
        s.client.initialized(lsp.InitializedParams())
        text = DOC
        s.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
        diags = await s.next_diagnostics(uri)
        by_code = {d.code: d for d in diags}
        assert set(by_code) == {"vocabulary-mismatch", "deprecated-term"}, diags
        mismatch = by_code["vocabulary-mismatch"]
        # the exact range of the text found: line 3 (0-based 2), "Load Shaping Service"
        assert mismatch.range == lsp.Range(start=lsp.Position(line=2, character=4),
                                           end=lsp.Position(line=2, character=24))
        assert mismatch.severity == lsp.DiagnosticSeverity.Error and mismatch.source == "termcheck"
        assert mismatch.data["suggestions"] == ["Load Shaping System"]
        assert by_code["deprecated-term"].data["suggestions"] == ["Wave"]
        assert lsp.DiagnosticTag.Deprecated in by_code["deprecated-term"].tags
        assert s.registrations and s.registrations[0].method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES

        # hover on the term shows its concept
        hov = await s.client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=2, character=10)))
        assert hov is not None and "`lss`" in hov.contents.value
        assert "Load Shaping System" in hov.contents.value and "status: agreed" in hov.contents.value
        assert hov.range == mismatch.range

        # quick fix: replace with the suggestion; the diagnostic disappears
        actions = await s.client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=mismatch.range,
            context=lsp.CodeActionContext(diagnostics=[mismatch])))
        titles = [a.title for a in actions]
        assert titles == ["Replace with 'Load Shaping System'", "Ignore vocabulary-mismatch on this line"]
        edits = actions[0].edit.changes[uri]
        text = apply_edits(text, edits)
        assert "The Load Shaping System starts in Tranche 1." in text
        s.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in edits]))
        diags = await s.next_diagnostics(uri)
        assert [d.code for d in diags] == ["deprecated-term"]

        # "ignore on this line" inserts the suppression comment; that finding goes too
        deprecated = diags[0]
        actions = await s.client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=deprecated.range,
            context=lsp.CodeActionContext(diagnostics=[deprecated])))
        ignore = next(a for a in actions if a.title.startswith("Ignore"))
        edits = ignore.edit.changes[uri]
        text = apply_edits(text, edits)
        assert "Tranche 1. <!-- termcheck: ignore deprecated-term -->" in text
        s.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        assert await s.next_diagnostics(uri) == []

        # the configuration changes on disk: the document is now read as beta
        (project / "termcheck.yaml").write_text("glossaries: [glossary.yaml]\nvocabulary: beta\n", encoding="utf-8")
        s.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(
            uri=from_fs_path(str(project / "termcheck.yaml")), type=lsp.FileChangeType.Changed)]))
        diags = await s.next_diagnostics(uri)
        assert [(d.code, d.data["suggestions"]) for d in diags] == [("vocabulary-mismatch", ["Load Shaping Service"])]

        # a broken glossary: one diagnostic on the glossary file; the last good one stays in use
        gloss = project / "glossary.yaml"
        gloss_uri = from_fs_path(str(gloss))
        gloss.write_text(ALPHA_BETA_GLOSSARY.replace(
            "  - id: wave\n", "  - id: wave\n    bogus: 1\n    broader: [nowhere]\n"), encoding="utf-8")
        s.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(
            uri=gloss_uri, type=lsp.FileChangeType.Changed)]))
        problems = await s.next_diagnostics(gloss_uri)
        assert len(problems) == 1 and problems[0].severity == lsp.DiagnosticSeverity.Error
        assert problems[0].range.start == lsp.Position(line=10, character=4)  # 11:5, the first problem
        assert "'bogus'" in problems[0].message and "(and 1 more problem)" in problems[0].message
        assert problems[0].message.endswith("the last glossary that loaded stays in use")
        diags = await s.next_diagnostics(uri)
        assert [d.code for d in diags] == ["vocabulary-mismatch"]  # still checked, with the old glossary
        gloss.write_text(ALPHA_BETA_GLOSSARY, encoding="utf-8")
        s.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(
            uri=gloss_uri, type=lsp.FileChangeType.Changed)]))
        assert await s.next_diagnostics(gloss_uri) == []
        await s.stop()
        return s

    s = asyncio.run(run())
    _print(capsys, "LSP transcript (client --> server, <-- server)", s.transcript)


def five_thousand_words() -> str:
    base = (ROOT / "corpora" / "timetable" / "programme-update.md").read_text(encoding="utf-8")
    parts, words, k = [], 0, 0
    while words < 5000:
        k += 1
        parts.append(base.replace("# ", f"# Part {k}: ", 1))
        words += len(parts[-1].split())
    return "\n\n".join(parts)


def test_latency_of_diagnostics_on_a_5000_word_document(tmp_path: Path, capsys):
    """Bundled glossary; the time from sending a change to receiving its diagnostics is
    printed (the figure the issue asks for), and the diagnostics must follow the edit."""
    (tmp_path / ".git").mkdir()
    doc = tmp_path / "update.md"
    uri = from_fs_path(str(doc))
    text = five_thousand_words()

    async def run():
        s = Session(tmp_path)
        await s.start()
        s.client.initialized(lsp.InitializedParams())
        s.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
        first = await s.next_diagnostics(uri)
        assert len(first) > 20
        latencies = []
        for version in range(2, 12):
            # insert a deprecated term at the top: one more finding each time
            change = lsp.TextDocumentContentChangePartial(
                range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)),
                text="Tranche\n\n")
            sent = time.perf_counter()
            s.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change]))
            received, params = await asyncio.wait_for(s.queue(uri).get(), TIMEOUT)
            assert params.version == version
            assert sum(d.code == "deprecated-term" and d.range.start.line < 2 * (version - 1)
                       for d in params.diagnostics) == version - 1
            latencies.append((received - sent) * 1000)
            await asyncio.sleep(0.2)
        await s.stop()
        return s, latencies

    s, latencies = asyncio.run(run())
    words = len(text.split())
    latencies.sort()
    _print(capsys, "LSP latency", [
        f"diagnostics after a change, {words}-word Markdown document, bundled glossary, 25 ms debounce: "
        f"median {latencies[len(latencies) // 2]:.0f} ms, min {latencies[0]:.0f} ms, max {latencies[-1]:.0f} ms "
        f"over {len(latencies)} changes",
        *[m for m in s.logs if "checked" in m][-3:]])


def test_lsp_command_without_pygls_says_how_to_install(tmp_path: Path):
    import subprocess

    code = ("import sys, builtins\n"
            "real = builtins.__import__\n"
            "def fake(name, *a, **k):\n"
            "    if name.startswith(('pygls', 'lsprotocol')): raise ImportError('No module named ' + name)\n"
            "    return real(name, *a, **k)\n"
            "builtins.__import__ = fake\n"
            "from termcheck.cli import main\n"
            "sys.exit(main(['lsp']))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert proc.returncode == 2
    assert "pip install 'termcheck[lsp]'" in proc.stderr


def test_other_commands_do_not_import_pygls():
    import subprocess

    code = ("import sys\nfrom termcheck.cli import main\nmain(['rules'])\n"
            "print('pygls' in sys.modules, 'lsprotocol' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "False False"


def test_tcp_transport_and_an_unsaved_plain_text_buffer(tmp_path: Path):
    import socket
    import subprocess

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "termcheck", "lsp", "--tcp", str(port)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    async def run():
        client = LanguageClient("termcheck-test", "1")
        got: asyncio.Queue = asyncio.Queue()
        client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(lambda params: got.put_nowait(params))
        client.feature(lsp.WINDOW_LOG_MESSAGE)(lambda params: None)
        for _ in range(100):  # until the server listens
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                await asyncio.sleep(0.2)
        await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities()))
        client.initialized(lsp.InitializedParams())
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
            uri="untitled:Untitled-1", language_id="plaintext", version=1, text="The Tranche starts.\n")))
        params = await asyncio.wait_for(got.get(), TIMEOUT)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return params

    try:
        params = asyncio.run(run())
        assert [(d.code, d.range.start.character, d.range.end.character) for d in params.diagnostics] == \
            [("deprecated-term", 4, 11)]
        assert proc.wait(timeout=30) == 0
        assert b"Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
