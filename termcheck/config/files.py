"""Finding a configuration file and reading it into trees that remember where each value
stands (``file:line:column`` for YAML, ``file:line`` for a ``pyproject.toml`` table)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import ConfigError
from ..fileio import read_text
from ..yamlsource import YamlSyntaxError, compose
from .schema import CONFIG_NAMES, KEYS, PYPROJECT


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
