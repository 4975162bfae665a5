"""YAML composed to nodes, so that every value keeps the line and column it came from
(the glossary and configuration loaders report problems as ``file:line:column``)."""
from __future__ import annotations

import yaml
from yaml.nodes import Node


class YamlSyntaxError(ValueError):
    """``str(err)`` is ``label:line:column: not valid YAML: reason``."""


# libyaml composes several times faster than the pure-Python loader and its nodes keep
# their line and column; the pure-Python loader words the error when there is one.
_FAST = getattr(yaml, "CSafeLoader", None)


def compose(text: str, label: str) -> Node | None:
    """The node tree of one YAML document (``None`` for an empty one)."""
    if _FAST is not None:
        try:
            return yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            pass  # said again below, in the same words as without libyaml
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        reason = getattr(err, "problem", None) or str(err)
        raise YamlSyntaxError(f"{label}{where}: not valid YAML: {reason}") from None
