"""Inline suppressions: HTML-comment directives in Markdown and text, plain directives in
.txt, and Word comments (`termcheck: ignore [rules]`), end to end through the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from termcheck.cli import ExitCode, main
from termcheck.suppress import parse

from helpers import ALPHA_BETA_GLOSSARY as GLOSSARY  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def glossary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY)
    return path


def findings(capsys, path: Path, glossary: Path, *extra: str) -> list[tuple[int | None, str, str]]:
    code = main(["scan", str(path), "-g", str(glossary), "--vocabulary", "beta", "--format", "json",
                 "--fail-on", "never", "--no-config", *extra])
    out, err = capsys.readouterr()
    assert code == ExitCode.OK, err
    return [(f["location"].get("line"), f["rule"], f["found"]) for f in json.loads(out)["findings"]]


# --------------------------------------------------------------------------- the parser
def test_same_line_next_line_and_standalone():
    sup = parse("a <!-- termcheck: ignore --> b\n"                             # 1: this line, all rules
                "<!-- termcheck: ignore deprecated-term -->\n"                 # 2: alone -> line 3
                "c\n"
                "<!-- termcheck: ignore-next-line near-miss, deprecated-term -->\n"  # 4 -> line 5
                "d\n"
                "e <!--termcheck:IGNORE vocabulary-mismatch-->\n")            # 6: case and spacing
    assert sup.suppressed(1, "near-miss") and sup.suppressed(1, "deprecated-term")
    assert not sup.suppressed(2, "deprecated-term")
    assert sup.suppressed(3, "deprecated-term") and not sup.suppressed(3, "near-miss")
    assert sup.suppressed(5, "near-miss") and sup.suppressed(5, "deprecated-term")
    assert not sup.suppressed(5, "unknown-term") and not sup.suppressed(4, "near-miss")
    assert sup.suppressed(6, "vocabulary-mismatch") and not sup.suppressed(7, "vocabulary-mismatch")
    assert not sup.suppressed(None, "near-miss")


def test_off_and_on_regions():
    lines = ["x"] * 20
    lines[1] = "<!-- termcheck: off -->"                          # line 2: everything off
    lines[4] = "<!-- termcheck: on near-miss -->"                 # line 5: near-miss back on
    lines[7] = "<!-- termcheck: on -->"                           # line 8: everything on
    lines[9] = "<!-- termcheck: off deprecated-term unknown-term -->"  # line 10
    lines[12] = "<!-- termcheck: on unknown-term -->"             # line 13
    sup = parse("\n".join(lines))
    assert not sup.suppressed(1, "near-miss")
    assert sup.suppressed(3, "near-miss") and sup.suppressed(3, "deprecated-term")
    assert not sup.suppressed(6, "near-miss") and sup.suppressed(6, "deprecated-term")
    assert not sup.suppressed(9, "deprecated-term")
    assert sup.suppressed(11, "deprecated-term") and sup.suppressed(11, "unknown-term")
    assert not sup.suppressed(11, "near-miss")
    assert sup.suppressed(15, "deprecated-term") and not sup.suppressed(15, "unknown-term")
    assert sup.suppressed(20, "deprecated-term")  # to the end of the file


def test_directives_in_code_are_examples_not_directives():
    sup = parse("```markdown\n<!-- termcheck: off -->\n```\n"
                "Write `<!-- termcheck: ignore -->` after the text.\n"
                "~~~~\n<!-- termcheck: ignore-next-line -->\n~~~~\nz\n")
    assert not sup


def test_plain_text_directives():
    sup = parse("termcheck: ignore-next-line\na\ntermcheck: off near-miss\nb\nTERMCHECK: on\nc\n"
                "d termcheck: ignore\n", plain=True)
    assert sup.suppressed(2, "near-miss") and sup.suppressed(4, "near-miss")
    assert not sup.suppressed(4, "deprecated-term") and not sup.suppressed(6, "near-miss")
    assert not sup.suppressed(7, "near-miss")  # the plain form must stand alone on its line
    assert not parse("termcheck: ignore\n", plain=False)  # Markdown needs the comment


# --------------------------------------------------------------------------- end to end
MARKDOWN = """\
# Plan

The Load Shaping System starts in Tranche 2. <!-- termcheck: ignore deprecated-term -->

<!-- termcheck: ignore-next-line -->
The Load Shaping System starts in Tranche 3.

<!-- termcheck: ignore vocabulary-mismatch -->
The Load Shaping System starts in Tranche 4.

<!-- termcheck: off -->
Pre Integration Testing and Tranche 5.

More Tranche 6 text.
<!-- termcheck: on -->

Pre Integration Testing and Tranche 7.

```
<!-- termcheck: off -->
```

Last Tranche 8.
"""


def test_markdown_document_end_to_end(capsys, glossary, tmp_path):
    doc = tmp_path / "plan.md"
    doc.write_text(MARKDOWN)
    got = findings(capsys, doc, glossary)
    assert got == [
        (3, "vocabulary-mismatch", "Load Shaping System"),  # only deprecated-term ignored on line 3
        (9, "deprecated-term", "Tranche"),                  # only vocabulary-mismatch ignored on line 9
        (17, "near-miss", "Pre Integration Testing"),
        (17, "deprecated-term", "Tranche"),
        (23, "deprecated-term", "Tranche"),                 # the fenced `off` is an example
    ]
    # the same document without directives has every finding
    doc.write_text("\n".join(line.split("<!--")[0] if "termcheck" in line else line
                             for line in MARKDOWN.splitlines()))
    assert len(findings(capsys, doc, glossary)) == 12


def test_text_document_end_to_end(capsys, glossary, tmp_path):
    doc = tmp_path / "notes.txt"
    doc.write_text("Tranche 1 is here.\n\ntermcheck: ignore-next-line deprecated-term\nTranche 2 is here.\n\n"
                   "Tranche 3 <!-- termcheck: ignore --> is here.\n\ntermcheck: off\nTranche 4.\n")
    assert findings(capsys, doc, glossary) == [(1, "deprecated-term", "Tranche")]


def test_suppressions_apply_before_the_exit_code(capsys, glossary, tmp_path):
    doc = tmp_path / "ok.md"
    doc.write_text("<!-- termcheck: off -->\nThe Load Shaping System starts in Tranche 2.\n")
    assert main(["scan", str(doc), "-g", str(glossary), "--vocabulary", "beta", "--no-config"]) == ExitCode.OK
    capsys.readouterr()


# --------------------------------------------------------------------------- Word comments
WORD_GLOSSARY = """\
format: termcheck-glossary/1
title: Harbour
vocabularies:
  harbour: {title: Harbour}
  sea: {title: Sea}
concepts:
  - id: crew
    harbour: {preferred: Wharf Crew, deprecated: [Old Wharf Gang]}
    sea: {preferred: Deck Crew}
  - id: para
    all: {preferred: Plain Paragraph, deprecated: [Spanned Paragraph, Closing Paragraph]}
"""


def test_word_comment_suppresses_the_text_it_is_anchored_to(capsys, tmp_path, monkeypatch):
    """tests/fixtures/word/features.docx: a comment `termcheck: ignore deprecated-term` on
    "Old Wharf Gang", and a comment `termcheck: ignore` whose range runs from the middle
    of one paragraph to the middle of the next."""
    docx = FIXTURES / "word" / "features.docx"
    if not docx.exists():
        pytest.skip("the Word fixture tests/fixtures/word/features.docx is missing")
    monkeypatch.chdir(tmp_path)
    gl = tmp_path / "harbour.yaml"
    gl.write_text(WORD_GLOSSARY)
    code = main(["scan", str(docx), "-g", str(gl), "--vocabulary", "harbour", "--format", "json",
                 "--fail-on", "never", "--no-config", "--select", "deprecated-term,vocabulary-mismatch"])
    data = json.loads(capsys.readouterr().out)
    assert code == ExitCode.OK
    got = [(f["rule"], f["found"], f["location"]["paragraph"]) for f in data["findings"]]
    # "Old Wharf Gang" is deprecated but its comment ignores deprecated-term;
    # "First spanned paragraph" stands before the commented range, "Second spanned
    # paragraph" inside it; "closing paragraph" is outside every comment
    assert [g[:2] for g in got] == [("deprecated-term", "spanned paragraph"),
                                    ("deprecated-term", "closing paragraph")]
    first, closing = got[0][2], got[1][2]
    assert closing == first + 2  # the second spanned paragraph (first + 1) is suppressed
    # the comment names one rule: the same text in another vocabulary is still reported
    code = main(["scan", str(docx), "-g", str(gl), "--vocabulary", "sea", "--format", "json",
                 "--fail-on", "never", "--no-config", "--select", "deprecated-term,vocabulary-mismatch"])
    data = json.loads(capsys.readouterr().out)
    assert ("vocabulary-mismatch", "Old Wharf Gang") in {(f["rule"], f["found"]) for f in data["findings"]}
