"""YAML composed to nodes, so that every value keeps the line and column it came from
(the glossary and configuration loaders report problems as ``file:line:column``).

Hostile input is refused before it can cost much: a text over :data:`MAX_YAML_BYTES`
is not parsed at all (the pure-Python composer runs at some 60 KB/s, see
``benchmarks/bench_hostile.py``), and aliases that would expand the tree beyond
:func:`expansion_limit` nodes (a "billion laughs" bomb), or that refer to a node
containing them (a cycle), are refused before any loader walks the tree.
"""
from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_YAML_BYTES = 2 * 1024 * 1024  # some 10,000 concepts; the bundled glossary is 20 KB


class YamlSyntaxError(ValueError):
    """``str(err)`` is ``label:line:column: not valid YAML: reason``."""


# libyaml composes several times faster than the pure-Python loader and its nodes keep
# their line and column; the pure-Python loader words the error when there is one.
_FAST = getattr(yaml, "CSafeLoader", None)


def compose(text: str, label: str) -> Node | None:
    """The node tree of one YAML document (``None`` for an empty one)."""
    if len(text) > MAX_YAML_BYTES // 4 and len(text.encode("utf-8")) > MAX_YAML_BYTES:
        size = len(text.encode("utf-8")) / 2**20
        raise YamlSyntaxError(f"{label}: too large ({size:,.1f} MiB; the limit for a YAML file is "
                              f"{MAX_YAML_BYTES // 2**20} MiB): split it")
    node = None
    if _FAST is not None:
        try:
            node = yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            node = None  # said again below, in the same words as without libyaml
    if node is None:
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            reason = getattr(err, "problem", None) or str(err)
            raise YamlSyntaxError(f"{label}{where}: not valid YAML: {reason}") from None
    if node is not None and "*" in text:  # aliases checked whichever loader composed the tree
        _check_expansion(node, label)  # (an alias is written *name: without a "*", none)
    return node


def expansion_limit(distinct: int) -> int:
    """How many nodes a tree of ``distinct`` nodes may expand to through aliases."""
    return 2 * distinct + 10_000


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: Node, label: str) -> None:
    """Refuse alias cycles and alias expansion past :func:`expansion_limit`.

    An alias makes the composer reuse a node, so the tree is a graph; its expanded size
    is counted once per node (memoised), without recursion."""
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            continue
        if key in size:
            continue
        if key in open_:
            mark = node.start_mark
            raise YamlSyntaxError(f"{label}:{mark.line + 1}:{mark.column + 1}: refused: a YAML alias "
                                  "refers to a node that contains it")
        open_.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_:
                mark = child.start_mark
                raise YamlSyntaxError(f"{label}:{mark.line + 1}:{mark.column + 1}: refused: a YAML "
                                      "alias refers to a node that contains it")
            if id(child) not in size:
                stack.append((child, False))
    total = size[id(root)]
    limit = expansion_limit(len(size))
    if total > limit:
        raise YamlSyntaxError(f"{label}: refused: YAML aliases would expand {len(size):,} nodes to "
                              f"{total:,} (limit {limit:,}): an alias bomb?")
