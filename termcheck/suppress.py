"""Inline suppression comments in Markdown and plain-text documents.

A directive is an HTML comment (Markdown renders it invisibly)::

    <!-- termcheck: ignore [RULES] -->            this line (see below)
    <!-- termcheck: ignore-next-line [RULES] -->  the next line
    <!-- termcheck: off [RULES] -->               from here ...
    <!-- termcheck: on [RULES] -->                ... to here

``RULES`` is a list of rule ids separated by spaces or commas; none means every rule.

* ``ignore`` after (or before) text on the same line suppresses findings on that line.
  On a line of its own it suppresses findings on the next line, as ``ignore-next-line``.
* ``off`` turns the rules off from its own line until an ``on`` (or the end of the
  file); ``on`` with rules turns just those back on, ``on`` alone turns everything on.
* A finding belongs to the line its ``found`` text starts on. The readers turn the
  directives into ``Block.ignore`` spans (:func:`apply`), which the rules honour.
* Directives inside fenced code blocks and code spans are not directives (so a
  document may show them as examples).
* In ``.txt`` files the comment markers may be left out: a line holding only
  ``termcheck: ignore ...`` (or ``off``/``on``/``ignore-next-line``) is a directive.

Rules that report once per document (``acronym-undefined``, ``unknown-term``, ...)
report at the first occurrence: suppressing that occurrence suppresses the finding.

Word documents use comments instead (the docx reader turns a comment whose text
starts ``termcheck: ignore`` into ignore spans on the commented text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .model import Block

MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text"}
ALL = "*"

_COMMANDS = r"(ignore-next-line|ignore|off|on)"
_COMMENT = re.compile(rf"<!--\s*termcheck\s*:\s*{_COMMANDS}(?![\w-])(.*?)-->", re.IGNORECASE | re.DOTALL)
_PLAIN = re.compile(rf"^\s*termcheck\s*:\s*{_COMMANDS}(?![\w-])(.*?)\s*$", re.IGNORECASE)
_HINT = re.compile(r"termcheck\s*:", re.IGNORECASE)  # found in every line holding a directive
_HINT_BYTES = re.compile(rb"termcheck\s*:", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def _rules(text: str) -> frozenset[str]:
    names = [t for t in re.split(r"[\s,]+", text.strip()) if t]
    return frozenset(n.lower() for n in names) or frozenset({ALL})


@dataclass
class Region:
    """The rules an ``off``/``on`` sequence has turned off."""

    all_off: bool = False
    off: set[str] = field(default_factory=set)
    back_on: set[str] = field(default_factory=set)  # turned on again while all are off

    def apply(self, command: str, rules: frozenset[str]) -> None:
        if command == "off":
            if ALL in rules:
                self.all_off, self.off, self.back_on = True, set(), set()
            elif self.all_off:
                self.back_on -= rules
            else:
                self.off |= rules
        else:  # on
            if ALL in rules:
                self.all_off, self.off, self.back_on = False, set(), set()
            else:
                self.off -= rules
                if self.all_off:
                    self.back_on |= rules

    def snapshot(self) -> tuple[bool, frozenset[str], frozenset[str]]:
        return self.all_off, frozenset(self.off), frozenset(self.back_on)


@dataclass
class Suppressions:
    """Per line: the rules suppressed there (``*`` = all), and the off/on regions."""

    lines: dict[int, set[str]] = field(default_factory=dict)
    # (line where the state starts, state) in line order
    regions: list[tuple[int, tuple[bool, frozenset[str], frozenset[str]]]] = field(default_factory=list)
    # (line, name) of every rule id a directive names that is no rule: a typo suppresses nothing
    unknown: list[tuple[int, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lines or self.regions)

    def _add(self, line: int, rules: frozenset[str]) -> None:
        self.lines.setdefault(line, set()).update(rules)

    def suppressed(self, line: int | None, rule: str) -> bool:
        if line is None:
            return False
        here = self.lines.get(line)
        if here and (ALL in here or rule in here):
            return True
        state = None
        for start, s in self.regions:
            if start > line:
                break
            state = s
        if state is None:
            return False
        all_off, off, back_on = state
        return (all_off and rule not in back_on) or rule in off


def parse(text: str, *, plain: bool = False, region: Region | None = None) -> Suppressions:
    """The directives of a document. ``plain``: a ``.txt`` file (no fences, and the
    comment markers are optional). ``region``: the ``off``/``on`` state in force where
    ``text`` starts (a section of a larger file, see :mod:`termcheck.sections`); it is
    updated in place, so that it holds the state where ``text`` ends."""
    from .rules.settings import RULE_IDS

    known = {*RULE_IDS, ALL}
    sup = Suppressions()
    if region is None:
        region = Region()
    elif region.snapshot() != Region().snapshot():
        sup.regions.append((0, region.snapshot()))  # line 0: before the text's first line
    fence: str | None = None
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if not plain:
            m = _FENCE.match(line)
            if fence is not None:
                if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                        and not line[m.end():].strip():
                    fence = None
                continue
            if m and not (m.group(1)[0] == "`" and "`" in line[m.end():]):
                fence = m.group(1)
                continue
        if "termcheck" not in line.lower():
            continue
        scan = _CODE_SPAN.sub(lambda s: " " * len(s.group()), line) if not plain else line
        found = list(_COMMENT.finditer(scan))
        if found:
            rest = _COMMENT.sub("", scan).strip()
            items = [(m.group(1).lower(), _rules(m.group(2))) for m in found]
        elif plain and _PLAIN.match(scan):
            m = _PLAIN.match(scan)
            rest = ""
            items = [(m.group(1).lower(), _rules(m.group(2)))]
        else:
            continue
        changed = False
        for _, rules in items:
            sup.unknown.extend((number, name) for name in sorted(rules - known))
        for command, rules in items:
            if command == "ignore":
                sup._add(number if rest else number + 1, rules)
            elif command == "ignore-next-line":
                sup._add(number + 1, rules)
            else:
                region.apply(command, rules)
                changed = True
        if changed:
            sup.regions.append((number, region.snapshot()))
    return sup


def apply(blocks: list[Block], source: str, *, plain: bool = False) -> list[Block]:
    """``blocks`` of a Markdown or text document, each carrying as ``Block.ignore`` the
    spans its source's directives suppress (line by line, through the blocks' anchors).

    Readers call this with the source they already hold, so the file is read once."""
    if _HINT.search(source) is None:
        return blocks
    return apply_parsed(blocks, parse(source, plain=plain))


def apply_parsed(blocks: list[Block], sup: Suppressions) -> list[Block]:
    """``blocks`` with the ignore spans of the parsed directives ``sup``."""
    if not sup:
        return blocks
    from .rules.settings import RULE_IDS

    def rules_at(line: int) -> frozenset[str] | None:
        off = frozenset(r for r in RULE_IDS if sup.suppressed(line, r))
        if not off:
            return None
        return frozenset() if len(off) == len(RULE_IDS) else off  # empty: every rule

    out = []
    for block in blocks:
        spans = []
        anchors = block.anchors
        for k, anchor in enumerate(anchors):
            rules = rules_at(anchor.line)
            if rules is None:
                continue
            end = anchors[k + 1].offset if k + 1 < len(anchors) else len(block.text)
            spans.append((anchor.offset, end, rules))
        out.append(replace(block, ignore=block.ignore + tuple(spans)) if spans else block)
    return out


def unknown_rules(path, blocks: list[Block]) -> list[str]:
    """``PLACE: unknown rule 'x' ...`` for each rule id a suppression directive of the
    document names that is no rule (a typo would otherwise suppress nothing in silence).
    Markdown and text sources are read again as bytes and parsed when they hold a directive;
    other formats (Word comments) are checked through their blocks' ignore spans."""
    from pathlib import Path

    from .rules.settings import RULE_IDS

    suffix = Path(path).suffix.lower()
    found: list[tuple[str, str]] = []
    if suffix in MARKDOWN_SUFFIXES or suffix in TEXT_SUFFIXES:
        from .readers.text import read_source

        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b""
        # UTF-8 and Windows-1252 spell a directive in these bytes; UTF-16 is decoded first
        if _HINT_BYTES.search(data) is not None or data[:2] in (b"\xff\xfe", b"\xfe\xff") \
                or b"\x00" in data[:4096]:
            text = read_source(path)
            if _HINT.search(text) is not None:
                found = [(str(line), name) for line, name in parse(text, plain=suffix in TEXT_SUFFIXES).unknown]
    else:
        for block in blocks:
            for start, _end, rules in block.ignore:
                for name in sorted(set(rules) - set(RULE_IDS)):
                    found.append((block.location_at(start).describe(), name))
    return unknown_messages(found)


def unknown_messages(found: list[tuple[str, str]]) -> list[str]:
    """One warning per distinct (place, rule name) of a directive naming no rule."""
    from .rules.settings import RULE_IDS

    return [f"{place}: unknown rule {name!r} in a termcheck suppression comment; it suppresses "
            f"nothing (rules: {', '.join(RULE_IDS)})" for place, name in dict.fromkeys(found)]
