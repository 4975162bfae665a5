"""Tests of the document readers on real files: the dev corpus and our own fixtures."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from termcheck.errors import ReadError
from termcheck.model import Block, Location
from termcheck.readers import docx as docx_reader
from termcheck.readers import markdown as md_reader
from termcheck.readers import pdf as pdf_reader
from termcheck.readers import read_blocks
from termcheck.readers import text as text_reader

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = HERE / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "eval" / "dev"

needs_dev = pytest.mark.skipif(
    not DEV.is_dir(), reason=f"dev corpus not found at {DEV} (../shared is absent in this checkout)")


def squash(s: str) -> str:
    return " ".join(s.split())


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def joined(blocks: list[Block]) -> str:
    """All block text, white space folded (for 'is this phrase anywhere' checks)."""
    return squash(" ".join(b.text for b in blocks))


def block_with(blocks: list[Block], phrase: str) -> Block:
    found = [b for b in blocks if phrase in squash(b.text)]
    assert found, f"no block contains {phrase!r}"
    assert len(found) == 1, f"{phrase!r} is in {len(found)} blocks"
    return found[0]


def source_position(source: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of ``needle`` in ``source``."""
    pos = -1
    for _ in range(nth + 1):
        pos = source.index(needle, pos + 1)
    line = source.count("\n", 0, pos) + 1
    column = pos - (source.rfind("\n", 0, pos) + 1) + 1
    return line, column


def assert_offsets_exact(blocks: list[Block], source: str, skip: str = "") -> None:
    """Every visible character of every block maps back to the same character of the file."""
    lines = source.split("\n")
    for b in blocks:
        for offset, ch in enumerate(b.text):
            if ch.isspace() or ch in skip:
                continue
            loc = b.location_at(offset)
            src_line = lines[loc.line - 1]
            got = src_line[loc.column - 1] if 0 < loc.column <= len(src_line) else None
            assert got == ch, (f"offset {offset} of {b.text[:40]!r}: {ch!r} maps to "
                               f"{loc.line}:{loc.column} which holds {got!r}")


# --- plain text -----------------------------------------------------------------------

@needs_dev
def test_text_dev_document_paragraphs_and_positions():
    path = DEV / "transition-status-update.txt"
    source = path.read_text(encoding="utf-8")
    blocks = list(text_reader.read(path))
    assert blocks[0].text == "Transition Timetable monthly status update: April 2025"
    assert blocks[0].location.line == 1 and blocks[0].location.column == 1
    # line breaks are kept inside a paragraph
    b = block_with(blocks, "Requirements to Test Traceability Matrix")
    assert "its Requirements\nto Test Traceability Matrix" in b.text
    for word in ("Statutory Instrument (SI)", "Component Integration Testing", "PIT.enquiries@example.org"):
        b = block_with(blocks, word)
        loc = b.location_at(b.text.index(word))
        assert (loc.line, loc.column) == source_position(source, word)
    assert_offsets_exact(blocks, source)


def test_text_crlf_bom_and_columns(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("\ufeffFirst line here\r\n  indented Load Shaping\r\nService ends\r\n\r\n\r\n"
                     "Second paragraph\r\n".encode("utf-8"))
    blocks = list(read_blocks(path))
    assert texts(blocks) == ["First line here\n  indented Load Shaping\nService ends", "Second paragraph"]
    b = blocks[0]
    loc = b.location_at(b.text.index("Load"))
    assert (loc.line, loc.column) == (2, 12)
    loc = b.location_at(b.text.index("ends"))
    assert (loc.line, loc.column) == (3, 9)
    assert (blocks[1].location.line, blocks[1].location.column) == (6, 1)


def test_text_legacy_encodings_are_decoded(tmp_path):
    # Windows-1252 (a superset of Latin-1's letters) and UTF-16 are read, not refused
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 menu \u2013 \u201cquoted\u201d\n".encode("cp1252"))
    assert texts(read_blocks(path)) == ["Caf\u00e9 menu \u2013 \u201cquoted\u201d"]
    path16 = tmp_path / "wide.txt"
    path16.write_bytes("h\u00e9llo\r\n\r\nworld".encode("utf-16"))  # with a byte order mark
    assert texts(text_reader.read(path16)) == ["h\u00e9llo", "world"]
    bare = tmp_path / "bare.txt"
    bare.write_bytes("no byte order mark here".encode("utf-16-le"))
    assert texts(read_blocks(bare)) == ["no byte order mark here"]


def test_text_binary_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ReadError, match=r"^not a text file \(it contains NUL bytes"):
        read_blocks(path)
    noisy = tmp_path / "noisy.txt"
    noisy.write_bytes(bytes(range(1, 32)) * 20)
    with pytest.raises(ReadError, match=r"^not a text file \(it contains control bytes"):
        read_blocks(noisy)
    c1 = tmp_path / "c1.txt"
    c1.write_bytes(b"text \x81\x8d\x8f\x90 more")  # bytes no text encoding here explains
    with pytest.raises(ReadError, match=r"neither UTF-8 nor Windows-1252"):
        read_blocks(c1)


# --- Markdown ---------------------------------------------------------------------------

@needs_dev
@pytest.mark.parametrize("name", ["sit-approach.md", "sitag-headline-report.md"])
def test_markdown_dev_offsets_are_exact(name):
    path = DEV / name
    blocks = list(md_reader.read(path))
    assert len(blocks) > 20
    assert_offsets_exact(blocks, path.read_text(encoding="utf-8"))


@needs_dev
def test_markdown_dev_traps_not_exposed():
    path = DEV / "sit-approach.md"
    source = path.read_text(encoding="utf-8")
    blocks = list(md_reader.read(path))
    everything = joined(blocks)
    # fenced code block
    assert "legacy schedule extract" not in everything
    assert "predecessor: Participant Testing" not in everything
    assert "service: Load Shaping System" not in everything
    # code span `Tranche 2`: blanked, the sentence around it kept
    b = block_with(blocks, "The legacy scheduling tool")
    assert "Tranche 2" not in b.text and "`" not in b.text
    assert re.search(r"the cohort as +; planners", b.text)
    # autolink URL
    assert "reports.example.org" not in everything and "RTTM/coverage" not in everything
    b = block_with(blocks, "nightly coverage extract")
    assert re.match(r"The SI publishes a nightly coverage extract at\n +\. The extract", b.text)
    # heading text without the # markers, with its real position
    b = block_with(blocks, "4.3 Test stages")
    assert b.text == "4.3 Test stages"
    assert (b.location.line, b.location.column) == source_position(source, "4.3 Test stages")
    # a term broken across a line keeps a line break between its words
    b = block_with(blocks, "Load Shaping Service (LSS)")
    assert "Load Shaping\nService (LSS)" in b.text
    # positions of words in wrapped paragraphs, list items and table cells
    for word, nth in (("Sytems Integration", 0), ("Interface Conformance", 0),
                      ("Solution Design Specification (SDS)", 0), ("SIT Migration Testing", 0),
                      ("Data Integration Platform (DIP)", 0)):
        b = block_with(blocks, word) if word != "SIT Migration Testing" else next(
            x for x in blocks if x.cell == 0 and x.text == "SIT Migration Testing")
        loc = b.location_at(b.text.index(word))
        assert (loc.line, loc.column) == source_position(source, word, nth)


@needs_dev
def test_markdown_dev_table_rows():
    blocks = list(md_reader.read(DEV / "sitag-headline-report.md"))
    header = [b for b in blocks if b.row and b.row[0] == "No."]
    assert [b.cell for b in header] == [0, 1, 2, 3]
    assert header[0].row == ("No.", "Action", "Owner", "Due")
    css = block_with(blocks, "Confirm test slots with the CSS provider")
    assert css.cell == 1
    assert css.row == ("4", "Confirm test slots with the CSS provider for cycle 5", "PMO", "23 April")
    # a term broken across lines inside a list item: one line break, no list indentation
    b = block_with(blocks, "Load Shaping Service (LSS)")
    assert "the Load Shaping\nService (LSS) can complete" in b.text
    assert b.text.startswith("Decision 2. Cycle 5")


TRICKY_MD = """---
title: Front Matter Tranche 7
---

# Heading with *emphasis* and closing ##

Setext heading line one
continued
=======================

> Quoted **Load
> Shaping** System in a quote
lazy line with `code span
across lines` and more.

1. Item with [link text](https://example.org/x_(y) "title (t)") after.
   Line with ![image alt Tranche 8](img.png) and <span class="x">inline html</span>.
   - nested *item* with \\*escaped\\* and &amp; entity done
     second line of nested  
     hard break above and a backslash\\
     break.

Reference [Tranche Link][ref] and [collapsed][] and [shortcut] links <!-- hidden Tranche 9 --> end.
Mail <mailto:ops@example.org> and <https://example.org/Tranche10> autolinks.

[ref]: https://example.org/ref
[collapsed]: https://example.org/c
[shortcut]: https://example.org/s

    indented code with Tranche 11

~~~
fenced Tranche 12
~~~

<!--
block comment with Tranche 13
-->

<div>
HTML block with Tranche 14
</div>

| Abbr | Meaning \\| pipe | `code` |
|:-----|----------------:|---|
|  SIT | System *Integration* Testing | x |
| DIP |

Tab\tseparated\twords.
"""


def test_markdown_constructs(tmp_path):
    path = tmp_path / "tricky.md"
    path.write_text(TRICKY_MD, encoding="utf-8")
    blocks = list(read_blocks(path))
    everything = joined(blocks)
    for hidden in ("Front Matter", "Tranche 7", "Tranche 8", "Tranche 9", "Tranche10", "Tranche 11",
                   "Tranche 12", "Tranche 13", "Tranche 14", "example.org", "code span", "<span",
                   "img.png", "title (t)", "mailto", "**", "`"):
        assert hidden not in everything, hidden
    for shown in ("Heading with emphasis and closing", "Setext heading line one continued",
                  "Load Shaping System in a quote", "Item with link text after.",
                  "inline html", "*escaped* and & entity done", "Reference Tranche Link and collapsed",
                  "shortcut links", "Tab\tseparated\twords."):
        assert shown in everything or shown in "\n".join(texts(blocks)), shown
    assert_offsets_exact(blocks, TRICKY_MD, skip="&")
    # hard-wrapped and hard-broken lines keep a line break
    nested = block_with(blocks, "nested item")
    assert nested.text.endswith("second line of nested\nhard break above and a backslash\nbreak.")
    # blanked constructs keep their length on the line
    quote = block_with(blocks, "Quoted Load")
    assert quote.text.startswith("Quoted Load\nShaping System in a quote\nlazy line with ")
    # table
    cells = [b for b in blocks if b.row is not None]
    assert [(b.text, b.cell) for b in cells] == [
        ("Abbr", 0), ("Meaning | pipe", 1), ("SIT", 0), ("System Integration Testing", 1),
        ("x", 2), ("DIP", 0)]
    assert cells[0].row == ("Abbr", "Meaning | pipe", "")
    assert cells[3].row == ("SIT", "System Integration Testing", "x")
    b = cells[3]
    loc = b.location_at(b.text.index("Testing"))
    assert (loc.line, loc.column) == source_position(TRICKY_MD, "Testing |")


def test_markdown_windows_1252(tmp_path):
    path = tmp_path / "old.md"
    path.write_bytes("# Title\n\nna\u00efve \u2018quote\u2019\n".encode("cp1252"))
    assert texts(read_blocks(path)) == ["Title", "na\u00efve \u2018quote\u2019"]


def test_markdown_large_input_keeps_locations():
    # speed is measured in benchmarks/bench_scan.py; here: a long file keeps exact lines
    para = ("The Systems Integrator runs **Systems Integration Testing** with the "
            "[Load Shaping Service](https://example.org/lss) and `code` spans;\n"
            "a second wrapped line names the Data Integration Platform (DIP).\n\n")
    item = "- a list item about Tranche 2 and the Minimum Viable Cohort\n"
    table = "| A | B |\n|---|---|\n| SIT | System Integration Testing |\n\n"
    chunk = "## Heading\n\n" + para * 5 + item * 5 + "\n" + table
    copies = 2000
    source = chunk * copies
    blocks = list(md_reader.blocks_from_string(source))
    per_chunk = len(list(md_reader.blocks_from_string(chunk)))
    assert len(blocks) == per_chunk * copies
    last = blocks[-1]
    loc = last.location_at(last.text.index("System Integration Testing"))
    assert (loc.line, loc.column) == (chunk.count("\n") * copies - 1, 9)


# --- Word ---------------------------------------------------------------------------------

WORD_FIXTURE = FIXTURES / "word" / "features.docx"


@pytest.fixture(scope="module")
def features() -> list[Block]:
    return list(docx_reader.read(WORD_FIXTURE))


def test_docx_tracked_changes(features):
    everything = joined(features)
    assert "Old Pilotage Board" not in everything
    assert block_with(features, "approved by the").text == \
        "Berth plans are approved by the Marine Scheduling Panel each week."
    b = block_with(features, "Night arrivals")
    assert b.text.endswith("Inserted sentence mentions the Quay Access Protocol.")


def test_docx_split_runs_and_special_characters(features):
    assert block_with(features, "Traffic Ledger").text == "The Vessel Traffic Ledger is updated at noon."
    b = block_with(features, "Special characters")
    assert "Integration planning" in b.text  # soft hyphen dropped
    assert "Pre-Integration checks" in b.text  # no-break hyphen
    assert "checks, tabbed words and\na manual line break." in b.text  # tab, line break


def test_docx_parts_and_counters(features):
    def where(phrase):
        return block_with(features, phrase).location

    assert where("Silt Survey Unit").part == "footnote"
    assert where("Silt Survey Unit").paragraph == 1
    assert where("Towage Ledger Archive").part == "endnote"
    assert where("Harbour Crane Register").part == "header"
    assert where("Tide Table Office").part == "footer"
    assert where("Buoy Maintenance Crew").part == "textbox"
    assert where("Nested Anchorage Code").part == "table"
    assert where("Ballast Water Permit").part == "table"
    assert where("opening paragraph").part == "body"
    # the text box appears once although the file holds it twice (mc:Choice and mc:Fallback)
    assert sum("Buoy Maintenance Crew" in t for t in texts(features)) == 1
    # main-text paragraphs share one counter in reading order
    main = [b.location.paragraph for b in features if b.location.part in ("body", "table", "textbox")]
    assert main == list(range(1, len(main) + 1))
    # notes follow the paragraph that references them
    order = texts(features)
    assert order.index(block_with(features, "Silt Survey").text) == \
        order.index(block_with(features, "Dredging windows").text) + 1
    # headers and footers come last
    assert features[-2].location.part == "header" and features[-1].location.part == "footer"
    assert features[-1].location.heading is None


def test_docx_headings(features):
    assert block_with(features, "opening paragraph").location.heading == "Harbour operations fixture"
    assert block_with(features, "Traffic Ledger").location.heading == "1. Revisions"
    assert block_with(features, "Ballast Water Permit").location.heading == "2. Tables"
    assert block_with(features, "Buoy Maintenance Crew").location.heading == "2.1 Boxes and comments"
    assert block_with(features, "Silt Survey Unit").location.heading == "1. Revisions"
    heading = block_with(features, "2.1 Boxes and comments")
    assert heading.location.heading == "2.1 Boxes and comments"
    assert block_with(features, "Harbour Crane Register").location.heading is None


def test_docx_tables(features):
    permit = block_with(features, "Ballast Water Permit")
    assert permit.cell == 1
    assert permit.row == ("BWP", "Ballast Water Permit issued yearly")
    assert block_with(features, "issued yearly").row == permit.row
    header = block_with(features, "Short form")
    assert header.row == ("Short form", "Meaning") and header.cell == 0
    nested = block_with(features, "Nested Anchorage Code")
    assert nested.row == ("Nested Anchorage Code", "inner value") and nested.cell == 0
    outer = block_with(features, "Outer cell before nested table")
    assert outer.row == ("Outer cell before nested table", "Second outer cell")
    # reading order: outer cell text, the nested table inside it, then the next outer cell
    order = texts(features)
    assert order.index(outer.text) < order.index(nested.text) < order.index("Second outer cell")


def test_docx_comments(features):
    everything = joined(features)
    assert "Phantom Comment Board" not in everything
    assert "termcheck: ignore" not in everything
    plain = block_with(features, "Pilots board at the outer mark")
    assert plain.ignore == ()
    b = block_with(features, "Old Wharf Gang")
    assert len(b.ignore) == 1
    start, end, rules = b.ignore[0]
    assert b.text[start:end] == "Old Wharf Gang"
    assert rules == frozenset({"deprecated-term"})
    first = block_with(features, "First spanned paragraph")
    second = block_with(features, "Second spanned paragraph")
    (s1, e1, r1), = first.ignore
    (s2, e2, r2), = second.ignore
    assert first.text[s1:e1] == "starts the range here."
    assert second.text[s2:e2] == "Second spanned paragraph ends"
    assert r1 == r2 == frozenset()
    assert block_with(features, "closing paragraph").ignore == ()


@needs_dev
def test_docx_dev_qualification_test_plan():
    blocks = list(read_blocks(DEV / "qualification-test-plan.docx"))
    everything = joined(blocks)
    # tracked deletion replaced by an insertion
    b = block_with(blocks, "regression pack")
    assert "taken from the Systems Integration Testing regression pack" in b.text
    assert "System Integration Testing" not in b.text
    # tracked insertion
    b = block_with(blocks, "PIT exit report has been accepted")
    assert "Participants must also attach the Participant Testing exit report" in b.text
    # comment text is not scanned
    assert "Should this say" not in everything and "Tranche 3" not in everything
    # term split across runs, heading recorded
    b = block_with(blocks, "Load Shaping System")
    assert b.location.part == "body" and b.location.heading == "3. Entry criteria"
    # footnote, header, footer, table
    assert block_with(blocks, "Tranche 2 of the earlier plan").location.part == "footnote"
    assert block_with(blocks, "Qualification Testing test plan: Wave 2").location.part == "header"
    assert block_with(blocks, "Issued by the Systems Integrator").location.part == "footer"
    cell = block_with(blocks, "None: results from System Integration Testing")
    assert cell.location.part == "table" and cell.cell == 3
    assert cell.row[0] == "Systems Integration Testing (SIT)"
    assert cell.location.heading == "2. Stages before qualification"
    assert all(b.ignore == () for b in blocks)


@needs_dev
def test_docx_dev_milestone_briefing():
    blocks = list(read_blocks(DEV / "milestone-briefing.docx"))
    everything = joined(blocks)
    assert "Tranche 2" not in everything  # deleted
    assert "received from twelve participants in Wave 2" in everything  # inserted
    assert "strategy team would write" not in everything  # comment
    rows = {b.row for b in blocks if b.row and b.cell == 0}
    assert ("SIT", "System Integration Testing") in rows
    assert ("SITAG", "SIT Advisory Group") in rows
    assert block_with(blocks, "Transition Timetable briefing note").location.part == "header"
    assert block_with(blocks, "Prepared for the board").location.part == "footer"


def _docx_bytes(body_xml: str, extra_parts: dict[str, str] | None = None, strict: bool = False) -> bytes:
    w = ("http://purl.oclc.org/ooxml/wordprocessingml/main" if strict
         else "http://schemas.openxmlformats.org/wordprocessingml/2006/main")
    doc = (f'<?xml version="1.0" encoding="UTF-8"?>'
           f'<w:document xmlns:w="{w}" '
           f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           f'xmlns:v="urn:schemas-microsoft-com:vml">'
           f'<w:body>{body_xml}</w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                   '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)
        for name, data in (extra_parts or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def test_docx_xml_level_details(tmp_path):
    body = (
        # moveFrom is not read, moveTo is; field instructions are not read, results are
        '<w:p><w:moveFrom><w:r><w:t>Moved Away Text</w:t></w:r></w:moveFrom>'
        '<w:r><w:t xml:space="preserve">Kept </w:t></w:r>'
        '<w:moveTo><w:r><w:t>Moved Here Text</w:t></w:r></w:moveTo></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> HYPERLINK "http://example.org/Secret" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Field Result</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        # hidden text, content controls, hyperlinks, deleted text
        '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Hidden Words</w:t></w:r>'
        '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve">Inside Control </w:t></w:r></w:sdtContent></w:sdt>'
        '<w:hyperlink><w:r><w:t>Link Words</w:t></w:r></w:hyperlink>'
        '<w:del><w:r><w:delText>Deleted Words</w:delText></w:r></w:del></w:p>'
        # a text box only in mc:Fallback, and an outline-level heading
        '<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>Outline Heading</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>Anchor paragraph</w:t></w:r><w:r><mc:AlternateContent><mc:Fallback><w:pict><v:shape>'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>Fallback Box Text</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'
        '<w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>'
        # a deleted table row
        '<w:tbl><w:tr><w:trPr><w:del/></w:trPr><w:tc><w:p><w:r><w:t>Deleted Row</w:t></w:r></w:p></w:tc></w:tr>'
        '<w:tr><w:tc><w:p><w:r><w:t>Live Row</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    )
    path = tmp_path / "details.docx"
    path.write_bytes(_docx_bytes(body))
    blocks = list(read_blocks(path))
    assert texts(blocks) == [
        "Kept Moved Here Text", "Field Result", "Inside Control Link Words", "Outline Heading",
        "Anchor paragraph", "Fallback Box Text", "Live Row"]
    assert [b.location.part for b in blocks] == ["body"] * 5 + ["textbox", "table"]
    assert blocks[4].location.heading == "Outline Heading"
    assert blocks[6].row == ("Live Row",)

    strict = tmp_path / "strict.docx"
    strict.write_bytes(_docx_bytes('<w:p><w:r><w:t>Strict Text</w:t></w:r></w:p>', strict=True))
    assert texts(read_blocks(strict)) == ["Strict Text"]


@pytest.mark.parametrize("content, message", [
    (b"This is a text file renamed to .docx\n", "not a Word document: not a zip package"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "not a Word document: an encrypted or legacy"),
    (None, "not a Word document: the zip package has no word/document.xml"),
    ("badxml", "not a Word document: damaged XML in word/document.xml"),
    ("truncated", "not a Word document"),
])
def test_docx_bad_input(tmp_path, content, message):
    path = tmp_path / "bad.docx"
    if content is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("notes.txt", "not word")
        content = buf.getvalue()
    elif content == "badxml":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("word/document.xml", "<w:document><unclosed")
        content = buf.getvalue()
    elif content == "truncated":
        content = WORD_FIXTURE.read_bytes()[:3000]
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_blocks(path)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_empty_files(tmp_path):
    for suffix in (".docx", ".pdf", ".md", ".txt"):
        path = tmp_path / f"empty{suffix}"
        path.write_bytes(b"")
        with pytest.raises(ReadError, match="empty file"):
            read_blocks(path)
    # called directly, the readers refuse an empty Word or PDF file themselves
    with pytest.raises(ReadError, match="not a Word document"):
        list(docx_reader.read(tmp_path / "empty.docx"))
    with pytest.raises(ReadError, match="not a PDF"):
        list(pdf_reader.read(tmp_path / "empty.pdf"))


# --- PDF -------------------------------------------------------------------------------------

PDF_FIXTURE = FIXTURES / "pdf" / "hyphenation.pdf"


def test_pdf_hyphenation_and_locations():
    blocks = list(read_blocks(PDF_FIXTURE))
    assert blocks[0].text == "Harbour works report"
    body = block_with(blocks, "harbour team")
    assert "finished the Integration of the berth" in body.text  # re-joined word
    assert "ran the Pre-Integration checks" in body.text  # compound hyphen kept
    assert "The Market-wide tariff review" in body.text  # hyphenated form seen elsewhere: kept
    assert "Integra-" not in body.text and "Integra\n" not in body.text
    # page and line of words
    loc = body.location_at(body.text.index("Integration of"))
    assert (loc.page, loc.line) == (1, 2)  # starts on the line that holds "Integra-"
    loc = body.location_at(body.text.index("of the berth"))
    assert (loc.page, loc.line) == (1, 3)
    loc = body.location_at(body.text.index("is due in June"))
    assert (loc.page, loc.line) == (1, 6)
    # a break without a hyphen stays a line break
    assert "Lock Keeper\nRota" in block_with(blocks, "Lock Keeper").text
    last = block_with(blocks, "Lighthouse Board")
    assert (last.location.page, last.location.line) == (2, 1)
    assert last.location_at(5).page == 2


@needs_dev
def test_pdf_dev_readiness_report():
    blocks = list(read_blocks(DEV / "readiness-report.pdf"))
    assert len(blocks) > 15
    everything = joined(blocks)
    for phrase in ("Pre-Integration Testing", "Systems Integration Testing", "Load Shaping Service",
                   "Data and Communications Company", "Partcipant Testing", "Central Switching Sevice",
                   "Minimal Viable Cohort", "E2E Testing and Integration Strategy",
                   "Defect Investigation Process (DIP)", "Day in the Life"):
        assert phrase in everything, phrase
    # headings are blocks of their own
    assert "3. System Integration Testing" in texts(blocks)
    # the paragraph that runs over the page break is one block, with anchors on both pages
    b = block_with(blocks, "Cutover Readiness Assessment (CRA)")
    assert "(CRA):\na structured review" in b.text
    assert b.location.page == 1
    assert b.location_at(b.text.index("a structured review")).page == 2
    loc = b.location_at(b.text.index("a structured review"))
    assert loc.line == 1
    b = block_with(blocks, "Day in the Life")
    loc = b.location_at(b.text.index("Day in the Life"))
    assert (loc.page, loc.line) == (1, 35)


def test_pdf_bad_input(tmp_path):
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("plain text, not a PDF\n")
    with pytest.raises(ReadError, match=r"^not a PDF file"):
        read_blocks(not_pdf)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnothing but junk here\n")
    with pytest.raises(ReadError, match=r"^not a readable PDF"):
        read_blocks(broken)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(PDF_FIXTURE.read_bytes()[:2500])
    with pytest.raises(ReadError):
        read_blocks(truncated)


def _blank_pdf() -> bytes:
    """A valid one-page PDF with no text on the page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_without_text(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_blank_pdf())
    with pytest.raises(ReadError, match="no extractable text"):
        read_blocks(path)


def test_pdf_page_join_and_hyphen_rules():
    L = pdf_reader._Line

    def line(text, top, page, number, x1=500.0, size=10.0):
        return L(text, top, top + 10, 50.0, x1, size, page, number)

    pages = [
        [line("Harbour Board report", 30, 1, 1, size=8.0),
         line("A paragraph that runs to the", 700, 1, 2), line("end of the page and the Load", 713, 1, 3),
         line("Page 1 of 2", 800, 1, 4, x1=120.0, size=8.0)],
        [line("Harbour Board report", 30, 2, 1, size=8.0),
         line("Shaping System is named on the next page.", 60, 2, 2, x1=300.0),
         line("Fresh paragraph after a gap with Sea-", 100, 2, 3), line("Wall and net-", 113, 2, 4),
         line("work words.", 126, 2, 5, x1=200.0),
         line("Page 2 of 2", 800, 2, 6, x1=120.0, size=8.0)],
    ]
    blocks = list(pdf_reader._blocks(pages))
    # the running header is read once, page numbers never; the paragraph cut by the page
    # break (and by the footer and header between) is one block
    assert texts(blocks) == [
        "Harbour Board report",
        "A paragraph that runs to the\nend of the page and the Load\nShaping System is named on the next page.",
        "Fresh paragraph after a gap with Sea-Wall and network words.",
    ]
    first = blocks[1]
    assert first.location_at(first.text.index("Shaping")) == Location(page=2, line=2)
    assert (first.location.page, first.location.line) == (1, 2)


# --- registry and imports ---------------------------------------------------------------

def test_every_reader_through_the_registry(tmp_path):
    md = tmp_path / "a.markdown"
    md.write_text("Some *text*.\n")
    assert texts(read_blocks(md)) == ["Some text."]
    txt = tmp_path / "a.text"
    txt.write_text("one\n\ntwo\n")
    assert texts(read_blocks(txt)) == ["one", "two"]
    assert read_blocks(WORD_FIXTURE)[0].location.part == "body"
    assert read_blocks(PDF_FIXTURE)[0].location.page == 1


def test_heavy_parsers_are_imported_lazily():
    code = ("import sys, termcheck.readers\n"
            "names = ('markdown_it', 'lxml', 'docx', 'pdfplumber', 'pdfminer')\n"
            "before = {m for m in names if m in sys.modules}\n"
            "import termcheck.readers.text, termcheck.readers.markdown, "
            "termcheck.readers.docx, termcheck.readers.pdf\n"
            "print(','.join(m for m in names if m in sys.modules and m not in before))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# --- tables of contents ---------------------------------------------------------------

TOC_FIXTURE = FIXTURES / "word" / "toc.docx"


def test_table_of_contents_is_not_read_twice():
    texts = [b.text for b in docx_reader.read(TOC_FIXTURE)]
    assert texts.count("1 System Integration Testing plan") == 1  # the heading, not its TOC entry
    assert "Contents" not in texts and not any(t.endswith(" 1") for t in texts)


def test_toc_styled_paragraphs_outside_a_content_control_are_skipped(tmp_path):
    # Word can leave a TOC field as plain paragraphs in "TOC 1" style, with no sdt around it
    with zipfile.ZipFile(TOC_FIXTURE) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    xml = re.sub(r"<w:sdt>.*?<w:sdtContent>", "", xml, count=1, flags=re.S).replace("</w:sdtContent></w:sdt>", "", 1)
    parts["word/document.xml"] = xml.encode("utf-8")
    out = tmp_path / "plain-toc.docx"
    with zipfile.ZipFile(out, "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    texts = [b.text for b in docx_reader.read(out)]
    assert texts.count("1 System Integration Testing plan") == 1
    assert "2 Cutover Review Panel 1" not in texts


def test_markdown_counts_the_code_it_skips_and_reads_indented_prose():
    from termcheck.readers.markdown import blocks_from_string

    source = ("Intro text.\n\n```\nrun the tool here\n```\n\n    x = f(y);\n\nThen:\n\n"
              "    Pasted minutes say the board met and agreed the dates for the\n"
              "    next release, with every participant present.\n")
    blocks = list(blocks_from_string(source))
    texts = [b.text for b in blocks if b.text]
    assert texts[0] == "Intro text."
    assert texts[2].startswith("Pasted minutes say the board met")
    pasted = next(b for b in blocks if b.text.startswith("Pasted"))
    assert (pasted.location_at(0).line, pasted.location_at(0).column) == (11, 5)
    assert pasted.location_at(pasted.text.index("next")).line == 12
    assert sum(b.code_words for b in blocks) == 4  # run the tool here; nothing in x = f(y)


def test_word_styles_remembered_between_documents_change_no_block():
    """Styles parts are remembered by their bytes: every document reads the same whether
    the reader has just read another one (with other heading and contents styles) or
    itself, or nothing at all."""
    from termcheck.readers import docx_styles as word

    files = [ROOT / "tests" / "fixtures" / "word" / name for name in ("features.docx", "toc.docx", "fix.docx")]
    files += [ROOT / "tests" / "heldout2" / "works-information.docx", ROOT / "tests" / "heldout3" / "programme-plan.docx"]
    fresh = {}
    for f in files:
        word._STYLES_SEEN.clear()
        fresh[f] = read_blocks(f)
    assert any(b.location.heading for f in files for b in fresh[f])  # headings are in play
    for f in files + files[::-1]:  # after another document, and (second time round) from memory
        assert read_blocks(f) == fresh[f], f
    assert len(word._STYLES_SEEN) == len(files)
