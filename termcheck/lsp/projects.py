"""Which configuration, glossary and scanner serve a document, kept warm between edits.

No editor protocol here (the server module speaks LSP): a :class:`Projects` finds the
configuration of a document's folder as ``termcheck scan`` would from there
(:func:`termcheck.config.discover`), loads the glossaries it names and builds one
:class:`~termcheck.engine.Scanner` per configuration. A glossary that stops loading
does not take the server down: its problems are kept (the server shows them on the
glossary file) and the last glossary that loaded stays in service. A broken
configuration file is handled the same way.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import config as cfg
from ..errors import ConfigError, GlossaryError
from ..glossary import Glossary, load_glossaries


def bundled_glossary() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "mhhs.yaml"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a settings file, with where (1-based line and column)."""

    path: Path
    line: int
    column: int
    message: str
    consequence: str = ""  # what the server does meanwhile


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _problem(text: str, files: list[Path], fallback: Path) -> Problem:
    """A ``file:line:col: message`` line as a :class:`Problem` on one of ``files``."""
    for path in files:
        for label in (str(path), cfg.display_path(path)):
            if text.startswith(label + ":"):
                rest = text[len(label) + 1:]
                numbers = []
                while rest[:1].isdigit():
                    digits = len(rest) - len(rest.lstrip("0123456789"))
                    numbers.append(int(rest[:digits]))
                    rest = rest[digits:]
                    if rest.startswith(":"):
                        rest = rest[1:]
                line = numbers[0] if numbers else 1
                column = numbers[1] if len(numbers) > 1 else 1
                return Problem(path, line, column, rest.strip())
    return Problem(fallback, 1, 1, text)


@dataclass
class Context:
    """What the documents under one configuration file (or none) share."""

    config_path: Path | None
    folder: Path  # where a document with no configuration stands (its root)
    config: cfg.Config | None = None
    glossary: Glossary | None = None
    glossary_key: tuple = ()
    scanner: object | None = None  # termcheck.engine.Scanner
    scanner_key: tuple = ()
    stamps: dict[Path, tuple[int, int] | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def files(self) -> list[Path]:
        """The settings files this context was read from."""
        return list(self.stamps)

    def stale(self) -> bool:
        return any(_stamp(p) != s for p, s in self.stamps.items())

    def vocabulary_for(self, path: Path | None) -> tuple[str | None, str]:
        """The configured vocabulary of a document, or (None, "") to detect it (also
        when the configuration names one the glossary does not have)."""
        if self.config is None or path is None:
            return None, ""
        name, reason = self.config.vocabulary_for(path) or (None, "")
        if name is not None and self.glossary is not None and name not in self.glossary.vocabularies:
            return None, ""
        return name, reason


class Projects:
    """The contexts of every document the editor has opened, by configuration file."""

    def __init__(self, bundled: Path | None = None):
        self.bundled = bundled or bundled_glossary()
        self._found: dict[Path, Path | None] = {}  # folder -> its configuration file
        self._contexts: dict[Path | None, Context] = {}
        self._glossaries: dict[tuple, Glossary] = {}

    # ------------------------------------------------------------------ lookup
    def config_file(self, folder: Path) -> Path | None:
        if folder not in self._found:
            self._found[folder] = cfg.discover(folder)
        return self._found[folder]

    def context_for(self, path: Path | None) -> Context:
        """The context of a document at ``path`` (None: an unsaved buffer), loaded or
        reloaded if its settings files changed on disk."""
        folder = path.parent if path is not None else Path.cwd()
        config_path = self.config_file(folder)
        key = config_path if config_path is not None else None
        ctx = self._contexts.get(key)
        if ctx is None:
            ctx = self._contexts[key] = Context(config_path, folder)
            self._load(ctx)
        elif ctx.stale():
            self._load(ctx)
        return ctx

    def contexts(self) -> list[Context]:
        return list(self._contexts.values())

    # ------------------------------------------------------------------ changes
    def files_changed(self, paths: list[Path]) -> bool:
        """Tell of files created, changed or deleted on disk. True when any of them is a
        configuration file or a settings file some context was read from (the caller
        then rechecks its open documents)."""
        relevant = False
        for path in paths:
            if path.name in cfg.CONFIG_NAMES or path.name == cfg.PYPROJECT:
                self._found.clear()  # a new or removed file can change what folders use
                relevant = True
            if any(path in ctx.stamps or _same(path, ctx.stamps) for ctx in self._contexts.values()):
                relevant = True
        if relevant:
            for ctx in list(self._contexts.values()):
                if ctx.stale():
                    self._load(ctx)
        return relevant

    def problems(self) -> dict[Path, list[Problem]]:
        """Current problems by settings file (files with none are absent)."""
        out: dict[Path, list[Problem]] = {}
        for ctx in self._contexts.values():
            for p in ctx.problems:
                if p not in out.setdefault(p.path, []):
                    out[p.path].append(p)
        return out

    # ------------------------------------------------------------------ loading
    def _load(self, ctx: Context) -> None:
        from ..engine import Scanner

        problems: list[Problem] = []
        stamps: dict[Path, tuple[int, int] | None] = {}
        if ctx.config_path is not None:
            stamps[ctx.config_path] = _stamp(ctx.config_path)
        config = self._load_config(ctx, problems)
        if config is not None:
            ctx.config = config
        glossary_files = [Path(os.path.abspath(p)) for p in (ctx.config or self._defaults(ctx))["glossaries"]]
        for p in glossary_files:
            stamps[p] = _stamp(p)
        gkey = tuple((p, stamps[p]) for p in glossary_files)
        glossary = self._glossaries.get(gkey)
        if glossary is None:
            try:
                glossary = load_glossaries(glossary_files)
            except GlossaryError as err:
                note = ("the last glossary that loaded stays in use" if ctx.glossary is not None
                        else "no glossary loaded: documents are not checked")
                problems.extend(_with_note(_problem(t, glossary_files, glossary_files[0]), note)
                                for t in err.problems)
            else:
                self._glossaries = {gkey: glossary}  # the one in service; old ones may go
        if glossary is not None:
            ctx.glossary, ctx.glossary_key = glossary, gkey
        if ctx.config is not None and ctx.glossary is not None and ctx.config_path is not None:
            try:
                ctx.config.check_vocabularies(ctx.glossary.vocabularies)
            except ConfigError as err:
                problems.extend(_with_note(_problem(t, [ctx.config_path], ctx.config_path),
                                           "such documents' vocabulary is detected instead")
                                for t in str(err).splitlines())
        if ctx.glossary is not None:
            settings = (ctx.config or self._defaults(ctx)).settings()
            skey = (id(ctx.glossary), settings)
            if ctx.scanner is None or ctx.scanner_key != skey:
                ctx.scanner, ctx.scanner_key = Scanner(ctx.glossary, settings), skey
                ctx.scanner.block_cache = {}  # unchanged paragraphs are not analysed again
        ctx.stamps = stamps
        ctx.problems = problems

    def _defaults(self, ctx: Context) -> cfg.Config:
        return cfg.resolve(None, {}, self.bundled, cwd=ctx.folder)

    def _load_config(self, ctx: Context, problems: list[Problem]) -> cfg.Config | None:
        """The context's configuration, or None (after noting why) when its file is
        broken: the caller keeps the last good one, else the defaults."""
        if ctx.config_path is None:
            return self._defaults(ctx)
        try:
            file = cfg.load(ctx.config_path)
        except ConfigError as err:
            note = ("the last configuration that loaded stays in use" if ctx.config is not None
                    else "the defaults are used until it is fixed")
            problems.extend(_with_note(_problem(t, [ctx.config_path], ctx.config_path), note)
                            for t in str(err).splitlines())
            if ctx.config is None:  # nothing good yet: the defaults, rooted at the file's folder
                return cfg.resolve(None, {}, self.bundled, cwd=ctx.config_path.parent)
            return None
        return cfg.resolve(file, {}, self.bundled, cwd=ctx.config_path.parent)


def _with_note(problem: Problem, note: str) -> Problem:
    return Problem(problem.path, problem.line, problem.column, problem.message, note)


def _same(path: Path, stamps: dict[Path, object]) -> bool:
    try:
        real = path.resolve()
    except OSError:
        return False
    return any(real == p.resolve() for p in stamps)
