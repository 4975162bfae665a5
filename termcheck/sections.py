"""Large plain-text and Markdown files, scanned a section at a time.

A ``.txt``/``.text``/``.md``/``.markdown`` file over :data:`STREAM_ABOVE` bytes is never
held whole: it is read a line at a time and cut into sections of about
:data:`SECTION_CHARS` characters, each read into blocks and checked by
:meth:`~termcheck.engine.Scanner.check_blocks` on its own, and the results are merged
into one :class:`~termcheck.engine.DocumentResult` for the file. Memory then follows the
section, not the file (the findings themselves are kept for the report).

Where a file is cut:

* plain text: at a blank line, so no paragraph (block) is split;
* Markdown: at a blank line that starts a top-level block (or an item of a top-level
  list), as markdown-it parses the text read so far: never inside a fenced or indented
  code block, an HTML block, a block quote or a list item. The last block read is
  never cut after, since the lines that follow may still belong to it.

A section that finds no such place within :data:`SECTION_LIMIT` (16 MiB: one huge paragraph,
an unclosed code fence running to the end of a huge file) makes the file refused with
one line, as is a line over that size. Lines and columns of every block are those of
the whole file.

What holds for the whole file, though each section is checked alone:

* the vocabulary: given (``--vocabulary``, configuration), or detected by a first
  streaming pass that only counts each vocabulary's terms over the whole file, so it
  is the vocabulary an unsectioned scan would detect; a tie stays undetermined in every
  section;
* acronyms defined in an earlier section count as defined: ``acronym-undefined`` is
  not reported for them later;
* rules that report once per document (``acronym-undefined``, ``acronym-conflict``,
  ``unknown-term``, ``inconsistent-usage``, ``unmapped-term``, ``mixed-vocabulary``)
  keep their first report; a later section's report of the same term is dropped;
* ``termcheck: off``/``on`` regions run on across sections.

What is judged per section (the limits of sectioning): ``inconsistent-usage`` compares
the forms of a concept used within one section, and its counts are a section's;
``unknown-term`` wants a capitalised phrase twice within one section; an acronym
redefined differently in a later section is not an ``acronym-conflict``; a
``mixed-vocabulary`` finding lists the first section's terms; Markdown reference links
(``[text][ref]``) whose definition stands in another section read as plain text; and
``Finding.where`` (for ``termcheck fix``, which reads files whole) counts blocks within
the section.
"""
from __future__ import annotations

import copy
import os
import stat
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator, TextIO

from . import suppress
from .errors import ReadError
from .model import Anchor, Block
from .readers import MAX_TEXT_BYTES, read_errors

STREAM_ABOVE = 4 * 1024 * 1024  # bytes: larger text and Markdown files are scanned in sections
SECTION_CHARS = 1024 * 1024  # characters a section reaches before a place to cut it is looked for
SECTION_LIMIT = MAX_TEXT_BYTES  # characters a section may grow to while no place to cut it is found
MARKDOWN = frozenset({".md", ".markdown"})
PLAIN = frozenset({".txt", ".text"})

# rules that report once per document (at a term's first use)
ONCE_PER_DOCUMENT = frozenset({"acronym-undefined", "acronym-conflict", "unknown-term", "inconsistent-usage",
                               "unmapped-term", "mixed-vocabulary"})


def wanted(path: Path) -> bool:
    """``path`` is a text or Markdown file large enough to be scanned in sections."""
    suffix = Path(path).suffix.lower()
    if suffix not in MARKDOWN and suffix not in PLAIN:
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False  # the reader gives the error
    return stat.S_ISREG(st.st_mode) and st.st_size > STREAM_ABOVE


@dataclass(frozen=True)
class Section:
    text: str  # whole lines joined by "\n"
    offset: int  # lines of the file before it
    index: int  # 0 for the first section


def sections(stream: TextIO, markdown: bool, target: int | None = None,
             limit: int | None = None) -> Iterator[Section]:
    """The sections of a text stream (``\\n`` line ends), in order. ``target``: the
    characters a section reaches before a place to cut is looked for (default
    :data:`SECTION_CHARS`); ``limit``: the most a section or a line may hold (default
    :data:`SECTION_LIMIT`)."""
    target = target or SECTION_CHARS
    limit = limit or SECTION_LIMIT
    lines: list[str] = []
    size = offset = index = 0
    next_try = target
    while True:
        line = stream.readline(limit + 1)
        if not line:
            break
        if len(line) > limit:
            raise ReadError(f"too large to scan: line {offset + len(lines) + 1} is longer than {_size(limit)}")
        lines.append(line[:-1] if line.endswith("\n") else line)
        size += len(line)
        over = size > limit
        if not over and (size < next_try or lines[-1].strip()):
            continue
        cut = _markdown_cut(lines, index == 0) if markdown else _text_cut(lines)
        if cut:
            yield Section("\n".join(lines[:cut]), offset, index)
            offset, index = offset + cut, index + 1
            lines = lines[cut:]
            size = sum(len(x) + 1 for x in lines)
            next_try = target
        elif over:
            raise ReadError(f"too large to scan in sections: {_size(limit)} from line {offset + 1} on without "
                            "a blank line between top-level blocks, where it could be cut")
        else:
            next_try = size + target  # parse again only once as much more has been read
    if lines:
        yield Section("\n".join(lines), offset, index)


def _size(chars: int) -> str:
    return f"{chars >> 20} MiB" if chars >= 1 << 20 else f"{chars:,} characters"


def _text_cut(lines: list[str]) -> int:
    """The last line (index) after a blank line, where ``lines`` may be cut; 0 for none."""
    for k in range(len(lines), 0, -1):
        if not lines[k - 1].strip():
            return k
    return 0


def _markdown_cut(lines: list[str], first: bool) -> int:
    """The last line (index) where ``lines`` may be cut: a top-level block, or an item of a
    top-level list, starts there after a blank line, and it is not the only block. 0
    where there is none."""
    from .readers.markdown import _blank_front_matter, _md

    source = "\n".join(lines).replace("\x00", "\ufffd")
    if first:
        source = _blank_front_matter(list(lines), source)
    md = _md()
    tokens: list = []
    md.block.parse(source, md, {}, tokens)
    for tok in reversed(tokens):
        if tok.map and tok.nesting >= 0 and (tok.level == 0 or (tok.level == 1 and tok.type == "list_item_open")):
            start = tok.map[0]
            if 0 < start and not lines[start - 1].strip():
                return start
    return 0


def _shifted(block: Block, lines: int) -> Block:
    loc = block.location
    return replace(block, location=replace(loc, line=loc.line + lines) if loc.line is not None else loc,
                   anchors=tuple(Anchor(a.offset, a.line + lines, a.column, a.page) for a in block.anchors))


def _blocks(section: Section, markdown: bool) -> list[Block]:
    """A section's blocks, lines counted from the section's first line."""
    if markdown:
        from .readers.markdown import blocks_from_string

        return list(blocks_from_string(section.text, front_matter=section.index == 0))
    from .readers.text import paragraphs

    return list(paragraphs(section.text))


def _read(path: Path) -> Iterator[Section]:
    from .readers.text import open_stream

    with read_errors():
        with open_stream(path) as stream:
            yield from sections(stream, Path(path).suffix.lower() in MARKDOWN)


def detect(scanner, path: Path) -> tuple[str | None, str]:
    """The vocabulary of the whole file, detected as for a file read whole, from a pass
    that only reads, tokenizes and matches each section (no rule runs)."""
    from .engine import detect_vocabulary

    counter = copy.copy(scanner)
    counter.settings = replace(scanner.settings, enabled=frozenset(), fuzzy=False, unknown=False)
    counter.fuzzy, counter.block_cache = None, None
    markdown = Path(path).suffix.lower() in MARKDOWN
    totals: dict[str, Counter] = {name: Counter() for name in scanner.glossary.vocabularies}
    for section in _read(path):
        result = counter.check_blocks(str(path), _blocks(section, markdown), keep_document=True)
        for name, terms in result.document.vocabulary_terms.items():
            for text, entry in terms.items():
                totals[name][text] += entry[0]
    seen = SimpleNamespace(vocabulary_terms={n: {t: [c] for t, c in terms.items()} for n, terms in totals.items()})
    return detect_vocabulary(seen, scanner.glossary, scanner.settings.default_vocabulary)


def check_file(scanner, label: str, path: Path, vocabulary: str | None = None, reason: str = ""):
    """One :class:`~termcheck.engine.DocumentResult` for a large text or Markdown file,
    checked a section at a time; :class:`ReadError` for a file that cannot be read."""
    from .engine import DocumentResult

    markdown = Path(path).suffix.lower() in MARKDOWN
    decided = False
    if vocabulary is None and len(scanner.glossary.vocabularies) > 1:
        vocabulary, reason = detect(scanner, path)
        decided = True
    merged = _Merged(scanner.settings.enabled)
    region = suppress.Region()
    unknown: list[tuple[str, str]] = []
    quiet = region.snapshot()
    for section in _read(path):
        blocks = _blocks(section, markdown)
        if region.snapshot() != quiet or "termcheck" in section.text.lower():
            sup = suppress.parse(section.text, plain=not markdown, region=region)
            blocks = suppress.apply_parsed(blocks, sup)
            unknown += [(str(line + section.offset), name) for line, name in sup.unknown]
        if section.offset:
            blocks = [_shifted(b, section.offset) for b in blocks]
        result = scanner.check_blocks(label, blocks, vocabulary, reason, keep_document=True, decided=decided)
        merged.add(result)
        vocabulary, reason, decided = result.vocabulary, result.vocabulary_reason, True
    return DocumentResult(label, vocabulary, reason, merged.words, merged.findings, merged.usage,
                          merged.code_words, [f"{label}:{w}" for w in suppress.unknown_messages(unknown)])


class _Merged:
    """The results of a file's sections, added in order, as one document's."""

    def __init__(self, enabled: frozenset[str]):
        self.findings: list = []
        self.words = self.code_words = 0
        self.usage: Counter = Counter()
        # rules whose findings are matched to the acronym events at their place
        self.acronyms = bool(enabled & {"acronym-undefined", "acronym-conflict", "unknown-term"})
        self.defined: set[str] = set()  # acronyms defined in the sections so far
        self.reported: set[tuple] = set()  # (rule, key) of once-per-document findings so far

    def add(self, result) -> None:
        doc, result.document = result.document, None
        events = doc.acronym_events if self.acronyms else []
        at: dict[tuple, object] = {}
        for e in events:  # a use, else the whole definition (not one of its parts) at each place
            at.setdefault((e.kind, e.block, e.start), e)
        for f in result.findings:
            if f.rule in ONCE_PER_DOCUMENT:
                keys = _keys(f, at)
                if f.rule == "acronym-undefined" and keys[0][1] in self.defined:
                    continue  # defined in an earlier section
                if any(k in self.reported for k in keys):
                    continue
                self.reported.update(keys)
            self.findings.append(f)
        self.defined.update(e.acronym for e in events if e.kind == "define")
        self.words += result.words
        self.code_words += result.code_words
        self.usage.update(result.usage)


def _keys(finding, at: dict) -> list[tuple]:
    """What a once-per-document finding is about: (rule, key) pairs, any of which seen
    again in a later section makes that section's finding a repeat."""
    from .nlp import phrase_key

    rule = finding.rule
    kind = "use" if rule == "acronym-undefined" else "define"
    event = at.get((kind, *finding.where[:2])) if finding.where else None
    if rule in ("acronym-undefined", "acronym-conflict"):
        return [(rule, event.acronym if event is not None else finding.found)]
    if rule == "unknown-term":
        keys = [(rule, phrase_key(finding.found))]
        if event is not None:  # a definition covers its acronym's uses
            keys.append((rule, phrase_key(event.acronym)))
        return keys
    if rule == "mixed-vocabulary":
        return [(rule, "")]
    if rule == "unmapped-term":  # once per concept
        return [(rule, finding.concept)]
    return [(rule, finding.concept, finding.found.casefold())]  # inconsistent-usage: per form
