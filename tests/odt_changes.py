"""How LibreOffice understands the tracked changes of a Word document.

:func:`convert` has a headless LibreOffice convert a ``.docx`` to OpenDocument; in the
``.odt`` LibreOffice keeps each tracked change as a ``text:changed-region`` (type,
author, date; a deletion holds the deleted text) and marks its place in the body. From
that, :func:`texts` gives the document's text with every change accepted and with every
change rejected, exactly as LibreOffice would show it after "Accept All" / "Reject All".
"""
from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from lxml import etree

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def _t(name: str) -> str:
    return f"{{{TEXT}}}{name}"


def convert(docx: Path, outdir: Path, profile: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "odt", "--outdir", str(outdir), str(docx)],
                   check=True, capture_output=True, timeout=300)
    out = outdir / (docx.stem + ".odt")
    assert out.exists(), f"LibreOffice did not convert {docx}"
    return out


def changes(odt: Path) -> list[dict]:
    """The tracked changes: ``{"id", "type", "author", "date", "text"}`` each."""
    root = etree.fromstring(zipfile.ZipFile(odt).read("content.xml"))
    out = []
    for region in root.iter(_t("changed-region")):
        kinds = [c for c in region if isinstance(c.tag, str)]
        kind = kinds[0]
        info = kind.find(f"{{{OFFICE}}}change-info")
        deleted = " ".join("".join(p.itertext()) for p in kind.iter(_t("p"), _t("h")))
        # a deletion of text someone else inserted (a stacked change) also holds the insertion
        stacked = [etree.QName(k).localname for k in kinds[1:]]
        out.append({"id": region.get(_t("id")), "type": etree.QName(kind).localname,
                    "author": info.findtext(f"{{{DC}}}creator"), "date": info.findtext(f"{{{DC}}}date"),
                    "text": deleted, "stacked": stacked})
    return out


def texts(odt: Path) -> tuple[str, str]:
    """(text with all changes accepted, text with all changes rejected): paragraphs
    joined by newlines, as LibreOffice holds them."""
    root = etree.fromstring(zipfile.ZipFile(odt).read("content.xml"))
    found = {c["id"]: c for c in changes(odt)}
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    return _text(body, found, accept=True), _text(body, found, accept=False)


def _text(body, found: dict, accept: bool) -> str:
    out: list[str] = []
    skipping: set[str] = set()

    def walk(el) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname if child.tag.startswith(f"{{{TEXT}}}") else ""
            if name == "tracked-changes":
                continue
            if name == "change-start":
                if not accept and found.get(child.get(_t("change-id")), {}).get("type") == "insertion":
                    skipping.add(child.get(_t("change-id")))
            elif name == "change-end":
                skipping.discard(child.get(_t("change-id")))
            elif name == "change":
                c = found.get(child.get(_t("change-id")), {})
                # rejected, a deletion brings its text back, unless that text was itself
                # a (now rejected) insertion
                if not accept and c.get("type") == "deletion" and "insertion" not in c["stacked"] \
                        and not skipping:
                    out.append(c["text"])
            elif not skipping:
                if name == "s":
                    out.append(" " * int(child.get(_t("c"), "1")))
                elif name == "tab":
                    out.append("\t")
                elif name == "line-break":
                    out.append("\n")
                elif child.text:
                    out.append(child.text)
                if name not in ("s", "tab", "line-break"):
                    walk(child)
                if name in ("p", "h"):
                    out.append("\n")
            else:
                walk(child)
            if child.tail and not skipping:
                out.append(child.tail)

    walk(body)
    return "".join(out)
