"""``unknown-term``: a domain term no loaded glossary knows.

Three kinds of evidence, each reported once per document at its first occurrence:
a term the document defines (``Defect Triage Board (DTB)``) whose acronym and long form
are both unknown; an unknown acronym used at least twice; a capitalised multi-word
phrase used at least twice. Precision first: sentence-initial function words, dates and
phrases overlapping a glossary match or a near-miss are left out. With an optional
statistical spaCy pipeline (``--nlp-model``), phrases are also trimmed to a noun head.
"""
from __future__ import annotations

import re

from ..nlp import fold, is_acronym_like
from .base import Document

RULE = "unknown-term"

_CONNECTORS = {"and", "of", "for", "the", "to", "in", "on", "&", "-"}
_CALENDAR = set("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""".split())
# Words that are capitalised because they start a sentence, not because they name a thing.
_OPENERS = set("""the a an this that these those each every all any some no our its their his
her my your in on at for from with by to of as if when where while once after before during
until since because although though both either neither it we they he she there here what
which who whom how why then thus also however members participants please see note""".split())
_ROMAN = re.compile(r"^[IVXLC]+$")
# English words that are written in capitals for emphasis, not acronyms.
_SHOUTED_WORDS = set("""A AN AS AT BE BY DO GO IF IN IS IT ME MY NO OF OK ON OR SO TO UP US WE
ALL AND ANY ARE BUT CAN FOR HAS HOW ITS MAY NEW NOR NOT NOW OFF ONE OUR OUT THE TWO USE WAS
WHO WHY YES YOU ALSO BEEN BOTH DONE EACH FROM HAVE INTO MUST NONE ONLY SUCH THAN THAT THEM THEN
THEY THIS WERE WHAT WHEN WILL WITH DRAFT FINAL NOTE NOTES NOTICE TODO WARNING BASIS""".split())


def _capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and any(c.islower() for c in word[1:]) and word.isalpha()


def _unknown_acronym(word: str) -> bool:
    return (is_acronym_like(word) and word.isupper() and word.isalpha()
            and not _ROMAN.match(word) and word not in _SHOUTED_WORDS)


def _key(text: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in re.findall(r"[A-Za-z0-9&]+", text))


def check(doc: Document) -> None:
    acronyms = doc.glossary.acronyms()
    exempt = doc.settings.exempt_acronyms
    reported: set[tuple[str, ...]] = set()

    def report(b, start, end, found, message):
        doc.report(RULE, b, start, end, found, suggestion=_closest(doc, found), message=message)

    # 1. terms the document defines
    covered = {b: [(m.start, m.end) for m in ms] for b, ms in enumerate(doc.matches)}
    for e in doc.definitions():
        if e.acronym in acronyms or e.acronym in exempt:
            continue
        text = doc.texts[e.block]
        if any(" ".join(text[s:en].split()).casefold() == e.expansion.casefold()
               for s, en in covered[e.block] if e.start <= s and en <= e.end):
            continue  # the long form is itself a glossary term
        key = _key(e.expansion)
        if key in reported or (e.acronym,) in reported:
            continue
        reported.update({key, (e.acronym,)})
        report(e.block, e.start, e.end, e.expansion,
               f"'{e.expansion} ({e.acronym})' is defined here but is in no loaded glossary")

    # 2./3. unknown acronyms and capitalised phrases used more than once
    near: dict[int, list[tuple[int, int]]] = {}
    for b, nm in doc.near_misses:
        near.setdefault(b, []).append((nm.start, nm.end))
    seen: dict[tuple[str, ...], list] = {}
    for b, toks in enumerate(doc.tokens):
        blocked = sorted(covered[b] + near.get(b, []) + _shouted(doc.texts[b]))
        k = 0
        run: list = []
        for i, t in enumerate(toks + [None]):
            if t is not None:
                if not run and not t.text[0].isupper():
                    continue  # nothing starts here and nothing is open
                while k < len(blocked) and blocked[k][1] <= t.start:
                    k += 1
                if not (k < len(blocked) and blocked[k][0] <= t.start):
                    if _unknown_acronym(t.text) and t.text not in acronyms and t.text not in exempt:
                        seen.setdefault((t.text,), []).append((b, t.start, t.end, t.text))
                    if _capitalised(t.text) or (run and t.text.lower() in _CONNECTORS):
                        run.append((i, t))
                        continue
            _phrase(doc, b, toks, run, seen)
            run = []
    for key, places in seen.items():
        if len(places) < 2 or key in reported:
            continue
        reported.add(key)
        b, start, end, text = places[0]
        kind = "acronym" if len(key) == 1 else "phrase"
        report(b, start, end, text, f"the {kind} '{text}' is used {len(places)} times but is in no loaded glossary")


_SEGMENT = re.compile(r"[^.!?;:\n]+")
_ALPHA_WORD = re.compile(r"[A-Za-z]{2,}")


def _shouted(text: str) -> list[tuple[int, int]]:
    """Stretches written in capitals ("TERMS AND CONDITIONS", a shouted disclaimer):
    their words are not acronyms."""
    if sum(c.isupper() for c in text) < 6:
        return []
    out = []
    for seg in _SEGMENT.finditer(text):
        words = _ALPHA_WORD.findall(seg.group())
        if len(words) >= 2 and sum(w.isupper() for w in words) >= max(2, 0.6 * len(words)):
            out.append(seg.span())
    return out


def _phrase(doc: Document, b: int, toks, run, seen) -> None:
    while run and run[-1][1].text.lower() in _CONNECTORS:
        run.pop()
    if run:
        i0, t0 = run[0]
        sentence_start = i0 == 0 or toks[i0 - 1].text in {".", "!", "?", ":", ";", "(", "\"", "'", "*", "-", "|"}
        if sentence_start and t0.text.lower() in _OPENERS:
            run = run[1:]
        elif sentence_start and len(run) > 1 and run[1][1].text.lower() in _CONNECTORS:
            run = run[2:]  # "Later the Steering Board": the opener is no part of the term
    while run and run[0][1].text.lower() in _CONNECTORS:
        run = run[1:]
    if doc.tagger is not None and run:
        run = _trim_by_tags(doc.pos_at(b), run)
    words = [t for _, t in run if _capitalised(t.text)]
    if len(words) < 2 or any(t.text.lower() in _CALENDAR for _, t in run):
        return
    text = doc.texts[b]
    start, end = run[0][1].start, run[-1][1].end
    found = " ".join(text[start:end].split())
    seen.setdefault(_key(found), []).append((b, start, end, found))


_HEAD = {"NOUN", "PROPN"}


def _trim_by_tags(pos: dict[int, str], run: list) -> list:
    """With a statistical pipeline: a term starts at a noun, proper noun or adjective
    and ends at a noun or proper noun (``Steering Board Approved`` -> ``Steering Board``)."""
    while run and pos.get(run[0][1].start) not in _HEAD | {"ADJ"}:
        run = run[1:]
    while run and pos.get(run[-1][1].start) not in _HEAD:
        run = run[:-1]
    return run


def _closest(doc: Document, term: str) -> str | None:
    from rapidfuzz import fuzz, process

    choices = doc.__dict__.get("_preferred_terms")  # built once per document, not per finding
    if choices is None:
        choices = doc.__dict__["_preferred_terms"] = list(
            {c.preferred_in(doc.vocabulary) or c.any_preferred(): c for c in doc.glossary.concepts.values()})
    best = process.extractOne(term, choices, scorer=fuzz.token_sort_ratio, score_cutoff=80)
    return best[0] if best else None
