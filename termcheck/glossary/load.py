"""Load and validate glossary files (format ``termcheck-glossary/1``).

Every problem is collected, not just the first, and each names ``file:line:column``.
The YAML is composed into nodes (not loaded straight to Python) so that positions
survive validation.
"""
from __future__ import annotations

import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import ConfigError, GlossaryError
from ..fileio import read_text
from ..gcpause import gc_paused
from ..yamlsource import YamlSyntaxError, compose
from .model import ALL, MAPPINGS, STATUSES, Concept, Form, Glossary, Terms, Vocabulary

FORMAT = "termcheck-glossary/1"
VOCAB_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
CONCEPT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TOP_KEYS = {"format", "title", "vocabularies", "concepts"}
VOCAB_KEYS = {"title", "owner", "description"}
CONCEPT_KEYS = {"id", "definition", "note", "source", "mapping", "status", "broader",
                "narrower", "related", "examples", "group"}
TERM_KEYS = {"preferred", "acronym", "admitted", "deprecated"}
FORM_KEYS = {"text", "case"}


class _Problems:
    def __init__(self, path: str):
        self.path = path
        self.items: list[str] = []

    def add(self, node: Node | None, message: str) -> None:
        if node is None:
            self.items.append(f"{self.path}: {message}")
        else:
            m = node.start_mark
            self.items.append(f"{self.path}:{m.line + 1}:{m.column + 1}: {message}")


def _pairs(node: MappingNode) -> list[tuple[ScalarNode, Node]]:
    return [(k, v) for k, v in node.value]


def _scalar(node: Node) -> str | None:
    if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        return str(node.value)
    return None


def _pos(node: Node) -> str:
    return str(node.start_mark.line + 1)


def _compose(path: Path, problems: _Problems) -> Node | None:
    try:
        text = read_text(path, "glossary", problems.path)
    except ConfigError as err:
        problems.items.append(str(err))
        return None
    try:
        node = compose(text, problems.path)
    except YamlSyntaxError as err:
        problems.items.append(str(err))
        return None
    if not isinstance(node, MappingNode):
        problems.add(node, "a glossary must be a YAML mapping with format, vocabularies and concepts")
        return None
    return node


class _FileLoader:
    """Reads one glossary file's nodes into records, noting problems as it goes."""

    def __init__(self, path: Path, problems: _Problems, vocabularies: dict[str, Vocabulary]):
        self.path = path
        self.p = problems
        self.vocabularies = vocabularies
        self.concepts: list[tuple[Concept, dict[str, Node]]] = []
        self.title = ""

    def load(self, root: MappingNode) -> None:
        fields = {}
        for key, value in _pairs(root):
            name = _scalar(key)
            if name not in TOP_KEYS:
                self.p.add(key, f"unknown top-level key {name!r} (expected one of {', '.join(sorted(TOP_KEYS))})")
                continue
            fields[name] = value
        fmt = fields.get("format")
        if fmt is None:
            self.p.add(root, f"missing 'format: {FORMAT}'")
        elif _scalar(fmt) != FORMAT:
            self.p.add(fmt, f"unsupported format {_scalar(fmt)!r}; this termcheck reads {FORMAT}")
        if "title" in fields:
            self.title = _scalar(fields["title"]) or ""
        if "vocabularies" not in fields:
            self.p.add(root, "missing 'vocabularies'")
        else:
            self._vocabularies(fields["vocabularies"])
        if "concepts" not in fields:
            self.p.add(root, "missing 'concepts'")
        elif not isinstance(fields["concepts"], SequenceNode):
            self.p.add(fields["concepts"], "'concepts' must be a list")
        else:
            for item in fields["concepts"].value:
                self._concept(item)

    def _vocabularies(self, node: Node) -> None:
        if not isinstance(node, MappingNode):
            self.p.add(node, "'vocabularies' must map names to {title: ...}")
            return
        for key, value in _pairs(node):
            name = _scalar(key) or ""
            if name == ALL:
                self.p.add(key, f"'{ALL}' is reserved for terms shared by every vocabulary")
                continue
            if not VOCAB_NAME.match(name):
                self.p.add(key, f"vocabulary name {name!r} must match [a-z][a-z0-9_-]*")
                continue
            if not isinstance(value, MappingNode):
                self.p.add(value, f"vocabulary {name!r} must be a mapping with a title")
                continue
            info = {}
            for k, v in _pairs(value):
                kn = _scalar(k)
                if kn not in VOCAB_KEYS:
                    self.p.add(k, f"unknown key {kn!r} in vocabulary {name!r}{_comma_hint(kn, v, value)}")
                else:
                    info[kn] = _scalar(v) or ""
            if not info.get("title"):
                self.p.add(value, f"vocabulary {name!r} has no title")
            self.vocabularies.setdefault(name, Vocabulary(name, info.get("title", name),
                                                          info.get("owner", ""), info.get("description", "")))

    def _form(self, node: Node, kind: str, concept: str, vocab: str) -> Form | None:
        if isinstance(node, MappingNode):
            text, case = None, None
            for k, v in _pairs(node):
                kn = _scalar(k)
                if kn == "text":
                    text = _scalar(v)
                elif kn == "case":
                    case = _scalar(v)
                    if case not in ("sensitive", "insensitive"):
                        self.p.add(v, f"case must be 'sensitive' or 'insensitive', not {case!r}")
                else:
                    self.p.add(k, f"unknown key {kn!r} in a form (expected text, case)")
            if not text or not text.strip():
                self.p.add(node, "a form needs a non-empty 'text'")
                return None
            return Form(" ".join(text.split()), kind, concept, vocab, case == "sensitive")
        text = _scalar(node)
        if text is None or not text.strip():
            self.p.add(node, f"{kind} must be a non-empty string or {{text: ..., case: sensitive}}")
            return None
        return Form(" ".join(text.split()), kind, concept, vocab)

    def _form_list(self, node: Node, kind: str, concept: str, vocab: str) -> tuple[Form, ...]:
        items = node.value if isinstance(node, SequenceNode) else [node]
        forms = (self._form(n, kind, concept, vocab) for n in items)
        return tuple(f for f in forms if f is not None)

    def _terms(self, node: Node, concept: str, vocab: str) -> Terms | None:
        if not isinstance(node, MappingNode):
            self.p.add(node, f"terms of {concept!r} in {vocab!r} must be a mapping with 'preferred'")
            return None
        parts: dict[str, Node] = {}
        for k, v in _pairs(node):
            kn = _scalar(k)
            if kn not in TERM_KEYS:
                self.p.add(k, f"unknown key {kn!r} in the terms of {concept!r} (expected {', '.join(sorted(TERM_KEYS))})"
                              f"{_comma_hint(kn, v, node)}")
            else:
                parts[kn] = v
        if "preferred" not in parts:
            self.p.add(node, f"concept {concept!r} has no preferred term in {vocab!r}")
            return None
        preferred = self._form(parts["preferred"], "preferred", concept, vocab)
        if preferred is None:
            return None
        acronym = None
        if "acronym" in parts:
            acronym = self._form(parts["acronym"], "acronym", concept, vocab)
            if acronym is not None:
                acronym = Form(acronym.text, "acronym", concept, vocab, True)
        admitted = self._form_list(parts["admitted"], "admitted", concept, vocab) if "admitted" in parts else ()
        deprecated: list[Form] = []
        acceptable = {f.text.casefold() for f in (preferred, *admitted)}
        node = parts.get("deprecated")
        for n in (node.value if isinstance(node, SequenceNode) else [node] if node is not None else []):
            form = self._form(n, "deprecated", concept, vocab)
            if form is None:
                continue
            if form.text.casefold() in acceptable:
                self.p.add(n, f"{form.text!r} of {concept!r} is listed as deprecated and also as preferred or admitted")
            deprecated.append(form)
        return Terms(preferred, acronym, admitted, tuple(deprecated))

    def _id_list(self, node: Node, name: str) -> tuple[tuple[str, Node], ...]:
        items = node.value if isinstance(node, SequenceNode) else [node]
        out = []
        for n in items:
            value = _scalar(n)
            if value is None:
                self.p.add(n, f"'{name}' must list concept ids")
            else:
                out.append((value, n))
        return tuple(out)

    def _examples(self, node: Node, concept: str) -> dict[str, dict[str, tuple[str, ...]]]:
        out: dict[str, dict[str, tuple[str, ...]]] = {}
        if not isinstance(node, MappingNode):
            self.p.add(node, f"examples of {concept!r} must map a vocabulary (or 'all') to {{flag: [...], pass: [...]}}")
            return out
        for k, v in _pairs(node):
            vocab = _scalar(k) or ""
            if vocab != ALL and vocab not in self.vocabularies:
                self.p.add(k, f"examples of {concept!r} name undefined vocabulary {vocab!r}")
                continue
            if not isinstance(v, MappingNode):
                self.p.add(v, "examples must be {flag: [...], pass: [...]}")
                continue
            for kk, vv in _pairs(v):
                which = _scalar(kk)
                if which not in ("flag", "pass"):
                    self.p.add(kk, f"unknown key {which!r} in examples (expected flag, pass)")
                    continue
                items = vv.value if isinstance(vv, SequenceNode) else [vv]
                texts = tuple(t for t in (_scalar(n) for n in items) if t)
                out.setdefault(vocab, {})[which] = texts
        return out

    def _concept(self, node: Node) -> None:
        if not isinstance(node, MappingNode):
            self.p.add(node, "each concept must be a mapping with an id")
            return
        fields: dict[str, Node] = {}
        term_nodes: dict[str, Node] = {}
        keys: dict[str, Node] = {}
        for k, v in _pairs(node):
            kn = _scalar(k) or ""
            keys[kn] = k
            if kn in CONCEPT_KEYS:
                fields[kn] = v
            elif kn == ALL or kn in self.vocabularies:
                term_nodes[kn] = v
            elif VOCAB_NAME.match(kn):
                self.p.add(k, f"unknown key or undefined vocabulary {kn!r} (vocabularies: {', '.join(sorted(self.vocabularies)) or 'none'})")
            else:
                self.p.add(k, f"unknown key {kn!r} in a concept")
        cid = _scalar(fields["id"]) if "id" in fields else None
        if cid is None:
            self.p.add(node, "concept has no id")
            return
        if not CONCEPT_ID.match(cid):
            self.p.add(fields["id"], f"concept id {cid!r} must match [a-z0-9][a-z0-9-]*")
        if not term_nodes:
            self.p.add(node, f"concept {cid!r} has no terms: give at least one vocabulary (or 'all')")
        terms = {}
        for vocab, tn in term_nodes.items():
            t = self._terms(tn, cid, vocab)
            if t is not None:
                terms[vocab] = t
        mapping = _scalar(fields["mapping"]) if "mapping" in fields else None
        if mapping is not None and mapping not in MAPPINGS:
            self.p.add(fields["mapping"], f"mapping must be one of {', '.join(MAPPINGS)}, not {mapping!r}")
        status = _scalar(fields["status"]) if "status" in fields else "agreed"
        if status not in STATUSES:
            self.p.add(fields["status"], f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        relations = {r: self._id_list(fields[r], r) if r in fields else () for r in ("broader", "narrower", "related")}
        examples = self._examples(fields["examples"], cid) if "examples" in fields else {}
        concept = Concept(
            id=cid, terms=terms,
            definition=_scalar(fields.get("definition")) or "" if "definition" in fields else "",
            note=_scalar(fields["note"]) or "" if "note" in fields else "",
            source=_scalar(fields["source"]) or "" if "source" in fields else "",
            mapping=mapping, status=status or "agreed",
            broader=tuple(i for i, _ in relations["broader"]),
            narrower=tuple(i for i, _ in relations["narrower"]),
            related=tuple(i for i, _ in relations["related"]),
            examples=examples,
            group=_scalar(fields["group"]) or "" if "group" in fields else "",
            origin=f"{self.p.path}:{_pos(node)}",
        )
        refs = {"id": fields["id"], **{f"{r}:{i}": n for r, items in relations.items() for i, n in items}}
        self.concepts.append((concept, refs))


def _comma_hint(key: str | None, value: Node, mapping: Node) -> str:
    """A hint for the commonest cause of a stray key: an unquoted comma inside ``{...}``
    ends the value before it, and what follows reads as a key without a value."""
    if key and getattr(mapping, "flow_style", False) \
            and isinstance(value, ScalarNode) and value.value == "":
        return "; a comma in an unquoted value inside {...} starts a new key: put the value in quotes"
    return ""


def load_glossaries(paths: list[Path | str]) -> Glossary:
    """Load and validate several glossary files together; raise :class:`GlossaryError`
    listing every problem found."""
    with gc_paused():  # a large glossary is some 100,000 nodes and records (see gcpause)
        return _load(paths)


def _load(paths: list[Path | str]) -> Glossary:
    vocabularies: dict[str, Vocabulary] = {}
    loaded: list[tuple[_FileLoader, _Problems]] = []
    problems: list[str] = []
    titles = []
    for path in map(Path, paths):
        p = _Problems(str(path))
        root = _compose(path, p)
        loader = _FileLoader(path, p, vocabularies)
        if root is not None:
            loader.load(root)
            if loader.title:
                titles.append(loader.title)
        loaded.append((loader, p))
    concepts: dict[str, Concept] = {}
    where: dict[str, str] = {}
    for loader, p in loaded:
        for concept, refs in loader.concepts:
            if concept.id in concepts:
                p.add(refs["id"], f"duplicate concept id {concept.id!r} (first defined at {where[concept.id]})")
                continue
            concepts[concept.id] = concept
            where[concept.id] = concept.origin
    for loader, p in loaded:
        for concept, refs in loader.concepts:
            for key, node in refs.items():
                if ":" in key:
                    relation, target = key.split(":", 1)
                    if target not in concepts:
                        p.add(node, f"{relation} of {concept.id!r} names unknown concept {target!r}")
                    elif target == concept.id:
                        p.add(node, f"{relation} of {concept.id!r} names the concept itself")
    claimed: dict[tuple[str, str], str] = {}
    for loader, p in loaded:
        _check_ambiguous(loader, p, vocabularies, claimed)
    for _, p in loaded:
        problems.extend(p.items)
    if problems:
        raise GlossaryError(problems)
    title = " + ".join(titles) if titles else "glossary"
    return Glossary(title, vocabularies, concepts, tuple(str(p) for p in paths))


def _check_ambiguous(loader: _FileLoader, p: _Problems, vocabularies: dict[str, Vocabulary],
                     claimed: dict[tuple[str, str], str]) -> None:
    """The same written form claimed by two concepts in one vocabulary (across all files)."""
    for concept, refs in loader.concepts:
        for form in concept.forms():
            text = form.text if (form.case_sensitive or form.kind == "acronym") else form.text.casefold()
            targets = list(vocabularies) if form.vocabulary == ALL else [form.vocabulary]
            for vocab in targets:
                owner = claimed.setdefault((vocab, text), concept.id)
                if owner != concept.id:
                    p.add(refs["id"], f"form {form.text!r} of {concept.id!r} is already claimed by "
                                      f"{owner!r} in vocabulary {vocab!r} (ambiguous)")
