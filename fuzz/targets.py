"""Fuzz targets: the readers (from bytes and from text) and the matcher.

Each target takes one generated input and must either succeed or raise
:class:`termcheck.errors.ReadError` / :class:`termcheck.errors.TermcheckError` (the
one-line errors a user sees); any other exception is a bug. Targets also check a few
invariants of what they return (block locations, finding spans).

Used by ``fuzz/run.py`` (the long run) and ``tests/test_fuzz_smoke.py`` (a few hundred
examples in the normal test run, so the harness cannot rot).
"""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from hypothesis import strategies as st

from termcheck.errors import ReadError, TermcheckError
from termcheck.model import Block

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = {
    ".docx": FIXTURES / "word" / "features.docx",
    ".odt": FIXTURES / "formats" / "report.odt",
    ".xlsx": FIXTURES / "formats" / "milestones.xlsx",
    ".pptx": FIXTURES / "formats" / "briefing.pptx",
    ".html": FIXTURES / "formats" / "page.html",
}

COUNTS: dict[str, int] = {}
_TMP = Path(tempfile.mkdtemp(prefix="termcheck-fuzz-"))


def _count(name: str) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + 1


def check_blocks(blocks: list[Block]) -> None:
    for b in blocks:
        assert isinstance(b.text, str)
        for a in b.anchors:
            assert 0 <= a.offset <= len(b.text), (a, len(b.text))
            assert a.line >= 1 and a.column >= 1
        if b.cell is not None:
            assert b.row is not None and 0 <= b.cell < len(b.row)
        for start, end, _rules in b.ignore:
            assert 0 <= start <= end
        b.location.describe()
        for offset in (0, len(b.text) // 2, len(b.text)):
            b.location_at(offset)


def read_file(data: bytes, suffix: str) -> None:
    """Write ``data`` to a file with ``suffix`` and read it through the registry."""
    from termcheck.readers import read_blocks

    path = _TMP / f"input{suffix}"
    path.write_bytes(data)
    try:
        check_blocks(read_blocks(path))
    except ReadError as err:
        assert str(err) and "\n" not in str(err), repr(str(err))


# --- strategies --------------------------------------------------------------------------

TERMS = ["Load Shaping System", "Load Shaping Service", "Systems Integration Testing",
         "System Integration Testing", "SIT", "Tranche", "Wave", "Data Integration Platform (DIP)",
         "DIP", "Pre-Integration Testing", "pit", "E2E", "MHHS", "Load-Shaping Sytem"]
MARKUP = ["# ", "## ", "\n", "\n\n", "| a | b |\n|---|---|\n| ", " | ", "`", "```\n", "**", "_",
          "[", "](http://x.org/a_b)", "<!-- ", " -->", "> ", "- ", "1. ", "\\", "&amp;", "&#x41;",
          "<b>", "</b>", "<p>", "</p>", "<table><tr><td>", "</td></tr></table>", "<script>", "<pre>",
          "<code>", "</code>", "---\n", "\r\n", "\t", "\u00ad", "\u2011", "\ufeff", "termcheck: ignore",
          "<!-- termcheck: ignore -->", "(", ")", ":", ".", " "]
pieces = st.one_of(st.sampled_from(TERMS), st.sampled_from(MARKUP), st.text(max_size=12))
doc_text = st.lists(pieces, max_size=40).map("".join)


@st.composite
def mutated(draw, seed: bytes):
    """``seed`` with a few random byte-level mutations (flips, cuts, splices, repeats)."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            del data[pos:pos + draw(st.integers(1, 64))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=32))
        elif op == "repeat":
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 64))] * draw(st.integers(1, 4))
        else:
            del data[pos:]
    return bytes(data)


@st.composite
def repacked(draw, seed: Path):
    """The seed package with one XML part's text mutated (so the zip itself is valid)."""
    with zipfile.ZipFile(seed) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = sorted(n for n in parts if n.endswith((".xml", ".rels")))
    name = draw(st.sampled_from(xml))
    text = parts[name].decode("utf-8", "replace")
    pos = draw(st.integers(0, len(text)))
    op = draw(st.sampled_from(["insert", "cut", "replace"]))
    insert = draw(st.one_of(doc_text, st.sampled_from([
        "<", ">", "&", "&lt;", "<!DOCTYPE x>", "<?pi?>", "<![CDATA[x]]>", "</w:p>", "<w:p>",
        '<w:t xml:space="preserve">', "<a:t>", "</a:t>", "<text:p>", "<text:s text:c=\"-5\"/>",
        "<w:tbl><w:tr><w:tc>", "<c r=\"ZZZ99999999\" t=\"s\"><v>99999</v></c>", "<v>-1</v>"])))
    if op == "insert":
        text = text[:pos] + insert + text[pos:]
    elif op == "cut":
        text = text[:pos] + text[pos + draw(st.integers(1, 200)):]
    else:
        text = text[:pos] + insert + text[pos + len(insert):]
    parts[name] = text.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return buf.getvalue()


# --- targets ------------------------------------------------------------------------------

def target_decode(data: bytes) -> None:
    from termcheck.readers.text import decode

    _count("text.decode")
    try:
        text = decode(data)
    except ReadError as err:
        assert "\n" not in str(err)
        return
    assert "\r" not in text


def target_markdown(text: str) -> None:
    from termcheck import suppress
    from termcheck.readers.markdown import blocks_from_string

    _count("markdown")
    try:
        blocks = list(blocks_from_string(text))
        blocks = suppress.apply(blocks, text)
    except ReadError as err:
        assert "\n" not in str(err)
        return
    check_blocks(blocks)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for b in blocks:
        assert 1 <= b.location.line <= max(1, len(lines)), (b.location, len(lines))


def target_text(text: str) -> None:
    from termcheck import suppress
    from termcheck.readers.text import paragraphs

    _count("text")
    check_blocks(suppress.apply(list(paragraphs(text)), text, plain=True))


def target_html(text: str) -> None:
    from termcheck.readers.html import blocks_from_string

    _count("html")
    try:
        check_blocks(blocks_from_string(text))
    except ReadError as err:
        assert "\n" not in str(err)


def target_file(data: bytes, suffix: str) -> None:
    _count(f"file{suffix}")
    read_file(data, suffix)


_SCANNERS: dict[str, object] = {}


def scanner(which: str):
    if which not in _SCANNERS:
        from termcheck.engine import Scanner
        from termcheck.glossary import load_glossaries

        _SCANNERS[which] = Scanner(load_glossaries([ROOT / "termcheck" / "data" / "mhhs.yaml"]))
    return _SCANNERS[which]


def target_matcher(text: str, vocabulary: str | None) -> None:
    _count("matcher")
    result = scanner("mhhs").check_text(text, vocabulary)
    for f in result.findings:
        assert f.found and f.rule
        if f.span is not None:
            s, e = f.span
            assert 0 <= s <= e <= len(f.context)
        loc = f.location
        assert loc.line is None or loc.line >= 1


def target_yaml(text: str) -> None:
    from termcheck.glossary import load_glossaries

    _count("glossary")
    path = _TMP / "glossary.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_glossaries([path])
    except TermcheckError as err:
        assert str(err)


yaml_text = st.lists(st.one_of(
    st.sampled_from(["format: termcheck-glossary/1\n", "vocabularies:\n", "  a: {title: A}\n",
                     "concepts:\n", "  - id: x\n", "    all: {preferred: ", "Load Shaping}\n",
                     "    a: {preferred: X, acronym: XY}\n", "&a ", "*a", "[", "]", "{", "}", ": ",
                     "- ", "\n", "  ", "!!python/object:os.system ", "? ", "|\n", "%YAML 1.1\n---\n"]),
    st.text(max_size=10)), max_size=30).map("".join)


def cleanup() -> None:
    for p in _TMP.iterdir():
        try:
            p.unlink()
        except OSError:
            pass
    try:
        os.rmdir(_TMP)
    except OSError:
        pass
