"""Finding glossary forms in text: exact phrase matching (fuzzy near-misses are in
:mod:`termcheck.fuzzy`, acronym definitions in :mod:`termcheck.acronyms`).

Exact matching walks a trie of token keys (see :mod:`termcheck.nlp`): every glossary
form is a path of keys; every document word offers its exact and folded keys; the
longest path wins, leftmost first.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress


from .acronyms import surface
from . import english
from .english import verb_inflections
from .glossary import Concept, Form, Glossary
from .nlp import Tok, WordSet, fold, form_keys, inner_inflected, text_keys, token_text, tokenize

# Spans that never hold findings: URLs, e-mail addresses, file paths.
_MASK = re.compile(
    r"""(?:\b(?:https?|ftp|file)://|\bwww\.)[^\s<>"']+      # URLs
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                          # e-mail addresses
      | (?<![\w/])(?:[A-Za-z]:\\|\\\\)[^\s<>"']+             # Windows paths
      | (?<![\w\\])(?:\\[\w.$-]+(?:\\[\w.$-]+)+               # \server\share\file, a
        |[\w.$-]+(?:\\[\w.$-]+){2,})                            #   UNC path whose \\ Markdown ate
      | (?<![\w/])/(?:[\w.-]+/)+[\w.-]*                       # absolute POSIX paths
      | (?<![\w/])(?:\.{1,2}/)?(?:[\w.-]+/){2,}[\w.-]*        # relative paths a/b/c
    """, re.X)


def mask(text: str) -> str:
    """``text`` with URLs, e-mail addresses and file paths blanked out (offsets kept)."""
    if "/" not in text and "@" not in text and "\\" not in text and "www." not in text:
        return text
    return _MASK.sub(lambda m: " " * len(m.group()), text)


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary form found in a block: token range, character range, the forms."""

    first: int
    last: int  # exclusive token index
    start: int
    end: int
    text: str
    forms: tuple[Form, ...]


@dataclass(frozen=True, slots=True)
class ConceptClass:
    """What kind of word a concept's terms are, worked out once per glossary
    (:func:`concept_classes`)."""

    no_thing: bool  # an action or a quality, not a thing (english.names_no_thing)
    acts: bool  # of those, an action: utilise, or a style list's "deal with" for "address"
    style_verb: bool  # a style list whose preferred word may be a verb (affect for impact)


def concept_classes(glossary: Glossary) -> dict[str, ConceptClass]:
    """Each concept's :class:`ConceptClass`, by id, kept with the glossary."""
    return glossary.derived("concept-classes", lambda g: {c.id: _classify(c) for c in g.concepts.values()})


def _classify(concept: Concept) -> ConceptClass:
    forms = list(concept.forms())
    deprecated = tuple(f.text.lower() for f in forms if f.kind == "deprecated")
    # the preferred term of a concept with one vocabulary (or all); with forms it
    # deprecates, the concept is a style list's entry
    only = (next(iter(concept.terms.values())).preferred.text,) if len(concept.terms) == 1 else ()
    style = only if deprecated else ()
    no_thing = english.names_no_thing(tuple(f.text.lower() for f in forms), deprecated,
                                      tuple(p.lower() for p in style))
    # an action: a word of it that is never a noun is a verb (utilise), or it prefers a
    # phrase that ends in a preposition (deal with, for address)
    words = [f.text.lower() for f in forms if f.text.isalpha() and f.text.islower()]
    acts = no_thing and (any(verb_inflections(w) for w in words if not english.can_be_noun(w))
                         or any(" " in p and english.ends_in_preposition(p) for p in only))
    word = style[0] if style else ""
    style_verb = word.isalpha() and word.islower() and bool(verb_inflections(word))
    return ConceptClass(no_thing, acts, style_verb)


class FormIndex:
    """A trie over the token keys of every form in a glossary."""

    def __init__(self, glossary: Glossary):
        self.root: dict = {}
        # a multi-word form's words in lower case, filled as forms are first matched: only
        # a form's last word inflects (Test Environments); "claims representative" is
        # another spelling of "claim representative" (a near-miss), not the form
        self._words: dict[Form, tuple[str, ...]] = {}
        # the words (as written) a form can start with: one of their keys is a first key
        self._starters = WordSet(lambda w: any(k in self.root for k in text_keys(w)))
        classes = concept_classes(glossary)
        for concept in glossary.concepts.values():
            kind = classes[concept.id]
            for form in concept.forms():
                self._add(form_keys(form.text, form.case_sensitive), form)
                if form.case_sensitive and not form.is_abbreviation:
                    # a form that matches only as written also matches written in capitals
                    self._add(form_keys(form.text.upper(), True), form)
                elif form.text.islower():
                    self._add_verb_forms(form, kind)

    def _add_verb_forms(self, form: Form, kind: ConceptClass) -> None:
        """An action's one-word forms match in the past and -ing too (utilised,
        utilising), and so do the deprecated words of a style list's verb (impacted, for
        "affect"); an action's deprecated phrase inflects its first word (kicked off)."""
        if form.text.isalpha():
            if kind.no_thing or kind.style_verb and form.kind == "deprecated":
                for word in verb_inflections(form.text):
                    self._add(form_keys(word), form)
        elif kind.acts and form.kind == "deprecated" and " " in form.text:
            first, rest = form.text.split(" ", 1)
            for word in verb_inflections(first):
                variant = replace(form, text=f"{word} {rest}")
                self._add(form_keys(variant.text), variant)

    def _add(self, keys: tuple[str, ...], form: Form) -> None:
        if not keys:
            return
        node = self.root
        for key in keys:
            node = node.setdefault(key, {})
        node.setdefault(None, []).append(form)

    def _inner_agrees(self, form: Form, texts: list[str], i: int) -> bool:
        """The words of a match starting at token ``i`` before its last are the form's own
        (see :func:`termcheck.nlp.inner_inflected`)."""
        words = self._words.get(form)
        if words is None:
            words = self._words[form] = tuple(token_text(t).lower() for t in tokenize(form.text))
        return not inner_inflected([t.lower() for t in texts[i:i + len(words)]], words)

    def starters(self, words: set[str]) -> set[str]:
        """Those of ``words`` (as written) that can start a glossary form."""
        return self._starters.among(words)

    def match(self, text: str, tokens: list[Tok], texts: list[str] | None = None,
              starters: set[str] | None = None) -> list[Match]:
        """Leftmost-longest matches of glossary forms among ``tokens`` of ``text``
        (``texts``: the tokens' texts; ``starters``: :meth:`starters` of a set holding
        them, when the caller has these already)."""
        root = self.root
        out: list[Match] = []
        if texts is None:
            texts = list(map(token_text, tokens))
        if starters is None:
            starters = self._starters.among(set(texts))
        if not starters:
            return out
        n = len(tokens)
        after = 0  # tokens before this index are inside a match already found
        for i in compress(range(n), map(starters.__contains__, texts)):
            if i < after:
                continue
            best_end, best_forms = -1, None
            frontier = [root.get(k) for k in text_keys(texts[i]) if k in root]
            j = i + 1
            while frontier:
                terminal = [form for node in frontier for form in node.get(None, ())]
                if terminal and j - i > 1:
                    terminal = [f for f in terminal if self._inner_agrees(f, texts, i)]
                elif terminal and not texts[i].lower().endswith("s"):
                    terminal = [f for f in terminal if not _plural_word(f.text)]
                if terminal:
                    best_end, best_forms = j, terminal
                if j >= n:
                    break
                nxt = []
                for node in frontier:
                    for k in text_keys(texts[j]):
                        child = node.get(k)
                        if child is not None:
                            nxt.append(child)
                frontier = nxt
                j += 1
            if best_forms is None:
                continue
            start, end = tokens[i].start, tokens[best_end - 1].end
            found = surface(text[start:end])
            out.append(Match(i, best_end, start, end, found, _prefer_exact(found, best_forms)))
            after = best_end
        return out


def count_forms(matches) -> "Counter[Form]":
    """How often each glossary form was matched (a match standing for several forms,
    like an acronym two vocabularies share, counts once for each)."""
    counts: Counter[Form] = Counter()
    for m in matches:
        counts.update(tuple(dict.fromkeys(m.forms)))
    return counts


@lru_cache(maxsize=1 << 14)
def _plural_word(form: str) -> bool:
    """``form`` is one lower-case word written in the plural (``fries``, ``crisps``,
    ``minutes``): its singular is another word (the verb "fry", the adjective "crisp"),
    so only the plural matches it."""
    return form.isalpha() and form.islower() and form.endswith("s") and fold(form) != form


def _prefer_exact(found: str, forms: list[Form]) -> tuple[Form, ...]:
    """Where some forms are written exactly as found (case aside), keep only those: an
    inflected match (``System`` for ``Systems``) must not shadow an exact one."""
    unique = list(dict.fromkeys(forms))
    folded = found.casefold()
    exact = [f for f in unique if f.text.casefold() == folded]
    return tuple(exact or unique)
