"""What termcheck knows of ordinary English: which words are common (so that a word
in capitals such as ``UPDATE`` is not taken for an acronym, and a misspelling can be
told from a real word), and which spellings differ only between British and American
English.

The word list is pyspellchecker's English frequency list, read only when a rule asks,
and kept in the user's cache folder (``$XDG_CACHE_HOME/termcheck``) in a form that
loads quickly.
"""
from __future__ import annotations

import re
from functools import lru_cache

COMMON = 100  # least frequency (in pyspellchecker's English list) of a common word
FREQUENT = 20000  # a word so frequent that, in capitals, it is the word and not an acronym
KNOWN, COMMON_WORD, FREQUENT_WORD = 0, 1, 2  # what the table below holds for each word


@lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    """Each English word -> KNOWN, COMMON_WORD or FREQUENT_WORD. Built from the word
    list once (about 0.2 s) and kept in the user's cache folder, from which it loads in
    a few hundredths of a second; a cache that cannot be read or written is ignored."""
    import marshal

    cache = _cache_file()
    if cache is not None:
        try:
            words = marshal.loads(cache.read_bytes())
            if isinstance(words, dict) and words:
                return words
        except (OSError, ValueError, EOFError, TypeError):
            pass
    words = {w: FREQUENT_WORD if f >= FREQUENT else COMMON_WORD if f >= COMMON else KNOWN
             for w, f in _frequencies().items()}
    if cache is not None and words:
        from .fileio import atomic_write

        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(cache, marshal.dumps(words))
        except (OSError, TypeError, ValueError):
            pass  # a read-only home: build the table again next time
    return words


def _source():
    """pyspellchecker's English list, found without importing the package."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "en.json.gz"
    return path if path.is_file() else None


def _cache_file():
    """The cached table, named after the list's size and time so a new release of the
    list makes a new table."""
    import os
    import sys
    from pathlib import Path

    source = _source()
    if source is None:
        return None
    st = source.stat()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "termcheck" / (f"english-{st.st_size}-{int(st.st_mtime)}-"
                                       f"py{sys.version_info[0]}{sys.version_info[1]}.marshal")


def _frequencies() -> dict[str, int]:
    import gzip
    import json

    source = _source()
    if source is None:  # pragma: no cover - a broken install
        return {}
    return json.loads(gzip.decompress(source.read_bytes()))


def is_common_word(word: str) -> bool:
    """``word`` (any case) is a common English word."""
    return _words().get(word.lower(), -1) >= COMMON_WORD


def is_frequent_word(word: str) -> bool:
    return _words().get(word.lower(), -1) >= FREQUENT_WORD


def word_level(word: str) -> int:
    """How common ``word`` (lower case) is: FREQUENT_WORD, COMMON_WORD, KNOWN, or -1 for a
    word the list does not hold."""
    return _words().get(word, -1)


def is_known_word(word: str) -> bool:
    """``word`` (any case) is in the English word list at all (a rare word included)."""
    return word.lower() in _words()


@lru_cache(maxsize=1)
def _not_nouns() -> frozenset[str]:
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "not-nouns.txt").read_text(encoding="utf-8")
    body = text[text.index("\n", text.rindex("\n#") + 1) + 1:]  # after the notes in its head
    return frozenset(body.split())


def can_be_noun(word: str) -> bool:
    """``word`` (lower case) may be a noun: it is not one of the verbs, adjectives and
    adverbs that WordNet never lists as a noun (``provide``, ``utilise``, ``robust``;
    ``data/not-nouns.txt``, rebuilt by ``tools/not_nouns.py``). A word it does not know
    may be a noun. A British ``-ise`` or ``-yse`` is looked up in its American spelling."""
    words = _not_nouns()
    return word not in words and _AMERICAN_ISE.sub(r"\1z\2", word) not in words


_AMERICAN_ISE = re.compile(r"([iy])s(e|ed|es|ing)$")


def names_no_thing(forms, deprecated, style_preferred=()) -> bool:
    """A concept with these ``forms`` (lower case), of which ``deprecated`` are the
    deprecated ones, is an action or a quality, not a thing: one of its deprecated forms
    is a single word that is never a noun (a style guide's ``utilise`` for "use",
    ``robust`` for "strong"), or every one of its two or more single-word forms is. A
    domain's noun that ordinary English has only as a verb (a railway's ``derail``) stays
    a thing while the concept has another single-word form that may be a noun.

    ``style_preferred`` holds the preferred forms of a concept that a style list keeps
    (one vocabulary, deprecated forms): there a preferred word that is never a noun
    (``important`` for ``key``) or a phrase that ends in one or in a preposition (``deal
    with`` for ``address``, ``make sure`` for ``ensure``) makes the concept one too."""
    words = [f for f in forms if f.isalpha()]
    return any(not can_be_noun(f) for f in deprecated if f.isalpha()) \
        or len(words) > 1 and not any(map(can_be_noun, words)) \
        or any(_no_thing_phrase(p) for p in style_preferred)


_PREPOSITIONS = frozenset("with to for on off up out about into from by at of in".split())


def ends_in_preposition(phrase: str) -> bool:
    """``phrase`` ends in a preposition or a verb's particle (``deal with``, ``set up``)."""
    words = phrase.lower().split()
    return bool(words) and words[-1] in _PREPOSITIONS


def _no_thing_phrase(phrase: str) -> bool:
    """A preferred term that is, or ends in, a word that is never a noun, or a phrase
    that ends in a preposition."""
    last = phrase.split()[-1] if phrase.split() else ""
    return last.isalpha() and not can_be_noun(last) or " " in phrase and ends_in_preposition(phrase)


_VOWELS = "aeiou"


def verb_inflections(word: str) -> list[str]:
    """The past and ``-ing`` forms of the verb ``word`` that the English word list holds,
    a British spelling known by its American one (``utilise`` -> ``utilised``,
    ``utilising``; ``commit`` -> ``committed``, ``committing``; ``simplify`` ->
    ``simplified``, ``simplifying``)."""
    return list(_verb_inflections(word.lower()))


@lru_cache(maxsize=1 << 14)
def _verb_inflections(w: str) -> tuple[str, ...]:  # see verb_inflections
    if len(w) < 3 or not w.isalpha():
        return ()
    if w.endswith("e"):
        tries = [w + "d", w[:-1] + "ing"]
    elif w.endswith("y") and w[-2] not in _VOWELS:
        tries = [w[:-1] + "ied", w + "ing"]
    else:
        tries = [w + "ed", w + "ing"]
        if w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
            tries += [w + w[-1] + "ed", w + w[-1] + "ing"]  # commit, committed
    return tuple(t for t in tries if is_known_word(t) or is_known_word(_AMERICAN_ISE.sub(r"\1z\2", t)))


# Pairs of endings (British, American) that make the same word in the two spellings.
_ENDINGS = (
    ("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
    ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"), ("our", "or"), ("ours", "ors"),
    ("re", "er"), ("res", "ers"), ("ence", "ense"), ("ogue", "og"), ("ogues", "ogs"),
    ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("mme", "m"), ("mmes", "ms"),
    ("gement", "gment"), ("gements", "gments"),  # judgement, acknowledgement
)
_INNER = (("ae", "e"), ("oe", "e"), ("our", "or"), ("isation", "ization"), ("ise", "ize"),
          ("ll", "l"), ("yse", "yze"), ("mme", "m"))
_LETTERS = re.compile(r"[a-z]+")


def spelling_variants(a: str, b: str) -> bool:
    """``a`` and ``b`` are one word in British and American spelling (``randomisation``
    / ``randomization``, ``colour`` / ``color``, ``paediatric`` / ``pediatric``,
    ``programme`` / ``program``), in either order."""
    a, b = a.lower(), b.lower()
    # every change below keeps the first letter and the length within two
    if a == b or a[:1] != b[:1] or abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 4 \
            or not (_LETTERS.fullmatch(a) and _LETTERS.fullmatch(b)):
        return False
    return _british_of(a, b) or _british_of(b, a)


def _british_of(gb: str, us: str) -> bool:
    for left, right in _ENDINGS:
        if gb.endswith(left) and us.endswith(right) and gb[:-len(left)] == us[:-len(right)] \
                and len(gb) - len(left) >= 3:
            return True
    for left, right in _INNER:  # one change inside the word (paediatric, organisations)
        k = gb.find(left, 1)  # never the first letters: "oestrogen" is not "estrogen"
        while k > 0:
            if gb[:k] + right + gb[k + len(left):] == us:
                return True
            k = gb.find(left, k + 1)
    return False


# Pairs of English words that writers confuse although they are two or more edits apart,
# so that a near-miss search allowing one slip per word would not see them
# ("principle investigator" for "principal investigator"). Pairs one edit apart
# (stationary/stationery, affect/effect) need no entry.
_CONFUSED = [
    ("principal", "principle"), ("personal", "personnel"), ("eminent", "imminent"),
    ("precede", "proceed"), ("accept", "except"), ("access", "excess"), ("elicit", "illicit"),
    ("allude", "elude"), ("compose", "comprise"), ("definite", "definitive"),
    ("flout", "flaunt"), ("forward", "foreword"), ("historic", "historical"),
    ("weather", "whether"), ("council", "counsel"), ("farther", "further"),
    ("adapter", "adopter"), ("adapt", "adopt"), ("emigrate", "immigrate"),
    ("preventive", "preventative"),
]
_CONFUSED_WITH: dict[str, set[str]] = {}
for _a, _b in _CONFUSED:
    _CONFUSED_WITH.setdefault(_a, set()).add(_b)
    _CONFUSED_WITH.setdefault(_b, set()).add(_a)


def confused(a: str, b: str) -> bool:
    """``a`` and ``b`` (lower case) are two words writers often put one for the other."""
    return b in _CONFUSED_WITH.get(a, ())


# Fixed phrases of ordinary English in which a noun loses its own sense ("of course",
# "in due course", "on track", "in order to", "a number of"), and compounds that name
# another thing ("line manager", "stock market", "circuit breaker", "cookie banner"):
# where a glossary term is that noun, the phrase is no use of the term. The noun is in
# brackets. Phrases of the shape "in ... of" and "in ... with" (in terms of, in line
# with) need no entry: termcheck.rules.naming takes every one of them for a fixed phrase.
_IDIOMS = """
of [course] | in due [course] | [course] of action | matter of [course] |
in the long [term] | in the short [term] | in the medium [term] | on good [terms] |
at this [stage] | at that [stage] | at an early [stage] | at a later [stage] |
no [secret] | in [secret] | free of [charge] | bottom [line] | on [track] | off [track] |
keep [track] of | lose [track] of | on [board] | across the [board] | in [place] |
take [place] | takes [place] | took [place] | taking [place] | out of [place] |
in [order] to | in [order] | out of [order] | in [effect] | take [effect] |
to that [effect] | on [hand] | at [hand] | by [hand] | on the other [hand] | in [turn] |
in [case] | just in [case] | in any [case] | in [practice] | in [person] | on [time] |
in [time] | at [times] | from [time] to time | on [demand] | in [demand] | at [stake] |
in [touch] | on [purpose] | in [fact] | in [advance] | on [behalf] of | by [means] of |
by [way] of | on the [way] | without [fail] | in [return] | in [return] for | on [record] |
off the [record] | in [stock] | out of [stock] | in [question] | no [question] |
in [detail] | in [common] | at [risk] |
a [number] of | the [number] of | any [number] of | a large [number] of | a small [number] of |
[line] by line | first [port] of call | in [exchange] for | [exchange] of views |
take [stock] | takes [stock] | took [stock] | taking [stock] | [cart] before the horse |
in [terminal] decline | [rocket] science |
[line] manager | [line] managers | subject [line] | [stock] market | [stock] markets |
[stock] exchange | [circuit] breaker | [circuit] breakers | [elevator] pitch |
pressure [cooker] | rice [cooker] | [cookie] banner | [cookie] policy | [cookie] settings |
[cookies] policy | [cookie] consent | browser [cookie] | browser [cookies] |
[flat] fee | [flat] fees | [flat] rate | [flat] rates | [flat] roof | [flat] roofs | fall [flat] |
a new [lease] of life | [bond] market | [bond] markets | [garden] hose |
on [hold] | an [issue] with | the [issue] with | [issues] with | a [collection] of |
bin [collection] | waste [collection] | refuse [collection] | air [circulation] |
no [truck] with | [pastures] new | out to [pasture] | [steer] clear |
[holiday] season | bank [holiday] | bank [holidays] | public [holiday] | public [holidays] |
federal [holiday] | federal [holidays] | national [holiday] | floating [holiday] |
no [casualties] | [unit] cost | [unit] costs | [unit] price | [unit] prices | [rounds] of |
[sister] company | [sister] companies | [sister] hospital | [sister] hospitals |
for [instance] | no [fault] of | at [fault] | press [release] | press [releases] |
working [environment]
"""


def _idiom_table() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for phrase in filter(None, (p.strip() for p in _IDIOMS.replace("\n", " ").split("|"))):
        left, rest = phrase.split("[", 1)
        word, right = rest.split("]", 1)
        table.setdefault(word, []).append((tuple(left.split()), tuple(right.split())))
    return table


IDIOMS = _idiom_table()


def in_idiom(words: list[str], k: int) -> bool:
    """``words[k]`` (lower-case token texts) is the noun of a fixed phrase around it."""
    for left, right in IDIOMS.get(words[k], ()):
        if k >= len(left) and tuple(words[k - len(left):k]) == left \
                and tuple(words[k + 1:k + 1 + len(right)]) == right:
            return True
    return False
