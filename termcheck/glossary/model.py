"""Glossary records: concepts, the terms each vocabulary uses for them, and forms."""
from __future__ import annotations

from dataclasses import dataclass, field

ALL = "all"  # the pseudo-vocabulary whose terms hold in every vocabulary
KINDS = ("preferred", "admitted", "deprecated", "acronym")
MAPPINGS = ("exact", "close", "related")
STATUSES = ("agreed", "proposed", "assumed", "disputed")


@dataclass(frozen=True)
class Form:
    """One way of writing a term, as the glossary lists it."""

    text: str
    kind: str  # one of KINDS
    concept: str
    vocabulary: str  # a vocabulary name or ALL
    case_sensitive: bool = False

    @property
    def is_abbreviation(self) -> bool:
        """An acronym, or an admitted form written only in capitals (``QAP``, ``SIT NFT``)."""
        return self.kind == "acronym" or not any(c.islower() for c in self.text)


@dataclass(frozen=True)
class Terms:
    """A concept's terms in one vocabulary."""

    preferred: Form
    acronym: Form | None = None
    admitted: tuple[Form, ...] = ()
    deprecated: tuple[Form, ...] = ()

    def forms(self) -> tuple[Form, ...]:
        extra = (self.acronym,) if self.acronym else ()
        return (self.preferred, *extra, *self.admitted, *self.deprecated)


@dataclass(frozen=True)
class Concept:
    id: str
    terms: dict[str, Terms]  # vocabulary name (or ALL) -> terms
    definition: str = ""
    note: str = ""
    source: str = ""
    mapping: str | None = None
    status: str = "agreed"
    broader: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    examples: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    group: str = ""
    origin: str = ""  # file:line where the concept is defined

    def terms_in(self, vocabulary: str | None) -> Terms | None:
        """The terms that hold in ``vocabulary``: its own, else the shared ``all`` terms."""
        if vocabulary is not None and vocabulary in self.terms:
            return self.terms[vocabulary]
        return self.terms.get(ALL)

    def preferred_in(self, vocabulary: str | None) -> str | None:
        terms = self.terms_in(vocabulary)
        return terms.preferred.text if terms else None

    def any_preferred(self) -> str:
        terms = self.terms.get(ALL) or next(iter(self.terms.values()))
        return terms.preferred.text

    def forms(self):
        for terms in self.terms.values():
            yield from terms.forms()


@dataclass(frozen=True)
class Vocabulary:
    name: str
    title: str
    owner: str = ""
    description: str = ""


@dataclass
class Glossary:
    """One or more glossary files loaded together."""

    title: str
    vocabularies: dict[str, Vocabulary]
    concepts: dict[str, Concept]
    files: tuple[str, ...] = ()

    def forms(self):
        for concept in self.concepts.values():
            yield from concept.forms()

    def acronyms(self) -> dict[str, list[Concept]]:
        """Acronym text -> the concepts that use it (built once per set of concepts: rules
        ask for it at every finding; treat it as read-only)."""
        key = (id(self.concepts), len(self.concepts))
        cached = self.__dict__.get("_acronyms")
        if cached is None or cached[0] != key:
            cached = (key, self._build_acronyms())
            self.__dict__["_acronyms"] = cached
        return cached[1]

    def _build_acronyms(self) -> dict[str, list[Concept]]:
        out: dict[str, list[Concept]] = {}
        for concept in self.concepts.values():
            seen = set()
            for terms in concept.terms.values():
                if terms.acronym and terms.acronym.text not in seen:
                    seen.add(terms.acronym.text)
                    out.setdefault(terms.acronym.text, []).append(concept)
        return out
