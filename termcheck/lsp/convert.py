"""Findings and glossary concepts as Language Server Protocol records.

Positions: termcheck locations are 1-based lines and 1-based columns counted in code
points; LSP positions are 0-based lines and characters counted in the negotiated
encoding (UTF-16 code units unless the client offers UTF-8 or UTF-32). Lines end at
``\\n``, ``\\r\\n`` or ``\\r``, as in both the LSP and the text readers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types as lsp

from ..glossary import Concept, Glossary
from ..model import Finding, Location
from ..rules.context import end_location

SOURCE = "termcheck"
_LINE_END = re.compile(r"\r\n|\r|\n")
_SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}


def split_lines(text: str) -> list[str]:
    return _LINE_END.split(text)


def units(text: str, encoding: str) -> int:
    """The length of ``text`` in the code units of ``encoding``."""
    if encoding == lsp.PositionEncodingKind.Utf32 or text.isascii():
        return len(text)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def code_points(line: str, character: int, encoding: str) -> int:
    """The code point index of an LSP character offset in ``line``."""
    if encoding == lsp.PositionEncodingKind.Utf32 or line.isascii():
        return min(character, len(line))
    count = 0
    for i, ch in enumerate(line):
        if count >= character:
            return i
        count += units(ch, encoding)
    return len(line)


class Lines:
    """A document's lines, to turn termcheck locations into LSP positions and back."""

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16):
        self.lines = split_lines(text)
        self.encoding = encoding

    def line(self, number: int) -> str:
        """The 0-based line ``number`` ('' past the end)."""
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def position(self, line: int, column: int) -> lsp.Position:
        """1-based line and code point column as an LSP position."""
        text = self.line(line - 1)
        return lsp.Position(line=max(0, line - 1), character=units(text[:max(0, column - 1)], self.encoding))

    def point(self, pos: lsp.Position) -> tuple[int, int]:
        """An LSP position as a 1-based (line, code point column)."""
        return pos.line + 1, code_points(self.line(pos.line), pos.character, self.encoding) + 1

    def range(self, start: Location, end: Location | None) -> lsp.Range:
        begin = self.position(start.line or 1, start.column or 1)
        if end is None or end.line is None:
            stop = lsp.Position(line=begin.line, character=units(self.line(begin.line), self.encoding))
        else:
            stop = self.position(end.line, end.column or 1)
        return lsp.Range(start=begin, end=stop)

    def text_in(self, rng: lsp.Range) -> str:
        (l1, c1), (l2, c2) = self.point(rng.start), self.point(rng.end)
        if l1 == l2:
            return self.line(l1 - 1)[c1 - 1:c2 - 1]
        parts = [self.line(l1 - 1)[c1 - 1:]] + [self.line(n - 1) for n in range(l1 + 1, l2)]
        return "\n".join(parts + [self.line(l2 - 1)[:c2 - 1]])


# ------------------------------------------------------------------------ diagnostics
def _suggestions(f: Finding) -> list[str]:
    if f.suggestion is None:
        return []
    return [f.suggestion] if isinstance(f.suggestion, str) else list(f.suggestion)


_DEFINITION = re.compile(r"^(.*?)\s*\(\s*([^()]*?)\s*\)$", re.DOTALL)


def _fixes(f: Finding, written: str) -> list[dict]:
    """Replacements for the finding's range: ``{"title", "text"}`` each."""
    out = []
    folded = " ".join(written.split())
    for s in _suggestions(f):
        if f.rule == "acronym-undefined":
            acronym = folded
            out.append({"title": f"Define: {s} ({acronym})", "text": f"{s} ({acronym})"})
        elif f.rule == "acronym-conflict":
            m = _DEFINITION.match(folded)
            if not m:
                continue
            left, right = m.group(1), m.group(2)
            if " " in right or not any(c.isupper() for c in right):  # "ACR (Expansion)"
                text = f"{left} ({s})"
            else:  # "Expansion (ACR)"
                text = f"{s} ({right})"
            out.append({"title": f"Replace with '{text}'", "text": text})
        elif f.rule == "unknown-term" and folded != f.found:
            continue  # the range is a whole definition, not the term to replace
        elif s != written:
            out.append({"title": f"Replace with '{s}'", "text": s})
    return out


def diagnostic(f: Finding, lines: Lines) -> lsp.Diagnostic:
    rng = lines.range(f.location, f.end)
    written = lines.text_in(rng)
    data = {"rule": f.rule, "found": f.found, "suggestions": _suggestions(f),
            "concept": f.concept, "vocabulary": f.vocabulary, "fixes": _fixes(f, written)}
    return lsp.Diagnostic(
        range=rng, message=f.message or f.found, severity=_SEVERITY[f.severity.value],
        code=f.rule, source=SOURCE, data=data,
        tags=[lsp.DiagnosticTag.Deprecated] if f.rule == "deprecated-term" else None)


def problem_diagnostic(line: int, column: int, message: str, more: int, consequence: str = "") -> lsp.Diagnostic:
    """The one diagnostic shown on a broken glossary or configuration file."""
    pos = lsp.Position(line=max(0, line - 1), character=max(0, column - 1))
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    tail = f"; {consequence}" if consequence else ""
    return lsp.Diagnostic(range=lsp.Range(start=pos, end=lsp.Position(line=pos.line, character=pos.character + 1)),
                          message=message + extra + tail,
                          severity=lsp.DiagnosticSeverity.Error, source=SOURCE, code="settings")


# ------------------------------------------------------------------------ code actions
_DIRECTIVE = re.compile(r"<!--\s*termcheck\s*:\s*ignore(?![\w-])(.*?)-->", re.IGNORECASE)


def ignore_edit(line_text: str, line: int, rule: str, lines: Lines) -> lsp.TextEdit | None:
    """The edit that adds ``rule`` to the ``ignore`` directive of a line: a new comment
    at its end (inside the last cell of a table row), or the rule added to the comment
    already there. None when the line already ignores it."""
    m = _DIRECTIVE.search(line_text)
    if m:
        names = [n for n in re.split(r"[\s,]+", m.group(1).strip()) if n]
        if not names or rule in (n.lower() for n in names):
            return None
        start, end = m.start(), m.end()
        new = f"<!-- termcheck: ignore {' '.join(names + [rule])} -->"
    else:
        body = line_text.rstrip()
        comment = f"<!-- termcheck: ignore {rule} -->"
        if body.endswith("|") and body.lstrip().startswith("|"):  # keep a table row a row
            start = end = len(body) - 1
            new = comment + " "
            if not body[:-1].endswith(" "):
                new = " " + new
        else:
            start = end = len(body)
            new = " " + comment
    rng = lsp.Range(start=lines.position(line, start + 1), end=lines.position(line, end + 1))
    return lsp.TextEdit(range=rng, new_text=new)


def code_actions(uri: str, diagnostics: list[lsp.Diagnostic], lines: Lines) -> list[lsp.CodeAction]:
    actions = []
    for d in diagnostics:
        if d.source != SOURCE or not isinstance(d.data, dict):
            continue
        for k, fix in enumerate(d.data.get("fixes") or ()):
            actions.append(lsp.CodeAction(
                title=fix["title"], kind=lsp.CodeActionKind.QuickFix, diagnostics=[d],
                is_preferred=k == 0,
                edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=d.range, new_text=fix["text"])]})))
        rule = d.data.get("rule") or str(d.code)
        number = d.range.start.line + 1
        edit = ignore_edit(lines.line(number - 1), number, rule, lines)
        if edit is not None:
            actions.append(lsp.CodeAction(
                title=f"Ignore {rule} on this line", kind=lsp.CodeActionKind.QuickFix, diagnostics=[d],
                edit=lsp.WorkspaceEdit(changes={uri: [edit]})))
    return actions


# ------------------------------------------------------------------------ hover
@dataclass(frozen=True)
class TermSpan:
    """A glossary form found in a document: 1-based lines, code point columns, end
    exclusive."""

    start: tuple[int, int]
    end: tuple[int, int]
    text: str
    concepts: tuple[str, ...]

    def covers(self, point: tuple[int, int]) -> bool:
        return self.start <= point < self.end


def term_spans(document) -> list[TermSpan]:
    """Every glossary match of an analysed :class:`~termcheck.rules.Document`."""
    out = []
    for b, m in document.occurrences():
        block = document.blocks[b]
        start, end = block.location_at(m.start), end_location(block, m.start, m.end)
        if start.line is None or start.column is None or end is None:
            continue
        concepts = tuple(dict.fromkeys(f.concept for f in m.forms))
        out.append(TermSpan((start.line, start.column), (end.line, end.column), m.text, concepts))
    return out


def concept_markdown(glossary: Glossary, concept: Concept, document_vocabulary: str | None = None) -> str:
    lines = [f"**{concept.any_preferred()}** — termcheck concept `{concept.id}`", ""]
    lines += ["| vocabulary | preferred | acronym | also | deprecated |", "| --- | --- | --- | --- | --- |"]
    for name, terms in concept.terms.items():
        vocab = glossary.vocabularies.get(name)
        title = f"{vocab.title} (`{name}`)" if vocab else ("every vocabulary" if name == "all" else name)
        if name == document_vocabulary:
            title += " ← this document"
        lines.append("| {} | {} | {} | {} | {} |".format(
            title, terms.preferred.text, terms.acronym.text if terms.acronym else "",
            ", ".join(f.text for f in terms.admitted), ", ".join(f.text for f in terms.deprecated)))
    lines.append("")
    facts = [f"status: {concept.status}"]
    if concept.mapping:
        facts.append(f"mapping: {concept.mapping}")
    if concept.group:
        facts.append(f"group: {concept.group}")
    lines.append(" · ".join(facts))
    if concept.definition:
        lines += ["", concept.definition]
    for label, ids in (("broader", concept.broader), ("narrower", concept.narrower), ("related", concept.related)):
        if ids:
            names = [glossary.concepts[i].any_preferred() if i in glossary.concepts else i for i in ids]
            lines.append(f"\n{label}: " + ", ".join(names))
    if concept.note:
        lines += ["", f"_Note:_ {concept.note}"]
    return "\n".join(lines)


def hover(spans: list[TermSpan], glossary: Glossary, point: tuple[int, int], lines: Lines,
          vocabulary: str | None) -> lsp.Hover | None:
    for span in spans:
        if span.covers(point):
            parts = [concept_markdown(glossary, glossary.concepts[c], vocabulary)
                     for c in span.concepts if c in glossary.concepts]
            if not parts:
                return None
            rng = lsp.Range(start=lines.position(*span.start), end=lines.position(*span.end))
            return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                                        value="\n\n---\n\n".join(parts)), range=rng)
    return None
