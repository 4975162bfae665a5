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


def names_no_thing(concept: Concept) -> bool:
    """The concept is an action or a quality, not a thing (see
    :func:`termcheck.english.names_no_thing`)."""
    forms = list(concept.forms())
    deprecated = tuple(f.text.lower() for f in forms if f.kind == "deprecated")
    style = len(concept.terms) == 1 and deprecated  # a style list's entry: one vocabulary
    return _names_no_thing(tuple(f.text.lower() for f in forms), deprecated,
                           tuple(t.preferred.text.lower() for t in concept.terms.values()) if style else ())


_names_no_thing = lru_cache(maxsize=4096)(english.names_no_thing)


def acts(concept: Concept) -> bool:
    """The concept, an action or a quality (:func:`names_no_thing`), is an action: a
    word of it that is never a noun is a verb (``utilise``), or a style list prefers a
    phrase that ends in a preposition (``deal with`` for ``address``)."""
    if not names_no_thing(concept):
        return False
    words = tuple(f.text.lower() for f in concept.forms() if f.text.isalpha() and f.text.islower())
    style = tuple(t.preferred.text for t in concept.terms.values()) if len(concept.terms) == 1 else ()
    return _acts(words, style)


@lru_cache(maxsize=4096)
def _acts(words: tuple[str, ...], style_preferred: tuple[str, ...]) -> bool:
    return any(verb_inflections(w) for w in words if not english.can_be_noun(w)) \
        or any(" " in p and english.ends_in_preposition(p) for p in style_preferred)


def style_verb(concept: Concept) -> bool:
    """A style list's concept (one vocabulary, deprecated forms) whose preferred word may
    be a verb (it has a past or an -ing form: ``affect``, ``use``): the past and -ing
    forms of its deprecated words (``impacted``, ``leveraging``) are deprecated too."""
    if len(concept.terms) != 1:
        return False
    terms = next(iter(concept.terms.values()))
    word = terms.preferred.text
    return bool(terms.deprecated) and word.isalpha() and word.islower() and bool(verb_inflections(word))


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
        for concept in glossary.concepts.values():
            # an action's one-word forms match in the past and -ing too (utilised, utilising),
            # and so do the deprecated words of a style list's verb (impacted, for "affect")
            action = names_no_thing(concept)
            verb = action or style_verb(concept)
            for form in concept.forms():
                self._add(form_keys(form.text, form.case_sensitive), form)
                if form.case_sensitive and not form.is_abbreviation:
                    # a form that matches only as written also matches written in capitals
                    self._add(form_keys(form.text.upper(), True), form)
                elif verb and form.text.isalpha() and form.text.islower() \
                        and (action or form.kind == "deprecated"):
                    for word in verb_inflections(form.text):
                        self._add(form_keys(word), form)
                elif action and form.kind == "deprecated" and form.text.islower() and " " in form.text \
                        and acts(concept):
                    first, rest = form.text.split(" ", 1)  # kick off -> kicked off, kicking off
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
