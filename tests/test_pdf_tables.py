"""PDF tables are read cell by cell: a phrase wrapped inside a cell stays whole.

tests/fixtures/pdf/table.pdf is made by LibreOffice from table.fodt beside it (rebuild:
sh tests/fixtures/pdf/build.sh). Its middle column wraps "Data Integration | Platform
(DIP)" over two lines; read line by line across the page, the row's other cells came
between the two halves and the definition was lost (a false acronym-undefined).
"""
from __future__ import annotations

import json
from pathlib import Path

from termcheck.cli import ExitCode, main
from termcheck.readers import read_blocks
from termcheck.readers import pdf as pdf_reader

TABLE_PDF = Path(__file__).resolve().parent / "fixtures" / "pdf" / "table.pdf"


def test_cells_are_blocks_in_reading_order():
    blocks = read_blocks(TABLE_PDF)
    texts = [" ".join(b.text.split()) for b in blocks]
    assert texts == [
        "Test stages and platforms",
        "Each stage below names the platform its messages pass over and who runs it.",
        "Stage", "Platform", "Run by",
        "Central system checks before the first cycle",
        "Messages pass over the Data Integration Platform (DIP) from the first cycle onwards.",
        "The Systems Integrator and the service providers",
        "Qualification Testing for each participant",
        "Each participant sends its test messages to the central systems over the DIP.",
        "Each participant, with the code bodies",
        "The DIP keeps a log of every message it carries.",
    ]
    cell = blocks[6]
    assert (cell.cell, len(cell.row)) == (1, 3) and cell.row[0] == "Central system checks before the first cycle"
    assert blocks[1].cell is None and blocks[-1].row is None
    # the cell's second line keeps its place: the row's second visual line on page 1
    loc = cell.location_at(cell.text.index("Platform (DIP)"))
    assert loc.page == 1 and loc.line == cell.location.line + 1
    # cells of one row share their first line number, as a reader counts lines
    assert blocks[5].location.line == blocks[6].location.line == blocks[7].location.line


def test_definition_in_a_table_cell_is_not_split(capsys):
    code = main(["scan", str(TABLE_PDF), "--vocabulary", "strategy", "--format", "json", "--no-config"])
    data = json.loads(capsys.readouterr().out)
    assert code == ExitCode.OK, data["findings"]
    assert [f for f in data["findings"] if f["rule"] == "acronym-undefined"] == []


def test_the_old_line_by_line_reading_did_split_it(monkeypatch):
    """Without the table finder, the fixture shows the fault the cell reading fixes."""
    monkeypatch.setattr(pdf_reader, "_tables", lambda page: [])
    joined = "\n".join(b.text for b in read_blocks(TABLE_PDF))
    assert "Data Integration Platform" not in " ".join(joined.split())
    assert "the Data Integration The Systems Integrator" in joined
