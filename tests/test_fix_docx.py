"""`termcheck fix` on Word documents: every fix a tracked change, the rest untouched."""
from __future__ import annotations

import re
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from termcheck.cli import main
from termcheck.engine import Scanner
from termcheck.fix import FIX_RULES, fix_file
from termcheck.glossary import load_glossaries
from termcheck.readers.docx import read, read_mapped

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "word" / "fix.docx"
GLOSSARY = ROOT / "termcheck" / "data" / "mhhs.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def blocks_from_bytes(data: bytes):
    """The blocks the ordinary Word reader gives for a package held in memory."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.docx"
        path.write_bytes(data)
        return list(read(path))


@pytest.fixture(scope="module")
def scanner():
    return Scanner(load_glossaries([GLOSSARY]))


@pytest.fixture()
def fixed(tmp_path, scanner):
    src = tmp_path / "fix.docx"
    shutil.copy(FIXTURE, src)
    out = tmp_path / "fixed.docx"
    result = fix_file("fix.docx", src, scanner, set(FIX_RULES), vocabulary="strategy", mode="output", target=out)
    return src, out, result


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _accept(data: bytes) -> bytes:
    """The package with every tracked change accepted in the XML (w:del dropped, w:ins
    unwrapped): what a reviewer gets after "Accept All"."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            payload = zin.read(info)
            if info.filename.endswith(".xml") and b"<w:ins " in payload:
                root = etree.fromstring(payload)
                for d in list(root.iter(W + "del")):
                    d.getparent().remove(d)
                for ins in list(root.iter(W + "ins")):
                    parent = ins.getparent()
                    at = parent.index(ins)
                    for k, child in enumerate(list(ins)):
                        parent.insert(at + k, child)
                    parent.remove(ins)
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, payload)
    return out.getvalue()


def test_original_untouched_and_other_parts_byte_for_byte(fixed):
    src, out, result = fixed
    assert src.read_bytes() == FIXTURE.read_bytes()
    before, after = _entries(FIXTURE), _entries(out)
    assert list(before) == list(after)  # same entries, same order
    changed = {name for name in before if before[name] != after[name]}
    # fixes land in the body, a footnote, the header and the footer (System Integrator,
    # a near-miss of Systems Integrator); nothing else changes
    assert changed == {"word/document.xml", "word/footnotes.xml", "word/header1.xml", "word/footer1.xml"}
    for name in ("word/comments.xml", "word/media/image1.png", "word/styles.xml",
                 "word/settings.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"):
        assert before[name] == after[name]
    assert len(result.fixed) == 12


def test_every_fix_is_a_dated_tracked_change_by_termcheck(fixed):
    _, out, result = fixed
    entries = _entries(out)
    dels = ins = 0
    ids = []
    for name in ("word/document.xml", "word/footnotes.xml", "word/header1.xml", "word/footer1.xml"):
        root = etree.fromstring(entries[name])
        for el in root.iter(W + "del", W + "ins"):
            if el.get(W + "author") == "Editor":  # the document's own tracked insertion
                continue
            assert el.get(W + "author") == "termcheck"
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", el.get(W + "date"))
            ids.append(el.get(W + "id"))
        for d in root.iter(W + "del"):
            dels += 1
            assert d.find(f".//{W}t") is None and d.find(f".//{W}delText") is not None
            after = d.getnext() if d.getparent().tag != W + "ins" else d.getparent().getnext()
            assert after.tag == W + "ins" and after.get(W + "author") == "termcheck"  # new text right after
        ins += sum(1 for i in root.iter(W + "ins") if i.get(W + "author") == "termcheck")
    assert dels == ins == len(result.fixed)
    assert len(set(ids)) == len(ids)
    # the other ids of the document (the comment's) are not reused
    comments = etree.fromstring(entries["word/comments.xml"])
    assert not {c.get(W + "id") for c in comments.iter(W + "comment")} & set(ids)


def test_fix_over_several_runs_keeps_their_formatting(fixed):
    _, out, _ = fixed
    import docx

    document = docx.Document(str(out))  # python-docx opens the result
    p = next(p for p in document.paragraphs if p.text.startswith("In environment 2"))
    deleted = [(r.findtext(f"{W}delText"), r.find(f"{W}rPr/{W}b") is not None)
               for r in p._p.iter(W + "r") if r.getparent().tag == W + "del"]
    inserted = [(r.findtext(f"{W}t"), r.find(f"{W}rPr/{W}b") is not None)
                for r in p._p.iter(W + "r") if r.getparent().tag == W + "ins"]
    assert deleted == [("Load ", False), ("Shaping", True), (" System", False)]
    assert inserted == [("Load ", False), ("Shaping", True), (" Service", False)]
    italic = next(p for p in document.paragraphs if p.text.startswith("Each night"))
    runs = [r for r in italic._p.iter(W + "r") if r.getparent().tag == W + "ins"]
    texts = {r.findtext(f"{W}t"): r.find(f"{W}rPr/{W}i") is not None for r in runs}
    assert texts == {"load shaping service": False, "Data Integration Platform": True}


def test_case_patterns_and_what_is_left(fixed):
    _, out, result = fixed
    pairs = {(e.old, e.new) for e in result.fixed}
    assert ("PARTICIPANT TESTING", "PRE-INTEGRATION TESTING") in pairs
    assert ("load shaping system", "load shaping service") in pairs
    assert ("Tranche", "Wave") in pairs
    (link, why_link), (field, why_field) = result.left
    assert link.found == "Load Shaping System" and "hyperlink" in why_link
    assert field.found == "Load Shaping System" and "field's result" in why_field


def test_rescan_reports_none_of_the_fixed_findings(fixed, scanner):
    src, out, result = fixed
    accepted = blocks_from_bytes(_accept(out.read_bytes()))
    # after "accept all", the text is the original with each fix made
    originals = blocks_from_bytes(FIXTURE.read_bytes())
    expected = [b.text for b in originals]
    for e in sorted(result.fixed, key=lambda e: (e.block, -e.start)):
        expected[e.block] = expected[e.block][:e.start] + e.new + expected[e.block][e.end:]
    assert [b.text for b in accepted] == expected
    # the tracked copy as the scanner reads it (insertions read, deletions not)
    again = scanner.check_blocks("fixed.docx", read_mapped(out.read_bytes())[0], "strategy")
    left = [f for f in again.findings if f.rule in FIX_RULES]
    assert [f.found for f in left] == ["Load Shaping System"] * 2  # only the two left alone


def test_segments_trace_every_character_to_its_source():
    for fixture in (ROOT / "tests" / "fixtures" / "word").glob("*.docx"):
        data = fixture.read_bytes()
        blocks, segments, _ = read_mapped(data)
        assert [b.text for b in blocks] == [b.text for b in blocks_from_bytes(data)]
        for block, segs in zip(blocks, segments):
            assert "".join(block.text[g.start:g.end] for g in segs) == block.text
            for g in segs:
                if g.linear:
                    assert g.node.text == block.text[g.start:g.end]


def test_cli_in_place_on_word_keeps_a_backup(tmp_path, capsys):
    src = tmp_path / "plan.docx"
    shutil.copy(FIXTURE, src)
    assert main(["fix", str(src), "-V", "strategy", "--in-place", "--no-config"]) == 0
    assert (tmp_path / "plan.docx.bak").read_bytes() == FIXTURE.read_bytes()
    assert src.read_bytes() != FIXTURE.read_bytes()
    assert "fixed 12, left 2" in capsys.readouterr().out


def test_cli_diff_on_word_writes_nothing(tmp_path, capsys):
    src = tmp_path / "plan.docx"
    shutil.copy(FIXTURE, src)
    assert main(["fix", str(src), "-V", "strategy", "--diff", "--no-config"]) == 0
    out = capsys.readouterr().out
    assert "-NOTE: PARTICIPANT TESTING MUST CLOSE" in out and "+NOTE: PRE-INTEGRATION TESTING MUST CLOSE" in out
    assert src.read_bytes() == FIXTURE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_sees_tracked_changes_that_accept_and_reject_cleanly(fixed, tmp_path):
    from odt_changes import changes, convert, texts

    _, out, result = fixed
    accepted_docx = tmp_path / "accepted.docx"
    accepted_docx.write_bytes(_accept(out.read_bytes()))
    profile = tmp_path / "profile"
    fixed_odt = convert(out, tmp_path / "lo1", profile)
    original_odt = convert(FIXTURE, tmp_path / "lo2", profile)
    accepted_odt = convert(accepted_docx, tmp_path / "lo3", profile)

    found = changes(fixed_odt)
    assert {(c["type"], c["author"]) for c in found} == {("deletion", "termcheck"), ("insertion", "termcheck"),
                                                         ("insertion", "Editor")}
    # the body's and the footnote's changes all show (LibreOffice may not list a header's
    # or a footer's among the document's changes)
    in_text = sum(e.finding.location.part not in ("header", "footer") for e in result.fixed)
    assert in_text >= len(result.fixed) - 2
    assert sum(c["type"] == "deletion" for c in found) >= in_text
    assert "Tranche" in [c["text"] for c in found]

    accept_all, reject_all = texts(fixed_odt)
    original, original_rejected = texts(original_odt)
    expected, _ = texts(accepted_odt)
    assert reject_all == original_rejected  # the Editor's own insertion goes too
    assert accept_all == expected
    assert "Data Intergation Platform" in original and "Data Intergation Platform" not in accept_all
    assert "PRE-INTEGRATION TESTING MUST CLOSE" in accept_all


def test_fix_inside_another_authors_insertion(fixed):
    _, out, result = fixed
    root = etree.fromstring(_entries(out)["word/document.xml"])
    p = next(p for p in root.iter(W + "p") if "Reviewers" in "".join(p.itertext()))
    shape = [(etree.QName(c).localname, c.get(W + "author"), "".join(c.itertext())) for c in p
             if etree.QName(c).localname in ("r", "ins")]
    assert shape == [("r", None, "Reviewers asked that "), ("ins", "Editor", "the "),
                     ("ins", "Editor", "Participant Testing"), ("ins", "termcheck", "Pre-Integration Testing"),
                     ("ins", "Editor", " reports"), ("r", None, " be shared.")]
    nested = p.find(f"{W}ins/{W}del")
    assert nested is not None and nested.get(W + "author") == "termcheck"
    ids = [el.get(W + "id") for el in root.iter(W + "ins", W + "del")]
    assert len(ids) == len(set(ids))


BOX_GLOSSARY = """\
format: termcheck-glossary/1
title: Text box test
vocabularies:
  alpha: {title: Alpha}
  beta: {title: Beta}
concepts:
  - id: crew
    alpha: {preferred: Buoy Maintenance Crew}
    beta: {preferred: Buoy Service Team}
"""


def test_text_box_fix_reaches_both_of_its_copies(tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(BOX_GLOSSARY, encoding="utf-8")
    src = ROOT / "tests" / "fixtures" / "word" / "features.docx"
    out = tmp_path / "features.docx"
    result = fix_file("features.docx", src, Scanner(load_glossaries([glossary])), set(FIX_RULES),
                      vocabulary="beta", mode="output", target=out)
    assert [(e.finding.location.part, e.new) for e in result.fixed] == [("textbox", "Buoy Service Team")]
    root = etree.fromstring(_entries(out)["word/document.xml"])
    alt = next(a for a in root.iter("{*}AlternateContent") if "Buoy" in "".join(a.itertext()))
    for branch in alt:  # the Choice (DrawingML) and the Fallback (VML) copies of the box
        assert [i.findtext(f"{W}r/{W}t") for i in branch.iter(W + "ins")] == ["Buoy Service Team"]
        assert [d.findtext(f"{W}r/{W}delText") for d in branch.iter(W + "del")] == ["Buoy Maintenance Crew"]
    again = Scanner(load_glossaries([glossary])).check_blocks("x", blocks_from_bytes(out.read_bytes()), "beta")
    assert not [f for f in again.findings if f.rule in FIX_RULES]
