"""Spreadsheet reader (``.xlsx``, ``.xlsm``), built on openpyxl in read-only mode (rows
are streamed, so a large sheet is not held in memory as cell objects).

Every worksheet is read, hidden ones too, in workbook order (chart sheets have no
cells). Each cell holding text is one :class:`Block` with ``Location(sheet, cell)``,
``cell`` an A1 reference such as ``B7``. Numbers, dates and booleans are not scanned as
blocks, but every cell's value is in the block's ``row`` (the text of each cell of its
row, from column A), and ``Block.cell`` is its column index, so a two-column
abbreviations sheet defines acronyms as a table does. Formulas are read as their last
computed values (as saved by the spreadsheet program); comments are not read.

The package is checked by :mod:`termcheck.readers.package` (zip bomb limits, no DTDs)
before openpyxl opens it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import ReadError
from ..model import Block, Location
from .package import guarded_blocks, open_package

WHAT = "Excel workbook"


def read(path: Path) -> Iterator[Block]:
    path = Path(path)
    with open_package(path, WHAT) as package:
        names = set(package.namelist())
    if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
        if "mimetype" in names:
            raise ReadError(f"not an {WHAT}: an OpenDocument file renamed .xlsx (save it as .xlsx)")
        raise ReadError(f"not an {WHAT}: the zip package has no xl/workbook.xml")
    return guarded_blocks(lambda: _blocks(path), WHAT, "an", "workbook")


def _blocks(path: Path) -> Iterator[Block]:
    import warnings

    import openpyxl
    from openpyxl.utils import get_column_letter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "unknown extension" and the like
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        for sheet in book.worksheets:
            name = sheet.title
            for number, values in enumerate(sheet.iter_rows(min_row=1, min_col=1, values_only=True), 1):
                if not any(isinstance(v, str) and v.strip() for v in values):
                    continue
                row = tuple(_text(v) for v in values)
                for index, value in enumerate(values):
                    if isinstance(value, str) and value.strip():
                        ref = f"{get_column_letter(index + 1)}{number}"
                        yield Block(value, Location(sheet=name, cell=ref), row=row, cell=index)
    finally:
        book.close()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())
