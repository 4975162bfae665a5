"""Suppression comments in Word documents.

A comment whose text starts with ``termcheck: ignore`` (optionally followed by rule ids)
suppresses findings in the text its anchored range covers (``w:commentRangeStart`` /
``w:commentRangeEnd``, counted in paragraphs and offsets as the reader collects them); a
comment with no range covers the paragraph holding its reference mark.
"""
from __future__ import annotations

import re

END = 1 << 62  # "end of the paragraph" as a text offset

_IGNORE_RE = re.compile(r"^\s*termcheck\s*:\s*ignore\b(.*)", re.IGNORECASE)
_RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class SuppressionComments:
    """The document's ``termcheck: ignore`` comments and where their ranges lie."""

    def __init__(self) -> None:
        self.rules: dict[str, frozenset[str]] = {}  # comment id -> the rules it names (empty: all)
        self.start: dict[str, tuple[int, int]] = {}  # comment id -> (paragraph, offset)
        self.end: dict[str, tuple[int, int]] = {}
        self.reference_at: dict[str, int] = {}  # comment id -> paragraph of its reference mark

    def load(self, root, ns: str) -> None:
        """Read the comments part: which comments are suppressions, and of which rules."""
        w = lambda tag: f"{{{ns}}}{tag}"  # noqa: E731
        for c in root.iter(w("comment")):
            cid = c.get(w("id"))
            first = c.find(f".//{w('p')}")
            if cid is None or first is None:
                continue
            m = _IGNORE_RE.match("".join(t.text or "" for t in first.iter(w("t"))))
            if not m:
                continue
            rules = []
            for token in re.split(r"[\s,]+", m.group(1).strip()):
                if not token:
                    continue
                if not _RULE_ID.match(token):
                    break
                rules.append(token)
            self.rules[cid] = frozenset(rules)

    def starts(self, cid: str | None, seq: int, offset: int) -> None:
        if cid in self.rules and cid not in self.start:
            self.start[cid] = (seq, offset)

    def ends(self, cid: str | None, seq: int, offset: int) -> None:
        if cid in self.rules:
            self.end[cid] = (seq, offset)

    def referenced(self, cid: str | None, seq: int) -> None:
        if cid in self.rules:
            self.reference_at.setdefault(cid, seq)

    def apply(self, paras) -> None:
        """Add each suppression's spans to the ``ignore`` list of the paragraphs it covers
        (``paras``: the reader's collected paragraphs, with ``seq``, ``text``, ``ignore``)."""
        for cid, rules in self.rules.items():
            start, end = self.start.get(cid), self.end.get(cid)
            if start is None and end is None:
                ref = self.reference_at.get(cid)
                if ref is None:
                    continue
                start, end = (ref, 0), (ref, END)
            elif start is None:
                continue
            elif end is None or end < start:
                end = (start[0], END)
            for para in paras:
                seq = para.seq
                if seq < start[0] or seq > end[0]:
                    continue
                lo = start[1] if seq == start[0] else 0
                hi = end[1] if seq == end[0] else END
                lo = max(0, min(lo, len(para.text)))
                hi = max(lo, min(hi, len(para.text)))
                if hi > lo:
                    para.ignore.append((lo, hi, rules))
