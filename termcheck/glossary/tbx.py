"""TBX-Basic (TBX v3, ISO 30042:2019, DCA style) export and import.

How a termcheck glossary is laid out in TBX:

* each concept is a ``conceptEntry`` whose ``id`` is the concept id (``_`` is put in
  front of an id that starts with a digit, as an XML id must not);
* each vocabulary is a ``langSec`` whose ``xml:lang`` is a private-use language tag,
  ``en-x-`` and the vocabulary name cut to one BCP 47 subtag of at most 8 letters
  (``timetable`` -> ``en-x-timetabl``; ``en-x-timetable`` would not be a valid tag); the header's ``sourceDesc`` holds one
  ``<p>termcheck-vocabulary {json}</p>`` per vocabulary with its tag, name, title, owner
  and description, so the names come back exactly. Terms shared by every vocabulary
  (``all``) are the plain ``en`` section;
* each form is a ``termSec``: ``administrativeStatus`` ``preferredTerm-admn-sts``,
  ``admittedTerm-admn-sts`` (admitted forms and the acronym) or
  ``deprecatedTerm-admn-sts``; the acronym also has ``termType`` ``acronym``; a
  case-sensitive form has the note ``termcheck: case-sensitive``;
* ``definition`` and ``group`` are ``descrip`` of type ``definition`` and
  ``subjectField``; ``source`` is ``admin type="source"``; ``note`` is ``note``;
* ``broader``/``narrower``/``related`` are ``ref type="crossReference"`` whose target is
  the other concept's id and whose text says the relation (``broader: sit``);
* ``mapping`` and ``status`` have no TBX-Basic data category: they are concept notes
  ``termcheck: mapping=close`` and ``termcheck: status=assumed``;
* ``examples`` (self-test sentences) are not written: they are reported as not held.

On import, a TBX file from elsewhere works too: each ``xml:lang`` becomes a vocabulary
(named from the tag) unless the header names it; data categories termcheck has no place
for (``partOfSpeech``, ``context`` ...) are counted and reported.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from ..errors import ConfigError
from .convert import concept_id, vocabulary_name
from .model import ALL, Glossary

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
          "acronym": "admittedTerm-admn-sts", "deprecated": "deprecatedTerm-admn-sts"}
VOCAB_P = "termcheck-vocabulary "
NOTE = "termcheck: "


def language_tag(name: str, taken: set[str]) -> str:
    """``en-x-`` and one private-use subtag made from the vocabulary name (at most 8
    letters or digits, as BCP 47 allows), numbered when two names would collide."""
    core = re.sub(r"[^a-z0-9]", "", name.lower())[:8] or "v"
    tag, n = f"en-x-{core}", 2
    while tag in taken:
        tag, n = f"en-x-{core[:8 - len(str(n))]}{n}", n + 1
    taken.add(tag)
    return tag


def write_tbx(glossary: Glossary) -> tuple[bytes, list[str]]:
    from lxml import etree

    def el(parent, tag, text=None, **attrs):
        e = etree.SubElement(parent, tag, {k.replace("_", ""): v for k, v in attrs.items()})
        if text is not None:
            e.text = text
        return e

    root = etree.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"}, nsmap={None: NS})
    header = el(root, "tbxHeader")
    file_desc = el(header, "fileDesc")
    el(el(file_desc, "titleStmt"), "title", glossary.title)
    source = el(file_desc, "sourceDesc")
    el(source, "p", "Written by termcheck from a termcheck-glossary/1 file; each vocabulary is a "
                    "language section with a private-use tag, 'en' holds the terms every vocabulary shares.")
    tags: dict[str, str] = {ALL: "en"}
    taken: set[str] = {"en"}
    for v in glossary.vocabularies.values():
        tags[v.name] = language_tag(v.name, taken)
        info = {"tag": tags[v.name], "name": v.name, "title": v.title, "owner": v.owner,
                "description": v.description}
        el(source, "p", VOCAB_P + json.dumps({k: x for k, x in info.items() if x}, ensure_ascii=False))
    el(el(header, "encodingDesc"), "p", "TBX-Basic", type="DCSName")
    body = el(el(root, "text"), "body")
    lost: Counter = Counter()
    for c in glossary.concepts.values():
        entry = el(body, "conceptEntry", id=_xml_id(c.id))
        if c.group:
            el(entry, "descrip", c.group, type="subjectField")
        if c.definition:
            el(entry, "descrip", c.definition, type="definition")
        if c.source:
            el(entry, "admin", c.source, type="source")
        if c.note:
            el(entry, "note", c.note)
        if c.mapping:
            el(entry, "note", f"{NOTE}mapping={c.mapping}")
        if c.status != "agreed":
            el(entry, "note", f"{NOTE}status={c.status}")
        for kind in ("broader", "narrower", "related"):
            for target in getattr(c, kind):
                el(entry, "ref", f"{kind}: {target}", type="crossReference", target=_xml_id(target))
        for vocab, terms in c.terms.items():
            lang = el(entry, "langSec", **{"{http://www.w3.org/XML/1998/namespace}lang": tags[vocab]})
            for form in terms.forms():
                sec = el(lang, "termSec")
                el(sec, "term", form.text)
                if form.kind == "acronym":
                    el(sec, "termNote", "acronym", type="termType")
                el(sec, "termNote", STATUS[form.kind], type="administrativeStatus")
                if form.case_sensitive and form.kind != "acronym":
                    el(sec, "note", f"{NOTE}case-sensitive")
        if c.examples:
            lost["example sentences (self-tests)"] += sum(len(s) for cases in c.examples.values()
                                                          for s in cases.values())
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data, [f"TBX-Basic holds no {what}: {n} left out" for what, n in lost.items()]


def _xml_id(cid: str) -> str:
    return f"_{cid}" if cid[:1].isdigit() else cid


def _text(e) -> str:
    return " ".join("".join(e.itertext()).split())


def _raw(e) -> str:  # free text keeps its line breaks
    return "".join(e.itertext()).strip()


def read_tbx(path: str | Path) -> tuple[dict, list[str]]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError as err:
        raise ConfigError(f"{path}: cannot read TBX: {err}") from None
    except etree.XMLSyntaxError as err:
        raise ConfigError(f"{path}: not well-formed XML: {err}") from None
    ns = root.nsmap.get(None)
    q = (lambda t: f"{{{ns}}}{t}") if ns else (lambda t: t)
    if etree.QName(root).localname != "tbx":
        raise ConfigError(f"{path}: not a TBX file (the root element is <{etree.QName(root).localname}>)")
    lost: Counter = Counter()
    title_el = root.find(f"{q('tbxHeader')}/{q('fileDesc')}/{q('titleStmt')}/{q('title')}")
    declared: dict[str, dict] = {}
    for p in root.iter(q("p")):
        text = _text(p)
        if text.startswith(VOCAB_P.strip()):
            try:
                info = json.loads(text[len(VOCAB_P.strip()):])
                declared[info["tag"]] = info
            except (ValueError, KeyError, TypeError):
                lost["unreadable termcheck-vocabulary header lines"] += 1
    vocabs: dict[str, dict] = {}
    tag_to_vocab: dict[str, str] = {}
    for tag, info in declared.items():
        name = vocabulary_name(info.get("name", tag))
        tag_to_vocab[tag] = name
        vocabs[name] = {k: info[k] for k in ("title", "owner", "description") if info.get(k)}
        vocabs[name].setdefault("title", name)
    if declared:
        tag_to_vocab.setdefault("en", ALL)
    entries = list(root.iter(q("conceptEntry")))
    ids: dict[str, str] = {}
    taken: set[str] = set()
    renamed: list[str] = []
    for e in entries:
        raw = e.get("id") or ""
        raw = raw[1:] if raw.startswith("_") and raw[1:2].isdigit() else raw
        ids[e.get("id") or f"#{id(e)}"] = concept_id(raw or "concept", taken)
        if raw and ids[e.get("id")] != raw:
            renamed.append(f"conceptEntry id {raw!r} is not a valid unused concept id: imported as "
                           f"{ids[e.get('id')]!r}")
    concepts = []
    for e in entries:
        c: dict = {"id": ids[e.get("id") or f"#{id(e)}"]}
        rel: dict[str, list[str]] = {}
        extra: dict = {}
        for child in e:
            if not isinstance(child.tag, str):
                continue
            name, kind = etree.QName(child).localname, child.get("type")
            text = _text(child)
            if name == "descrip" and kind == "definition":
                c["definition"] = _raw(child)
            elif name == "descrip" and kind == "subjectField":
                c["group"] = text
            elif name == "admin" and kind == "source":
                c["source"] = _raw(child)
            elif name == "note" and text.startswith(NOTE) and "=" in text:
                key, _, value = text[len(NOTE):].partition("=")
                extra[key.strip()] = value.strip()
            elif name == "note":
                c["note"] = f"{c['note']}\n{_raw(child)}" if "note" in c else _raw(child)
            elif name == "ref" and kind == "crossReference" and child.get("target") in ids:
                how = text.split(":", 1)[0].strip() if ":" in text else "related"
                rel.setdefault(how if how in ("broader", "narrower", "related") else "related",
                               []).append(ids[child.get("target")])
            elif name == "langSec":
                tag = child.get(XML_LANG) or ""
                if tag not in tag_to_vocab:
                    vname = vocabulary_name(tag)
                    tag_to_vocab[tag] = vname
                    vocabs.setdefault(vname, {"title": tag})
                terms = _terms(child, q, lost)
                if terms:
                    c[tag_to_vocab[tag]] = terms
            else:
                lost[f"concept-level {name} {kind or ''}".strip()] += 1
        c.update(rel)
        if extra.get("mapping"):
            c["mapping"] = extra["mapping"]
        if extra.get("status"):
            c["status"] = extra["status"]
        if any(isinstance(v, dict) for v in c.values()):
            concepts.append(c)
        else:
            lost["concept entries with no term"] += 1
    data = {"format": "termcheck-glossary/1", "title": _text(title_el) if title_el is not None else Path(path).stem,
            "vocabularies": vocabs, "concepts": concepts}
    return data, [f"{what}: {n} not imported (the glossary format has no place for it)"
                  for what, n in sorted(lost.items())] + renamed


def _terms(lang_sec, q, lost: Counter) -> dict | None:
    from lxml import etree

    preferred = None
    acronym = None
    admitted: list = []
    deprecated: list = []
    for sec in lang_sec.iter(q("termSec")):
        term = sec.find(q("term"))
        if term is None or not _text(term):
            continue
        text = _text(term)
        status = kind = None
        sensitive = False
        for child in sec:
            if not isinstance(child.tag, str) or child is term:
                continue
            name, typ = etree.QName(child).localname, child.get("type")
            if name == "termNote" and typ == "administrativeStatus":
                status = _text(child).replace("-admn-sts", "")
            elif name == "termNote" and typ == "termType":
                kind = _text(child)
            elif name == "note" and _text(child) == f"{NOTE}case-sensitive":
                sensitive = True
            else:
                lost[f"term-level {name} {typ or ''}".strip()] += 1
        form = {"text": text, "case": "sensitive"} if sensitive else text
        if status in ("deprecatedTerm", "supersededTerm"):
            deprecated.append(form)
        elif kind in ("acronym", "abbreviation", "initialism") and acronym is None:
            acronym = text
        elif status == "preferredTerm" and preferred is None:
            preferred = form
        else:
            admitted.append(form)
    if preferred is None and admitted:
        preferred = admitted.pop(0)
    if preferred is None:
        if acronym is None:
            return None
        preferred, acronym = acronym, None
    out: dict = {"preferred": preferred}
    if acronym:
        out["acronym"] = acronym
    if admitted:
        out["admitted"] = admitted
    if deprecated:
        out["deprecated"] = deprecated
    return out
