"""``inconsistent-usage``: two or more acceptable full forms of one concept in a document.

The form to keep is the preferred one if the document uses it, else the most frequent;
each other form is reported once, at its first occurrence. Abbreviations (acronyms and
admitted forms written in capitals) never count: an acronym beside its expansion is fine.
"""
from collections import Counter

from .base import Document

RULE = "inconsistent-usage"


def check(doc: Document) -> None:
    seen: dict[str, list] = {}  # concept -> [(form text, block, match)], in reading order
    for b, m in doc.occurrences():
        verdict, forms = doc.judge(m)
        if verdict != "ok":
            continue
        full = [f for f in forms if not f.is_abbreviation]
        if full:
            seen.setdefault(full[0].concept, []).append((full[0].text, b, m))
    uses: dict[str, Counter] = {}
    first: dict[tuple[str, str], tuple[int, object]] = {}
    for cid, found in seen.items():
        if len({text for text, _, _ in found}) < 2:
            continue  # one form only: nothing to compare (and no need to judge each use)
        for text, b, m in found:
            if doc.judged(b, m):  # not a quoted title, a verb or part of a slip
                uses.setdefault(cid, Counter())[text] += 1
                first.setdefault((cid, text), (b, m))
    for cid, counts in uses.items():
        if len(counts) < 2:
            continue
        preferred = doc.concept(cid).preferred_in(doc.vocabulary)
        if preferred in counts:
            keep = preferred
        else:  # most frequent; ties go to the form used first
            order = sorted(counts, key=lambda t: (-counts[t], first[(cid, t)][0], first[(cid, t)][1].start))
            keep = order[0]
        for text in counts:
            if text == keep:
                continue
            b, m = first[(cid, text)]
            doc.report(RULE, b, m.start, m.end, m.text, suggestion=keep, concept=cid,
                       message=f"'{m.text}' ({counts[text]}x) and '{keep}' ({counts[keep]}x) "
                               f"name the same concept; keep '{keep}'")
