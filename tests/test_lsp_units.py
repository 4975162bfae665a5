"""The parts of the language server that need no editor: checking a buffer, exact ranges,
positions in UTF-16, quick-fix edits, and settings that break and come back."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from termcheck.engine import Scanner
from termcheck.glossary import load_glossaries
from termcheck.readers import blocks_from_text, read_blocks
from termcheck.errors import ReadError

from helpers import ALPHA_BETA_GLOSSARY

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "termcheck" / "data" / "mhhs.yaml"


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(load_glossaries([BUNDLED]))


def test_a_buffer_gives_the_findings_of_the_same_file(scanner, tmp_path):
    src = ROOT / "corpora" / "timetable" / "programme-update.md"
    text = src.read_text(encoding="utf-8")
    from_buffer = scanner.check_source(text.replace("\n", "\r\n"), ".md", str(src))
    from_file = scanner.check_blocks(str(src), read_blocks(src))
    assert [f.to_dict() for f in from_buffer.findings] == [f.to_dict() for f in from_file.findings]
    assert len(from_file.findings) > 10


def test_each_finding_ends_where_its_text_ends(scanner):
    text = textwrap.dedent("""\
        The **Pre-Integration Testing** phase, *System Integation* Testing and Tranche 1
        and the `code` and Systems Integration
        Testing and [Load Shaping Service](http://example.com) all start.
        """)
    result = scanner.check_source(text, ".md", "x.md", vocabulary="timetable")
    lines = text.split("\n")
    spans = {}
    for f in result.findings:
        s, e = f.location, f.end
        if s.line == e.line:
            spans[f.found] = lines[s.line - 1][s.column - 1:e.column - 1]
        else:
            spans[f.found] = lines[s.line - 1][s.column - 1:] + "\n" + lines[e.line - 1][:e.column - 1]
    assert spans == {
        "Pre-Integration Testing": "Pre-Integration Testing",
        "System Integation Testing": "System Integation* Testing",  # emphasis inside: the whole stretch
        "Tranche": "Tranche",
        "Systems Integration Testing": "Systems Integration\nTesting",  # across a line break
        "Load Shaping Service": "Load Shaping Service",  # the link text, not its destination
    }


def test_text_buffers_and_unreadable_kinds():
    blocks = blocks_from_text("one\r\n\r\ntwo <!-- termcheck: ignore -->\n", ".txt")
    assert [b.text for b in blocks] == ["one", "two <!-- termcheck: ignore -->"]
    assert blocks[1].location.line == 3 and blocks[1].ignore
    with pytest.raises(ReadError, match="cannot read '.docx' from text"):
        blocks_from_text("x", ".docx")


# ---------------------------------------------------------------- positions and edits
lsp = pytest.importorskip("lsprotocol.types")
from termcheck.lsp import convert  # noqa: E402


def test_positions_count_utf16_units_and_any_line_end():
    lines = convert.Lines("a\r\n😀 Tranche é\rz", lsp.PositionEncodingKind.Utf16)
    # "Tranche" starts at code point column 3 of line 2; the emoji is two UTF-16 units
    assert lines.position(2, 3) == lsp.Position(line=1, character=3)
    assert lines.point(lsp.Position(line=1, character=3)) == (2, 3)
    assert lines.text_in(lsp.Range(start=lsp.Position(line=1, character=3),
                                   end=lsp.Position(line=1, character=10))) == "Tranche"
    utf32 = convert.Lines("😀 Tranche", lsp.PositionEncodingKind.Utf32)
    assert utf32.position(1, 3) == lsp.Position(line=0, character=2)
    utf8 = convert.Lines("é Tranche", lsp.PositionEncodingKind.Utf8)
    assert utf8.position(1, 3) == lsp.Position(line=0, character=3)


def _diagnostics(scanner, text, vocabulary):
    result = scanner.check_source(text, ".md", "x.md", vocabulary=vocabulary)
    lines = convert.Lines(text)
    return {d.code: d for d in (convert.diagnostic(f, lines) for f in result.findings)}, lines


def test_acronym_fixes_define_or_correct_the_expansion(scanner):
    text = "The QAD is due. The Cutover Support Service (CSS) and Programme Steering Group (PSG) met.\n"
    diags, lines = _diagnostics(scanner, text, "timetable")
    undefined = diags["acronym-undefined"]
    assert lines.text_in(undefined.range) == "QAD"
    assert [f["text"] for f in undefined.data["fixes"]] == ["Qualification Assessment Document (QAD)"]
    conflict = diags["acronym-conflict"]
    assert lines.text_in(conflict.range) == "Cutover Support Service (CSS)"
    assert [f["text"] for f in conflict.data["fixes"]] == ["Central Switching Service (CSS)"]


def test_ignore_edit_appends_extends_and_keeps_table_rows():
    lines = convert.Lines("x")

    def apply(line, rule):
        e = convert.ignore_edit(line, 1, rule, convert.Lines(line))
        if e is None:
            return None
        a, b = e.range.start.character, e.range.end.character
        return line[:a] + e.new_text + line[b:]

    assert apply("Tranche one.", "deprecated-term") == "Tranche one. <!-- termcheck: ignore deprecated-term -->"
    assert apply("| Tranche | x |", "deprecated-term") == "| Tranche | x <!-- termcheck: ignore deprecated-term --> |"
    assert apply("Tranche <!-- termcheck: ignore near-miss -->", "deprecated-term") == \
        "Tranche <!-- termcheck: ignore near-miss deprecated-term -->"
    assert apply("Tranche <!-- termcheck: ignore -->", "deprecated-term") is None  # every rule already
    assert lines.line(5) == ""


def test_ignore_edit_really_suppresses_in_a_table(scanner):
    text = "| stage | when |\n| --- | --- |\n| Tranche | May |\n"
    assert [f.rule for f in scanner.check_source(text, ".md", "x.md", vocabulary="timetable").findings] \
        == ["deprecated-term"]
    row = text.split("\n")[2]
    e = convert.ignore_edit(row, 3, "deprecated-term", convert.Lines(text))
    a = e.range.start.character
    fixed = text.replace(row, row[:a] + e.new_text + row[a:])
    result = scanner.check_source(fixed, ".md", "x.md", vocabulary="timetable")
    assert result.findings == []
    assert any(b.cell is not None and b.text.strip() == "May" for b in blocks_from_text(fixed, ".md"))


# ---------------------------------------------------------------- settings
from termcheck.lsp.projects import Projects  # noqa: E402


def test_projects_follow_the_configuration_and_keep_the_last_good_glossary(tmp_path):
    (tmp_path / ".git").mkdir()
    gloss = tmp_path / "g.yaml"
    gloss.write_text(ALPHA_BETA_GLOSSARY, encoding="utf-8")
    conf = tmp_path / "termcheck.yaml"
    conf.write_text("glossaries: [g.yaml]\nvocabulary:\n  'beta/**': beta\n", encoding="utf-8")
    (tmp_path / "beta").mkdir()
    projects = Projects()
    ctx = projects.context_for(tmp_path / "beta" / "a.md")
    assert ctx.config_path == conf.resolve() and ctx.vocabulary_for(tmp_path / "beta" / "a.md")[0] == "beta"
    assert ctx.vocabulary_for(tmp_path / "a.md") == (None, "")
    good = ctx.glossary
    assert set(good.concepts) == {"lss", "wave", "pit", "dip"}

    gloss.write_text(ALPHA_BETA_GLOSSARY + "  - id: lss\n    all: {preferred: Again}\n", encoding="utf-8")
    assert projects.files_changed([gloss])
    ctx = projects.context_for(tmp_path / "beta" / "a.md")
    assert ctx.glossary is good  # still in service
    (problem,) = projects.problems()[gloss.resolve()]
    assert "duplicate concept id 'lss'" in problem.message and problem.line > 10

    conf.write_text("glossaries: [g.yaml]\nrules: {select: [nonsense]}\n", encoding="utf-8")
    gloss.write_text(ALPHA_BETA_GLOSSARY, encoding="utf-8")
    assert projects.files_changed([conf, gloss])
    problems = projects.problems()
    assert list(problems) == [conf.resolve()] and "nonsense" in problems[conf.resolve()][0].message
    assert ctx.vocabulary_for(tmp_path / "beta" / "a.md")[0] == "beta"  # the last good configuration

    conf.write_text("glossaries: [g.yaml]\nvocabulary: alpha\n", encoding="utf-8")
    assert projects.files_changed([conf])
    assert projects.problems() == {}
    assert ctx.vocabulary_for(tmp_path / "beta" / "a.md")[0] == "alpha"
    assert not projects.files_changed([tmp_path / "notes.md"])


def test_excluded_documents_get_no_diagnostics(tmp_path):
    from termcheck.lsp.server import TermcheckServer

    class Offline(TermcheckServer):  # no client: positions in UTF-16
        encoding = "utf-16"

    (tmp_path / ".git").mkdir()
    (tmp_path / "g.yaml").write_text(ALPHA_BETA_GLOSSARY, encoding="utf-8")
    (tmp_path / "termcheck.yaml").write_text("glossaries: [g.yaml]\nvocabulary: alpha\nexclude: [old/]\n",
                                             encoding="utf-8")
    server = Offline()
    try:
        for folder, expected in (("new", ["deprecated-term"]), ("old", [])):
            uri = (tmp_path / folder / "a.md").as_uri()
            checked, problems = server.analyse(uri, "The Tranche starts.\n", "markdown")
            assert [d.code for d in checked.diagnostics] == expected and problems == {}
    finally:
        server.worker.shutdown()


def test_settings_problems_say_what_the_server_does_meanwhile(tmp_path):
    (tmp_path / ".git").mkdir()
    gloss = tmp_path / "g.yaml"
    gloss.write_text("format: termcheck-glossary/1\nconcepts: [oops\n", encoding="utf-8")
    conf = tmp_path / "termcheck.yaml"
    conf.write_text("glossaries: [g.yaml]\nvocabulary: gamma\n", encoding="utf-8")
    projects = Projects()
    ctx = projects.context_for(tmp_path / "a.md")
    assert ctx.scanner is None
    (problem,) = projects.problems()[gloss.resolve()]
    assert problem.consequence == "no glossary loaded: documents are not checked"
    gloss.write_text(ALPHA_BETA_GLOSSARY, encoding="utf-8")
    projects.files_changed([gloss])
    assert ctx.scanner is not None
    (problem,) = projects.problems()[conf.resolve()]  # gamma is no vocabulary of the glossary
    assert "'gamma'" in problem.message and problem.line == 2
    assert ctx.vocabulary_for(tmp_path / "a.md") == (None, "")  # detected instead
    gloss.write_text("nonsense: [", encoding="utf-8")
    projects.files_changed([gloss])
    assert projects.problems()[gloss.resolve()][0].consequence == "the last glossary that loaded stays in use"
    assert set(ctx.glossary.concepts) == {"lss", "wave", "pit", "dip"}


def test_every_candidate_is_a_quick_fix(tmp_path):
    gloss = tmp_path / "g.yaml"
    gloss.write_text(ALPHA_BETA_GLOSSARY + (
        "  - id: qm\n    alpha: {preferred: Qualification and Migration}\n    narrower: [qt, mt]\n"
        "  - id: qt\n    beta: {preferred: Qualification Testing}\n    broader: [qm]\n"
        "  - id: mt\n    beta: {preferred: Migration Testing}\n    broader: [qm]\n"), encoding="utf-8")
    scanner = Scanner(load_glossaries([gloss]))
    text = "Then Qualification and Migration ends.\n"
    result = scanner.check_source(text, ".txt", "a.txt", vocabulary="beta")
    lines = convert.Lines(text)
    (diag,) = [convert.diagnostic(f, lines) for f in result.findings]
    assert diag.data["suggestions"] == ["Qualification Testing", "Migration Testing"]
    actions = convert.code_actions("file:///a.txt", [diag], lines)
    assert [(a.title, a.is_preferred) for a in actions] == [
        ("Replace with 'Qualification Testing'", True), ("Replace with 'Migration Testing'", False),
        ("Ignore vocabulary-mismatch on this line", None)]
    edit = actions[1].edit.changes["file:///a.txt"][0]
    assert (edit.range.start.character, edit.range.end.character, edit.new_text) == (5, 32, "Migration Testing")


def test_a_failing_check_is_reported_and_the_server_goes_on(tmp_path, monkeypatch):
    import asyncio

    from termcheck.lsp.server import TermcheckServer

    class Offline(TermcheckServer):
        encoding = "utf-16"

        def __init__(self):
            super().__init__(debounce=0)
            self.sent = []

        def window_show_message(self, params):
            self.sent.append(("message", params.message))

        def text_document_publish_diagnostics(self, params):
            self.sent.append(("diagnostics", [d.code for d in params.diagnostics]))

        def window_log_message(self, params):
            pass

    class Doc:
        source, version, language_id = "The Tranche starts.\n", 1, "markdown"

    server = Offline()
    uri = (tmp_path / "a.md").as_uri()
    monkeypatch.setattr(type(server), "workspace", property(lambda self: type(
        "W", (), {"text_documents": {uri: Doc}, "get_text_document": staticmethod(lambda u: Doc)})()))

    def broken(*args):
        raise RuntimeError("boom")

    async def run(analyse):
        monkeypatch.setattr(server, "analyse", analyse)
        server.schedule(uri, 0)
        await server.pending[uri]

    try:
        asyncio.run(run(broken))
        assert server.sent == [("message", "termcheck could not check a.md: RuntimeError: boom")]
        asyncio.run(run(TermcheckServer.analyse.__get__(server)))
        assert server.sent[-1] == ("diagnostics", ["deprecated-term"])
    finally:
        server.worker.shutdown()
