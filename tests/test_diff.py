"""The terminology diff of two documents or folders, and the usage counts it is built on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from termcheck.cli import bundled_glossary, main
from termcheck.diff import diff
from termcheck.glossary import load_glossaries
from termcheck.readers.text import paragraphs
from termcheck.usage import collect, concept_forms, count_blocks

ROOT = Path(__file__).resolve().parents[1]

A_TEXT = """\
The Load Shaping System (LSS) runs nightly. The Load Shaping System stops on Sundays.

Participants in Tranche 2 start later. The Data Integration Platform is up.

The Release Control Board (RCB) meets weekly, and the RCB approves each change.

The Volume Allocation Service is live.
"""

B_TEXT = """\
The Load Shaping Service runs nightly.

Participants in Wave 2 start later. The Data Intergation Platform is up.

SIT Functional Testing starts in May. The VAS is live.
"""


@pytest.fixture(scope="module")
def mhhs():
    return load_glossaries([bundled_glossary()])


@pytest.fixture()
def docs(tmp_path):
    a = tmp_path / "a" / "update.md"
    b = tmp_path / "b" / "approach.txt"
    a.parent.mkdir()
    b.parent.mkdir()
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    return a, b


def rows(result):
    return {c.concept: c for c in result.concepts}


def forms(uses):
    return {f.text: (f.count, f.kind) for f in uses}


# ------------------------------------------------------------------ usage counts
def test_usage_counts_inflections_and_shared_acronyms(mhhs):
    blocks = list(paragraphs("Both Tranches start. Tranche 3 waits. The LSS runs. LSS again."))
    counts = count_blocks(blocks, mhhs)
    by_key = {(f.concept, f.vocabulary, f.text): n for f, n in counts.items()}
    assert by_key[("wave", "all", "Tranche")] == 2  # the plural counts for its form
    assert by_key[("lss", "timetable", "LSS")] == 2  # both vocabularies list LSS ...
    assert by_key[("lss", "strategy", "LSS")] == 2
    folded = concept_forms(counts)
    assert folded["lss"] == {"LSS": 2}  # ... but the concept was used twice, not four times
    assert folded["wave"] == {"Tranche": 2}


def test_collect_walks_folders_and_reports_unreadable(tmp_path, mhhs, docs):
    (tmp_path / "a" / "broken.docx").write_bytes(b"not a zip")
    usage = collect([tmp_path / "a", tmp_path / "nope.md"], mhhs)
    assert list(usage.documents) == [str(docs[0])]
    assert sorted(e.path for e in usage.errors) == sorted([str(tmp_path / "a" / "broken.docx"),
                                                            str(tmp_path / "nope.md")])


# ------------------------------------------------------------------ the comparison
def test_diff_two_documents(mhhs, docs):
    a, b = docs
    result = diff(a, b, mhhs)
    r = rows(result)
    lss = r["lss"]
    assert lss.status == "differ"
    assert forms(lss.a) == {"Load Shaping System": (2, "preferred"), "LSS": (1, "acronym")}
    assert forms(lss.b) == {"Load Shaping Service": (1, "preferred")}
    assert r["wave"].status == "differ"
    assert forms(r["wave"].a) == {"Tranche": (1, "deprecated")}
    assert forms(r["wave"].b) == {"Wave": (1, "preferred")}
    # a near-miss is a form of the concept it slips from, and a difference
    assert r["dip"].status == "differ"
    assert forms(r["dip"].b) == {"Data Intergation Platform": (1, "near-miss")}
    assert r["sit-functional"].status == "only-b"
    assert r["vas"].status == "same"  # an acronym beside the full form elsewhere is no difference
    assert "sit" not in r  # SIT inside "SIT Functional Testing" is no use of SIT
    unknown = {u.term: u for u in result.unknown}
    assert set(unknown) == {"Release Control Board"}
    assert unknown["Release Control Board"].a == (str(a),) and unknown["Release Control Board"].b == ()
    assert result.summary() == {"concepts": 5, "differ": 3, "only-a": 0, "only-b": 1, "same": 1, "unknown": 1}
    # differences first
    assert [c.status for c in result.concepts] == sorted(
        (c.status for c in result.concepts), key=["differ", "only-a", "only-b", "same"].index)


def test_diff_is_symmetric(mhhs, docs):
    a, b = docs
    ab, ba = rows(diff(a, b, mhhs)), rows(diff(b, a, mhhs))
    flip = {"only-a": "only-b", "only-b": "only-a", "differ": "differ", "same": "same"}
    assert {k: flip[c.status] for k, c in ab.items()} == {k: c.status for k, c in ba.items()}
    assert all(ab[k].a == ba[k].b for k in ab)


def test_diff_same_document_has_no_differences(mhhs, docs):
    result = diff(docs[0], docs[0], mhhs)
    assert {c.status for c in result.concepts} == {"same"}
    assert all(u.status == "both" for u in result.unknown)


def test_diff_folders_add_up(tmp_path, mhhs, docs):
    a, b = docs
    (a.parent / "second.md").write_text("The Load Shaping System is late.\n", encoding="utf-8")
    result = diff(a.parent, b.parent, mhhs)
    assert [d.path for d in result.a.documents] == [str(a.parent / "second.md"), str(a)]  # sorted
    assert forms(rows(result)["lss"].a)["Load Shaping System"] == (3, "preferred")
    assert result.a.words > result.b.words > 0


def test_diff_corpora(mhhs):
    result = diff(ROOT / "corpora" / "timetable", ROOT / "corpora" / "strategy", mhhs)
    r = rows(result)
    assert r["sit"].status == "differ"
    assert "Systems Integration Testing" in forms(r["sit"].b)
    assert r["sit-functional"].status == "only-b"
    assert {u.term for u in result.unknown} >= {"Release Control Board", "Cutover Readiness Panel"}
    assert [d.vocabulary for d in result.a.documents] == ["timetable"]
    assert [d.vocabulary for d in result.b.documents] == ["strategy"]


# ------------------------------------------------------------------ command line
def test_cli_json(mhhs, docs, capsys):
    a, b = docs
    assert main(["diff", str(a), str(b), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["a"]["path"] == str(a) and data["b"]["documents"][0]["path"] == str(b)
    lss = next(c for c in data["concepts"] if c["concept"] == "lss")
    assert lss["status"] == "differ"
    assert {"form": "Load Shaping System", "count": 2, "kind": "preferred"} in lss["a"]
    assert data["unknown"] == [{"term": "Release Control Board", "status": "only-a", "a": [str(a)], "b": []}]


def test_cli_markdown_and_terminal(docs, capsys):
    a, b = docs
    assert main(["diff", str(a), str(b), "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert "| ≠ | Load Shaping System | Load Shaping System ×2<br>LSS ×1 | Load Shaping Service ×1 | **differ** |" in md
    assert "| Release Control Board | update.md | — |" in md
    assert main(["diff", str(a), str(b), "--color", "never"]) == 0
    term = capsys.readouterr().out
    assert "Load Shaping Service ×1" in term and "only B" in term
    assert "5 concepts used: 3 differ, 0 only in A, 1 only in B, 1 the same; 1 unknown terms" in term


def test_cli_html_output_file(docs, tmp_path):
    a, b = docs
    out = tmp_path / "diff.html"
    assert main(["diff", str(a), str(b), "-f", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count('class="filterable status-differ"') == 3
    assert "Data Intergation Platform" in page


def test_cli_unreadable_input_exit_3(docs, tmp_path, capsys):
    a, _ = docs
    assert main(["diff", str(a), str(tmp_path / "missing.md"), "--format", "json"]) == 3
    out = capsys.readouterr()
    assert "missing.md: no such file" in out.err
    data = json.loads(out.out)  # the readable side is still compared
    assert data["b"]["errors"][0]["message"] == "no such file"
    assert data["summary"]["only-a"] == 4


def test_cli_bad_glossary_exit_2(docs, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: nope\n", encoding="utf-8")
    assert main(["diff", str(docs[0]), str(docs[1]), "--glossary", str(bad)]) == 2


def test_cli_usage_error_exit_2(docs):
    with pytest.raises(SystemExit) as exc:
        main(["diff", str(docs[0])])
    assert exc.value.code == 2
