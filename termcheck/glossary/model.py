"""Glossary records: concepts, the terms each vocabulary uses for them, and forms."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Callable

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


_SERIAL = itertools.count(1)


class TrackedDict(dict):
    """A dict that takes a new serial number, unique in the process, whenever it is
    changed, so that tables derived from it know when they are out of date."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.serial = next(_SERIAL)

    def _changed(self) -> None:
        self.serial = next(_SERIAL)

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self._changed()

    def __delitem__(self, key):
        super().__delitem__(key)
        self._changed()

    def __ior__(self, other):
        result = super().__ior__(other)
        self._changed()
        return result

    def clear(self):
        super().clear()
        self._changed()

    def pop(self, *args):
        value = super().pop(*args)
        self._changed()
        return value

    def popitem(self):
        item = super().popitem()
        self._changed()
        return item

    def setdefault(self, key, default=None):
        value = super().setdefault(key, default)
        self._changed()
        return value

    def update(self, *args, **kwargs):
        super().update(*args, **kwargs)
        self._changed()


@dataclass
class Glossary:
    """One or more glossary files loaded together.

    Tables derived from the concepts (acronyms, the preferred terms suggestions are
    picked from) are built on first use and kept (:meth:`derived`) until ``concepts`` or
    ``vocabularies`` is replaced or changed: both are held as :class:`TrackedDict`.
    Concepts are frozen records; an edit replaces one (``concepts[id] = new``)."""

    title: str
    vocabularies: dict[str, Vocabulary]
    concepts: dict[str, Concept]
    files: tuple[str, ...] = ()

    def __setattr__(self, name, value):
        if name in ("concepts", "vocabularies") and not isinstance(value, TrackedDict):
            value = TrackedDict(value)
        object.__setattr__(self, name, value)

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_derived", None)  # rebuilt where needed (a worker process)
        return state

    def derived(self, name, build: Callable[["Glossary"], Any]):
        """``build(self)``, made once and kept until the concepts or vocabularies change.
        ``name`` (hashable) tells tables apart."""
        stamp = (self.concepts.serial, self.vocabularies.serial)
        cached = self.__dict__.get("_derived")
        if cached is None or cached[0] != stamp:
            cached = self.__dict__["_derived"] = (stamp, {})
        tables = cached[1]
        if name not in tables:
            tables[name] = build(self)
        return tables[name]

    def forms(self):
        for concept in self.concepts.values():
            yield from concept.forms()

    def acronyms(self) -> dict[str, list[Concept]]:
        """Acronym text -> the concepts that use it."""
        return self.derived("short-forms", _short_forms)[0]

    def abbreviations(self) -> dict[str, list[Concept]]:
        """Like :meth:`acronyms`, with every other form written in capitals (an admitted
        ``QAP``) too."""
        return self.derived("short-forms", _short_forms)[1]

    def long_forms(self) -> dict[tuple[str, ...], list[Concept]]:
        """The folded words (:func:`termcheck.nlp.phrase_key`) of every full form ->
        the concepts that use it."""
        return self.derived("short-forms", _short_forms)[2]


def _short_forms(glossary: Glossary):
    """(acronyms, abbreviations, long forms): every document asks."""
    from ..nlp import phrase_key

    acronyms: dict[str, list[Concept]] = {}
    abbreviations: dict[str, list[Concept]] = {}
    long_forms: dict[tuple[str, ...], list[Concept]] = {}
    for concept in glossary.concepts.values():
        for form in concept.forms():
            if form.kind == "acronym":
                _add(acronyms, form.text, concept)
            if form.is_abbreviation:
                _add(abbreviations, form.text, concept)
            else:
                _add(long_forms, phrase_key(form.text), concept)
    return acronyms, abbreviations, long_forms


def _add(table: dict, key, concept: Concept) -> None:
    concepts = table.setdefault(key, [])
    if concept not in concepts:
        concepts.append(concept)
