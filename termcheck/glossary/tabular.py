"""CSV and XLSX export and import: one row per concept, a column per vocabulary.

Columns: ``id``, ``group``, ``definition``; for each vocabulary (and ``all`` when a
concept uses it) a column named after it holding the preferred term, then
``<vocabulary> acronym``, ``<vocabulary> admitted`` and ``<vocabulary> deprecated``
(several forms separated by ``; ``); then ``broader``, ``narrower``, ``related``
(concept ids separated by ``; ``), ``mapping``, ``status``, ``source``, ``note``.

On import, a column whose header is one word (letters, digits, ``-``, ``_``) and not one
of the fixed columns is a vocabulary; any other column is reported and left out.

A CSV file cannot hold the glossary's title, the vocabularies' titles, owners and
descriptions, the example sentences, nor which forms are case-sensitive: the export
reports what it left out, and an import names each vocabulary's title after it.
An XLSX workbook holds them: a ``concepts`` sheet as above (a case-sensitive form is
marked by a cell comment), a ``vocabularies`` sheet (name, title, owner, description),
an ``examples`` sheet (concept, vocabulary, flag or pass, sentence) and the title as the
workbook's title.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..errors import ConfigError
from ..fileio import read_text
from .convert import concept_id, vocabulary_name
from .model import ALL, Form, Glossary

SEP = "; "
FIRST = ("id", "group", "definition")
LAST = ("broader", "narrower", "related", "mapping", "status", "source", "note")
PARTS = ("acronym", "admitted", "deprecated")
CASE_MARK = "case-sensitive"


def _vocab_columns(glossary: Glossary) -> list[str]:
    vocabs = list(glossary.vocabularies)
    if any(ALL in c.terms for c in glossary.concepts.values()):
        vocabs.append(ALL)
    return vocabs


def header(glossary: Glossary) -> list[str]:
    cols = list(FIRST)
    for v in _vocab_columns(glossary):
        cols += [v, *(f"{v} {p}" for p in PARTS)]
    return cols + list(LAST)


def rows(glossary: Glossary, lost: dict[str, int]) -> list[tuple[list[str], list[tuple[int, str]]]]:
    """Each concept's cells, and the (column, form) pairs that are case-sensitive."""
    cols = header(glossary)
    out = []
    for c in glossary.concepts.values():
        cells = dict.fromkeys(cols, "")
        sensitive: list[tuple[int, str]] = []
        cells.update(id=c.id, group=c.group, definition=c.definition, mapping=c.mapping or "",
                     status=c.status if c.status != "agreed" else "", source=c.source, note=c.note)
        for rel in ("broader", "narrower", "related"):
            cells[rel] = SEP.join(getattr(c, rel))
        for vocab, terms in c.terms.items():
            def put(col: str, forms: tuple[Form, ...]) -> None:
                for f in forms:
                    if ";" in f.text:
                        lost["forms holding ';' (the list separator)"] = lost.get(
                            "forms holding ';' (the list separator)", 0) + 1
                    if f.case_sensitive and f.kind != "acronym":
                        sensitive.append((cols.index(col), f.text))
                cells[col] = SEP.join(f.text for f in forms)
            put(vocab, (terms.preferred,))
            put(f"{vocab} acronym", (terms.acronym,) if terms.acronym else ())
            put(f"{vocab} admitted", terms.admitted)
            put(f"{vocab} deprecated", terms.deprecated)
        out.append(([cells[k] for k in cols], sensitive))
    return out


def _count_examples(glossary: Glossary) -> int:
    return sum(len(s) for c in glossary.concepts.values() for cases in c.examples.values() for s in cases.values())


def write_csv(glossary: Glossary) -> tuple[bytes, list[str]]:
    lost: dict[str, int] = {}
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header(glossary))
    sensitive = 0
    for cells, marks in rows(glossary, lost):
        w.writerow(cells)
        sensitive += len(marks)
    notes = [f"CSV holds no {what}: {n} left out" for what, n in (
        ("case-sensitivity of forms", sensitive), ("example sentences (self-tests)", _count_examples(glossary)),
        ("vocabulary titles, owners or descriptions", len(glossary.vocabularies)), ("glossary title", 1)) if n]
    notes += [f"{what}: {n} (written, but read back as several forms)" for what, n in lost.items()]
    return buf.getvalue().encode("utf-8"), notes


def _openpyxl():
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - an install without the extra
        raise ConfigError("XLSX needs openpyxl: pip install 'termcheck[glossary]'") from None
    return openpyxl


def write_xlsx(glossary: Glossary) -> tuple[bytes, list[str]]:
    _openpyxl()
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    lost: dict[str, int] = {}
    wb = Workbook()
    wb.properties.title = glossary.title
    ws = wb.active
    ws.title = "concepts"
    ws.append(header(glossary))
    for r, (cells, marks) in enumerate(rows(glossary, lost), start=2):
        ws.append(cells)
        for col, text in marks:
            cell = ws.cell(row=r, column=col + 1)
            prior = cell.comment.text + "\n" if cell.comment else ""
            cell.comment = Comment(f"{prior}{CASE_MARK}: {text}", "termcheck")
    vs = wb.create_sheet("vocabularies")
    vs.append(["name", "title", "owner", "description"])
    for v in glossary.vocabularies.values():
        vs.append([v.name, v.title, v.owner, v.description])
    es = wb.create_sheet("examples")
    es.append(["concept", "vocabulary", "kind", "sentence"])
    for c in glossary.concepts.values():
        for vocab, cases in c.examples.items():
            for kind, sentences in cases.items():
                for s in sentences:
                    es.append([c.id, vocab, kind, s])
    for sheet in wb.worksheets:  # text that starts with '=' is text, not a formula
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), [f"{what}: {n} (written, but read back as several forms)" for what, n in lost.items()]


# ---- import -------------------------------------------------------------------
def _split(cell: str) -> list[str]:
    return [p.strip() for p in (cell or "").split(";") if p.strip()]


def from_rows(table: list[list[str]], label: str, sensitive: set[tuple[int, int, str]] = frozenset(),
              vocab_info: dict[str, dict] | None = None) -> tuple[dict, list[str]]:
    """Plain glossary data from a header row and concept rows."""
    if not table or "id" not in [h.strip() for h in table[0]]:
        raise ConfigError(f"{label}: the first row must be the header, with an 'id' column")
    head = [h.strip() for h in table[0]]
    known = set(FIRST) | set(LAST)
    vocab_cols = [h for h in head if h not in known and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", h)]
    names = {v: (ALL if v == ALL else vocabulary_name(v)) for v in vocab_cols}
    ignored = [h for h in head if h and h not in known and h not in vocab_cols
               and h.rsplit(" ", 1)[0] not in vocab_cols]
    vocabs = {names[v]: dict((vocab_info or {}).get(names[v]) or {"title": v}) for v in vocab_cols if v != ALL}
    taken: set[str] = set()
    concepts = []
    renamed: list[str] = []
    for r, row in enumerate(table[1:], start=2):
        cell = {h: (str(row[i]).strip() if i < len(row) and row[i] is not None else "")
                for i, h in enumerate(head)}
        if not any(cell.values()):
            continue
        c: dict = {"id": concept_id(cell["id"] or next((cell[v] for v in vocab_cols if cell.get(v)), "concept"),
                                    taken)}
        if cell["id"] and c["id"] != cell["id"]:
            renamed.append(f"row {r}: id {cell['id']!r} is not a valid unused concept id: imported as {c['id']!r}")
        for key in ("group", "definition"):
            if cell.get(key):
                c[key] = cell[key]

        def form(col: str, text: str):
            return {"text": text, "case": "sensitive"} if (r, head.index(col), text) in sensitive else text

        for v in vocab_cols:
            if not cell.get(v):
                if any(cell.get(f"{v} {p}") for p in PARTS):
                    raise ConfigError(f"{label}: row {r}: {v!r} has other forms but no preferred term")
                continue
            terms: dict = {"preferred": form(v, cell[v])}
            if cell.get(f"{v} acronym"):
                terms["acronym"] = cell[f"{v} acronym"]
            for p in ("admitted", "deprecated"):
                if cell.get(f"{v} {p}"):
                    terms[p] = [form(f"{v} {p}", t) for t in _split(cell[f"{v} {p}"])]
            c[names[v]] = terms
        for rel in ("broader", "narrower", "related"):
            if cell.get(rel):
                c[rel] = _split(cell[rel])
        for key in ("mapping", "status", "source", "note"):
            if cell.get(key):
                c[key] = cell[key]
        concepts.append(c)
    lost = [f"column {h!r}: not imported (the glossary format has no place for it)" for h in ignored] + renamed
    return {"format": "termcheck-glossary/1", "title": Path(label).stem, "vocabularies": vocabs,
            "concepts": concepts}, lost


def read_csv(path: str | Path) -> tuple[dict, list[str]]:
    text = read_text(Path(path), "CSV")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    return from_rows(table, str(path))


def read_xlsx(path: str | Path) -> tuple[dict, list[str]]:
    load_workbook = _openpyxl().load_workbook

    try:
        wb = load_workbook(str(path), data_only=True)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such XLSX file") from None
    except Exception as err:  # openpyxl raises many kinds for a file that is not a workbook
        raise ConfigError(f"{path}: not a readable XLSX workbook: {err}") from None
    ws = wb["concepts"] if "concepts" in wb.sheetnames else wb.worksheets[0]
    table = [list(r) for r in ws.iter_rows(values_only=True)]
    sensitive = set()
    for row in ws.iter_rows():
        for cell in row:
            if cell.comment:
                for line in cell.comment.text.splitlines():
                    if line.startswith(f"{CASE_MARK}: "):
                        sensitive.add((cell.row, cell.column - 1, line[len(CASE_MARK) + 2:]))
    info = {}
    if "vocabularies" in wb.sheetnames:
        for name, title, owner, desc in list(wb["vocabularies"].iter_rows(min_row=2, max_col=4, values_only=True)):
            if name:
                info[vocabulary_name(str(name))] = {k: str(v) for k, v in
                                                    (("title", title or name), ("owner", owner),
                                                     ("description", desc)) if v}
    data, lost = from_rows(table, str(path), sensitive, info)
    if wb.properties.title:
        data["title"] = wb.properties.title
    if "examples" in wb.sheetnames:
        by_id = {c["id"]: c for c in data["concepts"]}
        for cid, vocab, kind, sentence in wb["examples"].iter_rows(min_row=2, max_col=4, values_only=True):
            if cid in by_id and vocab and kind in ("flag", "pass") and sentence:
                ex = by_id[cid].setdefault("examples", {})
                ex.setdefault(str(vocab), {}).setdefault(kind, []).append(str(sentence))
    return data, lost
