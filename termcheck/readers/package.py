"""Safe opening of Office packages (zip + XML) shared by the .docx, .odt, .xlsx and .pptx
readers, so that a hostile file gets a one-line :class:`ReadError` and never a
traceback, a fetched URL or an exhausted machine.

Limits (checked on the zip's central directory, *before* anything is inflated)
    * one XML part may inflate to at most :data:`MAX_PART_BYTES` (128 MiB);
    * all XML parts together to at most :data:`MAX_TOTAL_BYTES` (256 MiB);
    * an XML part over 1 MiB may not be more than :data:`MAX_RATIO` (200) times its
      compressed size (ordinary XML compresses 5-30 times; a zip bomb 1,000 times).

    A part whose header under-states its size cannot get past them either: the zip
    module stops inflating at the declared size (and then fails its CRC check).

XML
    Parsed with lxml without entity resolution, network access, DTD loading or the
    "huge tree" relaxation (so elements nest at most 256 deep and one text node holds
    at most 10 MB). A part with a document type declaration is refused outright:
    Office Open XML and OpenDocument never have one, and it is what entity-expansion
    bombs ("billion laughs") and external-entity references (XXE) need. Every XML part
    of a package is checked for one when the package is opened (its prolog, up to the
    root element, read as a stream; a prolog over 1 MiB is refused too), so this covers
    the parts that openpyxl and python-pptx parse themselves.

OLE compound files
    A file that starts with the OLE signature ``D0 CF 11 E0`` is no zip package: it is a
    password-protected Office file (its streams ``EncryptionInfo`` and
    ``EncryptedPackage``) or a legacy binary one (.doc, .xls, .ppt). The message says
    which, and how to get a file termcheck can read.
"""
from __future__ import annotations

import mmap
import zipfile
import zlib
from pathlib import Path

from ..errors import ReadError

MAX_PART_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
RATIO_FROM = 1024 * 1024  # the ratio limit applies to parts larger than this
PROLOG_LIMIT = 1024 * 1024  # how far a part is read looking for its root element

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# the stream names of an OLE file (UTF-16LE in its directory) that say what it holds
_OLE_KINDS = (
    ("EncryptedPackage", "encrypted"),
    ("EncryptionInfo", "encrypted"),
    ("WordDocument", "Word 97-2003 document (.doc)"),
    ("Workbook", "Excel 97-2003 workbook (.xls)"),
    ("Book", "Excel 5.0/95 workbook (.xls)"),
    ("PowerPoint Document", "PowerPoint 97-2003 presentation (.ppt)"),
)
_MODERN = {"Word 97-2003 document (.doc)": "docx", "Excel 97-2003 workbook (.xls)": "xlsx",
           "Excel 5.0/95 workbook (.xls)": "xlsx", "PowerPoint 97-2003 presentation (.ppt)": "pptx"}


def _xml_part(name: str) -> bool:
    low = name.lower()
    return low.endswith((".xml", ".rels", ".vml")) or low == "mimetype"


def is_ole(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(8) == OLE_SIGNATURE


def ole_message(path: Path) -> str:
    """Why an OLE compound file cannot be read, found from its stream names."""
    found = None
    with open(path, "rb") as fh:
        try:
            view = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            view = None
        if view is not None:
            with view:
                for stream, kind in _OLE_KINDS:
                    if view.find(stream.encode("utf-16-le") + b"\x00\x00") >= 0:
                        found = kind
                        break
    if found == "encrypted":
        return ("an encrypted (password-protected) Office file: termcheck cannot read it; "
                "remove the password (save a copy without one) and scan that")
    if found is not None:
        return (f"a legacy binary {found}: termcheck cannot read it; convert it, e.g. "
                f"soffice --headless --convert-to {_MODERN[found]} FILE")
    return ("an encrypted or legacy binary Office file (an OLE compound file, not a zip "
            "package): remove any password and save it as .docx, .xlsx or .pptx")


def open_package(path: Path | bytes, what: str) -> zipfile.ZipFile:
    """The zip package at ``path`` (or held in memory: bytes), checked against the
    limits and for DTDs.

    ``what`` names the format in messages: ``"Word document"`` gives
    ``not a Word document: not a zip package``."""
    if isinstance(path, bytes):
        if path[:8] == OLE_SIGNATURE:
            raise ReadError(f"not a {what}: an encrypted (password-protected) or legacy binary Office file")
        from io import BytesIO

        source = BytesIO(path)
    else:
        path = source = Path(path)
        if is_ole(path):
            raise ReadError(f"not a {what}: {ole_message(path)}")
    try:
        package = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise ReadError(f"not a {what}: not a zip package") from None
    except (zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as err:
        raise ReadError(f"not a {what}: damaged zip package ({err})") from None
    try:
        check_limits(package)
        for info in package.infolist():
            if _xml_part(info.filename) and not info.is_dir():
                _check_prolog(package, info)
    except ReadError:
        package.close()
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError) as err:
        package.close()
        # RuntimeError: a member encrypted with a zip password
        raise ReadError(f"not a {what}: damaged zip package ({err})") from None
    except BaseException:
        package.close()
        raise
    return package


def check_limits(package: zipfile.ZipFile) -> None:
    """Refuse a zip bomb from the sizes the central directory declares."""
    total = 0
    for info in package.infolist():
        if not _xml_part(info.filename):
            continue
        size = info.file_size
        if size > MAX_PART_BYTES:
            raise ReadError(f"refused: part {info.filename} would inflate to {_mib(size)} "
                            f"(limit {_mib(MAX_PART_BYTES)}): a zip bomb?")
        if size > RATIO_FROM and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise ReadError(f"refused: part {info.filename} is compressed {ratio}:1 "
                            f"(limit {MAX_RATIO}:1): a zip bomb?")
        total += size
        if total > MAX_TOTAL_BYTES:
            raise ReadError(f"refused: the XML parts would inflate to over {_mib(MAX_TOTAL_BYTES)} "
                            f"in all: a zip bomb?")


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MiB"


DTD_REFUSED = ("has a document type declaration (entities there could be an expansion bomb "
               "or fetch a file); Office files never have one")


def _check_prolog(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse a part whose prolog (what comes before the root element) holds a DTD."""
    seen = b""
    with package.open(info) as fh:
        while len(seen) < PROLOG_LIMIT:
            chunk = fh.read(4096)
            if not chunk:
                break
            seen += chunk
            if _prolog_verdict(seen, info.filename):
                return
    if len(seen) >= PROLOG_LIMIT:
        raise ReadError(f"refused: XML part {info.filename} has over {_mib(PROLOG_LIMIT)} before its "
                        "root element")


def _prolog_verdict(data: bytes, name: str) -> bool:
    """True once ``data`` is known to have a clean prolog; :class:`ReadError` for a DTD."""
    text = _ascii_view(data)
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise ReadError(f"refused: XML part {name} {DTD_REFUSED}")
    return _past_prolog(text)


def _ascii_view(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        data = data.replace(b"\x00", b"")  # UTF-16 XML: ASCII markup with zero bytes between
    return data.decode("latin-1")


def _past_prolog(text: str) -> bool:
    """True once the root element's start tag is in ``text``."""
    pos = 0
    while True:
        lt = text.find("<", pos)
        if lt < 0 or lt + 1 >= len(text):
            return False
        nxt = text[lt + 1]
        if nxt == "?":
            end = text.find("?>", lt)
        elif text.startswith("<!--", lt):
            end = text.find("-->", lt)
        elif nxt == "!":
            return False  # a declaration we have not refused: keep reading to be sure
        else:
            return True
        if end < 0:
            return False
        pos = end + 2


def read_part(package: zipfile.ZipFile, name: str, what: str) -> bytes:
    try:
        info = package.getinfo(name)
    except KeyError:
        raise ReadError(f"not a {what}: {name} is missing") from None
    with package.open(info) as fh:
        data = fh.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise ReadError(f"refused: part {name} inflates to over {_mib(MAX_PART_BYTES)}")
    return data


def xml_parser(keep_markup: bool = False):
    """``keep_markup``: keep comments and processing instructions (to write the part
    back, as ``termcheck fix`` does)."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=not keep_markup, remove_pis=not keep_markup)


def parse_xml(data: bytes, name: str, what: str, keep_markup: bool = False):
    """The root element of one XML part, parsed safely (see the module notes)."""
    from lxml import etree

    _prolog_verdict(data[:PROLOG_LIMIT], name)
    try:
        root = etree.fromstring(data, xml_parser(keep_markup))
    except etree.XMLSyntaxError as err:
        text = " ".join(str(err).split())  # libxml2 messages can hold line breaks
        if "depth" in text.lower() or "nested" in text.lower():
            raise ReadError(f"refused: XML in {name} is nested too deeply (over 256 levels)") from None
        if "amplification" in text.lower():
            raise ReadError(f"refused: XML part {name} {DTD_REFUSED}") from None
        raise ReadError(f"not a {what}: damaged XML in {name} ({text})") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise ReadError(f"refused: XML part {name} {DTD_REFUSED}")
    return root


def guarded_blocks(read, what: str, article: str, thing: str):
    """``read()``'s blocks, read whole, with the many errors a third-party parser
    (openpyxl, python-pptx) raises for a damaged file turned into one-line read errors."""
    try:
        return iter(list(read()))
    except ReadError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError) as err:
        raise ReadError(f"not {article} {what}: damaged zip package ({err})") from None
    except RecursionError:
        raise ReadError(f"refused: the {thing} is nested too deeply") from None
    except Exception as err:  # noqa: BLE001 - whatever the parser raises for a damaged file
        raise ReadError(f"cannot read {what} ({type(err).__name__}: {err})") from None
