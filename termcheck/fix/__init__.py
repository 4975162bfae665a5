"""``termcheck fix``: apply the unambiguous suggestions of a scan to a document.

A finding is fixed when its rule is one of the fix rules (by default
``vocabulary-mismatch``, ``deprecated-term`` and ``near-miss``) and it has exactly one
suggestion. The replacement keeps the case pattern and number of the text it replaces
(:mod:`termcheck.fix.case`). Findings with several suggestions, and the few a format
cannot change safely, are listed as left, with the reason.

Text and Markdown files are edited character for character (:mod:`.text`); a Word
document becomes a copy whose every fix is a tracked change (:mod:`.docx`). Nothing is
written over the original unless asked (``in-place``), every write is atomic, and an
in-place fix first keeps a backup.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..errors import ReadError
from ..model import Block, Finding

FIX_RULES = ("vocabulary-mismatch", "deprecated-term", "near-miss")
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
WORD_SUFFIXES = {".docx"}


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` (block text ``[start:end)`` of block ``block``) with ``new``."""

    block: int
    start: int
    end: int
    old: str
    new: str
    finding: Finding


@dataclass
class FileFix:
    """What fixing one file did."""

    label: str
    path: Path
    vocabulary: str | None = None
    fixed: list[Edit] = field(default_factory=list)
    left: list[tuple[Finding, str]] = field(default_factory=list)  # not changed, and why
    target: Path | None = None  # where the corrected copy went (None: nothing written)
    backup: Path | None = None
    diff: str = ""


def can_fix(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES | WORD_SUFFIXES


def plan(blocks: list[Block], findings: list[Finding], glossary, rules) -> tuple[list[Edit], list[tuple[Finding, str]]]:
    """The edits that fix ``findings`` of the ``rules``, and the findings left."""
    from .case import adapt

    edits: list[Edit] = []
    left: list[tuple[Finding, str]] = []
    for f in findings:
        if f.rule not in rules or f.where is None:
            continue
        if isinstance(f.suggestion, list):
            left.append((f, "several suggestions: " + ", ".join(f.suggestion)))
            continue
        if not f.suggestion:
            left.append((f, "no suggestion"))
            continue
        b, start, end = f.where
        old = blocks[b].text[start:end]
        concept = glossary.concepts.get(f.concept) if f.concept else None
        forms = [x.text for x in concept.forms()] if concept else []
        new = adapt(old, f.suggestion, forms)
        if new == old:
            left.append((f, "already written as suggested"))
            continue
        edits.append(Edit(b, start, end, old, new, f))
    edits.sort(key=lambda e: (e.block, e.start, e.end))
    kept: list[Edit] = []
    for e in edits:
        if kept and kept[-1].block == e.block and e.start < kept[-1].end:
            left.append((e.finding, "overlaps another fix"))
        else:
            kept.append(e)
    return kept, left


def open_document(path: Path, data: bytes):
    """A :class:`~.text.TextDocument` or :class:`~.docx.WordDocument` for ``data``."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from .text import TextDocument

        return TextDocument(path, data)
    if suffix in WORD_SUFFIXES:
        from .docx import WordDocument

        return WordDocument(data)
    raise ReadError(_unsupported(path))


def _unsupported(path: Path) -> str:
    return (f"cannot fix {path.suffix.lower() or 'this kind of'} files: termcheck fix writes "
            ".txt, .md and .docx (a PDF has no source to correct)")


def read_input(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a document") from None
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror or err}") from None
    if not data:
        raise ReadError("empty file")
    return data


def fix_file(label: str, path: Path, scanner, rules, *, vocabulary: str | None = None,
             reason: str = "", mode: str = "diff", target: Path | None = None,
             backup: bool = True, now: datetime | None = None) -> FileFix:
    """Fix one file. ``mode`` is ``diff`` (write nothing; fill ``diff``), ``output``
    (write the corrected copy to ``target``) or ``in-place``. Raises :class:`ReadError`
    for a file it cannot read and :class:`OSError` for one it cannot write (the
    original is then intact)."""
    if not can_fix(path):
        raise ReadError(_unsupported(path))
    data = read_input(path)
    doc = open_document(path, data)
    result = scanner.check_blocks(label, doc.blocks, vocabulary, reason)
    edits, left = plan(doc.blocks, result.findings, scanner.glossary, rules)
    when = now or datetime.now(timezone.utc)
    done, refused = doc.apply(edits, when)
    out = FileFix(label, path, result.vocabulary, fixed=done,
                  left=left + [(e.finding, why) for e, why in refused])
    out.left.sort(key=lambda x: x[0].where or (0, 0, 0))
    if mode == "diff":
        out.diff = doc.diff(label) if done else ""
        return out
    new = doc.data() if done else data
    if mode == "in-place":
        if done:
            if backup:
                out.backup = _backup_name(path)
                _copy_atomic(path, out.backup, data)
            _atomic_write(path, new)
            out.target = path
        return out
    _atomic_write(target, new)
    out.target = target
    return out


def _backup_name(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak{n}")
        n += 1
    return candidate


def _atomic_write(path: Path, data: bytes) -> None:
    from ..fileio import atomic_write

    atomic_write(path, data)


def _copy_atomic(source: Path, backup: Path, data: bytes) -> None:
    _atomic_write(backup, data)
    try:
        shutil.copystat(source, backup)
    except OSError:
        pass


def describe(fix: FileFix, mode: str) -> list[str]:
    """Lines telling what was fixed and what was left in one file."""
    lines = []
    where = {"diff": "", "output": f" -> {fix.target}" if fix.target else "",
             "in-place": " (in place" + (f"; backup {fix.backup})" if fix.backup else ")")}[mode]
    verb = "would fix" if mode == "diff" else "fixed"
    if mode == "in-place" and not fix.fixed:
        where = " (unchanged)"
    lines.append(f"{fix.label}: {verb} {len(fix.fixed)}, left {len(fix.left)}{where}")
    for e in fix.fixed:
        loc = e.finding.location.describe()
        lines.append(f"  {loc}: {e.finding.rule}: '{' '.join(e.old.split())}' -> '{e.new}'")
    for f, why in fix.left:
        lines.append(f"  left {f.location.describe()}: {f.rule}: '{f.found}': {why}")
    return lines


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))
