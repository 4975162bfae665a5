"""The termcheck language server (pygls): live diagnostics, quick fixes, hover.

Each open Markdown or text document is checked from the editor's buffer (never from
disk) a moment after it changes (``debounce``); checks run one at a time on a worker
thread, so the server keeps answering while one runs, and only the changed document is
checked. Settings come from the ``termcheck.yaml`` (or ``.termcheck.yaml``,
``pyproject.toml``) found from the document's folder, and are reloaded when the client
reports a change to them (``workspace/didChangeWatchedFiles``) or a check finds them
changed on disk.
"""
from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..errors import ReadError
from ..glossary import Glossary
from . import convert
from .projects import Projects
from .sections import SectionReader

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".md": ".md", ".markdown": ".md", ".txt": ".txt", ".text": ".txt"}
WATCHED = "**/*.{yaml,yml,toml}"  # configuration files and glossaries


@dataclass
class Checked:
    """What the last check of a document left for hover and code actions."""

    version: int | None
    diagnostics: list[lsp.Diagnostic]
    spans: list[convert.TermSpan]
    glossary: Glossary | None
    vocabulary: str | None


def suffix_for(path: Path | None, language_id: str | None) -> str:
    """The reader a buffer is read with: by its file suffix, else its language id
    (``markdown``), else plain text."""
    if path is not None and path.suffix.lower() in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[path.suffix.lower()]
    if language_id and "markdown" in language_id.lower():
        return ".md"
    return ".txt"


class TermcheckServer(LanguageServer):
    def __init__(self, debounce: float = 0.025, projects: Projects | None = None):
        super().__init__("termcheck", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.projects = projects or Projects()
        self.sections = SectionReader()
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="termcheck-check")
        self.shown_problems: dict = {}  # settings file -> the problems shown on it

    # ------------------------------------------------------------------ checking
    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Check ``uri`` after ``delay`` seconds (default: the debounce), replacing a
        check of it that has not started yet."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        delay = self.debounce if delay is None else delay
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        doc = self.workspace.get_text_document(uri)
        text, version, language = doc.source, doc.version, doc.language_id
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        try:
            done = await loop.run_in_executor(self.worker, self._timed, uri, version, text, language)
        except Exception as err:  # a bug of ours: say so in the editor, keep serving
            log.exception("check of %s failed", uri)
            self.window_show_message(lsp.ShowMessageParams(
                type=lsp.MessageType.Error,
                message=f"termcheck could not check {Path(to_fs_path(uri) or uri).name}: "
                        f"{type(err).__name__}: {err}"))
            return
        if done is None:
            return  # the document changed while this check waited for the worker
        checked, problems, cpu = done
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        if uri not in self.workspace.text_documents or self.workspace.get_text_document(uri).version != version:
            return  # closed or changed meanwhile: a newer check is on its way
        checked.version = version
        self.checked[uri] = checked
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=checked.diagnostics))
        ms = (time.perf_counter() - started) * 1000
        self.window_log_message(lsp.LogMessageParams(
            type=lsp.MessageType.Log,
            message=f"termcheck: checked {Path(to_fs_path(uri) or uri).name} v{version}: "
                    f"{len(checked.diagnostics)} finding(s) in {ms:.0f} ms (check: {cpu:.0f} ms CPU)"))
        self.publish_problems(problems)

    def _timed(self, uri: str, version: int | None, text: str, language: str | None):
        """:meth:`analyse` with its CPU time; None when ``version`` is out of date."""
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return None
        cpu = time.thread_time()
        checked, problems = self.analyse(uri, text, language)
        return checked, problems, (time.thread_time() - cpu) * 1000

    def analyse(self, uri: str, text: str, language: str | None):
        """Check one buffer (on the worker thread): a :class:`Checked` and the current
        settings problems."""
        fs = to_fs_path(uri) if uri.startswith("file:") else None
        path = Path(fs) if fs else None
        ctx = self.projects.context_for(path)
        lines = convert.Lines(text, self.encoding)
        problems = self.projects.problems()
        if ctx.scanner is None:
            return Checked(None, [], [], None, None), problems
        if path is not None and ctx.config is not None and not ctx.config.wanted(path):
            # the configuration's exclude/include leave it out, as they would for `scan FILE`
            return Checked(None, [], [], None, None), problems
        vocabulary, reason = ctx.vocabulary_for(path)
        label = str(path) if path else uri
        suffix = suffix_for(path, language)
        try:
            if suffix == ".md":  # section by section: an edit re-parses its own section only
                result = ctx.scanner.check_blocks(label, self.sections.blocks(text), vocabulary, reason,
                                                  keep_document=True)
            else:
                result = ctx.scanner.check_source(text, suffix, label, vocabulary, reason, keep_document=True)
        except ReadError as err:
            d = lsp.Diagnostic(range=lsp.Range(start=lsp.Position(line=0, character=0),
                                               end=lsp.Position(line=0, character=0)),
                               message=str(err), severity=lsp.DiagnosticSeverity.Error,
                               source=convert.SOURCE, code="unreadable")
            return Checked(None, [d], [], ctx.glossary, None), problems
        diagnostics = [convert.diagnostic(f, lines) for f in result.findings]
        spans = convert.term_spans(result.document)
        return Checked(None, diagnostics, spans, ctx.glossary, result.vocabulary), problems

    def publish_problems(self, problems) -> None:
        """One diagnostic on each broken settings file; clear those that were fixed.
        Nothing is sent when nothing changed."""
        for path, items in problems.items():
            if self.shown_problems.get(path) != items:
                first = items[0]
                self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                    uri=from_fs_path(str(path)), diagnostics=[convert.problem_diagnostic(
                        first.line, first.column, first.message, len(items) - 1, first.consequence)]))
        for path in set(self.shown_problems) - set(problems):
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                uri=from_fs_path(str(path)), diagnostics=[]))
        self.shown_problems = dict(problems)

    async def settings_changed(self, paths: list[Path]) -> None:
        loop = asyncio.get_running_loop()
        relevant = await loop.run_in_executor(self.worker, self.projects.files_changed, paths)
        if relevant:
            self.publish_problems(await loop.run_in_executor(self.worker, self.projects.problems))
            for uri in list(self.workspace.text_documents):
                self.schedule(uri, 0)


def build(debounce: float = 0.025) -> TermcheckServer:
    server = TermcheckServer(debounce)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: TermcheckServer, params: lsp.InitializedParams):
        caps = ls.client_capabilities.workspace
        watch = caps.did_change_watched_files if caps else None
        if watch and watch.dynamic_registration:
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="termcheck-settings", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[lsp.FileSystemWatcher(glob_pattern=WATCHED)]))]))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TermcheckServer, params: lsp.DidOpenTextDocumentParams):
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TermcheckServer, params: lsp.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: TermcheckServer, params: lsp.DidSaveTextDocumentParams):
        fs = to_fs_path(params.text_document.uri)
        if fs and Path(fs).suffix.lower() in (".yaml", ".yml", ".toml"):
            await ls.settings_changed([Path(fs)])

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TermcheckServer, params: lsp.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: TermcheckServer, params: lsp.DidChangeWatchedFilesParams):
        paths = [Path(p) for p in (to_fs_path(c.uri) for c in params.changes) if p]
        await ls.settings_changed(paths)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls: TermcheckServer, params: lsp.CodeActionParams):
        uri = params.text_document.uri
        lines = convert.Lines(ls.workspace.get_text_document(uri).source, ls.encoding)
        ours = ls.checked.get(uri)
        diagnostics = []
        for d in params.context.diagnostics:
            if d.source == convert.SOURCE and not isinstance(d.data, dict) and ours:
                # a client that does not hand ``data`` back: find the diagnostic we sent
                d = next((o for o in ours.diagnostics if o.range == d.range and o.code == d.code), d)
            diagnostics.append(d)
        return convert.code_actions(uri, diagnostics, lines)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: TermcheckServer, params: lsp.HoverParams):
        uri = params.text_document.uri
        ours = ls.checked.get(uri)
        if ours is None or ours.glossary is None:
            return None
        lines = convert.Lines(ls.workspace.get_text_document(uri).source, ls.encoding)
        return convert.hover(ours.spans, ours.glossary, lines.point(params.position), lines, ours.vocabulary)

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: TermcheckServer, *args):
        for task in ls.pending.values():
            task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server
