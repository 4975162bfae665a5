"""Mining documents for glossary proposals.

New concepts come from the engine's own ``unknown-term`` findings (no second detector):
terms a document defines, unknown acronyms and capitalised phrases used repeatedly. An
acronym and its long form are joined when any document defines one by the other.

Cross-vocabulary mappings are proposed for concepts that have terms in one vocabulary
only, from the documents of another vocabulary. The candidates are the unknown terms of
those documents, and the long forms they give the concept's acronym (``acronym-conflict``
findings: ``Participant Integration Testing (PIT)`` where the glossary's PIT is another
vocabulary's ``Pre-Integration Testing``). Each is scored on three signals in [0, 1]:

* ``acronym``: the candidate's acronym is the concept's (1.0), or a candidate's initials
  spell the other's acronym (0.8);
* ``fuzzy``: rapidfuzz ``token_sort_ratio`` of the two terms, counted from 60 up;
* ``definition``: rapidfuzz ``token_set_ratio`` of the concept's definition and the
  sentences around the candidate (common words left out), counted from 40 up.

``confidence = 1 - (1 - 0.85 acronym)(1 - 0.7 fuzzy)(1 - 0.5 definition)``: one strong
signal gives a fair confidence, agreeing signals a high one. The concept's own term
used as is in those documents (``unmapped-term`` findings) is proposed too, at 0.6. Proposals under 0.3 are
dropped; at most three per concept and vocabulary are kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .convert import concept_id
from .model import ALL, Concept, Glossary

_STOP = set("""a an the and or of for to in on at by with from as is are was were be been being it its
this that these those which who will shall may must can each any all not no into out than then
there their they we our us""".split())


@dataclass
class Candidate:
    text: str  # the preferred form proposed
    acronym: str | None = None
    count: int = 0
    documents: set[str] = field(default_factory=set)
    vocabularies: set[str | None] = field(default_factory=set)
    example: str = ""
    example_at: str = ""
    defined: bool = False  # a document defines it (Long Form (LF))
    example_defines: bool = False  # the example is the definition
    contexts: list[str] = field(default_factory=list)

    def confidence(self) -> float:
        if self.defined:
            base = 0.9
        elif self.acronym and self.text != self.acronym:
            base = 0.75  # an acronym some document spells out
        elif self.text == self.acronym:
            base = 0.35  # an acronym nobody spells out
        else:
            base = min(0.8, 0.4 + 0.05 * self.count)
        return round(min(0.95, base + (0.05 if len(self.documents) > 1 else 0)), 2)


@dataclass
class Mapping:
    concept: str
    vocabulary: str
    preferred: str
    acronym: str | None
    confidence: float
    signals: dict[str, float]
    count: int
    documents: int
    example: str
    example_at: str


@dataclass
class Suggestions:
    concepts: list[tuple[dict, Candidate]]
    mappings: list[Mapping]
    documents: list[tuple[str, str | None, str]]  # path, vocabulary, why
    errors: list[tuple[str, str]]


def _occurrences(term: str, texts: list[str]) -> int:
    if term.isupper():
        pattern = re.compile(rf"(?<![\w-]){re.escape(term)}s?(?![\w-])")
    else:
        words = [re.escape(w) for w in term.split()]
        pattern = re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.I)
    return sum(len(pattern.findall(t)) for t in texts)


def _count(cand: Candidate, texts_by_doc: dict[str, list[str]], vocab_of: dict) -> None:
    """Occurrences of the candidate (long form or acronym, whichever is used more) in
    each document; the documents and vocabularies that use it."""
    for doc, texts in texts_by_doc.items():
        n = max(_occurrences(cand.text, texts), _occurrences(cand.acronym, texts) if cand.acronym else 0)
        if n:
            cand.count += n
            cand.documents.add(doc)
            cand.vocabularies.add(vocab_of.get(doc))
    cand.count = max(cand.count, 1)


def _initials(text: str) -> str:
    return "".join(w[0].upper() for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", text) if w.lower() not in _STOP)


def _content(text: str) -> str:
    return " ".join(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP)


def mine(paths: list[str | Path], glossary: Glossary, vocabulary: str | None = None, settings=None) -> Suggestions:
    from ..engine import Scanner
    from ..errors import ReadError
    from ..acronyms import find_definitions
    from ..nlp import tokenize_many
    from ..readers import read_blocks
    from ..walk import iter_inputs

    scanner = Scanner(glossary, settings)
    texts_by_doc: dict[str, list[str]] = {}
    vocab_of: dict[str, str | None] = {}
    docs, errors = [], []
    found: dict[str, list] = {}  # key -> unknown-term findings
    used: dict[tuple[str, str], list] = {}  # (concept, vocabulary) -> unmapped-term findings
    expansions: dict[str, str] = {}  # acronym -> long form, from every definition seen
    conflicts: list = []  # acronym-conflict findings: a glossary acronym defined otherwise
    for label, path, error in iter_inputs(paths):
        if error:
            errors.append((label, error))
            continue
        try:
            blocks = read_blocks(path)
        except ReadError as err:
            errors.append((label, str(err)))
            continue
        result = scanner.check_blocks(label, blocks, vocabulary)
        docs.append((label, result.vocabulary, result.vocabulary_reason))
        texts = [b.text for b in blocks]
        texts_by_doc[label] = texts
        vocab_of[label] = result.vocabulary
        for text, toks in zip(texts, tokenize_many(texts)):
            for d in find_definitions(text, toks):
                expansions.setdefault(d.acronym, d.expansion)
        for f in result.findings:
            if f.rule == "unknown-term":
                found.setdefault(f.found.casefold(), []).append(f)
            elif f.rule == "unmapped-term" and f.concept and result.vocabulary:
                used.setdefault((f.concept, result.vocabulary), []).append(f)
            elif f.rule == "acronym-conflict" and f.concept:
                conflicts.append((f, result.vocabulary))
    long_of = {e.casefold(): a for a, e in expansions.items()}
    candidates: dict[str, Candidate] = {}
    for key, findings in found.items():
        text = findings[0].found
        acronym = text if text.isupper() and " " not in text else long_of.get(key)
        preferred = expansions.get(text, text) if acronym == text else text
        ck = acronym or preferred.casefold()
        cand = candidates.setdefault(ck, Candidate(preferred, acronym))
        if cand.text == cand.acronym and preferred != acronym:
            cand.text = preferred
        for f in findings:
            cand.documents.add(f.path)
            cand.vocabularies.add(vocab_of.get(f.path))
            cand.contexts.append(f.context)
            defines = "is defined here" in f.message
            cand.defined = cand.defined or defines
            if not cand.example or (defines and not cand.example_defines):  # a definition is the best example
                cand.example, cand.example_at = f.context, f"{f.path}:{f.location.describe()}"
                cand.example_defines = defines
    for cand in candidates.values():  # counted in every document, not only those with a finding
        _count(cand, texts_by_doc, vocab_of)
    proposals = _concepts(candidates, glossary, vocabulary)
    pool = dict(candidates)
    for f, vocab in conflicts:  # "Participant Integration Testing (PIT)" where PIT is another concept's
        toks = tokenize_many([f.found])[0]
        for d in find_definitions(f.found, toks):
            cand = pool.setdefault(f"defined:{d.acronym}:{d.expansion.casefold()}", Candidate(d.expansion, d.acronym))
            cand.defined = True
            cand.documents.add(f.path)
            cand.vocabularies.add(vocab)
            cand.contexts.append(f.context)
            if not cand.example:
                cand.example, cand.example_at = f.context, f"{f.path}:{f.location.describe()}"
    for key, cand in pool.items():
        if key.startswith("defined:"):
            _count(cand, texts_by_doc, vocab_of)
    mappings = _mappings(glossary, pool, used, texts_by_doc)
    return Suggestions(proposals, mappings, docs, errors)


def _concepts(candidates: dict[str, Candidate], glossary: Glossary, vocabulary: str | None):
    taken = set(glossary.concepts)
    out = []
    for cand in sorted(candidates.values(), key=lambda c: (-c.confidence(), c.text.casefold())):
        vocabs = {v for v in cand.vocabularies if v}
        vocab = vocabulary or (next(iter(vocabs)) if len(vocabs) == 1 and None not in cand.vocabularies
                               else ALL)
        terms: dict = {"preferred": cand.text}
        if cand.acronym and cand.acronym != cand.text:
            terms["acronym"] = cand.acronym
        entry = {"id": concept_id(cand.text if cand.text != cand.acronym else cand.acronym, taken),
                 vocab: terms, "status": "proposed"}
        out.append((entry, cand))
    return out


def _signals(concept: Concept, have: str, cand_text: str, cand_acr: str | None, contexts: list[str]):
    from rapidfuzz import fuzz

    terms = concept.terms[have]
    acr = terms.acronym.text if terms.acronym else None
    acronym = 0.0
    if acr and cand_acr and acr == cand_acr:
        acronym = 1.0
    elif (acr and _initials(cand_text) == acr) or (cand_acr and _initials(terms.preferred.text) == cand_acr):
        acronym = 0.8
    ratio = fuzz.token_sort_ratio(terms.preferred.text.lower(), cand_text.lower())
    fuzzy = max(0.0, (ratio - 60) / 40)
    definition = 0.0
    if concept.definition and contexts:
        best = max(fuzz.token_set_ratio(_content(concept.definition), _content(c)) for c in contexts)
        definition = max(0.0, (best - 40) / 60)
    return {"acronym": round(acronym, 2), "fuzzy": round(fuzzy, 2), "definition": round(definition, 2)}


def _mappings(glossary: Glossary, candidates: dict[str, Candidate], used: dict, texts_by_doc) -> list[Mapping]:
    from ..nlp import is_acronym_like

    out: list[Mapping] = []
    vocabs = list(glossary.vocabularies)
    if len(vocabs) < 2:
        return out
    for concept in glossary.concepts.values():
        have = [v for v in concept.terms if v != ALL]
        if len(have) != 1 or ALL in concept.terms:
            continue
        for vocab in vocabs:
            if vocab in concept.terms:
                continue
            found: list[Mapping] = []
            # the concept's own long form used there (an acronym alone says less: it may
            # stand for another long form in that vocabulary, as the candidates show)
            hits = [h for h in used.get((concept.id, vocab), ()) if not is_acronym_like(h.found.rstrip("s"))]
            if hits:
                f = hits[0]
                texts = [t for d in {h.path for h in hits} for t in texts_by_doc[d]]
                found.append(Mapping(concept.id, vocab, concept.terms[have[0]].preferred.text,
                                     concept.terms[have[0]].acronym.text if concept.terms[have[0]].acronym else None,
                                     0.6, {"used as is": 1.0}, _occurrences(f.found, texts),
                                     len({h.path for h in hits}), f.context, f"{f.path}:{f.location.describe()}"))
            for cand in candidates.values():
                if vocab not in cand.vocabularies:
                    continue
                s = _signals(concept, have[0], cand.text, cand.acronym, cand.contexts)
                conf = 1 - (1 - 0.85 * s["acronym"]) * (1 - 0.7 * s["fuzzy"]) * (1 - 0.5 * s["definition"])
                if conf >= 0.3:
                    found.append(Mapping(concept.id, vocab, cand.text,
                                         cand.acronym if cand.acronym != cand.text else None,
                                         round(conf, 2), s, cand.count, len(cand.documents),
                                         cand.example, cand.example_at))
            found.sort(key=lambda m: -m.confidence)
            out.extend(found[:3])
    out.sort(key=lambda m: (-m.confidence, m.concept))
    return out


def render(s: Suggestions, glossary_file: str | None = None) -> str:
    """The proposals as YAML to review: ``concepts`` ready to paste into a glossary
    (evidence in comments), ``mappings`` with their evidence and the command that applies
    each one."""
    import io

    from .edit import _blank_line_after, _cm, _cs, _yaml

    y = _yaml()
    doc = _cm()
    concepts = _cs([], flow=False)
    for entry, cand in s.concepts:
        m = _cm()
        for k, v in entry.items():
            m[k] = _cm(v, flow=True) if isinstance(v, dict) else v
        if concepts:
            _blank_line_after(concepts[-1])
        concepts.append(m)
        kind = ("defined in a document" if cand.defined else "acronym" if cand.acronym == cand.text
                else "acronym spelt out in a document" if cand.acronym else "repeated phrase")
        note = (f"confidence {cand.confidence()}: {kind}; used {cand.count} times in "
                f"{len(cand.documents)} document(s); e.g. {cand.example_at}: {cand.example}")
        concepts.yaml_set_comment_before_after_key(len(concepts) - 1, before=note, indent=2)
    doc["concepts"] = concepts
    maps = _cs([], flow=False)
    for mp in s.mappings:
        terms = _cm([("preferred", mp.preferred)] + ([("acronym", mp.acronym)] if mp.acronym else []), flow=True)
        cmd = f"termcheck glossary map {glossary_file or 'GLOSSARY'} {mp.concept} --vocabulary {mp.vocabulary} " \
              f"--preferred {_quote(mp.preferred)}" + (f" --acronym {mp.acronym}" if mp.acronym else "") + \
              " --status proposed"
        m = _cm([("concept", mp.concept), ("vocabulary", mp.vocabulary), ("terms", terms),
                 ("confidence", mp.confidence), ("signals", _cm(mp.signals, flow=True)),
                 ("evidence", _cm([("count", mp.count), ("documents", mp.documents),
                                   ("example", mp.example), ("at", mp.example_at)])),
                 ("apply", cmd)])
        if maps:
            _blank_line_after(maps[-1])
        maps.append(m)
    doc["mappings"] = maps
    out = io.StringIO()
    head = ("# termcheck glossary suggest: proposals to review; nothing here is in the glossary yet.\n"
            "# documents: " + "; ".join(f"{p} ({v or 'vocabulary undetermined'})" for p, v, _ in s.documents)
            + "\n")
    y.dump(doc, out)
    text = out.getvalue()
    return head + text + ("" if text.endswith("\n") else "\n")


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)
