"""Large text and Markdown files are scanned in sections (termcheck/sections.py).

The thresholds are lowered here so that a file of a few kilobytes is cut into many
sections; memory on really large files is measured by benchmarks/bench_hostile.py.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from termcheck import sections
from termcheck.cli import ExitCode, main
from termcheck.engine import Scanner, _check_one
from termcheck.glossary import load_glossaries
from termcheck.readers.text import open_stream

from helpers import ALPHA_BETA_GLOSSARY  # noqa: E402

FENCE_BODY = "\n".join(f"Tranche {i} in code is not prose.\n" for i in range(40))  # blank lines inside


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(ALPHA_BETA_GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture
def small_sections(monkeypatch):
    """Files over 2,000 bytes are sectioned, a section cut after 600 characters."""
    monkeypatch.setattr(sections, "STREAM_ABOVE", 2000)
    monkeypatch.setattr(sections, "SECTION_CHARS", 600)


def markdown_document() -> str:
    """Beta terms first and alpha terms after, so that the first sections alone would read
    as beta and the whole file as alpha; DIP defined once at the top and used all along;
    fenced code (with blank lines, longer than a section) holding deprecated words."""
    parts = ["---\ntitle: front matter\n---\n", "# Plan\n",
             "The Data Integration Platform (DIP) connects the Load Shaping Service.\n"]
    for i in range(60):
        term = "Load Shaping Service" if i < 6 else "Load Shaping System"
        parts.append(f"Paragraph {i}: the DIP sends data to the {term}\nin Tranche {i % 4}, "
                     f"and the  *Tranche* plan ends.\n")
        if i % 9 == 4:
            parts.append(f"```text\n{FENCE_BODY}```\n")
        if i % 11 == 7:
            parts.append(f"- item {i} in Tranche 2\n\n  continued in Tranche 3\n- the DIP again\n")
        if i % 13 == 5:
            parts.append("| term | note |\n| --- | --- |\n| Tranche | the `Tranche` cell |\n")
    return "\n".join(parts)


def plain_document() -> str:
    parts = ["The Data Integration Platform (DIP) feeds the Load Shaping Service."]
    for i in range(80):
        term = "Load Shaping Service" if i < 8 else "Load Shaping System"
        parts.append(f"Line {i}: the DIP and the {term}\n  run in Tranche {i % 5}.")
        if i == 20:
            parts.append("termcheck: off deprecated-term")
        if i == 50:
            parts.append("termcheck: on")
    return "\n\n".join(parts) + "\n"


def check(glossary: Path, path: Path, vocabulary: str | None = None):
    scanner = Scanner(load_glossaries([str(glossary)]))
    return _check_one(scanner, (str(path), path, vocabulary, ""))


def cut_into(path: Path) -> list[sections.Section]:
    with open_stream(path) as stream:
        return list(sections.sections(stream, path.suffix == ".md"))


def test_markdown_in_sections_finds_what_a_whole_read_finds(tmp_path, glossary, small_sections, monkeypatch):
    path = tmp_path / "big.md"
    path.write_text(markdown_document(), encoding="utf-8")
    assert path.stat().st_size > sections.STREAM_ABOVE
    parts = cut_into(path)
    assert len(parts) > 8
    assert "\n".join(p.text for p in parts) == path.read_text().rstrip("\n")  # nothing lost, in order
    for p in parts:  # never inside a fenced code block: each section opens and closes its fences
        assert p.text.count("```") % 2 == 0, p.text

    cut = check(glossary, path)
    monkeypatch.setattr(sections, "STREAM_ABOVE", 1 << 30)
    whole = check(glossary, path)
    assert cut.vocabulary == whole.vocabulary == "alpha"  # from the whole file, not the first section
    assert cut.vocabulary_reason == whole.vocabulary_reason
    assert cut.findings == whole.findings  # every field compared: location, message, context ...
    assert [f.end for f in cut.findings] == [f.end for f in whole.findings]
    assert (cut.words, cut.code_words, cut.usage) == (whole.words, whole.code_words, whole.usage)
    rules = {f.rule for f in cut.findings}
    assert {"deprecated-term", "vocabulary-mismatch"} <= rules
    assert "acronym-undefined" not in rules  # DIP, defined in the first section, counts as defined


def test_locations_are_lines_of_the_whole_file(tmp_path, glossary, small_sections):
    path = tmp_path / "big.md"
    path.write_text(markdown_document(), encoding="utf-8")
    result = check(glossary, path)
    lines = path.read_text().split("\n")
    found = [f for f in result.findings if f.rule == "deprecated-term"]
    assert len(found) >= 100 and max(f.location.line for f in found) > len(lines) * 0.9
    for f in found:
        at = lines[f.location.line - 1][f.location.column - 1:]
        assert at.startswith("Tranche"), (f.location, at)
        assert f.end.line == f.location.line and f.end.column == f.location.column + len("Tranche")
    code = {n for n, line in enumerate(lines, 1) if line.endswith("in code is not prose.")}
    assert code and not code & {f.location.line for f in result.findings}


@pytest.mark.parametrize("encoding,newline", [("utf-8", "\n"), ("utf-16", "\n"), ("cp1252", "\r\n")])
def test_plain_text_in_sections(tmp_path, glossary, small_sections, monkeypatch, encoding, newline):
    path = tmp_path / "big.txt"
    text = plain_document().replace("feeds", "feeds \u2013 caf\u00e9 \u2013")
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    assert len(cut_into(path)) > 8
    cut = check(glossary, path)
    monkeypatch.setattr(sections, "STREAM_ABOVE", 1 << 30)
    whole = check(glossary, path)
    assert cut.findings == whole.findings and cut.words == whole.words and cut.usage == whole.usage
    # termcheck: off ... on holds across the sections between them
    off, on = (text.split("\n").index(f"termcheck: {d}") + 1 for d in ("off deprecated-term", "on"))
    assert [p.offset < off for p in cut_into(path)].count(True) + 2 < [p.offset < on for p in cut_into(path)].count(True)
    lines = {f.location.line for f in cut.findings if f.rule == "deprecated-term"}
    assert lines and not lines & set(range(off, on)) and min(lines) < off < on < max(lines)
    assert all(text.split("\n")[f.location.line - 1][f.location.column - 1:].startswith("Tranche")
               for f in cut.findings if f.rule == "deprecated-term")


def test_once_per_document_findings_are_reported_once(tmp_path, glossary, small_sections):
    path = tmp_path / "big.md"
    # an unknown acronym and a vocabulary tie in every section
    para = "The QXZ team met. The QXZ team and the Load Shaping System and Load Shaping Service.\n"
    path.write_text("\n".join([para] * 120), encoding="utf-8")
    result = check(glossary, path)
    assert len(cut_into(path)) > 8
    assert result.vocabulary is None and result.vocabulary_reason.startswith("undetermined: a tie")
    by_rule = {}
    for f in result.findings:
        by_rule.setdefault(f.rule, []).append(f)
    assert [f.found for f in by_rule["unknown-term"]] == ["QXZ"]
    assert len(by_rule["mixed-vocabulary"]) == 1 and by_rule["mixed-vocabulary"][0].location.line == 1
    assert "vocabulary-mismatch" not in by_rule  # a tie in the whole file: no vocabulary in any section


def test_large_file_beside_others_on_the_command_line(tmp_path, glossary, small_sections, capsys):
    big = tmp_path / "big.md"
    big.write_text(markdown_document(), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("The Load Shaping Service starts in Tranche 1.\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 12)
    code = main(["scan", "-g", str(glossary), "--no-config", "--format", "json", str(big), str(good), str(bad)])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert code == ExitCode.UNREADABLE
    assert [d["path"] for d in report["documents"]] == [str(big), str(good)]
    assert [e["path"] for e in report["errors"]] == [str(bad)]
    assert {f["path"] for f in report["findings"]} == {str(big), str(good)}
    big_doc = report["documents"][0]
    assert big_doc["vocabulary"] == "alpha" and big_doc["words"] > 1000 and big_doc["skipped_code_words"] > 0


def test_no_place_to_cut_is_one_line_error(tmp_path, glossary, small_sections, monkeypatch, capsys):
    monkeypatch.setattr(sections, "SECTION_LIMIT", 5000)
    fence = tmp_path / "fence.md"  # a code fence never closed: the rest of the file is code
    fence.write_text("Intro in Tranche 1.\n\n```\n" + "code line\n\n" * 600, encoding="utf-8")
    long_line = tmp_path / "line.txt"
    long_line.write_text("word " * 1200 + "\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Tranche 1 starts.\n", encoding="utf-8")
    code = main(["scan", "-g", str(glossary), "--no-config", "--format", "json",
                 str(fence), str(long_line), str(good)])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert code == ExitCode.UNREADABLE
    assert [d["path"] for d in report["documents"]] == [str(good)]
    messages = {e["path"]: e["message"] for e in report["errors"]}
    # cut once before the fence (line 3), then no place to cut it again
    assert messages[str(fence)] == ("too large to scan in sections: 5,000 characters from line 3 on without "
                                    "a blank line between top-level blocks, where it could be cut")
    assert messages[str(long_line)] == "too large to scan: line 1 is longer than 5,000 characters"
    assert f"termcheck: {fence}: too large to scan in sections" in err


def test_small_files_are_not_sectioned(tmp_path, glossary, monkeypatch):
    path = tmp_path / "small.md"
    path.write_text(markdown_document(), encoding="utf-8")
    assert not sections.wanted(path)  # under the default 4 MiB
    monkeypatch.setattr(sections, "STREAM_ABOVE", path.stat().st_size - 1)
    assert sections.wanted(path)
    assert not sections.wanted(path.with_suffix(".html"))
