"""The mapping appendix: rows and mapping kinds, the text formats, usage counts, and the
Word table rendered for real by LibreOffice."""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as Docx
from docx.oxml.ns import qn
from docx.shared import Cm

from termcheck.appendix import OTHER_GROUP, build
from termcheck.cli import bundled_glossary, main
from termcheck.errors import TermcheckError
from termcheck.glossary import load_glossaries
from termcheck.reporters.appendix import render
from termcheck.reporters.appendix_docx import TEXT_W
from termcheck.usage import collect

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"

THREE = """\
format: termcheck-glossary/1
title: Three vocabularies
vocabularies:
  alpha: {title: Alpha Book}
  beta: {title: Beta Book}
  gamma: {title: Gamma Book}
concepts:
  - id: widget
    group: Parts
    definition: "A part, with <b>markup</b> & an ampersand, and a comma."
    alpha: {preferred: Widget Unit, acronym: WU}
    beta: {preferred: Widget Module}
    gamma: {preferred: Widget Thing}
    mapping: close
  - id: bolt
    group: Parts
    alpha: {preferred: Anchor Bolt}
    beta: {preferred: Anchor Bolt}
  - id: nut
    gamma: {preferred: Gamma Nut}
  - id: assembly
    group: Wholes
    alpha: {preferred: Assembly Line}
    narrower: [bolt]
  - id: zebra
    group: Parts
    all: {preferred: Zebra Crossing, deprecated: [Zebra Walk]}
"""


@pytest.fixture(scope="module")
def mhhs():
    return load_glossaries([bundled_glossary()])


@pytest.fixture()
def three(tmp_path):
    path = tmp_path / "three.yaml"
    path.write_text(THREE, encoding="utf-8")
    return load_glossaries([path])


def by_id(appendix):
    return {r.concept: r for r in appendix.rows}


# ------------------------------------------------------------------ rows and kinds
def test_bundled_mapping_kinds(mhhs):
    rows = by_id(build(mhhs, "timetable", "strategy"))
    assert len(rows) == len(mhhs.concepts)  # every bundled concept has a term in one of the two
    lss = rows["lss"]
    assert lss.terms["timetable"].label == "Load Shaping System (LSS)"
    assert lss.terms["strategy"].label == "Load Shaping Service (LSS)"
    assert lss.mapping == "exact"
    qm = rows["qualification-and-migration"]
    assert qm.mapping == "narrower"
    assert qm.terms["strategy"].preferred is None
    assert qm.terms["strategy"].counterparts == ("Qualification Testing",)
    cit = rows["cit"]
    assert cit.mapping == "broader"
    assert cit.terms["timetable"].counterparts == ("System Integration Testing",)
    assert rows["code-drafting"].mapping == "no equivalent"
    # its only relation (UIT) has no timetable term either: not "broader"
    assert rows["e2e-sandbox"].mapping == "no equivalent"
    wave = rows["wave"]
    assert wave.mapping == "exact" and wave.terms["strategy"].shared
    assert wave.terms["timetable"].deprecated == ("Tranche",)
    assert rows["sit"].status == "assumed"


def test_direction_swaps_columns_not_kinds(mhhs):
    forward = by_id(build(mhhs, "timetable", "strategy"))
    back = build(mhhs, "strategy", "timetable")
    assert [v.name for v in back.vocabularies] == ["strategy", "timetable"]
    for cid, row in by_id(back).items():
        assert row.mapping == forward[cid].mapping, cid
        assert list(row.terms) == ["strategy", "timetable"]


def test_groups_in_glossary_order_rows_sorted(mhhs):
    appendix = build(mhhs, "timetable", "strategy")
    assert [g for g, _ in appendix.groups] == ["Test stages", "Programme artefacts", "Cohorts and plans",
                                               "Services and systems", "Codes and parties", "Governance"]
    for _, rows in appendix.groups:
        keys = [r.sort_key for r in rows]
        assert keys == sorted(keys)
    first = [r.concept for r in appendix.groups[0][1]][:2]
    assert first == ["code-drafting", "cit"]  # Code Drafting, (—) Component Integration Testing


def test_every_vocabulary_as_columns(three):
    appendix = build(three)
    assert [v.name for v in appendix.vocabularies] == ["alpha", "beta", "gamma"]
    rows = by_id(appendix)
    assert rows["widget"].mapping == "close"  # the glossary's own mapping when all have terms
    assert rows["bolt"].mapping == "no equivalent"  # gamma has nothing
    assert rows["zebra"].mapping == "exact" and all(c.shared for c in rows["zebra"].terms.values())
    assert rows["assembly"].mapping == "narrower, no equivalent"  # beta via bolt; gamma nothing
    assert rows["nut"].group == OTHER_GROUP
    assert [g for g, _ in appendix.groups] == ["Parts", "Wholes", OTHER_GROUP]
    assert [r.concept for r in appendix.groups[0][1]] == ["bolt", "widget", "zebra"]


def test_pair_leaves_out_concepts_of_other_vocabularies(three):
    rows = by_id(build(three, "alpha", "beta"))
    assert "nut" not in rows
    assert rows["assembly"].mapping == "narrower"
    assert rows["assembly"].terms["beta"].counterparts == ("Anchor Bolt",)


@pytest.mark.parametrize("source,target", [("timetable", None), (None, "strategy"),
                                           ("timetable", "nope"), ("strategy", "strategy")])
def test_bad_pairs(mhhs, source, target):
    with pytest.raises(TermcheckError):
        build(mhhs, source, target)


@pytest.mark.parametrize("argv", [["--from", "timetable"], ["--from", "timetable", "--to", "nope"],
                                  ["--to", "strategy", "--from", "strategy"]])
def test_cli_usage_errors_exit_2(argv, capsys):
    assert main(["appendix", *argv]) == 2
    assert "termcheck:" in capsys.readouterr().err


def test_cli_bad_glossary_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: termcheck-glossary/1\nvocabularies: {}\n", encoding="utf-8")
    assert main(["appendix", "--glossary", str(bad)]) == 2


# ------------------------------------------------------------------ text formats
def test_markdown(mhhs):
    text = render("md", build(mhhs, "timetable", "strategy"))
    assert text.startswith("# Terminology mapping: Ofgem MHHS Transition Timetable to MHHS E2E")
    assert "| Timetable | Strategy | Mapping | Status | Definition and notes |" in text
    assert "| **Load Shaping System (LSS)** | **Load Shaping Service (LSS)** | exact | agreed |" in text
    assert "| **Qualification and Migration** | —<br>*narrower: Qualification Testing* | narrower |" in text
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings[:2] == ["Test stages", "Programme artefacts"]
    assert "*Table 1: Terms of the Ofgem MHHS Transition Timetable" in text


def test_markdown_escapes_pipes(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(THREE.replace("a comma.", "a | pipe."), encoding="utf-8")
    text = render("md", build(load_glossaries([path])))
    line = next(l for l in text.splitlines() if "Widget Unit" in l)
    assert "a \\| pipe" in line
    cells = re.split(r"(?<!\\)\|", line)[1:-1]  # split on unescaped bars only
    assert len(cells) == 6  # 3 vocabularies, mapping, status, notes


def test_csv_round_trip(three):
    rows = list(csv.DictReader(io.StringIO(render("csv", build(three)))))
    assert len(rows) == 5
    widget = next(r for r in rows if r["concept"] == "widget")
    assert widget["alpha"] == "Widget Unit" and widget["alpha acronym"] == "WU"
    assert widget["definition"] == "A part, with <b>markup</b> & an ampersand, and a comma."
    assert widget["mapping"] == "close" and widget["group"] == "Parts"
    assembly = next(r for r in rows if r["concept"] == "assembly")
    assert assembly["beta counterpart"] == "narrower: Anchor Bolt"
    assert "usage" not in widget


def test_html_is_escaped_and_self_contained(three):
    page = render("html", build(three))
    assert "<b>markup</b>" not in page
    assert "&lt;b&gt;markup&lt;/b&gt; &amp; an ampersand" in page
    assert "<caption>Table 1:" in page
    assert "http://" not in page and "https://" not in page
    assert page.count('<tr class="group">') == 3


# ------------------------------------------------------------------ usage
def test_with_usage_counts_and_places(tmp_path, mhhs):
    a = tmp_path / "update.md"
    a.write_text("The Load Shaping System runs.\n\nThe Load Shaping Systems stop. LSS is late.\n", encoding="utf-8")
    b = tmp_path / "approach.txt"
    b.write_text("The Load Shaping Service runs. The Load Shaping System too.\n", encoding="utf-8")
    usage = collect([a, b], mhhs)
    row = by_id(build(mhhs, "timetable", "strategy", usage))["lss"]
    got = {u.form: (u.total, dict(u.where)) for u in row.usage}
    assert got["Load Shaping System"] == (3, {str(a): 2, str(b): 1})
    assert got["Load Shaping Service"] == (1, {str(b): 1})
    assert got["LSS"] == (1, {str(a): 1})  # one use, though both vocabularies list LSS
    assert by_id(build(mhhs, "timetable", "strategy", usage))["wave"].usage == ()
    line = next(l for l in render("md", build(mhhs, "timetable", "strategy", usage)).splitlines()
                if "Load Shaping System (LSS)" in l)
    assert "Load Shaping System 3 (update.md 2, approach.txt 1)" in line


def test_cli_with_usage_unreadable_exit_3(tmp_path, capsys):
    doc = tmp_path / "a.md"
    doc.write_text("The Load Shaping System runs.\n", encoding="utf-8")
    out = tmp_path / "appendix.csv"
    code = main(["appendix", "--from", "timetable", "--to", "strategy", "--with-usage", str(doc),
                 str(tmp_path / "missing.md"), "--output", str(out)])
    assert code == 3
    assert "missing.md: no such file" in capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))  # format taken from the suffix
    lss = next(r for r in rows if r["concept"] == "lss")
    assert lss["usage"] == "Load Shaping System 1 (a.md 1)"


def test_cli_output_is_atomic_and_replaces(tmp_path):
    out = tmp_path / "appendix.md"
    out.write_text("old content that is longer than nothing\n", encoding="utf-8")
    assert main(["appendix", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Terminology mapping: MHHS programme terminology")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["appendix.md"]  # no temporary left


# ------------------------------------------------------------------ Word
def _docx(mhhs, usage=None) -> Docx:
    return Docx(io.BytesIO(render("docx", build(mhhs, "timetable", "strategy", usage))))


def test_docx_structure(mhhs):
    doc = _docx(mhhs)
    section = doc.sections[0]
    assert section.page_height > section.page_width  # portrait
    assert abs(section.page_width - Cm(21.0)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    text_width = section.page_width - section.left_margin - section.right_margin
    assert len(doc.tables) == 1
    table = doc.tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(grid) == 5
    assert sum(grid) * 635 <= text_width  # twips -> EMU
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    head = table.rows[0]._tr.trPr
    assert head.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[0].cells] == ["Timetable", "Strategy", "Mapping", "Status",
                                                     "Definition and notes"]
    for row in table.rows[1:]:
        assert row._tr.trPr.find(qn("w:tblHeader")) is None
    # caption above the table, numbered by a SEQ field
    caption = next(p for p in doc.paragraphs if p.style.name == "Caption")
    fields = caption._p.findall(qn("w:fldSimple"))
    assert fields and "SEQ Table" in fields[0].get(qn("w:instr"))
    assert "".join(t.text for t in caption._p.iter(qn("w:t"))).startswith("Table 1: Terms of the Ofgem")
    # one merged row per group, rows per concept
    group_rows = [r for r in table.rows if len(r._tr.tc_lst) == 1]
    assert [r.cells[0].text for r in group_rows][:2] == ["Test stages", "Programme artefacts"]
    assert len(table.rows) == 1 + len(group_rows) + len(mhhs.concepts)


def test_docx_with_usage_still_fits(mhhs):
    usage = collect([ROOT / "corpora"], mhhs)
    doc = _docx(mhhs, usage)
    table = doc.tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(grid) == 6 and sum(grid) * 635 <= TEXT_W
    assert table.rows[0].cells[-1].text == "Usage"


def _tool(name: str) -> str | None:
    return shutil.which(name)


@pytest.mark.skipif(not all(map(_tool, ("soffice", "pdftotext", "pdftoppm"))),
                    reason="needs LibreOffice (soffice) and poppler (pdftotext, pdftoppm)")
def test_docx_renders_in_libreoffice(mhhs, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    docx_path = ARTIFACTS / "appendix.docx"
    assert main(["appendix", "--from", "timetable", "--to", "strategy", "--format", "docx",
                 "--output", str(docx_path)]) == 0
    profile = tmp_path / "lo-profile"
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(ARTIFACTS), str(docx_path)],
                   check=True, capture_output=True, timeout=180, env=env)
    pdf = ARTIFACTS / "appendix.pdf"
    assert pdf.exists()
    for old in ARTIFACTS.glob("appendix-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "appendix-page")],
                   check=True, timeout=120)
    pngs = sorted(ARTIFACTS.glob("appendix-page-*.png"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pngs) == len(pages) >= 1
    (ARTIFACTS / "appendix-pages.txt").write_text(f"{len(pages)}\n", encoding="utf-8")
    # the two LSS terms side by side: one row of the table, one line of the PDF
    assert any("Load Shaping System" in line and "Load Shaping Service" in line for line in text.splitlines())
    assert any(l.split()[:4] == ["System", "Integration", "Systems", "Integration"] for l in text.splitlines())
    assert "Table 1: Terms of the Ofgem MHHS Transition Timetable" in text
    header = ("Timetable", "Strategy", "Mapping", "Status", "Definition and notes")
    for page in pages[1:]:  # the header row repeats at the top of every further page
        first = next(line for line in page.splitlines() if line.strip())
        assert all(h in first for h in header), first
    # portrait pages: taller than wide
    import struct
    for png in pngs:
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        assert height > width
