"""The HTML, OpenDocument text, Excel and PowerPoint readers, on fixtures LibreOffice made
(tests/fixtures/formats/build.sh), and their locations in every report format."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from termcheck.cli import ExitCode, main
from termcheck.model import Location
from termcheck.readers import READERS, read_blocks
from termcheck.walk import iter_inputs

from helpers import ALPHA_BETA_GLOSSARY  # noqa: E402
from test_formats import junit_schema, sarif_errors  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FORMATS = Path(__file__).parent / "fixtures" / "formats"
RTF = Path(__file__).parent / "fixtures" / "rtf" / "report.rtf"


def rows(path: Path) -> list[tuple]:
    return [(b.location.describe(), b.text, b.row, b.cell) for b in read_blocks(path)]


def test_odt_reads_like_word():
    assert rows(FORMATS / "report.odt") == [
        ("body ¶1 (1. Readiness)", "1. Readiness", None, None),
        ("body ¶2 (1. Readiness)", "The Load Shaping System goes live in Wave 2.", None, None),
        ("footnote ¶1 (1. Readiness)", "Footnote: the Data Integration Platform (DIP) carries the messages.",
         None, None),
        ("body ¶3 (2. Abbreviations)", "2. Abbreviations", None, None),
        ("table ¶4 (2. Abbreviations)", "Acronym", ("Acronym", "Meaning"), 0),
        ("table ¶5 (2. Abbreviations)", "Meaning", ("Acronym", "Meaning"), 1),
        ("table ¶6 (2. Abbreviations)", "DIP", ("DIP", "Data Integration Platform"), 0),
        ("table ¶7 (2. Abbreviations)", "Data Integration Platform", ("DIP", "Data Integration Platform"), 1),
        ("body ¶8 (2. Abbreviations)", "A closing note on Tranche 1 of the plan.", None, None),
        ("header ¶1", "Header mentions the Load Shaping System", None, None),
    ]


def test_odt_matches_the_word_reader_on_the_word_fixture(tmp_path):
    # the Word fixture's source, saved as .odt by LibreOffice, reads as its .docx does
    soffice = pytest.importorskip("shutil").which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    src = Path(__file__).parent / "fixtures" / "word" / "features.fodt"
    profile = tmp_path / "profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "odt",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    odt = [(b.location.part, b.text, b.row, b.cell) for b in read_blocks(tmp_path / "features.odt")]
    docx = [(b.location.part, b.text, b.row, b.cell) for b in read_blocks(src.with_suffix(".docx"))]
    assert odt == docx


def test_rtf_reads_the_body_and_tables_like_odt(tmp_path, capsys):
    # report.rtf is report.fodt saved as RTF by LibreOffice (build.sh); striprtf skips the
    # header and the footnote, so the body paragraphs keep the ODT reader's numbers
    odt = [r for r in rows(FORMATS / "report.odt") if r[0].startswith(("body", "table"))]
    assert rows(RTF) == [(place.split(" (")[0].replace("table", "body"), text, row, cell)
                                            for place, text, row, cell in odt]
    glossary = tmp_path / "g.yaml"
    glossary.write_text(ALPHA_BETA_GLOSSARY, encoding="utf-8")
    code = main(["scan", "-g", str(glossary), "-V", "alpha", "--no-config", "--format", "json",
                 str(RTF)])
    found = [(f["rule"], f["found"], f["location"]) for f in json.loads(capsys.readouterr().out)["findings"]]
    assert code == ExitCode.FINDINGS
    assert found == [("deprecated-term", "Tranche", {"part": "body", "paragraph": 8})]  # DIP: defined by its row


def test_rtf_errors_are_one_line(tmp_path):
    from termcheck.errors import ReadError

    fake = tmp_path / "fake.rtf"
    fake.write_text("plain text, renamed")
    with pytest.raises(ReadError, match=r"^not an RTF document \(it does not start with \{\\rtf\)$"):
        read_blocks(fake)
    cp = tmp_path / "cp.rtf"  # a declared code page decodes \'xx escapes
    cp.write_bytes(b"{\\rtf1\\ansi\\ansicpg1252 Caf\\'e9 \\'96 Load Shaping System\\par}")
    assert [b.text for b in read_blocks(cp)] == ["Caf\u00e9 \u2013 Load Shaping System"]


def test_xlsx_cells_with_sheet_and_reference():
    assert rows(FORMATS / "milestones.xlsx") == [
        ("Milestones!A1", "Milestone", ("Milestone", "Description", "Month"), 0),
        ("Milestones!B1", "Description", ("Milestone", "Description", "Month"), 1),
        ("Milestones!C1", "Month", ("Milestone", "Description", "Month"), 2),
        ("Milestones!A2", "M5", ("M5", "Load Shaping System ready", "7"), 0),
        ("Milestones!B2", "Load Shaping System ready", ("M5", "Load Shaping System ready", "7"), 1),
        ("Milestones!A4", "M6", ("M6", "Tranche 2 starts", "9"), 0),  # a formula's saved value
        ("Milestones!B4", "Tranche 2 starts", ("M6", "Tranche 2 starts", "9"), 1),
        ("Terms!A1", "DIP", ("DIP", "Data Integration Platform"), 0),
        ("Terms!B1", "Data Integration Platform", ("DIP", "Data Integration Platform"), 1),
    ]


def test_pptx_slides_tables_and_notes():
    assert rows(FORMATS / "briefing.pptx") == [
        ("slide 1 ¶1", "Programme briefing", None, None),
        ("slide 1 ¶2", "The Load Shaping System is ready.", None, None),
        ("slide 1 ¶3", "Wave 2 follows.", None, None),
        ("slide 1, notes ¶1", "Speaker: say Tranche only when quoting.", None, None),
        ("slide 2 ¶1", "Abbreviations", None, None),
        ("slide 2, table ¶2", "DIP", ("DIP", "Data Integration Platform"), 0),
        ("slide 2, table ¶3", "Data Integration Platform", ("DIP", "Data Integration Platform"), 1),
        ("slide 2, table ¶4", "LSS", ("LSS", "Load Shaping System"), 0),
        ("slide 2, table ¶5", "Load Shaping System", ("LSS", "Load Shaping System"), 1),
    ]
    first = read_blocks(FORMATS / "briefing.pptx")[3].location
    assert first == Location(slide=1, part="notes", paragraph=1)
    assert first.to_dict() == {"slide": 1, "part": "notes", "paragraph": 1}


def test_html_exported_by_libreoffice():
    got = rows(FORMATS / "report.html")
    texts = [t for _, t, _, _ in got]
    assert texts == [
        "Header mentions the Load Shaping System", "1. Readiness",
        "The Load Shaping System goes live in Wave 2.",  # the footnote mark is not glued on
        "2. Abbreviations", "Acronym", "Meaning", "DIP", "Data Integration Platform",
        "A closing note on Tranche 1 of the plan.",
        "Footnote: the Data Integration Platform (DIP) carries the messages."]
    source = (FORMATS / "report.html").read_text().splitlines()
    for where, text, _, _ in got:
        assert text.split()[0] in source[int(where) - 1]  # the line the block starts on
    assert got[7][2:] == (("DIP", "Data Integration Platform"), 1)


def test_html_skips_boilerplate_and_code_and_decodes_its_charset():
    got = rows(FORMATS / "page.html")  # hand-written, saved as windows-1252
    assert [t for _, t, _, _ in got] == [
        "Caf\u00e9 readiness \u2013 plan",
        "The Load Shaping System is ready; run first.",
        "Acronym", "Meaning", "DIP", "Data Integration Platform", "Tranche 1 & 2"]
    assert got[0][0] == "12"


def test_html_details(tmp_path):
    from termcheck.readers.html import blocks_from_string

    page = ("<div>Loose <p>inner</p> tail<br>line</div><ul><li>one<ul><li>two</li></ul></li></ul>"
            '<p>Text<sup>3</sup> and <a href="#fn2">[2]</a> marks; <a href="https://x.org">a link</a></p>'
            '<div aria-hidden="true">hidden</div><div role="navigation">menu</div>'
            "<table><tr><td>outer<table><tr><td>inner</td></tr></table></td><td>next</td></tr></table>")
    blocks = blocks_from_string(page)
    assert [b.text for b in blocks] == ["Loose", "inner", "tail line", "one", "two",
                                        "Text and marks; a link", "outer", "inner", "next"]
    assert blocks[6].row == ("outer", "next") and blocks[7].row == ("inner",)
    assert blocks_from_string("  ") == [] and blocks_from_string("<!-- only a comment -->") == []
    xhtml = '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><p>x y</p></html>'
    assert [b.text for b in blocks_from_string(xhtml)] == ["x y"]


def test_folders_pick_up_the_new_formats_but_not_legacy_ones(tmp_path):
    for name in ("report.odt", "milestones.xlsx", "briefing.pptx", "page.html", "legacy.doc"):
        (tmp_path / name).write_bytes((FORMATS / name).read_bytes())
    (tmp_path / "index.htm").write_text("<p>x</p>")
    names = sorted(Path(label).name for label, _, _ in iter_inputs([tmp_path]))
    assert names == ["briefing.pptx", "index.htm", "milestones.xlsx", "page.html", "report.odt"]
    assert {".html", ".htm", ".odt", ".xlsx", ".pptx"} <= set(READERS)


def test_new_readers_import_their_parsers_lazily():
    code = ("import sys\n"
            "import termcheck.readers.html, termcheck.readers.odt, termcheck.readers.xlsx, "
            "termcheck.readers.pptx, termcheck.readers.package, termcheck.readers.rtf\n"
            "print(','.join(m for m in ('lxml', 'openpyxl', 'pptx', 'striprtf') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# --- locations in every report ------------------------------------------------------------

@pytest.fixture
def scanned(tmp_path, capsys):
    gl = tmp_path / "g.yaml"
    gl.write_text(ALPHA_BETA_GLOSSARY)

    def run(fmt: str) -> tuple[int, str]:
        code = main(["scan", "-g", str(gl), "-V", "beta", "--no-config", "--format", fmt,
                     "--select", "vocabulary-mismatch",
                     *(str(FORMATS / n) for n in ("milestones.xlsx", "briefing.pptx", "report.odt",
                                                  "page.html"))])
        return code, capsys.readouterr().out
    return run


def test_locations_in_json_and_text_reports(scanned):
    code, out = scanned("json")
    assert code == ExitCode.FINDINGS
    got = {(Path(f["path"]).name, json.dumps(f["location"], sort_keys=True)) for f in json.loads(out)["findings"]}
    assert got == {
        ("milestones.xlsx", '{"cell": "B2", "sheet": "Milestones"}'),
        ("briefing.pptx", '{"paragraph": 2, "part": "slide", "slide": 1}'),
        ("briefing.pptx", '{"paragraph": 5, "part": "table", "slide": 2}'),
        ("report.odt", '{"heading": "1. Readiness", "paragraph": 2, "part": "body"}'),
        ("report.odt", '{"paragraph": 1, "part": "header"}'),
        ("page.html", '{"line": 13}'),
    }
    for fmt, needles in (("terminal", ["Milestones!B2", "slide 1 ¶2", "slide 2, table ¶5", "  13  "]),
                         ("markdown", ["Milestones!B2", "slide 2, table ¶5"]),
                         ("github", ["[Milestones!B2]", "[slide 1 ¶2]", "file=", "line=13"])):
        _, text = scanned(fmt)
        for needle in needles:
            assert needle in text, (fmt, needle)


def test_locations_in_sarif_and_junit(scanned):
    _, out = scanned("sarif")
    doc = json.loads(out)
    assert sarif_errors(doc) == []
    names = {loc["name"] for r in doc["runs"][0]["results"] for loc in r["locations"][0].get("logicalLocations", [])}
    assert {"Milestones!B2", "slide 1 ¶2", "slide 2, table ¶5", "body ¶2", "header ¶1"} <= names
    _, xml = scanned("junit")
    from lxml import etree

    assert junit_schema().validate(etree.fromstring(xml.encode()))
    assert "Milestones!B2" in xml and "slide 2, table ¶5" in xml
