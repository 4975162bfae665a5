"""Glossary import and export: TBX-Basic, CSV, XLSX. Round trips keep what the format
can hold and report the rest."""
from __future__ import annotations

import csv
import re
import io
from pathlib import Path

import pytest
from lxml import etree

from termcheck.cli import main
from termcheck.errors import ConfigError
from termcheck.glossary import load_glossaries
from termcheck.glossary.convert import export, import_file

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "termcheck" / "data" / "mhhs.yaml"
HELDOUT2 = ROOT / "tests" / "heldout2" / "glossary.yaml"
NS = {"t": "urn:iso:std:iso:30042:ed-2"}
FIELDS = ("definition", "note", "source", "mapping", "status", "broader", "narrower", "related", "group")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def round_trip(src: Path, fmt: str, tmp_path: Path):
    g = load_glossaries([src])
    data, lost = export(g, fmt)
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(data)
    text, dropped = import_file(path)
    back = tmp_path / "back.yaml"
    back.write_text(text, encoding="utf-8")
    return g, load_glossaries([back]), lost, dropped


@pytest.mark.parametrize("src", [BUNDLED, HELDOUT2], ids=lambda p: p.parent.name)
def test_tbx_round_trip_keeps_concepts_and_terms(src, tmp_path):
    g, g2, lost, dropped = round_trip(src, "tbx", tmp_path)
    assert list(g2.concepts) == list(g.concepts)
    for cid, c in g.concepts.items():
        assert g2.concepts[cid].terms == c.terms, cid  # every form, its kind, vocabulary and case
        for f in FIELDS:
            assert getattr(g2.concepts[cid], f) == getattr(c, f), (cid, f)
    assert g2.vocabularies == g.vocabularies and g2.title == g.title
    n = sum(len(s) for c in g.concepts.values() for cs in c.examples.values() for s in cs.values())
    assert lost == [f"TBX-Basic holds no example sentences (self-tests): {n} left out"] and dropped == []


def test_tbx_is_valid_tbx_basic_structure():
    data, _ = export(load_glossaries([BUNDLED]), "tbx")
    doc = etree.fromstring(data)
    schema = etree.RelaxNG(etree.parse(str(ROOT / "tests" / "schemas" / "tbx-basic-dca.rng")))
    assert schema.validate(doc), schema.error_log
    sit = doc.find(".//t:conceptEntry[@id='sit']", NS)
    langs = [ls.get("{http://www.w3.org/XML/1998/namespace}lang") for ls in sit.findall("t:langSec", NS)]
    assert langs == ["en-x-timetabl", "en-x-strategy"]
    terms = {(ls.get("{http://www.w3.org/XML/1998/namespace}lang"), ts.findtext("t:term", namespaces=NS),
              ts.findtext("t:termNote[@type='administrativeStatus']", namespaces=NS))
             for ls in sit.findall("t:langSec", NS) for ts in ls.findall("t:termSec", NS)}
    assert ("en-x-strategy", "Systems Integration Testing", "preferredTerm-admn-sts") in terms
    wave = doc.find(".//t:conceptEntry[@id='wave']", NS)
    statuses = {ts.findtext("t:term", namespaces=NS): ts.findtext("t:termNote[@type='administrativeStatus']",
                                                                 namespaces=NS)
                for ts in wave.iter("{urn:iso:std:iso:30042:ed-2}termSec")}
    assert statuses == {"Wave": "preferredTerm-admn-sts", "Tranche": "deprecatedTerm-admn-sts"}
    assert wave.find("t:langSec", NS).get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_the_schema_rejects_what_tbx_basic_forbids():
    data, _ = export(load_glossaries([BUNDLED]), "tbx")
    schema = etree.RelaxNG(etree.parse(str(ROOT / "tests" / "schemas" / "tbx-basic-dca.rng")))
    # a 9-letter private-use subtag is no language tag: why the vocabulary name is cut
    assert not schema.validate(etree.fromstring(data.replace(b"en-x-timetabl", b"en-x-timetable")))
    assert not schema.validate(etree.fromstring(data.replace(b"deprecatedTerm-admn-sts", b"obsolete")))


def test_foreign_tbx_imports_languages_as_vocabularies_and_reports_the_rest(tmp_path):
    src = tmp_path / "foreign.tbx"
    src.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><titleStmt><title>Foreign</title></titleStmt>
    <sourceDesc><p>made elsewhere</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="definition">A thing.</descrip>
      <langSec xml:lang="en-GB">
        <termSec><term>Colour Chart</term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>Color Chart</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="en-US">
        <termSec><term>Color Chart</term></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
""", encoding="utf-8")
    text, dropped = import_file(src)
    out = tmp_path / "g.yaml"
    out.write_text(text)
    g = load_glossaries([out])
    assert set(g.vocabularies) == {"en-gb", "en-us"} and g.title == "Foreign"
    c = g.concepts["c1"]
    assert c.terms["en-gb"].preferred.text == "Colour Chart"
    assert [f.text for f in c.terms["en-gb"].deprecated] == ["Color Chart"]
    assert c.terms["en-us"].preferred.text == "Color Chart" and c.definition == "A thing."
    assert dropped == ["term-level termNote partOfSpeech: 1 not imported (the glossary format has no place for it)"]


def test_bad_tbx_is_one_line(tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><text>")
    with pytest.raises(ConfigError, match=r"bad\.tbx: not well-formed XML"):
        import_file(bad)
    other = tmp_path / "other.xml"
    other.write_text("<html/>")
    with pytest.raises(ConfigError, match=r"other\.xml: not a TBX file"):
        import_file(other)


def test_csv_has_a_row_per_concept_and_a_column_per_vocabulary(tmp_path):
    g = load_glossaries([BUNDLED])
    data, lost = export(g, "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert len(rows) == len(g.concepts)
    sit = next(r for r in rows if r["id"] == "sit")
    assert sit["timetable"] == "System Integration Testing" and sit["strategy"] == "Systems Integration Testing"
    assert sit["strategy acronym"] == "SIT" and sit["status"] == "assumed"
    assert next(r for r in rows if r["id"] == "wave")["all deprecated"] == "Tranche"
    examples = sum(len(v) for c in g.concepts.values() for kinds in c.examples.values() for v in kinds.values())
    assert any(re.search(r"case-sensitivity of forms: [1-9]", x) for x in lost)
    assert any(f"example sentences (self-tests): {examples}" in x for x in lost)


def test_csv_round_trip_keeps_what_csv_holds(tmp_path):
    g, g2, lost, _ = round_trip(BUNDLED, "csv", tmp_path)
    assert list(g2.concepts) == list(g.concepts)
    for cid, c in g.concepts.items():
        for f in FIELDS:
            assert getattr(g2.concepts[cid], f) == getattr(c, f), (cid, f)
        for vocab, terms in c.terms.items():  # the texts all come back; case-sensitivity is reported lost
            assert [f.text for f in g2.concepts[cid].terms[vocab].forms()] == [f.text for f in terms.forms()]
    assert g.concepts["ditl"].terms["strategy"].preferred.case_sensitive
    assert not g2.concepts["ditl"].terms["strategy"].preferred.case_sensitive


@pytest.mark.parametrize("src", [BUNDLED, HELDOUT2], ids=lambda p: p.parent.name)
def test_xlsx_round_trip_is_lossless(src, tmp_path):
    g, g2, lost, dropped = round_trip(src, "xlsx", tmp_path)
    assert lost == [] and dropped == []
    assert g2.concepts.keys() == g.concepts.keys() and g2.vocabularies == g.vocabularies and g2.title == g.title
    for cid, c in g.concepts.items():
        assert g2.concepts[cid].terms == c.terms and g2.concepts[cid].examples == c.examples
        for f in FIELDS:
            assert getattr(g2.concepts[cid], f) == getattr(c, f)


def test_xlsx_keeps_text_that_looks_like_a_formula(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text("format: termcheck-glossary/1\nvocabularies: {a: {title: A}}\nconcepts:\n"
                 "  - id: x\n    a: {preferred: Sum Total}\n    note: '=SUM(A1:A2)'\n")
    g, g2, _, _ = round_trip(p, "xlsx", tmp_path)
    assert g2.concepts["x"].note == "=SUM(A1:A2)"


def test_csv_import_of_a_hand_made_sheet(tmp_path):
    src = tmp_path / "terms.csv"
    src.write_text("id,definition,timetable,strategy,strategy acronym,strategy deprecated,remarks (free text)\n"
                   "lss,Load shapes.,Load Shaping System,Load Shaping Service,LSS,Load Shape Service; LS Svc,x\n"
                   ",,,Defect Triage Board,DTB,,\n", encoding="utf-8")
    text, dropped = import_file(src)
    out = tmp_path / "g.yaml"
    out.write_text(text)
    g = load_glossaries([out])
    assert [f.text for f in g.concepts["lss"].terms["strategy"].deprecated] == ["Load Shape Service", "LS Svc"]
    assert g.concepts["defect-triage-board"].terms["strategy"].acronym.text == "DTB"
    assert dropped == ["column 'remarks (free text)': not imported (the glossary format has no place for it)"]


def test_import_refuses_an_invalid_result(tmp_path):
    src = tmp_path / "terms.csv"
    src.write_text("id,a,b\none,Same Term,X\ntwo,Same Term,Y\n", encoding="utf-8")
    from termcheck.errors import GlossaryError

    with pytest.raises(GlossaryError) as info:
        import_file(src)
    assert any("already claimed" in p for p in info.value.problems)


def test_cli_export_and_import(tmp_path, capsys):
    tbx = tmp_path / "g.tbx"
    code, _, err = run(capsys, "glossary", "export", BUNDLED, "-o", tbx)
    assert code == 0 and "not exported: TBX-Basic holds no example sentences" in err
    assert "wrote 48 concepts" in err
    out = tmp_path / "back.yaml"
    code, _, err = run(capsys, "glossary", "import", tbx, "-o", out)
    assert code == 0 and load_glossaries([out]).concepts.keys() == load_glossaries([BUNDLED]).concepts.keys()
    code, _, err = run(capsys, "glossary", "import", tbx, "-o", out)
    assert code == 2 and "exists; give --force" in err
    code, out_text, _ = run(capsys, "glossary", "export", BUNDLED, "--format", "csv")
    assert code == 0 and out_text.splitlines()[0].startswith("id,group,definition,timetable,")
    code, _, err = run(capsys, "glossary", "export", BUNDLED, "-o", tmp_path / "g.odt")
    assert code == 2 and "cannot tell the format" in err


def test_csv_ids_that_cannot_be_kept_are_reported(tmp_path):
    src = tmp_path / "terms.csv"
    src.write_text("id,a\nOne Thing,First\none-thing,Second\n", encoding="utf-8")
    text, dropped = import_file(src)
    assert dropped == ["row 2: id 'One Thing' is not a valid unused concept id: imported as 'one-thing'",
                       "row 3: id 'one-thing' is not a valid unused concept id: imported as 'one-thing-2'"]


def test_tbx_ids_that_cannot_be_kept_are_reported(tmp_path):
    src = tmp_path / "g.tbx"
    src.write_text('<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>'
                   '<conceptEntry id="C_1"><langSec xml:lang="en"><termSec><term>Thing</term></termSec></langSec>'
                   '</conceptEntry></body></text></tbx>', encoding="utf-8")
    text, dropped = import_file(src)
    assert "- id: c-1" in text
    assert dropped == ["conceptEntry id 'C_1' is not a valid unused concept id: imported as 'c-1'"]


def test_an_imported_glossary_round_trips_through_the_editor(tmp_path):
    from termcheck.glossary.edit import GlossaryFile

    data, _ = export(load_glossaries([BUNDLED]), "xlsx")
    (tmp_path / "g.xlsx").write_bytes(data)
    text, _ = import_file(tmp_path / "g.xlsx")
    (tmp_path / "g.yaml").write_text(text, encoding="utf-8")
    assert GlossaryFile(tmp_path / "g.yaml").dump() == text
    assert "\n\n- id: pit\n" in text and "  timetable: {preferred: {text: System Integration Testing, case: sensitive}, acronym: SIT}\n" in text
