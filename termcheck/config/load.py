"""Validating one configuration file: every problem, each with its ``file:line``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import Severity
from .files import _N, _label, _read_tree
from .globs import _spec
from .schema import FAIL_ON, KEYS, VOCAB_NAME


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
        from ..rules import RULE_IDS

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
            from ..rules import RULE_IDS

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
