"""The Markdown reader's fast path gives exactly the blocks of a full parse.

``blocks_from_string(source)`` makes plain paragraphs, headings, lists and tables
itself and hands the parser only the rest (termcheck/readers/markdown_fast.py);
``blocks_from_string(source, fast=False)`` parses everything. Every field of every
block (text, line and column, anchors, table rows and cells, code word counts) must
agree, on generated documents that put plain text next to every kind of Markdown
block and on the Markdown files of the repository.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck import suppress
from termcheck.readers import markdown
from termcheck.readers.markdown_fast import plain_runs, stand_in_source

ROOT = Path(__file__).resolve().parents[1]


def both(source: str):
    fast = list(markdown.blocks_from_string(source))
    full = list(markdown.blocks_from_string(source, fast=False))
    return fast, full


def assert_same(source: str) -> None:
    fast, full = both(source)
    assert fast == full, source
    # and with suppressions applied, as read from a file
    assert markdown.from_string(source) == suppress.apply(full, source.replace("\r\n", "\n").replace("\r", "\n"))


WORDS = ("Load Shaping Service", "the", "plan", "SIT", "Wave 2", "is", "on", "track", "94", "per", "cent",
         "café", "naïve", "x", "1.", "2)", "a|b", "it's", "e.g.", "(DIP)", "-", "#", "!", ">", ":", "=", "two  spaces",
         "`code`", "``two`` ticks", "```three", "*em*", "**strong**", "***", "_u_", "__uu__", "___", "&amp;",
         "\\*", "\\", "[link](x)", "[r1]", "<b>", "<!--", "-->", "(note)", "'q'", "\"q\"", "trailing ")
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)

# lines that open, close, interrupt or carry on every kind of block, with inline markup,
# odd white space and suppression comments
STRUCTURE = [
    "", "", "", "   ", "\t",
    "# Heading", "## Heading two ##", "###### Six", "####### Seven", "#hashtag", "#", "# ", "   # Indented",
    "# C#", "# Ends with # ", "===", "---", "- - -", "***", "___",
    "- item", "* item", "+ item", "-  two spaces", "-", "- ", "1. one", "2. two", "1) paren", "10. ten",
    "  - nested", "   continued", "      deep", "- [ ] task", "-\ttab item", "1.", "3)",
    "| a | b |", "|---|---|", "| :-- | --: |", "| x | y |", "| x |", "| x | y | z |", "a | b", "--- | ---",
    "| esc \\| pipe | c |", "| two  spaces |  c  |", "| `co|de` | d |", "|  | empty |", "|---|", "| only |",
    "```", "```python", "~~~", "````", "``` a`b", "    code line = f(x);", "\tcode after tab",
    "<div>", "</div>", "<!-- comment -->", "<!--", "-->", "<pre>", "</pre>", "<?php", "?>", "<![CDATA[",
    "]]>", "<!DOCTYPE html>", "<custom-tag>", "<script>", "</script>",
    "> quoted", ">", "> - quoted item", "> # quoted heading",
    "[r1]: http://example.org", "[r1]: <x> 'title'", "[r2]:", "See [r1] and [text][r1].",
    "Some *emphasis* and _under_ here", "a `code span` here", "a [link](http://x.org \"t\") here",
    "an ![image](i.png) here", "<https://auto.link>", "<span>inline</span> html", "AT&amp;T &copy; &#35;",
    "escaped \\* star", "Q&A", "hard break  ", "trailing space ", "line\\", "tab\tinside",
    "\u00a0no-break start", "ends no-break\u00a0", "\u3000ideographic", "nul \x00 char",
    "<!-- termcheck: ignore -->", "Text <!-- termcheck: ignore --> here", "<!-- termcheck: off -->",
    "<!-- termcheck: on -->", "<!-- termcheck: ignore-next-line -->", "title: front matter", "...",
]
PREFIXES = ["", "", "", "", "", "- ", "* ", "1. ", "2) ", "  ", "    ", "> ", "# ", "## ", "| ", "\t"]
prose_line = st.tuples(st.sampled_from(PREFIXES), sentence).map("".join)
line = st.one_of(st.sampled_from(STRUCTURE), prose_line, prose_line, st.just(""))
document = st.lists(line, min_size=1, max_size=40).map("\n".join)
cell = st.one_of(sentence, st.just(""), st.just("  "))
table = st.integers(1, 3).flatmap(lambda n: st.tuples(
    st.lists(cell, min_size=n, max_size=n),
    st.lists(st.lists(cell, min_size=n - 1, max_size=n + 1), max_size=3),
    st.sampled_from(["---", ":--", "--:", ":-:", " - "]))).map(
    lambda t: "\n".join(["|" + "|".join(t[0]) + "|", "|" + "|".join([t[2]] * len(t[0])) + "|"]
                        + ["|" + "|".join(row) + "|" for row in t[1]]))
items = st.lists(st.tuples(st.sampled_from(["- ", "* ", "1. ", "2) ", "10. "]),
                           st.lists(st.tuples(st.sampled_from(["", "  ", "   ", "     "]), sentence), max_size=2),
                           sentence), min_size=1, max_size=4).map(
    lambda its: "\n".join(m + first + "".join("\n" + ind + more for ind, more in rest) for m, rest, first in its))
# plain paragraphs, lists and tables between blank lines, with now and then something else
mostly_prose = st.lists(st.one_of(sentence, sentence, sentence, st.just(""), st.just(""), st.just(""),
                                  table, items, line),
                        min_size=1, max_size=40).map("\n".join)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(source=document)
def test_fast_path_matches_full_parse(source):
    assert_same(source)


@settings(max_examples=800, deadline=None, derandomize=True)
@given(source=mostly_prose, front_matter=st.booleans(), crlf=st.booleans())
def test_fast_path_matches_full_parse_on_prose(source, front_matter, crlf):
    if front_matter:
        source = "---\ntitle: x\n---\n" + source
    if crlf:
        source = source.replace("\n", "\r\n")
    assert_same(source)


CASES = {
    "inside a fence": "Intro.\n\n```\n\nPlain words here.\n\n# Not a heading\n\n```\n\nAfter.\n",
    "unclosed fence": "Intro.\n\n~~~\n\nPlain words.\n\nMore words.\n",
    "inside an HTML comment": "<!--\n\nPlain words here.\n\n-->\n\nAfter.\n",
    "HTML block ends in a plain line": "<?\n\nfoo ?> bar\n\nPlain after.\n",
    "after an HTML block": "<div>\n# Heading in HTML\n\nPlain.\n",
    "list item carries on": "- item\n\n  Indented paragraph of the item.\n\nPlain.\n",
    "list then indented code": "Plain.\n\n- item\n\n      code or item?\n\nPlain.\n",
    "lazy lines": "- item\nlazy line\n- next\n\nPlain.\n\n> quote\nlazy too\n",
    "two-digit continuation": "Plain text ends cycle\n1.\n\nAnd\n1. item\n",
    "table then text": "Plain.\n\n| a | b |\n|---|---|\n| c | d |\nrow without pipes\n\nPlain.\n",
    "table of spaced cells": "Plain.\n\n| two  spaces |  c  |\n|---|---|\n| d |  |\n\nPlain.\n",
    "uneven table": "Plain.\n\n| a | b |\n|---|---|\n| c |\n| d | e | f |\n\nPlain.\n",
    "table with escapes": "Plain.\n\n| a \\| b | c |\n|:-|-:|\n| d | `e|f` |\n\nPlain.\n",
    "setext": "Plain words\n===\n\nPlain\n---\n",
    "references": "Plain [x] here.\n\nWords.\n\n[x]: http://example.org\n",
    "ordered list": "Plain.\n\n1. one\n   more\n2. two\n10. ten\n\nPlain.\n",
    "headings": "# One\nPlain under it.\n## Two\n\n### Three ###\n\nWords.\n",
    "heading of closing marks": "Plain.\n\n# #\n\n## x ##\n",
    "heading that heads a table": "Plain.\n\n# a|b\n|---|---|\n| c | d |\n\nPlain.\n",
    "suppressed": "Plain.\n\n<!-- termcheck: off -->\n\nPlain words.\n\n<!-- termcheck: on -->\n\nEnd.\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_path_matches_full_parse_where_stand_ins_go_wrong(name):
    assert_same(CASES[name])


def test_fast_path_matches_full_parse_on_the_repository_markdown():
    files = [p for p in ROOT.rglob("*.md") if ".venv" not in p.parts and "data" not in p.parts]
    assert len(files) > 20
    for path in files:
        assert_same(path.read_text(encoding="utf-8"))


def test_the_parser_sees_only_what_is_not_plain():
    # not a vacuous comparison: the plain parts really are taken from the parser
    source = ("# Report\n\nThe plan is on track and the\nwork goes on.\n\n- one item\n- two items\n\n"
              "| Item | Owner |\n| --- | --- |\n| Plan | Team |\n\n> A quotation.\n\nLast words.\n")
    lines = source.split("\n")
    runs = plain_runs(source, lines)
    text, numbers = stand_in_source(lines, runs)
    assert text == "#\n\n> A quotation.\n\na\n"
    assert numbers == [0, 11, 12, 13, 14, 15]
    assert [b.text for b in markdown.blocks_from_string(source)][:4] == [
        "Report", "The plan is on track and the\nwork goes on.", "one item", "two items"]
    assert_same(source)
