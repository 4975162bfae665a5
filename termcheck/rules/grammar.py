"""What a word that is also a glossary term is, where it stands, by its grammar alone: a
verb (``please check the rota``, ``guests can pour``), another word of ordinary English
(a unit after a number, the noun of a fixed phrase, a word after "be", a part of a
hyphened word), or, for a style list's verb or adjective, the noun English also has
(``your postal address``). :func:`used_otherwise` is what :mod:`.naming` asks.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..english import (IDIOMS, can_be_noun, in_idiom, is_frequent_word, is_known_word, spelling_variants,
                       verb_inflections)
from ..matching import Match, concept_classes

if TYPE_CHECKING:
    from .base import Document


def used_otherwise(doc: Document, block: int, match: Match) -> bool:
    """The match is, where it stands, a word of another kind than the term it spells:
    see :func:`_verb_use`, :func:`_other_word` and :func:`_noun_sense`."""
    return _verb_use(doc, block, match) or _other_word(doc, block, match) or _noun_sense(doc, block, match)


# What stands before a word used as a noun, before one used as a verb, and after a verb
# (see _verb_use).
_NOUN_BEFORE = set("""a an the each every this that these those your his her their our its my any no
one two per of which what whose""".split())
_VERB_OBJECTS = set("""the a an your his her their our its my this that these those each every any all
who what whether if how when where which them it him me us""".split())
_OBJECT_PRONOUNS = {"it", "them", "him", "us", "me", "you"}
# before a verb for certain (not "to", which also comes before a noun: "sent to market
# participants"), and words after which "to" marks a verb ("want to return tickets")
_MODALS = set("""please can cannot will would shall should must may might could do does did don't
doesn't didn't""".split())
_VERB_BEFORE = _MODALS | set("""to we you they i who also always never not often usually sometimes rarely
seldom normally generally routinely""".split())
# subject pronouns ("you" is an object too) and adverbs of frequency: after these, a word
# that could be a noun or a verb is the verb
_SURE_VERB_BEFORE = set("""we they i he she it who everyone everybody someone somebody nobody always never
often usually sometimes rarely seldom normally generally routinely""".split())
_TO_VERBS = set("""want wants wanted need needs needed able unable how wish wishes try tries tried
going used have has had""".split())
_PEOPLE = set("anyone anybody everyone everybody someone somebody those people staff".split())
_NOW_WORDS = set("now also then still just only already".split())
# what stands before a noun (and after a verb, before its object)
_DETERMINERS = set("a an the each every this these those your his her their our its my any no all some own".split())
_PARTICLES = set("out up in off down over on back away aside through about around".split())
_STRONG_PARTICLES = {"out", "up", "off", "back", "away"}
SENTENCE_OPENERS = {".", "!", "?", ":", ";", "-", "*", "•", "(", "\"", "“"}

AUXILIARIES = set("""am is are was were be been has have had do does did will would shall should
can could may might must""".split())


def _common_noun(doc: Document, match: Match) -> bool:
    """The match is written as a common noun (no capital after its first letter), no
    form it stands for must match as written, and its concept names a thing: none of
    the concept's one-word forms is a word that is never a noun. A style guide's
    ``utilise`` (use) or ``robust`` (strong) is the verb or adjective wherever it stands,
    so grammar that tells a noun term from a verb does not apply to it."""
    return match.text[1:].islower() and not any(f.case_sensitive for f in match.forms) \
        and not any(concept_classes(doc.glossary)[form.concept].no_thing for form in match.forms) \
        and not any(_respelling(doc, form) for form in match.forms)


def _respelling(doc: Document, form) -> bool:
    """``form`` is deprecated as another spelling of a form of its concept (``e-mail`` for
    ``email``, ``web site``, ``colour`` for ``color``): the spelling is wrong whatever the
    word does in the sentence (``We will e-mail you``)."""
    if form.kind != "deprecated":
        return False
    joined = _SPACING.sub("", form.text.lower())
    return any(f is not form and (_SPACING.sub("", f.text.lower()) == joined or spelling_variants(f.text, form.text))
               for f in doc.concept(form.concept).forms() if f.kind != "deprecated")


_SPACING = re.compile(r"[-\s]+")


def _verb_use(doc: Document, block: int, match: Match) -> bool:
    """A one-word term that is also an everyday English verb, used as the verb (``please
    check the rota``, ``Check that your name matches``; ``cross-check`` is another word,
    see :func:`_other_word`): the glossary names a thing (a cheque), not the action. A
    multi-word term whose first word is a verb after a modal or ``want to`` is the verb and
    its object (``want to return tickets``), not the term."""
    if not _common_noun(doc, match):
        return False
    texts, i = doc.token_texts[block], match.first
    if match.last - match.first != 1:  # "want to return tickets": the first word is the verb
        first = texts[i].lower()
        if not is_frequent_word(first) or first.endswith("s") or i < 2:
            return False
        before = texts[i - 1].lower()
        return before in _MODALS or (before == "to" and texts[i - 2].lower() in _TO_VERBS)
    before = texts[i - 1].lower() if i else ""
    after = texts[i + 1].lower() if i + 1 < len(texts) else ""
    if after in ("'s", "’s") and match.text.lower() == "let":
        return True  # let's: let us
    if before in _NOW_WORDS and (i > 1 and texts[i - 2].lower() in _SURE_VERB_BEFORE | {"you"}
                                 or after in _DETERMINERS or _NUMBER.fullmatch(after)):
        return True  # we now license the leaflets; the service now holds 412,000 items
    if before == "to" and after in _DETERMINERS and (not match.text.endswith("s") or match.text.endswith("ss")):
        return True  # "ask us to reserve a room": "to", the verb, its object
    if match.text.lower().endswith("ing") and (_plural_noun(before) or before in _PEOPLE) \
            and (after in _DETERMINERS or after in ("for", "to", "at", "in", "on")):
        return True  # "anyone attending the open house", "patients attending for surgery": a participle
    after2 = texts[i + 2].lower() if i + 2 < len(texts) else ""
    if after in _OBJECT_PRONOUNS and (before == "that" or before not in _NOUN_BEFORE) \
            and not (after == "you" and (not texts[i].endswith("s") or after2 in AUXILIARIES
                                         or after2 in ("'re", "'ve", "'ll", "’re", "’ve"))):
        return True  # ties it to, check them, lets you see (not "the flat you are buying")
    if before in _NOUN_BEFORE:
        return False  # a check, the checks, each check: the thing
    opens = not before or before in SENTENCE_OPENERS or before in (",", "and", "or", "then")
    base_form = not match.text.endswith("s") or match.text.endswith("ss")  # an instruction's verb
    # a particle that is seldom a preposition makes even a word in -s a verb ("serves
    # drinks, checks back"); one that often is ("Drivers on the new runs") only a base form
    if (after in _PARTICLES and base_form or after in _STRONG_PARTICLES) and (opens or before in _VERB_BEFORE):
        return True  # an instruction with its particle: "tie in to the track", "and boot up the laptop"
    if (after in _DETERMINERS or after == "what") and base_form and opens:
        return True  # "and deadhead the planters": a noun is not followed by an article
    if before in _MODALS and texts[i - 1] != "May" or before in _SURE_VERB_BEFORE:  # not the month
        return True  # please register, will port, it draws, usually draws: only a verb follows
    if (after in _DETERMINERS or after in _PARTICLES) and base_form and _plural_noun(before):
        return True  # "Night crews stock the sales floor", "Coaches draw on": a subject and its verb
    if not is_frequent_word(match.text.lower()):
        return False
    if before in _VERB_BEFORE:
        return True  # to check, we check, never check
    return after in _VERB_OBJECTS and opens  # an instruction: "Check the date"


_NOT_PLURAL = set("""this its his has was is as us yes less unless plus thus across always perhaps
sometimes news series means""".split())


def _plural_noun(word: str) -> bool:
    """``word`` (lower case) reads as a plural noun (``crews``, ``drivers``)."""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isalpha() \
        and word not in _NOT_PLURAL and word not in _VERB_BEFORE


def _describes_a_noun(doc: Document, block: int, match: Match) -> bool:
    """A form "the" + one word, such as an adjective that names people (``the disabled``,
    ``the elderly``), followed by a noun that the word describes: ``the disabled parking
    bays`` and ``the disabled accounts`` are no use of it."""
    words = match.forms[0].text.lower().split()
    if len(words) != 2 or words[0] != "the":
        return False
    texts = doc.token_texts[block]
    after = texts[match.last].lower() if match.last < len(texts) else ""
    return after.isalpha() and after not in _AFTER_A_NOUN and after not in AUXILIARIES \
        and after not in _SURE_VERB_BEFORE and not after.endswith("ly")


_UNITS = set("""inch inches foot feet yard yards mile miles pound pounds ounce ounces ton tons tonne
tonnes gallon gallons pint pints quart quarts acre acres hectare hectares metre metres meter meters
litre litres liter liters gram grams kilo kilos knot knots cup cups barrel barrels bushel bushels
stone stones""".split())
_COPULAS = set("""is are was were be been being become becomes became remain remains remained stay stays
stayed seem seems seemed""".split())
# words after which a modal verb written as a term ("can", "will") is the noun: a can of
# beans, the can is dented
_NOT_AFTER_MODAL = set("of and or is was are were with for in on at to from by".split())
_NUMBER = re.compile(r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|"
                     r"hundred|hundreds|thousand|thousands|few|several|many", re.I)


def _other_word(doc: Document, block: int, match: Match) -> bool:
    """A one-word term that, where it stands, is another word of ordinary English:
    a unit after a number (``300 yards``), the middle of ``in ... of`` or ``in ... with``
    (``in excess of``, ``in line with``), the noun of a fixed phrase (``of course``, ``on
    track``; :data:`termcheck.english.IDIOMS`), a word not in the plural straight after a
    verb such as "be" (``must be crisp``), a past participle not after a
    determiner (``what is insured``, ``cars insured under``; ``the insured`` stays the
    term), or a part of a word joined by a hyphen (``tax-deductible``, ``drop-in``; a
    term of two or more words too: ``home-bred heifers``)."""
    if not _common_noun(doc, match):
        return False
    texts, i, j, word = doc.token_texts[block], match.first, match.last, match.text.lower()
    toks = doc.tokens[block]
    if i > 1 and texts[i - 1] == "-" and toks[i - 1].end == match.start \
            and toks[i - 2].end == toks[i - 1].start and texts[i - 2][-1:].isalpha():
        return True  # tax-deductible, cross-check, home-bred heifers: another word
    if j + 1 < len(texts) and texts[j] == "-" and toks[j].start == match.end \
            and toks[j + 1].start == toks[j].end and texts[j + 1][:1].isalpha():
        return True  # drop-in, drop-down: another word
    if j - i != 1:
        return False
    if word in verb_inflections(match.forms[0].text.lower()):
        return False  # "were impacted": a style list's deprecated verb, matched as one
    before = texts[i - 1].lower() if i else ""
    after = texts[i + 1].lower() if i + 1 < len(texts) else ""
    if word in _UNITS and _NUMBER.fullmatch(before):
        return True
    if before == "in" and after in ("of", "with"):
        return True  # in excess of, in line with
    if word in _MODALS and before not in _NOUN_BEFORE and not _NUMBER.fullmatch(before) \
            and after.isalpha() and after not in _NOT_AFTER_MODAL:
        return True  # "guests can pour", "Can I bring": the modal verb, not a tin can
    if word in IDIOMS and in_idiom([t.lower() for t in texts[max(0, i - 3):i + 4]], min(i, 3)):
        return True  # of course, in due course, on track: a fixed phrase
    if before in _COPULAS and not word.endswith("s"):
        return True  # must be crisp, is flat: said of a thing, not the thing
    if word.endswith("ed") and before not in _NOUN_BEFORE and not before.endswith("'s"):
        stem = word[:-2] if is_known_word(word[:-2]) else word[:-1]
        return len(stem) >= 4 and is_known_word(stem)
    return False


_AFTER_A_NOUN = _MODALS | _COPULAS | set("""of to for on in at with from by and or but when while that
which who""".split())


def _noun_sense(doc: Document, block: int, match: Match) -> bool:
    """A one-word form of an action or a quality (see :class:`termcheck.matching.ConceptClass`)
    that English also has as a noun, used as the noun: a style list's ``address`` (deal
    with) in ``your postal address`` or ``a list of addresses``, its ``key`` (important) in
    ``the signing key is kept`` or ``gate keys``. An action's word is its verb only after
    a subject, a modal, ``to`` or an adverb, or opening an instruction; a quality's word
    is its adjective before a noun or after "be"."""
    if match.last - match.first == 2 and _describes_a_noun(doc, block, match):
        return True
    if match.last - match.first != 1 or not match.text[1:].islower():
        return False
    classes = concept_classes(doc.glossary)
    kinds = [classes[f.concept] for f in match.forms]
    lemma = match.forms[0].text.lower()
    if not lemma.isalpha() or not can_be_noun(lemma) or not all(k.no_thing for k in kinds):
        return False
    texts, i, word = doc.token_texts[block], match.first, match.text.lower()
    if word != lemma and word.endswith(("ed", "ing")):
        return False  # addressed, impacting: the verb
    before = texts[i - 1].lower() if i else ""
    after = texts[i + 1].lower() if i + 1 < len(texts) else ""
    plural = word != lemma and word.endswith("s")
    if all(k.acts for k in kinds):
        if not verb_inflections(lemma):
            return False  # chairman: a noun, whatever its concept's preferred word is
        if plural:  # a list of addresses; it addresses the risk
            return before in _DETERMINERS or before in _PREPOSITIONS or before == "of"
        opens = not before or before in SENTENCE_OPENERS or before in (",", "and", "or", "then")
        return not (opens or before in _VERB_BEFORE or before in _SURE_VERB_BEFORE or _plural_noun(before)
                    or after in _DETERMINERS)  # "that the team leverage the design": its object
    if before in _COPULAS:
        return False  # it is key that...
    return plural or not after.isalpha() or after in _AFTER_A_NOUN  # the signing key is kept


_PREPOSITIONS = set("for to at on of with from into onto about".split())
_LAST_WORD = re.compile(r"([A-Za-z']+)[^A-Za-z']*$")
_NEXT_WORD = re.compile(r"[^A-Za-z']*([A-Za-z']+)")


def phrasal_verb(text: str, start: int, end: int) -> bool:
    """``text[start:end]``, a near-miss of a one-word form split in two, is a verb and its
    particle used as the verb: ``look out for trains`` (not the lookout), ``please set
    up the rig`` (not the setup). ``the look out reported`` stays a slip."""
    words = text[start:end].split()
    if len(words) != 2 or words[1].lower() not in _PARTICLES or not is_frequent_word(words[0].lower()):
        return False
    m = _LAST_WORD.search(text, max(0, start - 40), start)
    before = m.group(1).lower() if m else ""
    m = _NEXT_WORD.match(text, end)
    after = m.group(1).lower() if m else ""
    return before in _VERB_BEFORE or after in _PREPOSITIONS or after in _VERB_OBJECTS
