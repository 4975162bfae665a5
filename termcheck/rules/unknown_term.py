"""``unknown-term``: a domain term no loaded glossary knows.

Three kinds of evidence, each reported once per document at its first occurrence:
a term the document defines (``Defect Triage Board (DTB)``) whose acronym and long form
are both unknown; an unknown acronym; a capitalised multi-word phrase used at least
twice. Precision first: sentence-initial function words, dates and
phrases overlapping a glossary match or a near-miss are left out. With an optional
statistical spaCy pipeline (``--nlp-model``), phrases are also trimmed to a noun head.
"""
from __future__ import annotations

from functools import lru_cache
from bisect import bisect_left
from itertools import compress, repeat
from operator import and_, itemgetter

from .naming import in_identifier
from ..nlp import WordSet, fold, number_suffix, phrase_key, reads_as_acronym, singular_acronym
from .base import Document
from .closest import closest

RULE = "unknown-term"
_START = itemgetter(1)  # a token's start, taken in C
_CAPITAL_WORDS = WordSet(lambda w: w[0].isupper())

_CONNECTORS = {"and", "of", "for", "the", "to", "in", "on", "&", "-"}
_CALENDAR = set("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""".split())
# Words that are capitalised because they start a sentence, not because they name a thing.
_OPENERS = set("""the a an this that these those each every all any some no our its their his
her my your in on at for from with by to of as if when where while once after before during
until since because although though both either neither it we they he she there here what
which who whom how why then thus also however members participants please see note""".split())


@lru_cache(maxsize=1 << 16)
def _capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and any(c.islower() for c in word[1:]) and word.isalpha()


def check(doc: Document) -> None:
    exempt = doc.settings.exempt_acronyms
    reported: set[tuple[str, ...]] = set()

    def report(b, start, end, found, message):
        doc.report(RULE, b, start, end, found, suggestion=_closest(doc, found), message=message)

    # 1. terms the document defines
    covered = {b: [(m.start, m.end) for m in ms] for b, ms in enumerate(doc.matches)}
    acronyms, long_forms = doc.glossary.abbreviations(), doc.glossary.long_forms()
    for e in doc.definitions():
        if e.acronym in acronyms or e.acronym in exempt or phrase_key(e.expansion) in long_forms:
            continue  # the acronym or the long form is a glossary term
        key = phrase_key(e.expansion)
        if key in reported or (e.acronym,) in reported:
            continue
        reported.update({key, (e.acronym,)})
        report(e.block, e.start, e.end, e.expansion,
               f"'{e.expansion} ({e.acronym})' is defined here but is in no loaded glossary")

    # 2./3. unknown acronyms and capitalised phrases used more than once
    near: dict[int, list[tuple[int, int]]] = {}
    for b, nm in doc.near_misses:
        near.setdefault(b, []).append((nm.start, nm.end))
    for e in doc.definitions():  # a defined acronym is judged as a definition (above)
        near.setdefault(e.block, []).append((e.start, e.end))
    seen: dict[tuple[str, ...], list] = {}
    capitals = _CAPITAL_WORDS.among(doc.distinct_words)
    for b, toks in enumerate(doc.tokens):
        # a run starts only at a word with a capital: look at those, and at the words
        # after them while a run is open
        is_capital = list(map(capitals.__contains__, doc.token_texts[b]))
        if not any(is_capital):
            continue
        blocked = sorted(covered[b] + near.get(b, []) + doc.shouted(b))
        n = len(toks)
        if blocked:  # a capital inside a blocked span starts nothing: leave it out
            starts = list(map(_START, toks))
            free = [True] * n
            for s, e in blocked:
                lo, hi = bisect_left(starts, s), bisect_left(starts, e)
                free[lo:hi] = repeat(False, hi - lo)
            is_capital = map(and_, is_capital, free)
        ups = list(compress(range(n), is_capital))
        if not ups:
            continue
        k = 0
        run: list = []
        u, i = 0, ups[0]
        while True:
            t = toks[i] if i < n else None
            if t is not None:
                while k < len(blocked) and blocked[k][1] <= t.start:
                    k += 1
                if not (k < len(blocked) and blocked[k][0] <= t.start):
                    one = singular_acronym(t.text)
                    if reads_as_acronym(t.text) and one not in acronyms and one not in exempt \
                            and not number_suffix(doc.texts[b], t.start, t.text) \
                            and not in_identifier(doc.texts[b], t.start, t.end):  # TCT-R2-SUM
                        seen.setdefault((one,), []).append((b, t.start, t.end, t.text))
                    if (_capitalised(t.text) or (run and t.text.lower() in _CONNECTORS)) \
                            and not (run and _cell_break(doc.texts[b], run[-1][1].end, t.start)):
                        run.append((i, t))
                        i += 1
                        continue
            if run:
                for part in _split_names(run):
                    _phrase(doc, b, toks, part, seen)
                run = []
            if t is not None and _capitalised(t.text) and not (k < len(blocked) and blocked[k][0] <= t.start):
                run.append((i, t))  # a run cut at a line break starts again here
            if run:
                i += 1
                continue
            while u < len(ups) and ups[u] <= i:
                u += 1
            if u == len(ups):
                break
            i = ups[u]
    for key, places in seen.items():
        if key in reported:
            continue
        if len(key) > 1:  # a phrase: twice, once in running text, not a name or boilerplate
            if len(places) < 2 or not any(_in_prose(doc.texts[b], s, e) for b, s, e, _ in places) \
                    or all(fold(w) in _GENERIC for w in key) or key[0] in _GIVEN_NAMES:
                continue
        reported.add(key)
        b, start, end, text = places[0]
        kind = "acronym" if len(key) == 1 else "phrase"
        times = "once" if len(places) == 1 else f"{len(places)} times"
        report(b, start, end, text, f"the {kind} '{text}' is used {times} but is in no loaded glossary")


def _cell_break(text: str, end: int, start: int) -> bool:
    """A line break between two words that ends a short line: table cells or menu items
    run together, not a term wrapped across lines."""
    if "\n" not in text[end:start]:
        return False
    line_start = text.rfind("\n", 0, end) + 1
    return end - line_start < 50


def _split_names(run: list) -> list[list]:
    """A run that joins two names with "and" ("Elexon and the RECCo", "Ofgem and
    Elexon") is two runs; "Balancing and Settlement Code" stays one."""
    for k, (_, t) in enumerate(run):
        if t.text.lower() in ("and", "or", "&") and 0 < k < len(run) - 1:
            before, after = run[:k], run[k + 1:]
            if after[0][1].text.lower() in ("the", "a", "an") or (len(before) == 1 and len(after) == 1):
                return [before, *_split_names(after)]
    return [run]


def _in_prose(text: str, start: int, end: int) -> bool:
    """The phrase stands in a line of running text, not alone (a heading, a menu, a link)."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    line = text[left:start] + " " + text[end:(right if right != -1 else len(text))]
    return sum(1 for w in line.split() if w[:1].islower()) >= 3


def _phrase(doc: Document, b: int, toks, run, seen) -> None:
    while run and run[-1][1].text.lower() in _CONNECTORS:
        run.pop()
    if not run:
        return
    # a fragment of a longer name whose other words are a glossary term or an acronym
    first, last = run[0][0], run[-1][0]
    for k in (first - 1, last + 1):
        if 0 <= k < len(toks) and (toks[k].text[:1].isupper() and toks[k].text.lower() not in _OPENERS) \
                and doc.texts[b][min(toks[k].end, run[0][1].start):max(toks[k].start, run[-1][1].end)].count("\n") == 0 \
                and not (k == first - 1 and _sentence_start(toks, k)):
            return
    if run:
        i0, t0 = run[0]
        sentence_start = _sentence_start(toks, i0)
        if sentence_start and t0.text.lower() in _OPENERS:
            run = run[1:]
        elif sentence_start and len(run) > 1 and run[1][1].text.lower() in _CONNECTORS:
            run = run[2:]  # "Later the Steering Board": the opener is no part of the term
    while run and run[0][1].text.lower() in _CONNECTORS:
        run = run[1:]
    if doc.tagger is not None and run:
        run = _trim_by_tags(doc.pos_at(b), run)
    for k, (_, t) in enumerate(run):  # a date ends the name: "the Planning Committee in September"
        if t.text.lower() in _CALENDAR:
            run = run[:k]
            while run and run[-1][1].text.lower() in _CONNECTORS:
                run.pop()
            break
    words = [t for _, t in run if _capitalised(t.text)]
    if len(words) < 2:
        return
    text = doc.texts[b]
    start, end = run[0][1].start, run[-1][1].end
    found = " ".join(text[start:end].split())
    seen.setdefault(phrase_key(found), []).append((b, start, end, found))


# what a sentence, a list item or a cell starts after: stops, quotes, table bars, and the
# bullets and dashes of lists run together on one line ("• All Test cases are documented")
_STARTS_AFTER = frozenset({".", "!", "?", ":", ";", "(", "\"", "'", "*", "-", "|",
                           "\u2022", "\u25e6", "\u25aa", "\u2023", "\u2013", "\u2014", "\u2192"})


def _sentence_start(toks, i: int) -> bool:
    return i == 0 or toks[i - 1].text in _STARTS_AFTER


# Words that make up headings, menus and generic names ("Work Area", "Next Steps",
# "Working Group", "Quick Links"): a phrase made only of them is no domain term.
_GENERIC = {fold(w) for w in """work area areas next step steps key date dates quick link links read
more find out contact us home page pages news event events latest update updates related document
documents resource resources overview summary introduction background advisory group groups working
meeting meetings minute minutes agenda action actions log term terms condition conditions privacy
policy cookie cookies setting settings accessibility statement sign login search menu back top go
view all share print download subscribe follow help support faq about career careers sitemap
copyright legal notice main content skip navigation previous current new open close closed status
time type name description version owner title section table figure appendix annex part chapter
note notes item items day week month year quarter phase stage wave cycle round release sprint change
request response question questions answer answers comment comments feedback review approval
decision decisions risk risks issue issues team lead manager director chair member members
participant participants programme program project plan planning approach strategy process
guidance framework report reports paper papers webinar webinars slide slides recording
recordings consultation consultations session sessions""".split()}

# Common given names: a capitalised pair that starts with one is a person, not a term.
_GIVEN_NAMES = {fold(w) for w in """adam alan alex alexander alice alison amanda amy andrew angela
anna anne anthony ben benjamin bob brian carl caroline catherine charles charlotte chris
christopher claire colin craig daniel david deborah dominic edward elizabeth emily emma eric fiona
frank gareth gary george graham hannah harry helen ian jack jacob james jane janet jason jennifer
jessica jim joanna joe john jonathan joseph julia julie karen kate katherine kevin laura lee linda
lisa louise lucy mark martin mary matthew michael michelle mike nathan neil nicholas nick nicola
oliver patrick paul peter philip rachel rebecca richard robert roger rosie ruth ryan sam samuel
sarah scott sharon simon sophie stephen steve steven stuart susan thomas tim timothy tom tony
victoria william""".split()}

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
    return closest(doc.glossary, doc.vocabulary, term)
