"""Markdown reader (``.md``, ``.markdown``), built on a real CommonMark parse.

The file is parsed with markdown-it-py (``commonmark`` preset plus tables). One
:class:`Block` is made for each paragraph (list items and block quotes included), each
heading and each table cell. What is *not* scanned:

* fenced and indented code blocks, HTML blocks (``<!-- comments -->`` included) and
  YAML front matter are dropped (the words of code dropped are counted, for the
  report); an indented block that reads as prose (sentences, few of code's signs) is
  pasted text, not code, and is read;
* code spans, inline HTML, autolinks (``<https://...>``) and images are replaced in the
  block text by spaces of the same length, so words on either side stay apart;
* link destinations and reference labels (``[text](url)``, ``[text][ref]``) are
  dropped: the link *text* is kept, as it reads when rendered;
* emphasis markers, link brackets and the backslash of an escape are dropped; entities
  are decoded;
* a block quote's alert marker on a line of its own (GitHub's ``> [!NOTE]``, ``> [!TIP]``,
  DocFX's ``> [!div class="..."]``) is markup, rendered as an icon and a title: blanked.

Hard-wrapped lines stay separated by ``\\n``. Every piece of block text is traced back
to the original file: an :class:`Anchor` is emitted at the start of the block, at the
start of each source line and wherever removed markup makes the mapping jump, so
``block.location_at(offset)`` gives the exact 1-based line and column in the file.

A table cell block carries ``row`` (the plain text of every cell of its row, header
row included) and ``cell`` (its own index).

The reader is four modules: this one (entry points, the parser, the walk over block
tokens, code blocks), :mod:`.markdown_fast` (the parts that need no parser),
:mod:`.markdown_inline` (block text and positions from one inline token) and
:mod:`.markdown_tables` (table cells).

Fast path. Most of a prose document is paragraphs, headings, lists and tables that no
rule of the parser would change (lines starting with a letter or digit, free of
``\\ ` * _ [ < &``). :mod:`.markdown_fast` makes their blocks itself and hands the
parser a copy of the document in which each run of them is cut to a one-line stand-in;
a run is trusted only where the parser puts its stand-in as a top-level paragraph or
heading, and read by the parser otherwise. The parser then works only through the
rest (code, HTML, lists and paragraphs with markup) and the reader runs the inline
rules only on content that needs them. ``blocks_from_string(source, fast=False)``
parses everything, and ``tests/test_markdown_fast.py`` holds the fast path to it.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterator

from ..errors import ReadError
from ..model import Anchor, Block, Location
from .. import suppress
from .markdown_inline import ContentMap, build, build_plain, content_map, is_plain
from .markdown_fast import Run, plain_runs, renumber, stand_in_source, stands_in
from .markdown_tables import table_row
from .text import read_source

_parsers: dict[bool, object] = {}


def _md(inline: bool = True):
    """The parser (CommonMark plus tables). With ``inline=False`` it stops after the
    block rules: the reader runs the inline rules only where content needs them."""
    md = _parsers.get(inline)
    if md is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark").enable("table")
        # Keep escapes and entities as separate ``text_special`` tokens: then every
        # ``text`` token is a verbatim slice of the source, which is what lets the
        # reader find it again and keep exact columns.
        md.disable("text_join", ignoreInvalid=True)
        if not inline:
            md.disable("inline")
        _parsers[inline] = md
    return md


def read(path: Path) -> Iterator[Block]:
    yield from from_string(read_source(path))


def from_string(source: str) -> list[Block]:
    """The blocks of a Markdown document held in memory, suppressions applied (what
    :func:`read` gives for a file holding ``source``)."""
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    return suppress.apply(list(blocks_from_string(source)), source)


def blocks_from_string(source: str, *, fast: bool = True, front_matter: bool = True) -> Iterator[Block]:
    """Blocks of a Markdown document given as a string (``\\n`` line ends).

    ``fast=False`` parses everything with the parser (the reference the fast path,
    the default, must match block for block). ``front_matter``: ``source`` starts a
    file, where a ``---`` line may open YAML front matter (not so for a later section
    of a file, see :mod:`termcheck.sections`)."""
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    source = source.replace("\x00", "\ufffd")
    lines = source.split("\n")
    if front_matter:
        source = _blank_front_matter(lines, source)
    if "[!" in source:
        source = _blank_alert_markers(lines, source)
    env: dict = {}
    try:
        if fast:
            blocks = _read_fast(source, lines, env)
        else:
            md = _md()
            tokens = _parse(md, source, env)
            blocks = list(_walk(tokens, lines, lambda inline, cmap: build(inline, cmap, env, md)))
    except ReadError:
        raise
    except Exception as err:  # a bug of ours must not surface as a traceback for one file
        raise ReadError(f"cannot read Markdown ({type(err).__name__}: {err})") from None
    yield from blocks


def _read_fast(source: str, lines: list[str], env: dict) -> list[Block]:
    """The blocks of ``source`` (its lines ``lines``): the plain parts' from
    :mod:`.markdown_fast`, the rest from the parser."""
    md = _md(inline=False)

    def build_inline(inline, cmap: ContentMap) -> Block | None:
        content = inline.content
        if is_plain(content):
            return build_plain(content, cmap)
        if not inline.children:  # the block rules leave it empty
            inline.children = []
            try:
                md.inline.parse(content, md, env, inline.children)
            except Exception as err:  # as for the block rules in _parse
                raise ReadError(f"cannot parse Markdown ({type(err).__name__}: {err})") from None
        return build(inline, cmap, env, md)

    runs = plain_runs(source, lines)
    for _ in range(3):
        if not runs:
            break
        env.clear()
        stand_ins = {run.first: run for run in runs}
        text, numbers = stand_in_source(lines, runs)
        if _stand_ins_only(text):  # the parser would find each stand-in where it stands
            return [block for run in runs for block in run.blocks]
        tokens = _parse(md, text, env)
        renumber(tokens, numbers)
        blocks = list(_walk(tokens, lines, build_inline, stand_ins))
        if not stand_ins:
            return blocks
        runs = [run for run in runs if run.first not in stand_ins]  # read the others as they are
    env.clear()
    return list(_walk(_parse(md, source, env), lines, build_inline))


def _stand_ins_only(text: str) -> bool:
    """A stand-in source made of nothing but stand-in lines (``a``, ``#``) and blank
    lines, no paragraph stand-in straight after another (the two would be one
    paragraph): each stand-in is a top-level paragraph or heading of its own, so the
    parser has nothing to add."""
    last = ""
    for line in text.split("\n"):
        if line not in ("a", "#") and line.strip(" \t"):
            return False
        if line == "a" and last == "a":
            return False
        last = line
    return True


def _parse(md, source: str, env: dict):
    try:
        return md.parse(source, env)
    except Exception as err:  # the parser is not expected to fail; never leak a traceback
        raise ReadError(f"cannot parse Markdown ({type(err).__name__}: {err})") from None


BuildInline = Callable[[object, ContentMap], "Block | None"]


def _walk(tokens, lines: list[str], build_inline: BuildInline,
          stand_ins: dict[int, Run] | None = None) -> Iterator[Block]:
    """The blocks of a token stream. ``stand_ins`` maps the line of each stand-in of the
    fast path to its run; each one found where it must be is taken out of it and the
    run's blocks given instead."""
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.type
        if kind in ("paragraph_open", "heading_open"):
            inline = tokens[i + 1]
            if stand_ins and tok.map and tok.map[0] in stand_ins and stands_in(tok, inline, stand_ins[tok.map[0]]):
                yield from stand_ins.pop(tok.map[0]).blocks
            elif inline.type == "inline" and inline.map:
                block = build_inline(inline, content_map(inline.content, inline.map[0], lines))
                if block is not None:
                    yield block
            i += 3
            continue
        if kind == "tr_open":
            i = yield from table_row(tokens, i, lines, build_inline)
            continue
        if kind in ("code_block", "fence") and tok.map:
            if kind == "code_block" and _reads_as_prose(tok.content):
                yield _indented_prose(tok, lines)  # pasted text indented by four spaces
            else:  # an empty block where the code stood carries its word count to the report
                yield Block("", Location(line=tok.map[0] + 1), code_words=len(_CODE_WORD.findall(tok.content)))
        i += 1


_CODE_WORD = re.compile(r"[A-Za-z]{2,}")
_CODE_SIGNS = re.compile(r"[{}\[\]();=<>$#_/\\|`*@%^~]")


def _reads_as_prose(content: str) -> bool:
    """An indented block in a prose document that is pasted text, not code: sentences
    of words with few of code's signs."""
    words = _CODE_WORD.findall(content)
    lines = [ln for ln in content.splitlines() if ln.strip()]
    return len(words) >= 8 and len(words) >= 4 * len(lines) and \
        len(_CODE_SIGNS.findall(content)) <= len(content) / 100 and bool(re.search(r"[a-z]{2}[.,;:!?](\s|$)", content))


def _indented_prose(tok, lines: list[str]) -> Block:
    first = tok.map[0]
    anchors, parts, offset = [], [], 0
    for k, line in enumerate(tok.content.rstrip("\n").split("\n")):
        src = lines[first + k] if first + k < len(lines) else line
        col = len(src) - len(src.lstrip(" ")) + 1 if line.strip() else 1
        anchors.append(Anchor(offset, first + k + 1, col))
        parts.append(line.strip())
        offset += len(parts[-1]) + 1
    return Block("\n".join(parts), Location(line=first + 1, column=anchors[0].column), tuple(anchors))


def _blank_front_matter(lines: list[str], source: str) -> str:
    """Blank a leading YAML front matter block (keeping line numbers) and return the source."""
    if not lines or lines[0].rstrip() != "---":
        return source
    for k in range(1, len(lines)):
        if lines[k].rstrip() in ("---", "..."):
            for j in range(k + 1):
                lines[j] = ""
            return "\n".join(lines)
    return source


# a block quote's line that is only an alert marker: GitHub's ``> [!NOTE]``, ``> [!TIP]``,
# ``> [!WARNING]``..., and DocFX's ``> [!div class="..."]``
_ALERT_MARKER = re.compile(r"^((?: {0,3}>[ \t]?)+[ \t]*)(\[![A-Za-z][\w-]*(?:[ \t][^\]\n]*)?\])[ \t]*$")


def _blank_alert_markers(lines: list[str], source: str) -> str:
    """Blank the alert markers of block quotes (markup, rendered as an icon and a title,
    not text: ``TIP`` is no acronym), keeping every other character where it was."""
    changed = False
    for k, line in enumerate(lines):
        if "[!" in line:
            m = _ALERT_MARKER.match(line)
            if m:
                lines[k] = m.group(1) + " " * (len(line) - m.end(1))
                changed = True
    return "\n".join(lines) if changed else source
