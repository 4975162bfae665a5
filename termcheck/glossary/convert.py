"""Glossary records to and from plain data (what a glossary YAML file holds), shared by
the importers and exporters, and the import/export entry points by file suffix.

An import builds plain data, renders it as a glossary file (see
:func:`termcheck.glossary.edit.render`), checks that it loads, and only then writes it.
Every converter also returns the list of what the target format could not hold.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError
from .model import Concept, Form, Glossary, Terms

FORMATS = {".tbx": "tbx", ".xml": "tbx", ".csv": "csv", ".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}
_ID_BAD = re.compile(r"[^a-z0-9-]+")


def form_data(form: Form):
    return {"text": form.text, "case": "sensitive"} if form.case_sensitive and form.kind != "acronym" else form.text


def terms_data(terms: Terms) -> dict:
    out: dict = {"preferred": form_data(terms.preferred)}
    if terms.acronym:
        out["acronym"] = terms.acronym.text
    if terms.admitted:
        out["admitted"] = [form_data(f) for f in terms.admitted]
    if terms.deprecated:
        out["deprecated"] = [form_data(f) for f in terms.deprecated]
    return out


def concept_data(c: Concept) -> dict:
    out: dict = {"id": c.id}
    if c.group:
        out["group"] = c.group
    if c.definition:
        out["definition"] = c.definition
    for vocab, terms in c.terms.items():
        out[vocab] = terms_data(terms)
    for key in ("broader", "narrower", "related"):
        if getattr(c, key):
            out[key] = list(getattr(c, key))
    if c.mapping:
        out["mapping"] = c.mapping
    if c.status != "agreed":
        out["status"] = c.status
    for key in ("source", "note"):
        if getattr(c, key):
            out[key] = getattr(c, key)
    if c.examples:
        out["examples"] = {v: {k: list(s) for k, s in cases.items()} for v, cases in c.examples.items()}
    return out


def to_data(glossary: Glossary) -> dict:
    vocabs = {}
    for v in glossary.vocabularies.values():
        info = {"title": v.title}
        if v.owner:
            info["owner"] = v.owner
        if v.description:
            info["description"] = v.description
        vocabs[v.name] = info
    return {"format": "termcheck-glossary/1", "title": glossary.title, "vocabularies": vocabs,
            "concepts": [concept_data(c) for c in glossary.concepts.values()]}


def concept_id(raw: str, taken: set[str]) -> str:
    """A valid, unused concept id made from ``raw`` (an id or a term)."""
    base = _ID_BAD.sub("-", raw.strip().lower()).strip("-") or "concept"
    cid, n = base, 2
    while cid in taken:
        cid, n = f"{base}-{n}", n + 1
    taken.add(cid)
    return cid


def vocabulary_name(raw: str) -> str:
    name = re.sub(r"[^a-z0-9_-]+", "-", raw.strip().lower()).strip("-_")
    return name if name and name[0].isalpha() else f"v-{name or 'x'}"


def format_of(path: str | Path, given: str | None = None) -> str:
    if given:
        return given
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ConfigError(f"{path}: cannot tell the format from the suffix; give --format "
                          f"({', '.join(sorted(set(FORMATS.values())))})")
    return fmt


def export(glossary: Glossary, fmt: str) -> tuple[bytes, list[str]]:
    """The glossary in ``fmt`` (tbx, csv, xlsx, yaml) and what that format could not hold."""
    if fmt == "tbx":
        from .tbx import write_tbx

        return write_tbx(glossary)
    if fmt in ("csv", "xlsx"):
        from .tabular import write_csv, write_xlsx

        return (write_csv if fmt == "csv" else write_xlsx)(glossary)
    if fmt == "yaml":
        from .edit import render

        return render(to_data(glossary)).encode("utf-8"), []
    raise ConfigError(f"unknown export format {fmt!r} (tbx, csv, xlsx, yaml)")


def import_file(path: str | Path, fmt: str | None = None) -> tuple[str, list[str]]:
    """The glossary YAML text made from a TBX, CSV or XLSX file, and what it dropped.
    The text has been loaded and validated."""
    from .edit import render, validate_text

    fmt = format_of(path, fmt)
    if fmt == "tbx":
        from .tbx import read_tbx

        data, lost = read_tbx(path)
    elif fmt in ("csv", "xlsx"):
        from .tabular import read_csv, read_xlsx

        data, lost = (read_csv if fmt == "csv" else read_xlsx)(path)
    else:
        raise ConfigError(f"{path}: cannot import {fmt!r} (tbx, csv, xlsx)")
    text = render(data)
    validate_text(text, Path(path).with_suffix(".yaml").name)
    return text, lost
