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
        """Acronym text -> the concepts that use it (built once)."""
        return self._short_forms[0]

    def abbreviations(self) -> dict[str, list[Concept]]:
        """Like :meth:`acronyms`, with every other form written in capitals (an admitted
        ``QAP``) too."""
        return self._short_forms[1]

    def long_forms(self) -> dict[tuple[str, ...], list[Concept]]:
        """The folded words (:func:`termcheck.nlp.phrase_key`) of every full form ->
        the concepts that use it."""
        return self._short_forms[2]

    @property
    def _short_forms(self):
        """Built once (every document asks; 10,000 concepts take a tenth of a second),
        and again if the concepts are replaced or added to (glossary edits)."""
        key = (id(self.concepts), len(self.concepts))
        cached = self.__dict__.get("_short_forms_cache")
        if cached is not None and cached[0] == key:
            return cached[1]
        from ..nlp import phrase_key

        acronyms: dict[str, list[Concept]] = {}
        abbreviations: dict[str, list[Concept]] = {}
        long_forms: dict[tuple[str, ...], list[Concept]] = {}
        for concept in self.concepts.values():
            for form in concept.forms():
                if form.kind == "acronym":
                    _add(acronyms, form.text, concept)
                if form.is_abbreviation:
                    _add(abbreviations, form.text, concept)
                else:
                    _add(long_forms, phrase_key(form.text), concept)
        self.__dict__["_short_forms_cache"] = (key, (acronyms, abbreviations, long_forms))
        return acronyms, abbreviations, long_forms


def _add(table: dict, key, concept: Concept) -> None:
    concepts = table.setdefault(key, [])
    if concept not in concepts:
        concepts.append(concept)
