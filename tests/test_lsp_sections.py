"""The language server reads Markdown section by section; it must give exactly the blocks
the Markdown reader gives for the whole document, whatever the edit."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from termcheck.lsp.sections import SectionReader, cuts
from termcheck.readers.markdown import from_string

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted(p for p in ROOT.rglob("*.md") if ".venv" not in p.parts and "node_modules" not in p.parts)

# lines whose insertion or removal changes how the lines around them parse
PIECES = ["# Heading", "", "", "```", "~~~", "````", "- item", "  - nested", "    code", "> quote", "> ```",
          "| a | b |", "| --- | --- |", "---", "...", "Tranche text", "<!-- termcheck: off -->",
          "<!-- termcheck: ignore --> x", "<!-- x", "-->", "[ref]: http://x", "Text [link][ref] here",
          "Setext", "===", "## Sub", "<div>", "</div>", "1. one", "   # indented heading", "\t# tab", "#",
          "#nospace", "  ```", "```python", "``` inline ` tick", "* * *", "+ plus", "    # code heading",
          "1. ```", "- ```", "> # quoted heading", "\t```", "<https://x.example/a>", "<div class=x>"]


def test_repository_documents_read_the_same_in_sections():
    reader = SectionReader()
    sectioned = 0
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        assert reader.blocks(text) == from_string(text), path
        starts = cuts(text.split("\n"))
        sectioned += bool(starts and len(starts) > 1)
    assert sectioned >= 5  # the fast path is really taken


@pytest.mark.parametrize("seed", range(3))
def test_random_edits_read_the_same_in_sections(seed):
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in DOCS]
    reader = SectionReader()
    for _ in range(150):
        lines = rng.choice(texts).split("\n")
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(lines) + 1)
            if rng.random() < 0.75:
                lines.insert(i, rng.choice(PIECES))
            elif lines:
                del lines[min(i, len(lines) - 1)]
        text = "\n".join(lines)
        if rng.random() < 0.1:
            text = text.replace("\n", "\r\n")
        assert reader.blocks(text) == from_string(text), text


def test_an_edit_parses_only_its_section_and_cases_that_need_the_whole():
    sections = [f"# Part {k}\n\nThe Tranche {k} starts.\n" for k in range(10)]
    reader = SectionReader()
    reader.blocks("\n".join(sections))
    assert reader.parsed == 10
    sections[4] = sections[4].replace("starts", "ends")
    edited = "\n".join(sections)
    assert reader.blocks(edited) == from_string(edited)
    assert reader.parsed == 11  # one section again
    blocks = reader.blocks(edited)
    assert [b.location.line for b in blocks if "ends" in b.text] == [19]  # 4 lines a section
    assert cuts(("[x]: http://e.org\n\n# A\n\ntext").split("\n")) is not None  # cuts alone ignore references
    for whole in ("[x]: http://e.org\n\n# A\n\n[t][x]\n", "<!--\n\n# A\n\n-->\n", "- a\n\n  ```\n\n# A\n"):
        before = reader.parsed
        assert reader.blocks(whole) == from_string(whole)
        assert reader.parsed == before + 1  # read whole
