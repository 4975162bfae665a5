"""Glossary lint: quality checks beyond what loading validates, and the example self-tests.

Each check returns :class:`Issue` records. ``error`` issues fail the lint (exit 1);
``warning`` issues fail it only with ``--strict``; ``info`` issues never fail it.

* ``example``: a concept's ``examples`` do not behave as written (error);
* ``relation``: relations that contradict each other: a cycle of ``broader``/``narrower``
  (A broader than B and B broader than A), or two concepts both ``related`` and in one
  hierarchy (error);
* ``confusable``: forms of two concepts so close that one is a near-miss of the other
  (a slip in one would be reported as the other), as the fuzzy stage compares them (warning);
* ``shared-acronym``: one acronym used by two concepts, in different vocabularies
  (in one vocabulary it is already a load error) (warning);
* ``mapping-hole``: a concept with terms in some vocabularies but not in another,
  listed by the vocabulary that lacks it (info; a relation to another concept that does
  have a term there is named as the likely reason).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from .model import ALL, Concept, Glossary

LEVELS = ("error", "warning", "info")


@dataclass(frozen=True)
class Issue:
    level: str  # one of LEVELS
    check: str  # example, relation, confusable, shared-acronym, mapping-hole
    where: str  # file:line of the concept
    concept: str
    message: str
    vocabulary: str = ""  # mapping-hole: the vocabulary without a term
    via: tuple[str, ...] = ()  # mapping-hole: related concepts that have a term there

    def __str__(self) -> str:
        return f"{self.where}: {self.level}: [{self.check}] {self.concept}: {self.message}"


def run_examples(glossary: Glossary) -> list[str]:
    """Check every example sentence; return one line per failure (empty: all pass).

    A ``flag`` sentence must produce at least one finding about its concept; a ``pass``
    sentence must produce no finding at all. Examples under ``all`` are checked in every
    vocabulary."""
    return [f"{i.where}: {i.concept} {i.message}" for i in example_issues(glossary)]


def example_issues(glossary: Glossary) -> list[Issue]:
    from ..engine import Scanner

    if not any(c.examples for c in glossary.concepts.values()):
        return []
    scanner = Scanner(glossary)
    out = []
    for concept in glossary.concepts.values():
        for vocab, cases in concept.examples.items():
            vocabs = list(glossary.vocabularies) if vocab == ALL else [vocab]
            for v in vocabs:
                for sentence in cases.get("flag", ()):
                    found = scanner.check_text(sentence, v).findings
                    if not any(f.concept == concept.id for f in found):
                        out.append(Issue("error", "example", concept.origin, concept.id,
                                         f"[{v}] should flag: {sentence!r}"))
                for sentence in cases.get("pass", ()):
                    found = scanner.check_text(sentence, v).findings
                    if found:
                        rules = ", ".join(sorted({f"{f.rule} {f.found!r}" for f in found}))
                        out.append(Issue("error", "example", concept.origin, concept.id,
                                         f"[{v}] should pass: {sentence!r} ({rules})"))
    return out


def hierarchy(glossary: Glossary) -> dict[str, set[str]]:
    """Concept id -> the ids of the concepts directly broader than it (from both
    ``broader`` of the narrower concept and ``narrower`` of the broader one)."""
    up: dict[str, set[str]] = {cid: set() for cid in glossary.concepts}
    for c in glossary.concepts.values():
        for b in c.broader:
            if b in up:
                up[c.id].add(b)
        for n in c.narrower:
            if n in up:
                up[n].add(c.id)
    return up


def relation_issues(glossary: Glossary) -> list[Issue]:
    up = hierarchy(glossary)
    out: list[Issue] = []
    # cycles in the broader graph (iterative DFS with colours)
    colour: dict[str, int] = {}
    reported: set[frozenset[str]] = set()
    for root in up:
        if colour.get(root):
            continue
        stack = [(root, iter(sorted(up[root])))]
        path = [root]
        colour[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                colour[node] = 2
                continue
            if colour.get(child) == 1:
                cycle = path[path.index(child):]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    chain = " < ".join(cycle + [child])
                    c = glossary.concepts[cycle[0]]
                    out.append(Issue("error", "relation", c.origin, c.id,
                                     f"broader/narrower relations form a cycle: {chain} "
                                     f"(each narrower than the next)"))
            elif not colour.get(child):
                colour[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(up[child]))))
    # related and hierarchical at once
    ancestors: dict[str, set[str]] = {}

    def above(cid: str) -> set[str]:
        if cid not in ancestors:
            seen, todo = set(), list(up.get(cid, ()))
            while todo:
                x = todo.pop()
                if x not in seen:
                    seen.add(x)
                    todo.extend(up.get(x, ()))
            ancestors[cid] = seen
        return ancestors[cid]

    done: set[frozenset[str]] = set()
    for c in glossary.concepts.values():
        for r in c.related:
            pair = frozenset((c.id, r))
            if r not in glossary.concepts or pair in done:
                continue
            if r in above(c.id) or c.id in above(r):
                done.add(pair)
                out.append(Issue("error", "relation", c.origin, c.id,
                                 f"is 'related' to {r!r} and also in one broader/narrower hierarchy "
                                 f"with it (related concepts are neither broader nor narrower)"))
    return out


def shared_acronym_issues(glossary: Glossary) -> list[Issue]:
    out = []
    for acronym, concepts in glossary.acronyms().items():
        if len(concepts) < 2:
            continue
        where = "; ".join(f"{c.id} in {', '.join(_vocabs_with_acronym(c, acronym))}" for c in concepts)
        first = concepts[0]
        out.append(Issue("warning", "shared-acronym", first.origin, first.id,
                         f"acronym {acronym!r} stands for {len(concepts)} concepts ({where}): "
                         f"a document of one vocabulary that uses it may mean the other"))
    return out


def _vocabs_with_acronym(c: Concept, acronym: str) -> list[str]:
    return [v for v, t in c.terms.items() if t.acronym and t.acronym.text == acronym]


def hole_issues(glossary: Glossary) -> list[Issue]:
    vocabs = list(glossary.vocabularies)
    if len(vocabs) < 2:
        return []
    out = []
    for vocab in vocabs:
        for c in glossary.concepts.values():
            if ALL in c.terms or vocab in c.terms:
                continue
            via = [r for r in (*c.broader, *c.narrower, *c.related)
                   if (rc := glossary.concepts.get(r)) is not None and (vocab in rc.terms or ALL in rc.terms)]
            has = ", ".join(v for v in c.terms)
            why = f"; related there through {', '.join(via)}" if via else ""
            out.append(Issue("info", "mapping-hole", c.origin, c.id,
                             f"no term in {vocab!r} (has {has}){why}", vocab, tuple(via)))
    return out


def confusable_issues(glossary: Glossary) -> list[Issue]:
    """Pairs of multi-word forms of different concepts that the fuzzy stage would take for
    slips of each other. Candidates come from deletion neighbourhoods (all words equal but
    one, which is one letter edit away; or one word more; or the same letters spaced
    otherwise), then are confirmed with :func:`termcheck.matching.compare` and the default
    similarity threshold. Two slips in one long form are not looked for."""
    from rapidfuzz import fuzz

    from ..phrases import Phrase, compare

    phrases: list[tuple] = []
    for form in glossary.forms():
        if form.is_abbreviation:
            continue
        p = Phrase.of(form.text)
        if 2 <= len(p.words) <= 8:
            phrases.append((form, p))
    full: dict[tuple, list[int]] = {}
    buckets: dict[tuple, list[int]] = {}
    rests: dict[tuple, int] = {}  # (position, the other words) -> a small number, cheap to hash
    for i, (_, p) in enumerate(phrases):
        full.setdefault(p.words, []).append(i)
        buckets.setdefault(("joined", "".join(p.words)), []).append(i)
        for k in range(len(p.words)):
            rest = rests.setdefault((k, p.words[:k] + p.words[k + 1:]), len(rests))
            for variant in _deletions(p.words[k]):  # one word a slip away (same length)
                buckets.setdefault((rest, variant), []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        pairs.update(itertools.combinations(members, 2))
    for i, (_, p) in enumerate(phrases):  # one word more than another form
        for k in range(1, len(p.words) - 1):
            for j in full.get(p.words[:k] + p.words[k + 1:], ()):
                pairs.add((j, i))
    seen: set[tuple] = set()
    out: list[Issue] = []
    for i, j in sorted(pairs):
        (fa, pa), (fb, pb) = phrases[i], phrases[j]
        if fa.concept == fb.concept or fa.text.casefold() == fb.text.casefold():
            continue  # the same text for two concepts in two vocabularies is no slip
        key = tuple(sorted(((fa.concept, fa.text), (fb.concept, fb.text))))
        if key in seen:
            continue
        seen.add(key)
        d = compare(pa, pb)
        if d is None:
            d = compare(pb, pa)
        if d is None or fuzz.ratio(" ".join(pa.words), " ".join(pb.words)) < 80:
            continue
        ca = glossary.concepts[fa.concept]
        out.append(Issue("warning", "confusable", ca.origin, ca.id,
                         f"{fa.text!r} ({fa.vocabulary}) and {fb.text!r} of {fb.concept!r} "
                         f"({fb.vocabulary}) are so close that fuzzy matching takes one for a slip of "
                         f"the other: a misspelt use may be reported as the wrong concept"))
    return out


@lru_cache(maxsize=1 << 16)
def _deletions(word: str) -> frozenset[str]:
    """The word and every word one letter shorter: two words one edit apart
    (substitution, insertion, deletion, adjacent transposition) share one of these."""
    return frozenset((word, *(word[:k] + word[k + 1:] for k in range(len(word)))))


CHECKS = {
    "relation": relation_issues,
    "confusable": confusable_issues,
    "shared-acronym": shared_acronym_issues,
    "mapping-hole": hole_issues,
    "example": example_issues,
}


def lint(glossary: Glossary, checks: list[str] | None = None) -> list[Issue]:
    """Every issue of the chosen checks (default: all), errors first."""
    issues: list[Issue] = []
    for name, check in CHECKS.items():
        if checks is None or name in checks:
            issues.extend(check(glossary))
    return sorted(issues, key=lambda i: (LEVELS.index(i.level), i.check))
