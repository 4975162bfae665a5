"""The mapping appendix as data: one row per concept, the term in each vocabulary, and how
the vocabularies' terms correspond. Renderers live in :mod:`termcheck.reporters.appendix`
(Markdown, CSV, HTML) and :mod:`termcheck.reporters.appendix_docx` (Word).

The mapping kind of a concept between two vocabularies follows the same relations the
rules use (``vocabulary-mismatch``, ``unmapped-term``):

* both have terms (their own, or the shared ``all`` terms): the concept's ``mapping``,
  else ``exact``;
* one has none, but the concept's ``narrower`` concepts have terms in it: ``narrower``
  (one-to-many);
* one has none, but a ``broader`` concept has: ``broader``;
* otherwise ``no equivalent``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import TermcheckError
from .glossary import Concept, Glossary, Vocabulary
from .usage import Usage

KIND_MEANING = {
    "exact": "the terms name the same concept",
    "close": "the terms name nearly the same concept",
    "related": "the terms name related concepts",
    "narrower": "one vocabulary has no term; narrower concepts cover it (one-to-many)",
    "broader": "one vocabulary has no term; only a broader concept covers it",
    "no equivalent": "one vocabulary has no term and no related term",
}
OTHER_GROUP = "Other terms"


@dataclass(frozen=True)
class TermCell:
    """A concept's terms in one vocabulary (a column of the appendix)."""

    preferred: str | None = None
    acronym: str | None = None
    admitted: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    shared: bool = False  # the concept's ``all`` terms
    relation: str = ""  # "narrower" or "broader" when the vocabulary has no own term
    counterparts: tuple[str, ...] = ()  # the narrower or broader terms

    @property
    def label(self) -> str:
        """``Load Shaping System (LSS)``, or empty when the vocabulary has no term."""
        if not self.preferred:
            return ""
        return f"{self.preferred} ({self.acronym})" if self.acronym else self.preferred

    def to_dict(self) -> dict:
        return {"preferred": self.preferred, "acronym": self.acronym, "admitted": list(self.admitted),
                "deprecated": list(self.deprecated), "shared": self.shared,
                "relation": self.relation or None, "counterparts": list(self.counterparts)}


@dataclass(frozen=True)
class TermUsage:
    """How often one of the concept's forms is used in the given documents, and where."""

    form: str
    total: int
    where: tuple[tuple[str, int], ...]  # (document, count)


@dataclass(frozen=True)
class Row:
    concept: str
    group: str
    terms: dict[str, TermCell]  # vocabulary name -> cell, in column order
    mapping: str
    status: str
    definition: str = ""
    note: str = ""
    source: str = ""
    usage: tuple[TermUsage, ...] = ()

    @property
    def sort_key(self) -> tuple[str, str]:
        first = next((c.preferred for c in self.terms.values() if c.preferred), self.concept)
        return first.casefold(), self.concept


@dataclass
class Appendix:
    title: str
    caption: str
    glossary_title: str
    vocabularies: list[Vocabulary]  # the columns
    pair: tuple[str, str] | None  # (from, to), or None for every vocabulary
    groups: list[tuple[str, list[Row]]]
    documents: list[str] = field(default_factory=list)  # documents counted for usage

    @property
    def rows(self) -> list[Row]:
        return [r for _, rows in self.groups for r in rows]

    @property
    def grouped(self) -> bool:
        return len(self.groups) > 1 or bool(self.groups and self.groups[0][0] != OTHER_GROUP)

    def kinds_used(self) -> list[str]:
        used = {r.mapping for r in self.rows}
        return [k for k in KIND_MEANING if k in used] + sorted(used - set(KIND_MEANING) - {""})


def _related_terms(glossary: Glossary, ids: tuple[str, ...], vocabulary: str) -> tuple[str, ...]:
    out: list[str] = []
    for cid in ids:
        concept = glossary.concepts.get(cid)
        term = concept.preferred_in(vocabulary) if concept else None
        if term and term not in out:
            out.append(term)
    return tuple(out)


def cell(glossary: Glossary, concept: Concept, vocabulary: str) -> TermCell:
    """The concept's terms in ``vocabulary``, or what stands in for them."""
    terms = concept.terms_in(vocabulary)
    if terms is not None:
        return TermCell(preferred=terms.preferred.text,
                        acronym=terms.acronym.text if terms.acronym else None,
                        admitted=tuple(f.text for f in terms.admitted),
                        deprecated=tuple(f.text for f in terms.deprecated),
                        shared=vocabulary not in concept.terms)
    narrower = _related_terms(glossary, concept.narrower, vocabulary)
    if narrower:
        return TermCell(relation="narrower", counterparts=narrower)
    broader = _related_terms(glossary, concept.broader, vocabulary)
    if broader:
        return TermCell(relation="broader", counterparts=broader)
    return TermCell()


def mapping_kind(concept: Concept, cells: dict[str, TermCell]) -> str:
    """The mapping kind across the given columns (see the module docstring)."""
    if len(cells) < 2:
        return ""
    missing = [c for c in cells.values() if not c.preferred]
    if not missing:
        return concept.mapping or "exact"
    kinds = list(dict.fromkeys(c.relation or "no equivalent" for c in missing))
    return ", ".join(kinds)


def _usage(concept: Concept, vocabularies: list[str], by_text: dict) -> tuple[TermUsage, ...]:
    texts: list[str] = []
    for name, terms in concept.terms.items():
        if name in vocabularies or name == "all":
            texts.extend(f.text for f in terms.forms() if f.text not in texts)
    out = []
    for text in texts:
        where = by_text.get((concept.id, text))
        if where:
            out.append(TermUsage(text, sum(where.values()), tuple(where.items())))
    return tuple(sorted(out, key=lambda u: -u.total))


def check_pair(glossary: Glossary, source: str | None, target: str | None) -> None:
    """Raise :class:`TermcheckError` unless ``source`` and ``target`` are both None or
    two different vocabularies of the glossary."""
    if (source is None) != (target is None):
        raise TermcheckError("--from and --to go together (or leave both out for every vocabulary)")
    for name, option in ((source, "--from"), (target, "--to")):
        if name is not None and name not in glossary.vocabularies:
            raise TermcheckError(f"{option}: {name!r} is not a vocabulary of the glossary "
                                 f"({', '.join(glossary.vocabularies)})")
    if source is not None and source == target:
        raise TermcheckError("--from and --to name the same vocabulary")


def build(glossary: Glossary, source: str | None = None, target: str | None = None,
          usage: Usage | None = None) -> Appendix:
    """The appendix for the pair ``source`` -> ``target``, or for every vocabulary."""
    check_pair(glossary, source, target)
    columns = [source, target] if source else list(glossary.vocabularies)
    by_text = usage.by_concept_text() if usage else {}

    groups: dict[str, list[Row]] = {}
    for concept in glossary.concepts.values():
        cells = {v: cell(glossary, concept, v) for v in columns}
        if not any(c.preferred for c in cells.values()):
            continue  # a concept of other vocabularies only
        row = Row(concept=concept.id, group=concept.group or OTHER_GROUP, terms=cells,
                  mapping=mapping_kind(concept, cells), status=concept.status,
                  definition=concept.definition, note=concept.note, source=concept.source,
                  usage=_usage(concept, columns, by_text))
        groups.setdefault(row.group, []).append(row)
    ordered = [(g, sorted(rows, key=lambda r: r.sort_key)) for g, rows in groups.items() if g != OTHER_GROUP]
    if OTHER_GROUP in groups:
        ordered.append((OTHER_GROUP, sorted(groups[OTHER_GROUP], key=lambda r: r.sort_key)))

    vocabs = [glossary.vocabularies[v] for v in columns]
    if source:
        title = f"Terminology mapping: {vocabs[0].title} to {vocabs[1].title}"
        caption = (f"Terms of the {vocabs[0].title} and their counterparts in the "
                   f"{vocabs[1].title}")
    else:
        title = f"Terminology mapping: {glossary.title or 'glossary'}"
        caption = "Terms of " + _join([v.title for v in vocabs]) + ", concept by concept"
    return Appendix(title=title, caption=caption, glossary_title=glossary.title, vocabularies=vocabs,
                    pair=(source, target) if source else None, groups=ordered,
                    documents=list(usage.documents) if usage else [])


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

