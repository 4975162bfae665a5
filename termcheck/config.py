"""Configuration: find it, load it, validate it, merge it with the command line.

Pure: nothing here prints. Problems raise :class:`~termcheck.errors.ConfigError` whose
lines each name ``file:line`` (``file:line:column`` for YAML).

Where the configuration comes from, first found wins:

1. ``--config FILE`` (a ``.yaml``/``.yml`` file, or a ``pyproject.toml`` with a
   ``[tool.termcheck]`` table);
2. otherwise the nearest of ``termcheck.yaml``, ``.termcheck.yaml`` or a
   ``pyproject.toml`` holding ``[tool.termcheck]`` (checked in that order in each
   folder), walking up from the working directory and stopping at the repository root
   (the first folder holding ``.git``);
3. otherwise the defaults.

Every command-line option that the configuration also sets wins over the file.

Paths and globs in a configuration file are relative to the folder holding it. Globs
follow ``.gitignore`` rules (through :mod:`pathspec`): ``**`` spans folders, a glob with
no slash matches a name at any depth, a glob naming a folder covers everything in it.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ConfigError
from .fileio import read_text
from .yamlsource import YamlSyntaxError, compose
from .model import Severity

CONFIG_NAMES = ("termcheck.yaml", ".termcheck.yaml")
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")
VOCAB_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")

#: every key a configuration file may hold, with a one-line description (``termcheck config``)
KEYS = {
    "glossaries": "glossary files (default: the bundled MHHS glossary)",
    "vocabulary": "a vocabulary name for every document, or globs mapped to vocabularies (first match wins)",
    "default-vocabulary": "the vocabulary of a document whose detection ties (else: a mixed-vocabulary finding)",
    "include": "globs of files to scan inside folders (default: every readable file)",
    "exclude": "globs of files and folders never to scan",
    "gitignore": "honour .gitignore files when walking folders",
    "rules": "{select: [rules to run], ignore: [rules not to run]}",
    "severity": "{rule: error|warning|info}",
    "fuzzy": "the near-miss (fuzzy matching) stage: true/false, or {enabled: true/false, threshold: 0-100}",
    "unknown": "run the unknown-term stage: true/false or {enabled: ...}",
    "exempt-acronyms": "acronyms that need no definition (added to UK, EU, PDF, ...)",
    "nlp-model": "an optional statistical spaCy pipeline (name or folder) that tags unknown-term phrases",
    "fail-on": "exit 1 when a finding is at or above this severity (error|warning|info|never)",
}

DEFAULT = "default"
COMMAND_LINE = "command line"


# --------------------------------------------------------------------------- raw trees
@dataclass
class _N:
    """A value read from a file, with where it stands. ``value`` is a Python scalar, a
    list of :class:`_N` (sequence) or a list of ``(key _N, value _N)`` (mapping)."""

    kind: str  # "scalar" | "list" | "map"
    value: Any
    where: str


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _from_yaml(node: Node, label: str) -> _N:
    where = f"{label}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
    if isinstance(node, MappingNode):
        return _N("map", [(_from_yaml(k, label), _from_yaml(v, label)) for k, v in node.value], where)
    if isinstance(node, SequenceNode):
        return _N("list", [_from_yaml(v, label) for v in node.value], where)
    assert isinstance(node, ScalarNode)
    try:
        value = _CONSTRUCTOR.construct_object(node, deep=True)
    except yaml.YAMLError:
        value = node.value
    return _N("scalar", value, where)


_TOML_BARE = r"[A-Za-z0-9_-]+"
_TOML_KEY = rf'(?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|{_TOML_BARE})'
_TOML_DOTTED = re.compile(rf"\s*{_TOML_KEY}(?:\s*\.\s*{_TOML_KEY})*")
_TOML_HEADER = re.compile(rf"^\s*\[(?!\[)\s*({_TOML_KEY}(?:\s*\.\s*{_TOML_KEY})*)\s*\]")
_TOML_ASSIGN = re.compile(rf"^\s*({_TOML_KEY}(?:\s*\.\s*{_TOML_KEY})*)\s*=")


def _split_key(text: str) -> tuple[str, ...]:
    parts = []
    for m in re.finditer(_TOML_KEY, text):
        k = m.group()
        parts.append(k[1:-1] if k[:1] in "\"'" else k)
    return tuple(parts)


def _toml_lines(text: str) -> dict[tuple[str, ...], int]:
    """Line numbers of table headers and ``key =`` lines, by full key path. A light
    scan, good for messages: values inside arrays or inline tables take their key's line."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        m = _TOML_HEADER.match(line)
        if m:
            table = _split_key(m.group(1))
            lines.setdefault(table, number)
            continue
        if line.lstrip().startswith("[["):
            table = ("\0",)  # an array of tables: not ours
            continue
        m = _TOML_ASSIGN.match(line)
        if m:
            lines.setdefault(table + _split_key(m.group(1)), number)
    return lines


def _from_toml(value: Any, path: tuple[str, ...], lines: dict, label: str) -> _N:
    probe = path
    while probe and probe not in lines:
        probe = probe[:-1]
    where = f"{label}:{lines.get(probe, 1)}"
    if isinstance(value, dict):
        return _N("map", [(_N("scalar", k, _where_of(path + (k,), lines, label)),
                           _from_toml(v, path + (k,), lines, label)) for k, v in value.items()], where)
    if isinstance(value, list):
        return _N("list", [_from_toml(v, path, lines, label) for v in value], where)
    return _N("scalar", value, where)


def _where_of(path: tuple[str, ...], lines: dict, label: str) -> str:
    probe = path
    while probe and probe not in lines:
        probe = probe[:-1]
    return f"{label}:{lines.get(probe, 1)}"


def display_path(path: Path | str) -> str:
    """A file name for messages: relative to the working directory when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


_label = display_path


def _read_tree(path: Path) -> _N | None:
    """The configuration of ``path`` as a raw tree (``None``: the file sets nothing)."""
    label = _label(path)
    text = read_text(path, "configuration", label)
    if path.name == PYPROJECT or path.suffix == ".toml":
        return _pyproject_tree(text, label)
    try:
        node = compose(text, label)
    except YamlSyntaxError as err:
        raise ConfigError(str(err)) from None
    if node is None:
        return None
    tree = _from_yaml(node, label)
    if tree.kind != "map":
        raise ConfigError(f"{tree.where}: a termcheck configuration must be a YAML mapping "
                          f"(keys: {', '.join(KEYS)})")
    return tree


def _pyproject_tree(text: str, label: str) -> _N | None:
    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        where = f":{m.group(1)}:{m.group(2)}" if m else ""
        raise ConfigError(f"{label}{where}: not valid TOML: {str(err).split(' (at line')[0]}") from None
    section = data.get("tool", {}).get("termcheck") if isinstance(data.get("tool"), dict) else None
    if section is None:
        return None
    lines = _toml_lines(text)
    tree = _from_toml(section, ("tool", "termcheck"), lines, label)
    if tree.kind != "map":
        raise ConfigError(f"{tree.where}: [tool.termcheck] must be a table")
    return tree


def _has_tool_section(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "termcheck" in text and _pyproject_tree(text, _label(path)) is not None


# --------------------------------------------------------------------------- discovery
def discover(start: Path | None = None) -> Path | None:
    """The configuration file for ``start`` (default: the working directory), or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        candidate = folder / PYPROJECT
        if candidate.is_file() and _has_tool_section(candidate):
            return candidate
        if (folder / ".git").exists():
            return None
    return None


# --------------------------------------------------------------------------- validation
@dataclass(frozen=True)
class Value:
    """An effective setting and where it came from (``default``, ``file:line`` or
    ``command line``)."""

    value: Any
    source: str


@dataclass(frozen=True)
class VocabularyRule:
    glob: str
    vocabulary: str
    source: str


@dataclass
class FileConfig:
    """What one configuration file sets (only the keys it names)."""

    path: Path
    values: dict[str, Value] = field(default_factory=dict)
    severity: dict[str, Value] = field(default_factory=dict)
    # (key, glob, file:line) of every glob, for the "matches no file" warning
    globs: list[tuple[str, str, str]] = field(default_factory=list)


class _Checker:
    def __init__(self, base: Path):
        self.base = base
        self.problems: list[str] = []

    def bad(self, node: _N, message: str) -> None:
        self.problems.append(f"{node.where}: {message}")

    # ---- shapes
    def string(self, node: _N, what: str) -> str | None:
        if node.kind != "scalar" or not isinstance(node.value, str) or not node.value.strip():
            self.bad(node, f"{what} must be a non-empty string, not {_show(node)}")
            return None
        return node.value.strip()

    def strings(self, node: _N, what: str) -> list[tuple[str, _N]]:
        """A string or a list of strings."""
        items = [node] if node.kind == "scalar" and isinstance(node.value, str) else None
        if items is None:
            if node.kind != "list":
                self.bad(node, f"{what} must be a list of strings, not {_show(node)}")
                return []
            items = node.value
        out = []
        for item in items:
            s = self.string(item, f"each item of {what}")
            if s is not None:
                out.append((s, item))
        return out

    def boolean(self, node: _N, what: str) -> bool | None:
        if node.kind == "scalar" and isinstance(node.value, bool):
            return node.value
        self.bad(node, f"{what} must be true or false, not {_show(node)}")
        return None

    def mapping(self, node: _N, what: str, keys: tuple[str, ...] | None = None) -> list[tuple[str, _N, _N]]:
        if node.kind != "map":
            self.bad(node, f"{what} must be a mapping, not {_show(node)}")
            return []
        out, seen = [], set()
        for k, v in node.value:
            if k.kind != "scalar" or not isinstance(k.value, str):
                self.bad(k, f"a key of {what} must be a string, not {_show(k)}")
                continue
            if k.value in seen:
                self.bad(k, f"duplicate key {k.value!r} in {what}")
                continue
            seen.add(k.value)
            if keys is not None and k.value not in keys:
                self.bad(k, f"unknown key {k.value!r} in {what} (expected {', '.join(keys)})")
                continue
            out.append((k.value, k, v))
        return out

    def rule_ids(self, node: _N, what: str) -> frozenset[str] | None:
        from .rules import RULE_IDS

        out = set()
        for name, item in self.strings(node, what):
            if name == "all":
                out |= set(RULE_IDS)
            elif name not in RULE_IDS:
                self.bad(item, f"unknown rule {name!r} in {what} (rules: {', '.join(RULE_IDS)})")
            else:
                out.add(name)
        return frozenset(out)

    def glob(self, pattern: str, node: _N, what: str, negation: bool = True) -> str | None:
        if pattern.startswith("!") and not negation:
            self.bad(node, f"{what}: a negated glob ({pattern!r}) cannot name a vocabulary")
            return None
        try:
            _spec([pattern])
        except Exception as err:  # pathspec raises its own error types
            self.bad(node, f"{what}: bad glob {pattern!r}: {err}")
            return None
        return pattern

    def threshold(self, node: _N, what: str) -> int | None:
        value = node.value if node.kind == "scalar" else None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
            return value
        self.bad(node, f"{what} must be a whole number from 0 to 100, not {_show(node)}")
        return None

    def enabled(self, node: _N, what: str) -> bool | None:
        if node.kind == "map":
            value = None
            for key, _, v in self.mapping(node, what, ("enabled",)):
                value = self.boolean(v, f"{what}.{key}")
            return value
        return self.boolean(node, what)


def _show(node: _N) -> str:
    if node.kind == "map":
        return "a mapping"
    if node.kind == "list":
        return "a list"
    v = node.value
    if v is None:
        return "nothing (null)"
    if isinstance(v, bool):
        return f"{str(v).lower()} (a boolean)"
    if isinstance(v, (int, float)):
        return f"{v} (a number)"
    return repr(v)


def _src(node: _N) -> str:
    """``file:line`` (no column) for provenance."""
    parts = node.where.rsplit(":", 2)
    return ":".join(parts[:2]) if len(parts) == 3 and parts[2].isdigit() and parts[1].isdigit() else node.where


def load(path: Path, problems: list[str] | None = None) -> FileConfig:
    """Read and validate one configuration file; every problem is reported at once.

    With ``problems``, the problems are added there instead of raised, and the valid
    part of the file is returned, so later checks (the vocabularies against the
    glossary) can report theirs in the same run."""
    path = Path(path).resolve()
    tree = _read_tree(path)
    cfg = FileConfig(path)
    if tree is None:
        return cfg
    c = _Checker(path.parent)
    for key, knode, v in c.mapping(tree, "the configuration", None):
        src = _src(knode)
        if key not in KEYS:
            c.bad(knode, f"unknown key {key!r} (expected one of {', '.join(KEYS)})")
        elif key == "glossaries":
            files = []
            for name, item in c.strings(v, "glossaries"):
                p = (path.parent / name)
                if not p.is_file():
                    c.bad(item, f"glossary {name!r} not found (looked for {_label(p)})")
                files.append(p)
            cfg.values[key] = Value(tuple(files), src)
        elif key == "vocabulary":
            if v.kind == "scalar":
                name = c.string(v, "vocabulary")
                if name is not None and not VOCAB_NAME.match(name):
                    c.bad(v, f"vocabulary name {name!r} must match [a-z][a-z0-9_-]*")
                cfg.values[key] = Value(name, src)
            else:
                rules = []
                for glob, gk, gv in c.mapping(v, "vocabulary"):
                    name = c.string(gv, f"the vocabulary for {glob!r}")
                    if name is not None and not VOCAB_NAME.match(name):
                        c.bad(gv, f"vocabulary name {name!r} must match [a-z][a-z0-9_-]*")
                    elif name is not None and c.glob(glob, gk, "vocabulary", negation=False):
                        rules.append(VocabularyRule(glob, name, _src(gk)))
                        cfg.globs.append(("vocabulary", glob, _src(gk)))
                cfg.values[key] = Value(tuple(rules), src)
        elif key == "default-vocabulary":
            name = c.string(v, key)
            if name is not None and not VOCAB_NAME.match(name):
                c.bad(v, f"vocabulary name {name!r} must match [a-z][a-z0-9_-]*")
            cfg.values[key] = Value(name, src)
        elif key in ("include", "exclude"):
            kept = [(g, item) for g, item in c.strings(v, key) if c.glob(g, item, key)]
            globs = [g for g, _ in kept]
            cfg.globs.extend((key, g, _src(item)) for g, item in kept)
            cfg.values[key] = Value(tuple(globs), src)
        elif key == "gitignore":
            cfg.values[key] = Value(c.boolean(v, key), src)
        elif key == "rules":
            for sub, sk, sv in c.mapping(v, "rules", ("select", "ignore")):
                cfg.values[sub] = Value(c.rule_ids(sv, f"rules.{sub}"), _src(sk))
        elif key == "severity":
            from .rules import RULE_IDS

            levels = ("error", "warning", "info")
            for rule, rk, rv in c.mapping(v, "severity"):
                if rule not in RULE_IDS:
                    c.bad(rk, f"unknown rule {rule!r} in severity (rules: {', '.join(RULE_IDS)})")
                    continue
                level = rv.value if rv.kind == "scalar" else None
                if level not in levels:
                    c.bad(rv, f"severity of {rule} must be one of {', '.join(levels)}, not {_show(rv)}")
                    continue
                cfg.severity[rule] = Value(Severity(level), _src(rk))
        elif key == "fuzzy" and v.kind == "map":
            for sub, sk, sv in c.mapping(v, "fuzzy", ("enabled", "threshold")):
                if sub == "enabled":
                    cfg.values["fuzzy"] = Value(c.boolean(sv, "fuzzy.enabled"), _src(sk))
                else:
                    cfg.values["fuzzy-threshold"] = Value(c.threshold(sv, "fuzzy.threshold"), _src(sk))
        elif key in ("fuzzy", "unknown"):
            cfg.values[key] = Value(c.enabled(v, key), src)
        elif key == "exempt-acronyms":
            cfg.values[key] = Value(tuple(a for a, _ in c.strings(v, key)), src)
        elif key == "nlp-model":
            cfg.values[key] = Value(c.string(v, key), src)
        elif key == "fail-on":
            level = v.value if v.kind == "scalar" else None
            if level not in FAIL_ON:
                c.bad(v, f"fail-on must be one of {', '.join(FAIL_ON)}, not {_show(v)}")
            else:
                cfg.values[key] = Value(level, src)
    if c.problems:
        if problems is None:
            raise ConfigError("\n".join(c.problems))
        problems.extend(c.problems)
    return cfg


# --------------------------------------------------------------------------- globs
def _spec(patterns):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def relative(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root`` in POSIX form, or None when it lies outside."""
    try:
        rel = Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(root)))
    except ValueError:
        try:
            rel = Path(path).resolve().relative_to(root.resolve())
        except ValueError:
            return None
    return rel.as_posix()


def glob_match(pattern: str, rel: str) -> bool:
    """Does the gitignore-style glob ``pattern`` cover the relative POSIX path ``rel``?"""
    return bool(rel) and _spec([pattern]).match_file(rel)


# --------------------------------------------------------------------------- the merge
@dataclass
class Config:
    """The effective configuration: file values over defaults, command line over both."""

    file: Path | None
    root: Path
    values: dict[str, Value]
    severity: dict[str, Value]
    globs: tuple[tuple[str, str, str], ...] = ()  # (key, glob, file:line) from the file

    def __post_init__(self):
        self._include = _spec(self.values["include"].value) if self.values["include"].value else None
        self._exclude = _spec(self.values["exclude"].value) if self.values["exclude"].value else None
        self._vocab_specs = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    # ---- what a scan needs
    def glossary_files(self) -> list[str]:
        return [display_path(p) for p in self["glossaries"]]

    def settings(self):
        from .rules import COMMON_ACRONYMS, RULE_IDS, Settings

        enabled = set(self["select"] if self["select"] is not None else RULE_IDS) - set(self["ignore"])
        return Settings(enabled=frozenset(enabled),
                        severities={rule: v.value for rule, v in self.severity.items()},
                        exempt_acronyms=COMMON_ACRONYMS | frozenset(self["exempt-acronyms"]),
                        fuzzy=bool(self["fuzzy"]), unknown=bool(self["unknown"]),
                        fuzzy_threshold=self["fuzzy-threshold"], nlp_model=self["nlp-model"],
                        default_vocabulary=self["default-vocabulary"])

    def forced_vocabulary(self) -> str | None:
        """The vocabulary given with ``--vocabulary`` (a plain name in the file is given
        through :meth:`vocabulary_for`, which says where it comes from)."""
        v = self.values["vocabulary"]
        return v.value if isinstance(v.value, str) and v.source == COMMAND_LINE else None

    def vocabulary_for(self, path: Path) -> tuple[str, str] | None:
        """The configured vocabulary of ``path`` and why, or None (then it is detected)."""
        value = self.values["vocabulary"]
        if isinstance(value.value, str):
            where = "--vocabulary" if value.source == COMMAND_LINE else value.source
            return value.value, f"set for every document ({where})"
        if not value.value:
            return None
        rel = relative(path, self.root)
        if rel is None:
            return None
        if self._vocab_specs is None:
            self._vocab_specs = [(_spec([r.glob]), r) for r in value.value]
        for spec, rule in self._vocab_specs:
            if spec.match_file(rel):
                return rule.vocabulary, f"configured for {rule.glob!r} ({rule.source})"
        return None

    def check_vocabularies(self, names) -> None:
        """Every configured vocabulary must be one the glossaries define."""
        names = set(names)
        known = ", ".join(sorted(names))
        value = self.values["vocabulary"]
        problems = []
        if isinstance(value.value, str):
            if value.value not in names:
                where = "--vocabulary" if value.source == COMMAND_LINE else value.source
                problems.append(f"{where}: {value.value!r} is not a vocabulary of the glossary ({known})")
        elif value.value:
            for rule in value.value:
                if rule.vocabulary not in names:
                    problems.append(f"{rule.source}: vocabulary {rule.vocabulary!r} for {rule.glob!r} is "
                                    f"not a vocabulary of the glossary ({known})")
        default = self.values["default-vocabulary"]
        if default.value is not None and default.value not in names:
            where = "--default-vocabulary" if default.source == COMMAND_LINE else default.source
            problems.append(f"{where}: {default.value!r} is not a vocabulary of the glossary ({known})")
        if problems:
            raise ConfigError("\n".join(problems))

    def excluded(self, path: Path, is_dir: bool = False) -> bool:
        """Is ``path`` (under the configuration root) excluded by ``exclude``?"""
        if self._exclude is None:
            return False
        rel = relative(path, self.root)
        if not rel:
            return False
        return bool(self._exclude.match_file(rel + "/" if is_dir else rel))

    def wanted(self, path: Path) -> bool:
        """Should the file ``path`` be scanned, as far as include/exclude say?"""
        if self.excluded(path):
            return False
        if self._include is None:
            return True
        rel = relative(path, self.root)
        return rel is None or bool(self._include.match_file(rel))

    # ---- for ``termcheck config``
    def describe(self) -> list[tuple[str, str, str]]:
        """``(key, value, source)`` rows, one per setting (several for lists of rules)."""
        rows: list[tuple[str, str, str]] = []
        v = self.values

        def show(items) -> str:
            return "[" + ", ".join(str(i) for i in items) + "]"

        rows.append(("glossaries", show(_label(Path(p)) for p in v["glossaries"].value), v["glossaries"].source))
        voc = v["vocabulary"]
        if isinstance(voc.value, str):
            rows.append(("vocabulary", voc.value, voc.source))
        elif voc.value:
            for r in voc.value:
                rows.append(("vocabulary", f"{r.glob}: {r.vocabulary}", r.source))
        else:
            rows.append(("vocabulary", "detected per document", voc.source))
        dv = v["default-vocabulary"]
        rows.append(("default-vocabulary", dv.value or "none (a tie gives a mixed-vocabulary finding)", dv.source))
        for key in ("include", "exclude"):
            text = show(v[key].value) if v[key].value else ("every readable file" if key == "include" else "[]")
            rows.append((key, text, v[key].source))
        rows.append(("gitignore", str(v["gitignore"].value).lower(), v["gitignore"].source))
        from .rules import DEFAULT_SEVERITY, RULE_IDS

        sel = v["select"]
        rows.append(("rules.select", show(sorted(sel.value, key=RULE_IDS.index)) if sel.value is not None
                     else "all", sel.source))
        rows.append(("rules.ignore", show(sorted(v["ignore"].value, key=RULE_IDS.index)), v["ignore"].source))
        for rule in RULE_IDS:
            s = self.severity.get(rule)
            rows.append((f"severity.{rule}", (s.value if s else DEFAULT_SEVERITY[rule]).value,
                         s.source if s else DEFAULT))
        for key in ("fuzzy", "unknown"):
            rows.append((key, str(v[key].value).lower(), v[key].source))
        rows.append(("fuzzy.threshold", str(v["fuzzy-threshold"].value), v["fuzzy-threshold"].source))
        ex = v["exempt-acronyms"]
        rows.append(("exempt-acronyms", f"{show(ex.value)} (besides UK, EU, PDF, ...)", ex.source))
        rows.append(("fail-on", v["fail-on"].value, v["fail-on"].source))
        rows.append(("nlp-model", v["nlp-model"].value or "none (rule-based unknown-term)", v["nlp-model"].source))
        return rows


def defaults(bundled_glossary: Path) -> dict[str, Value]:
    return {
        "glossaries": Value((bundled_glossary,), f"{DEFAULT} (bundled MHHS glossary)"),
        "vocabulary": Value(None, DEFAULT),
        "default-vocabulary": Value(None, DEFAULT),
        "include": Value((), DEFAULT),
        "exclude": Value((), DEFAULT),
        "gitignore": Value(True, DEFAULT),
        "select": Value(None, DEFAULT),
        "ignore": Value(frozenset(), DEFAULT),
        "fuzzy": Value(True, DEFAULT),
        "fuzzy-threshold": Value(80, DEFAULT),
        "unknown": Value(True, DEFAULT),
        "exempt-acronyms": Value((), DEFAULT),
        "nlp-model": Value(None, DEFAULT),
        "fail-on": Value("error", DEFAULT),
    }


def resolve(file: FileConfig | None, cli: dict[str, Any], bundled_glossary: Path,
            cwd: Path | None = None) -> Config:
    """Merge defaults, a configuration file and command-line values (``None`` = not given).

    ``cli`` keys are configuration keys; ``glossaries`` are paths relative to the working
    directory, ``exempt-acronyms`` add to the file's list, every other key replaces it."""
    values = defaults(bundled_glossary)
    severity: dict[str, Value] = {}
    if file is not None:
        values.update({k: v for k, v in file.values.items() if v.value is not None})
        severity.update(file.severity)
    cwd = cwd or Path.cwd()
    for key, value in cli.items():
        if value is None:
            continue
        if key == "glossaries":
            values[key] = Value(tuple(Path(p) for p in value), COMMAND_LINE)
        elif key == "exempt-acronyms":
            if not value:
                continue
            old = values[key]
            merged = tuple(dict.fromkeys((*old.value, *value)))
            src = COMMAND_LINE if old.source == DEFAULT else f"{old.source} + {COMMAND_LINE}"
            values[key] = Value(merged, src)
        elif key in values:
            values[key] = Value(value, COMMAND_LINE)
        else:
            raise KeyError(key)
    root = file.path.parent if file is not None else cwd
    return Config(file.path if file else None, root, values, severity, tuple(file.globs) if file else ())
