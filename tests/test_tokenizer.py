"""termcheck's tokenizer (termcheck/tokenizer.py) cuts text exactly as spaCy's blank
English tokenizer does, without importing spaCy on the scanning path."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from termcheck import tokenizer as tk

ROOT = Path(__file__).resolve().parent.parent
SHARED_DEV = ROOT.parent / "shared" / "eval" / "dev"


@pytest.fixture(scope="module")
def spacy_tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


@pytest.fixture(scope="module")
def ours():
    return tk.ChunkTokenizer(tk.table_from_spacy())


def _spacy_spans(tokenizer, text):
    return [(t.idx, t.idx + len(t.text)) for t in tokenizer(text) if not t.is_space]


def _texts():
    suffixes = {".md", ".txt", ".fodt", ".html", ".yaml"}
    folders = [ROOT / "corpora", ROOT / "tests", ROOT / "termcheck" / "data", SHARED_DEV]
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.suffix in suffixes and path.is_file():
                    yield path, path.read_text(encoding="utf-8", errors="replace")


def test_every_corpus_and_fixture_text_is_cut_as_spacy_cuts_it(spacy_tokenizer, ours):
    paragraphs = 0
    for path, text in _texts():
        for para in text.split("\n\n"):
            paragraphs += 1
            assert ours.spans(para) == _spacy_spans(spacy_tokenizer, para), (path, para[:200])
    assert paragraphs > 500


# characters and strings where spaCy's rules interact: affixes, infixes, URLs, special
# cases (contractions, abbreviations, emoticons), and white space of every kind
_PIECES = list("aAbZe.g,;:!?()[]{}'\"-–—/\\&%$£€0129 \n\t\xa0@#*+=<>_~`’‘“”…°´") + [
    "http://x.com/a?b", "www.a.org", "e.g.", "a.m.", "'s", "n't", "U.K.", "Dr.", ":)", "(:", "[:",
    "can't", "MHHS-DIP004", "10km", "3.5", "1,000", "  ", "Pre-Integration", "E2E", "and/or"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=14).map("".join))
def test_generated_text_is_cut_as_spacy_cuts_it(text):
    assert _cached_ours().spans(text) == _spacy_spans(_cached_spacy(), text)


_CACHE: dict = {}


def _cached_spacy():
    if "spacy" not in _CACHE:
        import spacy

        _CACHE["spacy"] = spacy.blank("en").tokenizer
    return _CACHE["spacy"]


def _cached_ours():
    if "ours" not in _CACHE:
        _CACHE["ours"] = tk.ChunkTokenizer(tk.table_from_spacy())
    return _CACHE["ours"]


def test_a_special_case_across_a_single_space_hides_one_inside_a_chunk(spacy_tokenizer, ours):
    # spaCy's matcher finds "[ :" (the case "[:" across a space), which keeps ":)" whole
    # pieces; across a line break nothing is matched and ":)" is one token
    for text in ("[ :)", "[\n:)", "x:)", "(e.g.) it's", "Dr.g:)\n:)"):
        assert ours.spans(text) == _spacy_spans(spacy_tokenizer, text), text


def _run(code: str, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)


SCAN_AND_REPORT = """
import json, sys
from termcheck.cli import main
code = main(["scan", "corpora/timetable/programme-update.md", "-f", "json", "--no-cache", "--no-config",
             "-o", "{out}"])
print(json.dumps({{"spacy": "spacy" in sys.modules, "code": code}}))
"""


def test_a_scan_imports_spacy_only_to_build_the_table_once(tmp_path):
    cache = tmp_path / "cache"
    first = _run(SCAN_AND_REPORT.format(out=tmp_path / "a.json"), cache)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout.splitlines()[-1])["spacy"] is True  # the table is built from spaCy
    assert list((cache / "termcheck").glob("tokenizer-spacy*.marshal"))
    second = _run(SCAN_AND_REPORT.format(out=tmp_path / "b.json"), cache)
    assert json.loads(second.stdout.splitlines()[-1])["spacy"] is False
    a, b = (json.loads((tmp_path / n).read_text()) for n in ("a.json", "b.json"))
    assert a["findings"] == b["findings"] and a["findings"]


def test_a_corrupt_or_stale_table_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    version = tk._spacy_version()
    path = tk._cache_file(version)
    path.parent.mkdir(parents=True)
    for junk in (b"not marshal data", __import__("marshal").dumps({"version": "0.0.1"})):
        path.write_bytes(junk)
        tk.chunk_tokenizer.cache_clear()
        try:
            assert tk.chunk_tokenizer().spans("Pre-Integration Testing (PIT).") == \
                [(0, 3), (3, 4), (4, 15), (16, 23), (24, 25), (25, 28), (28, 29), (29, 30)]
        finally:
            tk.chunk_tokenizer.cache_clear()
        assert __import__("marshal").loads(path.read_bytes())["version"] == version


def test_an_unwritable_cache_folder_still_tokenizes(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    tk.chunk_tokenizer.cache_clear()
    try:
        assert tk.chunk_tokenizer().spans("can't stop") == [(0, 2), (2, 5), (6, 10)]
    finally:
        tk.chunk_tokenizer.cache_clear()


def test_the_memo_is_emptied_between_texts_and_still_cuts_right(ours, monkeypatch):
    monkeypatch.setattr(tk, "MEMO_LIMIT", 3)
    text = "one, two. (three) four-five can't six! seven."
    first = ours.tokens(text)
    assert len(ours.memo) > 3  # filled past the limit by one text ...
    assert ours.tokens(text) == first  # ... emptied before the next, same tokens
    assert len(ours.memo) == len(set(text.split()))


def test_marks_spacy_leaves_on_an_acronym_are_split_off_for_termcheck():
    """The one deliberate difference from spaCy (``split_marks``, on for scans): a full
    stop after an acronym with an ampersand and a slash after a word become tokens of
    their own, so ``A&E.`` and ``CRF/`` hold the acronyms; nothing else moves."""
    table = tk.table_from_spacy()
    plain, marked = tk.ChunkTokenizer(table), tk.ChunkTokenizer(table, split_marks=True)
    text = "Go to A&E. Sample CRF/ QLQ and/ or U.K. staff at http://x.example.org/a/ today."
    assert [text[s:e] for s, e in plain.spans(text)].count("A&E.") == 1  # spaCy's own cut
    got = [text[s:e] for s, e in marked.spans(text)]
    assert got[2:5] == ["A&E", ".", "Sample"] and got[5:7] == ["CRF", "/"] and got[8:10] == ["and", "/"]
    assert "U.K." in got and "http://x.example.org/a/" in got
    tail = "the new eNodeB. Mr. Smith"
    assert [tail[s:e] for s, e in marked.spans(tail)] == ["the", "new", "eNodeB", ".", "Mr.", "Smith"]
    assert tk.chunk_tokenizer().split_marks
