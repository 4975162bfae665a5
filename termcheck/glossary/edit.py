"""Editing a glossary file in place while keeping everything the edit did not touch.

The file is read with ruamel.yaml's round-trip loader, which keeps comments, key order,
quoting, flow or block style and blank lines; a load and dump with no edit gives the
same bytes back. An edit is checked by loading the result as a glossary (with any
companion files) before anything is written, and written atomically; an edit that would
leave the glossary invalid raises :class:`~termcheck.errors.GlossaryError` and writes
nothing.

:func:`render` writes a new glossary (from an import) in the bundled glossary's style.
"""
from __future__ import annotations

import difflib
import io
import re
import tempfile
from pathlib import Path

from ..errors import ConfigError, GlossaryError
from ..fileio import atomic_write, read_text
from .model import ALL

TERM_ORDER = ("preferred", "acronym", "admitted", "deprecated")


def _yaml(text: str = ""):
    try:
        from ruamel.yaml import YAML
    except ImportError:  # pragma: no cover - an install without the extra
        raise ConfigError("editing glossaries needs ruamel.yaml: pip install 'termcheck[glossary]'") from None
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    # the list indent of the file (``concepts:\n  - id`` or ``concepts:\n- id``)
    m = re.search(r"^concepts:[^\n]*\n(?:\s*#[^\n]*\n|\s*\n)*( *)- ", text, re.M)
    offset = len(m.group(1)) if m else 2
    y.indent(mapping=2, sequence=offset + 2, offset=offset)
    return y


def _cm(pairs=(), flow: bool = False):
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap(pairs)
    if flow:
        m.fa.set_flow_style()
    return m


def _cs(items, flow: bool = True):
    from ruamel.yaml.comments import CommentedSeq

    s = CommentedSeq(items)
    if flow:
        s.fa.set_flow_style()
    return s


def _blank_line_after(node) -> None:
    """End ``node`` (a concept) with a blank line, as the concepts of a glossary are."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    key = list(node.keys())[-1]
    value = node[key]
    if isinstance(value, CommentedMap) and not value.fa.flow_style() and len(value):
        return _blank_line_after(value)
    if isinstance(value, CommentedSeq) and not value.fa.flow_style() and len(value):
        if isinstance(value[-1], CommentedMap):
            return _blank_line_after(value[-1])
        value.ca.items[len(value) - 1] = [CommentToken("\n\n", CommentMark(0), None), None]
        return
    node.ca.items[key] = [None, None, CommentToken("\n\n", CommentMark(0), None), None]


def _form_text(item) -> str:
    return str(item["text"]) if hasattr(item, "keys") else str(item)


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class GlossaryFile:
    """One glossary file, loaded for editing. ``companions`` are other glossary files
    loaded with it when the result is validated (relations may point into them)."""

    def __init__(self, path: str | Path, companions: list[str | Path] = ()):
        self.path = Path(path)
        self.companions = [Path(c) for c in companions]
        self.text = read_text(self.path, "glossary")
        self.yaml = _yaml(self.text)
        from ruamel.yaml.error import YAMLError

        try:
            self.data = self.yaml.load(self.text)
        except YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            raise GlossaryError([f"{self.path}{where}: not valid YAML: {getattr(err, 'problem', err)}"]) from None
        if not hasattr(self.data, "keys") or not isinstance(self.data.get("concepts"), list):
            raise GlossaryError([f"{self.path}: not a glossary (no 'concepts' list)"])
        self._before = self._dump()

    # ---- reading -------------------------------------------------------------
    def _dump(self) -> str:
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        return out.getvalue()

    def dump(self) -> str:
        """The file's text with the edits made so far. Where ruamel.yaml would respell a
        line nobody edited (aligned values, a second list indent in one file), the
        original line is kept: the edit is applied as a line diff between ruamel's
        rendering of the file before and after it."""
        after = self._dump()
        if self._before == self.text:
            return after
        original, before = self.text.splitlines(True), self._before.splitlines(True)
        if len(original) != len(before):  # no line-to-line correspondence: ruamel's text
            return after
        out: list[str] = []
        matcher = difflib.SequenceMatcher(None, before, after.splitlines(True), autojunk=False)
        new = after.splitlines(True)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            out.extend(original[i1:i2] if op == "equal" else new[j1:j2])
        return "".join(out)

    @property
    def concepts(self) -> list:
        return self.data["concepts"]

    def vocabularies(self) -> list[str]:
        return [str(v) for v in (self.data.get("vocabularies") or {})]

    def find(self, cid: str):
        for c in self.concepts:
            if hasattr(c, "get") and str(c.get("id")) == cid:
                return c
        raise ConfigError(f"{self.path}: no concept {cid!r}")

    # ---- edits ---------------------------------------------------------------
    def add(self, cid: str, vocabulary: str, preferred: str, acronym: str | None = None,
            admitted: list[str] = (), deprecated: list[str] = (), definition: str | None = None,
            group: str | None = None, status: str | None = None, mapping: str | None = None,
            note: str | None = None, source: str | None = None, broader: list[str] = (),
            narrower: list[str] = (), related: list[str] = ()) -> None:
        """A new concept, placed after the last concept of its ``group`` (else at the end)."""
        if any(hasattr(c, "get") and str(c.get("id")) == cid for c in self.concepts):
            raise ConfigError(f"{self.path}: concept {cid!r} already exists (use 'map' to add terms to it)")
        concept = _cm()
        concept["id"] = cid
        for key, value in (("group", group), ("definition", definition)):
            if value:
                concept[key] = value
        concept[vocabulary] = self._terms(preferred, acronym, admitted, deprecated)
        for key, value in (("broader", broader), ("narrower", narrower), ("related", related)):
            if value:
                concept[key] = _cs(list(value))
        for key, value in (("mapping", mapping), ("status", status), ("source", source), ("note", note)):
            if value:
                concept[key] = value
        where = len(self.concepts)
        if group:
            same = [i for i, c in enumerate(self.concepts) if hasattr(c, "get") and c.get("group") == group]
            if same:
                where = same[-1] + 1
        if where == len(self.concepts) and self.concepts:
            _blank_line_after(self.concepts[-1])
        elif where < len(self.concepts):
            _blank_line_after(concept)
        self.concepts.insert(where, concept)

    def map(self, cid: str, vocabulary: str, preferred: str, acronym: str | None = None,
            admitted: list[str] = (), deprecated: list[str] = (), mapping: str | None = None,
            status: str | None = None, replace: bool = False) -> None:
        """Give concept ``cid`` its terms in ``vocabulary`` (fills a mapping hole)."""
        concept = self.find(cid)
        if vocabulary in concept and not replace:
            raise ConfigError(f"{self.path}: {cid!r} already has terms in {vocabulary!r} "
                              f"(give --replace to replace them)")
        terms = self._terms(preferred, acronym, admitted, deprecated)
        if vocabulary in concept:
            concept[vocabulary] = terms
        else:
            vocabs = set(self.vocabularies()) | {ALL}
            keys = list(concept.keys())
            last = max((i for i, k in enumerate(keys) if str(k) in vocabs), default=None)
            if last is None:
                last = max((i for i, k in enumerate(keys) if k in ("id", "group", "definition")), default=0)
            tail = keys[-1]
            concept.insert(last + 1, vocabulary, terms)
            if last + 1 == len(keys) and tail in concept.ca.items:  # keep the blank line last
                concept.ca.items[vocabulary] = concept.ca.items.pop(tail)
        for key, value in (("mapping", mapping), ("status", status)):
            if value:
                concept[key] = value

    def deprecate(self, cid: str, form: str, vocabulary: str | None = None, use: str | None = None) -> str:
        """Make ``form`` a deprecated form of ``cid``; ``use`` becomes the preferred term
        when ``form`` was it. Returns the vocabulary edited."""
        concept = self.find(cid)
        vocabs = [str(k) for k in concept if str(k) in set(self.vocabularies()) | {ALL}]
        if vocabulary is None:
            holding = [v for v in vocabs if form.casefold() in
                       {_form_text(x).casefold() for x in self._all_forms(concept[v])}]
            candidates = holding or vocabs
            if len(candidates) != 1:
                raise ConfigError(f"{self.path}: say which vocabulary with --vocabulary "
                                  f"({cid!r} has terms in {', '.join(vocabs)})")
            vocabulary = candidates[0]
        if vocabulary not in concept:
            raise ConfigError(f"{self.path}: {cid!r} has no terms in {vocabulary!r}")
        terms = concept[vocabulary]
        folded = form.casefold()
        if "acronym" in terms and _form_text(terms["acronym"]).casefold() == folded:
            raise ConfigError(f"{self.path}: {form!r} is the acronym of {cid!r}; an acronym cannot be deprecated")
        if _form_text(terms["preferred"]).casefold() == folded:
            if not use:
                raise ConfigError(f"{self.path}: {form!r} is the preferred term of {cid!r}: "
                                  f"give --use NEW for the term that replaces it")
            self._drop(terms, "admitted", use)
            terms["preferred"] = use
        elif use:
            raise ConfigError(f"{self.path}: --use is only for deprecating the preferred term")
        self._drop(terms, "admitted", form)
        existing = _as_list(terms.get("deprecated"))
        if any(_form_text(x).casefold() == folded for x in existing):
            raise ConfigError(f"{self.path}: {form!r} is already deprecated in {cid!r} ({vocabulary})")
        if "deprecated" in terms and isinstance(terms["deprecated"], list):
            terms["deprecated"].append(form)
        else:
            value = _cs(existing + [form])
            if "deprecated" in terms:
                terms["deprecated"] = value
            else:
                terms.insert(len(terms), "deprecated", value)
        return vocabulary

    @staticmethod
    def _all_forms(terms) -> list:
        return [terms[k] for k in ("preferred", "acronym") if k in terms] + \
            _as_list(terms.get("admitted")) + _as_list(terms.get("deprecated"))

    @staticmethod
    def _drop(terms, key: str, form: str) -> None:
        if key not in terms:
            return
        items = _as_list(terms[key])
        keep = [x for x in items if _form_text(x).casefold() != form.casefold()]
        if len(keep) == len(items):
            return
        if not keep:
            del terms[key]
        elif isinstance(terms[key], list):
            for x in [x for x in terms[key] if _form_text(x).casefold() == form.casefold()]:
                terms[key].remove(x)
        else:
            terms[key] = keep[0]

    @staticmethod
    def _terms(preferred, acronym, admitted, deprecated):
        pairs = [("preferred", preferred)]
        if acronym:
            pairs.append(("acronym", acronym))
        if admitted:
            pairs.append(("admitted", _cs(list(admitted))))
        if deprecated:
            pairs.append(("deprecated", _cs(list(deprecated))))
        return _cm(pairs, flow=True)

    # ---- writing -------------------------------------------------------------
    def save(self, output: str | Path | None = None) -> str:
        """Validate the edited glossary and write it atomically (to ``output``, default
        the file itself). Returns the text written."""
        text = self.dump()
        validate_text(text, output or self.path, self.companions)
        atomic_write(output or self.path, text)
        return text


def validate_text(text: str, label: str | Path, companions: list[Path] = ()) -> None:
    """Load ``text`` as the glossary file ``label`` (with its companions); raise
    :class:`GlossaryError` naming ``label`` for every problem."""
    from .load import load_glossaries

    label = str(label)
    with tempfile.TemporaryDirectory(prefix="termcheck-") as tmp:
        path = Path(tmp) / (Path(label).name or "glossary.yaml")
        path.write_text(text, encoding="utf-8")
        try:
            load_glossaries([path, *companions])
        except GlossaryError as err:
            raise GlossaryError([p.replace(str(path), label) for p in err.problems]) from None


class _Flow(dict):
    """A mapping written in flow style (a vocabulary's terms: ``{preferred: X, acronym: Y}``)."""


class _FlowList(list):
    """A list written in flow style (related concept ids: ``[sit, qt]``)."""


def render(data: dict) -> str:
    """A new glossary file from plain data (as :mod:`termcheck.glossary.convert` makes
    it): block style for concepts, flow style for each vocabulary's terms, a blank line
    between concepts. Written with PyYAML (its C emitter where present: ten times faster
    than a round-trip emitter on a 10,000-concept import); nothing here has comments to keep."""
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc, valid-type]
        pass

    Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(),
                                                                   flow_style=True))
    Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v,
                                                                        flow_style=True))
    first, last = ("id", "group", "definition"), ("broader", "narrower", "related", "mapping", "status",
                                                   "source", "note", "examples")
    concepts = []
    for c in data["concepts"]:
        order = [k for k in first if k in c] + [k for k in c if k not in first and k not in last] + \
            [k for k in last if k in c]
        concepts.append({k: _Flow(c[k]) if isinstance(c[k], dict) and "preferred" in c[k] else
                         _FlowList(c[k]) if k in ("broader", "narrower", "related") else c[k] for k in order})
    head = {"format": data["format"], **({"title": data["title"]} if data.get("title") else {}),
            "vocabularies": data["vocabularies"]}
    text = yaml.dump(head, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=4096,
                     default_flow_style=False)
    body = yaml.dump({"concepts": concepts}, Dumper=Dumper, sort_keys=False, allow_unicode=True,
                     width=4096, default_flow_style=False)
    return text + re.sub(r"\n(?=- id: )", "\n\n", body).replace("concepts:\n\n", "concepts:\n", 1)
