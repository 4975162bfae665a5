"""RTF reader (``.rtf``), with striprtf (imported only when an RTF file is read).

striprtf turns the document into plain text: a line per paragraph, and a line per table
row whose cells each end in ``|``. Each paragraph becomes a block; each cell of a row
becomes a block carrying its whole row (as the other readers do), so that an
abbreviations table defines its acronyms. Characters are decoded by the code page the
file declares (``\\ansicpg``), else Windows-1252. Headers, footers, footnotes, comments
and pictures are not read: striprtf skips those groups.

RTF has no lines a reader sees, so a location is ``body`` and the paragraph's number,
counting from the start of the document (a table cell counts as one), as for Word.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import ReadError
from ..model import Block, Location


def read(path: Path) -> Iterator[Block]:
    data = Path(path).read_bytes()
    if not data.lstrip()[:5] == b"{\\rtf":
        raise ReadError("not an RTF document (it does not start with {\\rtf)")
    from striprtf.striprtf import rtf_to_text

    try:  # RTF is 7-bit text; any other byte is read as itself (Latin-1 is lossless)
        text = rtf_to_text(data.decode("latin-1"), errors="replace")
    except Exception as err:  # the parser is not expected to fail; never leak a traceback
        raise ReadError(f"cannot read RTF ({type(err).__name__}: {err})") from None
    yield from blocks(text)


def blocks(text: str) -> Iterator[Block]:
    """The blocks of striprtf's text: a paragraph per line, a cell per ``|`` of a row."""
    number = 0
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        if line.rstrip().endswith("|"):
            row = tuple(" ".join(cell.split()) for cell in line.rstrip()[:-1].split("|"))
            for index, cell in enumerate(row):
                number += 1
                if cell:
                    yield Block(cell, Location(part="body", paragraph=number), row=row, cell=index)
            continue
        number += 1
        yield Block(" ".join(line.split()), Location(part="body", paragraph=number))
