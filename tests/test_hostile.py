"""Hostile and broken input. Every bad file gets one line naming it and the problem, the
run exits 3, and the good file scanned beside it is still read and reported.

Limits are documented in termcheck/readers/package.py, termcheck/readers/__init__.py
and termcheck/yamlsource.py; memory and time on the largest inputs are measured by
benchmarks/bench_hostile.py, not here.
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from termcheck.cli import ExitCode, main
from termcheck.errors import ReadError
from termcheck.readers import MAX_TEXT_BYTES, read_blocks
from termcheck.readers import package as pkg

from helpers import ALPHA_BETA_GLOSSARY  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
FORMATS = FIXTURES / "formats"
WORD = FIXTURES / "word" / "features.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

GOOD_TEXT = "The Load Shaping System starts in Tranche 1.\n"


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(ALPHA_BETA_GLOSSARY, encoding="utf-8")
    return path


def docx_bytes(document_xml: str, extra: dict[str, str | bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                   '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def body(xml: str) -> str:
    return f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{xml}</w:body></w:document>'


def scan_with_good_file(tmp_path, capsys, glossary, *bad: Path, expect_errors: int | None = None):
    """Scan ``bad`` beside a good Markdown file; return (exit code, JSON report, stderr)."""
    good = tmp_path / "good.md"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    code = main(["scan", "-g", str(glossary), "-V", "beta", "--no-config", "--format", "json",
                 str(good), *map(str, bad)])
    out, err = capsys.readouterr()
    report = json.loads(out)
    # the good file was scanned and reported, whatever happened to the others
    found = {(f["path"], f["rule"]) for f in report["findings"]}
    assert (str(good), "vocabulary-mismatch") in found and (str(good), "deprecated-term") in found
    assert str(good) in [d["path"] for d in report["documents"]]
    n = len(bad) if expect_errors is None else expect_errors
    assert len(report["errors"]) == n, report["errors"]
    for e in report["errors"]:
        assert "\n" not in e["message"] and e["message"]
        lines = [line for line in err.splitlines() if line.startswith(f"termcheck: {e['path']}: ")]
        assert lines == [f"termcheck: {e['path']}: {e['message']}"]
    return code, report, err


def assert_refused(tmp_path, capsys, glossary, bad: Path, *needles: str) -> str:
    code, report, _ = scan_with_good_file(tmp_path, capsys, glossary, bad)
    assert code == ExitCode.UNREADABLE
    [error] = report["errors"]
    assert error["path"] == str(bad)
    for needle in needles:
        assert needle in error["message"], error["message"]
    return error["message"]


# --- zip packages ----------------------------------------------------------------------

def test_corrupt_zip(tmp_path, capsys, glossary):
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(WORD.read_bytes()[:5000])
    assert_refused(tmp_path, capsys, glossary, truncated, "not a Word document")
    garbage = tmp_path / "garbage.xlsx"
    data = bytearray(FORMATS.joinpath("milestones.xlsx").read_bytes())
    data[600:900] = b"\xff" * 300  # damage compressed data inside the package
    garbage.write_bytes(bytes(data))
    message = assert_refused(tmp_path, capsys, glossary, garbage)
    assert "Excel workbook" in message or "zip" in message


def test_zip_bomb_by_size_is_refused_before_inflating(tmp_path, capsys, glossary, monkeypatch):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("_rels/.rels", "<Relationships/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(pkg.MAX_PART_BYTES // len(chunk) + 8):
                fh.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    real_open = zipfile.ZipFile.open

    def guarded(self, name, *args, **kwargs):
        target = name.filename if isinstance(name, zipfile.ZipInfo) else name
        assert target != "word/document.xml", "the bomb was opened for inflating"
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", guarded)
    assert_refused(tmp_path, capsys, glossary, bomb, "refused: part word/document.xml would inflate to",
                   f"limit {pkg.MAX_PART_BYTES >> 20} MiB", "zip bomb")


def test_zip_bomb_by_ratio(tmp_path, capsys, glossary):
    bomb = tmp_path / "ratio.pptx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("ppt/slides/slide1.xml", "<a>" + " " * (20 << 20) + "</a>")
    assert_refused(tmp_path, capsys, glossary, bomb, "refused: part ppt/slides/slide1.xml is compressed",
                   f"(limit {pkg.MAX_RATIO}:1)")


# --- XML entities -----------------------------------------------------------------------

BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "lol">'
                  + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
                  + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p>'
                  "</w:body></w:document>")


def test_xml_entity_bomb_in_docx(tmp_path, capsys, glossary):
    bad = tmp_path / "laughs.docx"
    bad.write_bytes(docx_bytes(BILLION_LAUGHS))
    assert_refused(tmp_path, capsys, glossary, bad, "refused: XML part word/document.xml has a document type "
                   "declaration")


def test_external_entity_in_docx_is_never_fetched(tmp_path, capsys, glossary):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">'
           f'<!ENTITY y SYSTEM "http://127.0.0.1:9/xxe">]><w:document xmlns:w="{W_NS}"><w:body>'
           "<w:p><w:r><w:t>&x;&y;</w:t></w:r></w:p></w:body></w:document>")
    bad = tmp_path / "xxe.docx"
    bad.write_bytes(docx_bytes(xml))
    assert_refused(tmp_path, capsys, glossary, bad, "document type declaration")
    with pytest.raises(ReadError, match="document type declaration"):
        pkg.parse_xml(BILLION_LAUGHS.encode(), "word/document.xml", "Word document")
    # the second line of defence, the parser itself, neither expands nor fetches
    from lxml import etree

    root = etree.fromstring(xml.encode(), pkg.xml_parser())
    assert b"TOP-SECRET-MARKER" not in etree.tostring(root)
    try:
        laughs = etree.tostring(etree.fromstring(BILLION_LAUGHS.encode(), pkg.xml_parser()))
    except etree.XMLSyntaxError as err:  # libxml2's own amplification guard may stop it first
        assert "amplification" in str(err)
    else:
        assert len(laughs) < 2000


def test_dtd_in_a_part_parsed_by_a_library(tmp_path, capsys, glossary):
    # openpyxl parses the sheets itself: the package check must catch the DTD first
    src = FORMATS / "milestones.xlsx"
    bad = tmp_path / "xxe.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
            zout.writestr(info, data)
    assert_refused(tmp_path, capsys, glossary, bad, "refused: XML part xl/sharedStrings.xml has a document "
                   "type declaration")


def test_dtd_hidden_behind_a_long_prolog(tmp_path, capsys, glossary):
    padding = "<!--" + os.urandom(pkg.PROLOG_LIMIT // 2 + 10).hex() + "-->"  # does not compress 200:1
    xml = f'<?xml version="1.0"?>{padding}<!DOCTYPE sst [<!ENTITY x "y">]><sst/>'
    bad = tmp_path / "padded.xlsx"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/sharedStrings.xml", xml)
    assert_refused(tmp_path, capsys, glossary, bad, "refused: XML part xl/sharedStrings.xml has over 1 MiB "
                   "before its root element")


def test_parser_messages_stay_on_one_line(tmp_path, capsys, glossary):
    # found by fuzz/run.py: libxml2 puts a line break in some messages (a NUL byte here)
    bad = tmp_path / "nul.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(WORD) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, b"<\x00" + data[2:] if info.filename == "_rels/.rels" else data)
    bad.write_bytes(buf.getvalue())
    message = assert_refused(tmp_path, capsys, glossary, bad, "damaged XML in _rels/.rels")
    assert "\n" not in message


# --- OLE compound files -----------------------------------------------------------------

def test_encrypted_office_file(tmp_path, capsys, glossary):
    # made by build.sh: a LibreOffice .docx encrypted with a password (msoffcrypto-tool)
    bad = tmp_path / "encrypted.docx"
    bad.write_bytes((FORMATS / "encrypted.docx").read_bytes())
    assert_refused(tmp_path, capsys, glossary, bad,
                   "not a Word document: an encrypted (password-protected) Office file", "remove the password")


@pytest.mark.parametrize("name, kind, target", [
    ("legacy.doc", "Word 97-2003 document (.doc)", "docx"),
    ("legacy.xls", "Excel 97-2003 workbook (.xls)", "xlsx"),
])
def test_legacy_binary_office_files(tmp_path, capsys, glossary, name, kind, target):
    bad = tmp_path / name
    bad.write_bytes((FORMATS / name).read_bytes())
    assert_refused(tmp_path, capsys, glossary, bad, f"a legacy binary {kind}",
                   f"soffice --headless --convert-to {target}")
    renamed = tmp_path / f"renamed.{target}"
    renamed.write_bytes(bad.read_bytes())
    assert_refused(tmp_path, capsys, glossary, renamed, f"a legacy binary {kind}")


# --- text files --------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".md", ".txt", ".html", ".docx", ".odt", ".xlsx", ".pptx"])
def test_empty_file(tmp_path, capsys, glossary, suffix):
    bad = tmp_path / f"empty{suffix}"
    bad.write_bytes(b"")
    assert assert_refused(tmp_path, capsys, glossary, bad) == "empty file"


def test_binary_bytes_in_markdown(tmp_path, capsys, glossary):
    bad = tmp_path / "picture.md"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + os.urandom(2000))
    assert_refused(tmp_path, capsys, glossary, bad, "not a text file", "binary data?")


@pytest.mark.parametrize("name, data", [
    ("cp1252.md", "Caf\u00e9 \u2013 the Load Shaping System.\n".encode("cp1252")),
    ("utf16.txt", "Caf\u00e9: the Load Shaping System.\n".encode("utf-16")),
    ("utf16le.md", "Caf\u00e9: the Load Shaping System.\n".encode("utf-16-le")),
    ("bom.md", "\ufeffCaf\u00e9: the Load Shaping System.\n".encode("utf-8")),
])
def test_legacy_encodings_are_read_not_refused(tmp_path, capsys, glossary, name, data):
    other = tmp_path / name
    other.write_bytes(data)
    code, report, _ = scan_with_good_file(tmp_path, capsys, glossary, other, expect_errors=0)
    assert code == ExitCode.FINDINGS
    mine = [f for f in report["findings"] if f["path"] == str(other)]
    assert [(f["rule"], f["found"]) for f in mine] == [("vocabulary-mismatch", "Load Shaping System")]
    assert mine[0]["location"] == {"line": 1, "column": data.decode(
        "utf-16" if "16" in name else "cp1252" if "1252" in name else "utf-8-sig").index("Load") + 1}


def test_very_large_html_file_is_refused_unread(tmp_path, capsys, glossary):
    bad = tmp_path / "huge.html"
    with open(bad, "wb") as fh:  # sparse: 4 GiB on paper, nothing on disk
        fh.truncate(4 << 30)
    message = assert_refused(tmp_path, capsys, glossary, bad, "too large to scan (4,096 MiB",
                             f"the limit for text files is {MAX_TEXT_BYTES >> 20} MiB")
    assert message.endswith("split it")


def test_very_large_markdown_file_of_zero_bytes_is_refused_from_its_head(tmp_path, capsys, glossary):
    bad = tmp_path / "huge.md"  # large Markdown is scanned in sections, but this is no text
    with open(bad, "wb") as fh:
        fh.truncate(4 << 30)
    assert_refused(tmp_path, capsys, glossary, bad, "not a text file (it contains NUL bytes")


# --- structure ---------------------------------------------------------------------------

def nested_tables(depth: int) -> str:
    return ("<w:tbl><w:tr><w:tc>" * depth + "<w:p><w:r><w:t>Deep Cell</w:t></w:r></w:p>"
            + "</w:tc></w:tr></w:tbl>" * depth)


def test_deeply_nested_tables(tmp_path, capsys, glossary):
    ok = tmp_path / "nested.docx"  # 40 levels is deep for a real document, and is read
    ok.write_bytes(docx_bytes(body(nested_tables(40) + "<w:p><w:r><w:t>After</w:t></w:r></w:p>")))
    blocks = read_blocks(ok)
    assert [b.text for b in blocks] == ["Deep Cell", "After"]
    assert blocks[0].location.part == "table"

    bad = tmp_path / "abyss.docx"
    bad.write_bytes(docx_bytes(body(nested_tables(2000))))
    assert_refused(tmp_path, capsys, glossary, bad, "refused: XML in word/document.xml is nested too deeply")

    page = tmp_path / "abyss.html"
    page.write_text("<p>top</p>" + "<table><tr><td>" * 2000 + "cell" + "</td></tr></table>" * 2000)
    assert_refused(tmp_path, capsys, glossary, page, "refused: HTML nested too deeply")


def test_symlink_loop_in_a_scanned_folder(tmp_path, capsys, glossary):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "real.md").write_text("Wave 2 uses the Load Shaping System.\n")
    os.symlink("b.md", folder / "a.md")
    os.symlink("a.md", folder / "b.md")  # a.md -> b.md -> a.md
    os.symlink("..", folder / "up")  # a folder loop: never followed
    code, report, _ = scan_with_good_file(tmp_path, capsys, glossary, folder, expect_errors=2)
    assert code == ExitCode.UNREADABLE
    assert {e["path"]: e["message"] for e in report["errors"]} == {
        str(folder / "a.md"): "symbolic link loop", str(folder / "b.md"): "symbolic link loop"}
    scanned = [d["path"] for d in report["documents"]]
    assert scanned.count(str(folder / "real.md")) == 1 and len(scanned) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; see the cases below")
def test_unreadable_file_by_permissions(tmp_path, capsys, glossary):
    bad = tmp_path / "locked.md"
    bad.write_text("secret\n")
    bad.chmod(0)
    assert assert_refused(tmp_path, capsys, glossary, bad) == "permission denied"


def run_as_nobody(argv: list[str]) -> tuple[int, str, str]:
    """Run ``termcheck`` in a forked child that has dropped root for user ``nobody``, so
    that file permissions apply (everything it needs is imported before the drop)."""
    import importlib
    import tempfile

    for name in ("termcheck.engine", "termcheck.readers.markdown", "termcheck.readers.text",
                 "termcheck.reporters.json_", "termcheck.reporters.terminal", "markdown_it",
                 "termcheck.rules", "termcheck.config", "termcheck.walk", "pathspec", "rich.console"):
        importlib.import_module(name)
    from termcheck.nlp import tokenize

    tokenize("Load spaCy before the drop")  # its imports need the interpreter's own folders
    out_fd, out_path = tempfile.mkstemp()
    err_fd, err_path = tempfile.mkstemp()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            os.dup2(out_fd, 1)
            os.dup2(err_fd, 2)
            import sys as _sys

            _sys.stdout = open(1, "w", closefd=False)
            _sys.stderr = open(2, "w", closefd=False)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            code = int(main(argv))
            _sys.stdout.flush()
            _sys.stderr.flush()
        except BaseException:
            import traceback

            traceback.print_exc()
            _sys.stderr.flush()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    os.close(out_fd)
    os.close(err_fd)
    out, err = Path(out_path).read_text(), Path(err_path).read_text()
    os.unlink(out_path)
    os.unlink(err_path)
    return os.waitstatus_to_exitcode(status), out, err


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to drop to user nobody")
def test_unreadable_file_for_another_user(glossary):
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o755)
        gl = folder / "g.yaml"
        gl.write_bytes(glossary.read_bytes())
        good = folder / "good.md"
        good.write_text(GOOD_TEXT)
        locked = folder / "locked.md"
        locked.write_text("secret\n")
        locked.chmod(0)
        for f in (gl, good):
            f.chmod(0o644)
        code, out, err = run_as_nobody(["scan", "-g", str(gl), "-V", "beta", "--no-config", "--format",
                                        "json", str(good), str(locked)])
        assert code == ExitCode.UNREADABLE, (code, err)
        report = json.loads(out)
        assert report["errors"] == [{"path": str(locked), "message": "permission denied"}]
        assert f"termcheck: {locked}: permission denied" in err.splitlines()
        assert {f["rule"] for f in report["findings"] if f["path"] == str(good)} >= {"vocabulary-mismatch"}
    finally:
        shutil.rmtree(folder)


def test_unreadable_file_simulated(tmp_path, capsys, glossary, monkeypatch):
    # tests run as root, whom chmod 000 does not stop: the OS refusal is simulated for one file
    bad = tmp_path / "locked.md"
    bad.write_text("secret\n")
    real = Path.read_bytes

    def read_bytes(self):
        if self == bad:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert assert_refused(tmp_path, capsys, glossary, bad) == "permission denied"


def test_odt_and_docx_swapped(tmp_path, capsys, glossary):
    odt_as_docx = tmp_path / "report.docx"
    odt_as_docx.write_bytes((FORMATS / "report.odt").read_bytes())
    assert_refused(tmp_path, capsys, glossary, odt_as_docx, "an OpenDocument file renamed .docx")
    docx_as_odt = tmp_path / "features.odt"
    docx_as_odt.write_bytes(WORD.read_bytes())
    assert_refused(tmp_path, capsys, glossary, docx_as_odt, "a Word document renamed .odt")


# --- glossaries ----------------------------------------------------------------------------

def glossary_run(capsys, path: Path) -> tuple[int, str]:
    """A scan with this glossary: a glossary error stops it with exit 2."""
    doc = path.parent / "doc.md"
    doc.write_text("The Load Shaping System runs.\n")
    code = main(["scan", "--no-config", "-g", str(path), str(doc)])
    out, err = capsys.readouterr()
    return code, out + err


def test_yaml_alias_bomb_glossary(tmp_path, capsys):
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        levels.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("format: termcheck-glossary/1\nx:\n" + "\n".join("  " + line for line in levels) + "\n")
    code, text = glossary_run(capsys, bomb)
    assert code == ExitCode.USAGE
    assert f"{bomb}: refused: YAML aliases would expand" in text and "an alias bomb?" in text
    cycle = tmp_path / "cycle.yaml"
    cycle.write_text("format: termcheck-glossary/1\nconcepts: &c\n  - *c\n")
    code, text = glossary_run(capsys, cycle)
    assert code == ExitCode.USAGE and "refused: a YAML alias refers to a node that contains it" in text


def test_glossary_that_is_not_a_mapping(tmp_path, capsys):
    bad = tmp_path / "list.yaml"
    bad.write_text("- just\n- a list\n")
    code, text = glossary_run(capsys, bad)
    assert code == ExitCode.USAGE
    assert f"{bad}:1:1: a glossary must be a YAML mapping" in text


def test_huge_glossary_is_refused_without_parsing(tmp_path, capsys):
    big = tmp_path / "big.yaml"
    line = "  - id: c\n    all: {preferred: Some Term}\n"
    big.write_text("format: termcheck-glossary/1\nconcepts:\n" + line * (50 * 1024 * 1024 // len(line)))
    code, text = glossary_run(capsys, big)
    assert code == ExitCode.USAGE
    assert f"{big}: too large (50.0 MiB; the limit for a YAML file is 2 MiB): split it" in text
