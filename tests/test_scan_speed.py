"""What makes a scan faster must not change what it finds: the scan cache, --jobs, and
the token arrays of :func:`termcheck.nlp.tokenize_many`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from termcheck.cli import bundled_glossary, main
from termcheck.engine import scan
from termcheck.glossary import load_glossaries
from termcheck.nlp import tokenize, tokenize_many
from termcheck.readers import read_blocks
from termcheck.scancache import ScanCache, default_dir

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "corpora", ROOT / "tests" / "heldout", ROOT / "tests" / "heldout2", ROOT / "tests" / "heldout3"]


def _glossary_of(folder: Path) -> str:
    own = folder / "glossary.yaml"
    return str(own if own.is_file() else bundled_glossary())


def _scan_json(capsys, folder: Path, *options: str) -> dict:
    code = main(["scan", str(folder), "--format", "json", "--fail-on", "never", "--no-config",
                 "--no-progress", "-g", _glossary_of(folder), *options])
    out = capsys.readouterr().out
    assert code in (0, 3), out
    return json.loads(out)


@pytest.mark.parametrize("folder", CORPORA, ids=[p.name for p in CORPORA])
def test_every_corpus_gives_the_same_json_with_and_without_cache_for_any_jobs(folder, capsys, tmp_path):
    cache = str(tmp_path / "cache")
    plain = _scan_json(capsys, folder, "--no-cache", "--jobs", "1")
    assert plain["findings"], "a corpus without findings would prove nothing"
    assert _scan_json(capsys, folder, "--no-cache", "--jobs", "2") == plain
    assert _scan_json(capsys, folder, "--cache-dir", cache, "--jobs", "2") == plain  # cold: writes
    assert list((tmp_path / "cache").rglob("*.json")), "the cold scan stored nothing"
    assert _scan_json(capsys, folder, "--cache-dir", cache, "--jobs", "1") == plain  # warm
    assert _scan_json(capsys, folder, "--cache-dir", cache, "--jobs", "2") == plain


def _doc(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    (folder / "a.md").write_text(text, encoding="utf-8")
    (folder / "b.md").write_text("The Tranche 1 plan and the Tranche 2 plan are agreed.\n", encoding="utf-8")
    return folder


def test_cache_hits_an_unchanged_file_and_misses_an_edited_one(tmp_path):
    glossary = load_glossaries([bundled_glossary()])
    folder = _doc(tmp_path, "Participants in Tranche 3 are ready.\n")
    cache = ScanCache(tmp_path / "cache")
    first = scan([folder], glossary, cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)
    again = scan([folder], glossary, cache=cache)
    assert cache.hits == 2
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in first.findings]
    assert [f.span for f in again.findings] == [f.span for f in first.findings]
    assert [d.usage for d in again.documents] == [d.usage for d in first.documents]
    (folder / "a.md").write_text("Participants in Tranche 3 and Tranche 4 are ready.\n", encoding="utf-8")
    edited = scan([folder], glossary, cache=cache)
    assert cache.hits == 3  # b.md only
    assert len(edited.findings) == len(first.findings) + 1


def test_other_settings_or_glossary_are_other_cache_entries(tmp_path):
    from termcheck.rules import Settings

    glossary = load_glossaries([bundled_glossary()])
    folder = _doc(tmp_path, "Participants in Tranche 3 are ready.\n")
    cache = ScanCache(tmp_path / "cache")
    scan([folder], glossary, cache=cache)
    only = scan([folder], glossary, Settings(enabled=frozenset({"near-miss"})), cache=cache)
    assert cache.hits == 0 and not only.findings
    small = load_glossaries([ROOT / "tests" / "heldout2" / "glossary.yaml"])
    scan([folder], small, cache=cache)
    assert cache.hits == 0


def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path):
    glossary = load_glossaries([bundled_glossary()])
    folder = _doc(tmp_path, "Participants in Tranche 3 are ready.\n")
    cache = ScanCache(tmp_path / "cache")
    first = scan([folder], glossary, cache=cache)
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 2
    entries[0].write_text('{"key": "truncated', encoding="utf-8")
    entries[1].write_text(json.dumps({"key": "another", "document": {}}), encoding="utf-8")
    again = scan([folder], glossary, cache=cache)
    assert (cache.hits, cache.misses) == (0, 4)
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in first.findings]
    scan([folder], glossary, cache=cache)
    assert cache.hits == 2  # rewritten by the scan that ignored them
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.name.startswith(".tmp-")]


def test_two_processes_scanning_at_once_share_the_cache_safely(tmp_path):
    folder = _doc(tmp_path, "Participants in Tranche 3 are ready. " * 200 + "\n")
    cache = tmp_path / "cache"
    cmd = [sys.executable, "-m", "termcheck", "scan", str(folder), "--format", "json", "--fail-on", "never",
           "--no-config", "--no-progress", "--cache-dir", str(cache), "--jobs", "2"]
    runs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
            for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], [err for _, err in outs]
    assert json.loads(outs[0][0]) == json.loads(outs[1][0])
    assert json.loads(outs[0][0])["findings"]
    warm = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert json.loads(warm.stdout) == json.loads(outs[0][0])
    assert len(list(cache.rglob("*.json"))) == 2


def test_a_rescan_answered_by_the_cache_loads_no_analysis_code(tmp_path):
    """Start-up is most of a cached rescan: the rules, matching, fuzzy index, tokenizer
    and readers' parsers are imported only when a document is actually checked."""
    folder = _doc(tmp_path, "Participants in Tranche 3 are ready.\n")
    cache = tmp_path / "cache"
    heavy = ("termcheck.rules.base", "termcheck.matching", "termcheck.fuzzy", "termcheck.nlp",
             "termcheck.sections", "rapidfuzz", "spacy", "markdown_it")
    code = ("import contextlib, io, json, sys\n"
            "from termcheck.cli import main\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            f"    main(['scan', {str(folder)!r}, '--format', 'json', '--fail-on', 'never', '--no-config',\n"
            f"          '--no-progress', '--jobs', '1', '--cache-dir', {str(cache)!r}])\n"
            f"print(json.dumps([[m for m in {heavy!r} if m in sys.modules], json.loads(out.getvalue())]))")
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                      check=True, cwd=tmp_path).stdout) for _ in range(2)]
    cold, warm = runs
    assert set(cold[0]) >= {"termcheck.rules.base", "termcheck.matching", "termcheck.nlp"}  # it did check
    assert warm[0] == []
    assert warm[1] == cold[1] and warm[1]["findings"]


def test_cache_folder_honours_xdg_cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_dir() == tmp_path / "xdg" / "termcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_dir() == tmp_path / "home" / ".cache" / "termcheck"


def test_default_cache_is_written_under_xdg_cache_home(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = _doc(tmp_path, "Participants in Tranche 3 are ready.\n")
    main(["scan", str(folder), "--format", "json", "--no-config", "--no-progress", "--jobs", "1"])
    capsys.readouterr()
    assert len(list((tmp_path / "xdg" / "termcheck").rglob("*.json"))) == 2


def test_jobs_must_be_a_positive_number(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["scan", ".", "--jobs", "0"])
    assert stop.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_token_arrays_equal_token_by_token_tokenizing():
    texts = ["", "  ", "foo ", " bar", "a\n", "\u00a0x\u00a0", "e.g. U.S. don't (SIT)", "http://x.y/z",
             "Pre-Integration Testing (PIT) starts 1.4.2025; E2E & QA&P."]
    for path in [*sorted((ROOT / "corpora").rglob("*.md")), *sorted((ROOT / "corpora").rglob("*.docx"))]:
        texts += [b.text for b in read_blocks(path)]
    assert tokenize_many(texts) == [tokenize(t) for t in texts]
    assert all(isinstance(t.text, str) and t.end - t.start == len(t.text) for toks in tokenize_many(texts) for t in toks)


def test_unreadable_file_is_an_error_with_jobs_and_cache(tmp_path, capsys):
    folder = _doc(tmp_path, "Participants in Tranche 3 are ready.\n")
    (folder / "c.docx").write_bytes(b"not a zip")
    for _ in range(2):
        code = main(["scan", str(folder), "--format", "json", "--fail-on", "never", "--no-config",
                     "--no-progress", "--cache-dir", str(tmp_path / "cache"), "--jobs", "2"])
        captured = capsys.readouterr()
        assert code == 3
        data = json.loads(captured.out)
        assert [e["path"] for e in data["errors"]] == [str(folder / "c.docx")]
        assert data["summary"]["files"] == 2
        assert "c.docx" in captured.err
