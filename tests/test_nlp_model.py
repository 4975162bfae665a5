"""The optional statistical pipeline (--nlp-model): loaded for real from a folder, used
only to trim unknown-term phrases, and named in the report. The default path needs none."""
from __future__ import annotations

import json

import pytest
import spacy

from termcheck.cli import ExitCode, main

TEXT = ("The Steering Board Approved the plan in May. "
        "Later the Steering Board Approved the budget as well.\n")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    """A small real spaCy pipeline: an attribute ruler that assigns part-of-speech tags."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for word, pos in (("Steering", "ADJ"), ("Board", "NOUN"), ("Approved", "VERB"), ("Later", "ADV")):
        ruler.add(patterns=[[{"ORTH": word}]], attrs={"POS": pos})
    path = tmp_path_factory.mktemp("model") / "tiny-tagger"
    nlp.to_disk(path)
    return path


def unknown(capsys, tmp_path, *extra):
    doc = tmp_path / "minutes.md"
    doc.write_text(TEXT)
    code = main(["scan", str(doc), "-V", "strategy", "-f", "json", "--fail-on", "never", "--no-config", *extra])
    data = json.loads(capsys.readouterr().out)
    return code, [f["found"] for f in data["findings"] if f["rule"] == "unknown-term"], data["nlp"]


def test_default_path_is_rule_based(capsys, tmp_path):
    code, found, nlp = unknown(capsys, tmp_path)
    assert code == ExitCode.OK
    assert found == ["Steering Board Approved"]
    assert "rule-based" in nlp


def test_statistical_path_trims_phrases_to_a_noun(capsys, tmp_path, model_dir):
    code, found, nlp = unknown(capsys, tmp_path, "--nlp-model", str(model_dir))
    assert code == ExitCode.OK
    assert found == ["Steering Board"]
    assert str(model_dir) in nlp


def test_missing_model_is_a_usage_error(capsys, tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(TEXT)
    code = main(["scan", str(doc), "--no-config", "--nlp-model", "no_such_pipeline_xyz"])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE
    assert "nlp-model 'no_such_pipeline_xyz' cannot be loaded" in err and "Traceback" not in err


def test_model_without_tags_is_refused(capsys, tmp_path):
    path = tmp_path / "blank"
    spacy.blank("en").to_disk(path)
    doc = tmp_path / "a.md"
    doc.write_text(TEXT)
    assert main(["scan", str(doc), "--no-config", "--nlp-model", str(path)]) == ExitCode.USAGE
    assert "assigns no part-of-speech tags" in capsys.readouterr().err
