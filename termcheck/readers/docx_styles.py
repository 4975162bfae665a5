"""Which paragraph styles of a Word document make headings (blocks under them carry the
heading's text) and which make table-of-contents entries (skipped: they repeat the
headings).

A style is a heading when its id or name starts with "heading" or "title", or when it
has an outline level, or when the style it is based on is one (followed up to 20 steps).
Documents made from one template share their styles part byte for byte, and reading it
was about a tenth of a document's time, so the answer is remembered by those bytes.
"""
from __future__ import annotations

from .package import parse_xml

# the answers for recent styles parts, by (namespace, the part's bytes)
_STYLES_SEEN: dict[tuple[str, bytes], tuple[dict[str, bool], frozenset[str]]] = {}
_STYLES_KEPT = 16


def styles_part(data: bytes, name: str, ns: str) -> tuple[dict[str, bool], set[str]]:
    """:func:`heading_styles` of the styles part ``data`` (part ``name``), remembered."""
    key = (ns, data)
    known = _STYLES_SEEN.get(key)
    if known is None:
        styles, toc = heading_styles(parse_xml(data, name, "Word document"), ns)
        if len(_STYLES_SEEN) >= _STYLES_KEPT:
            _STYLES_SEEN.clear()
        _STYLES_SEEN[key] = known = (styles, frozenset(toc))
    return dict(known[0]), set(known[1])


def heading_styles(root, ns: str) -> tuple[dict[str, bool], set[str]]:
    """``({style id: makes a heading}, {ids of contents-entry styles})`` of a styles part."""
    def w(tag: str) -> str:
        return f"{{{ns}}}{tag}"

    info: dict[str, tuple[str | None, bool | None]] = {}
    toc: set[str] = set()
    for st in root.iter(w("style")):
        if st.get(w("type")) not in (None, "paragraph"):
            continue
        sid = st.get(w("styleId")) or ""
        name_el = st.find(w("name"))
        name = (name_el.get(w("val")) if name_el is not None else None) or ""
        based = st.find(w("basedOn"))
        lvl = st.find(f"{w('pPr')}/{w('outlineLvl')}")
        verdict: bool | None = None  # None: as the style it is based on
        if any(x.lower().replace(" ", "").startswith(("toc", "contents")) for x in (sid, name)):
            toc.add(sid)
        if any(x.lower().startswith(("heading", "title")) for x in (sid, name)):
            verdict = True
        elif lvl is not None:
            verdict = outline_level(lvl.get(w("val")))
        info[sid] = (based.get(w("val")) if based is not None else None, verdict)

    styles: dict[str, bool] = {}
    for sid in info:
        cur, hops, verdict = sid, 0, None
        while cur in info and hops < 20 and verdict is None:
            cur, verdict = info[cur]
            hops += 1
        styles[sid] = bool(verdict)
    return styles, toc


def outline_level(val: str | None) -> bool:
    """An outline level 0-8 (a heading level; 9 is body text)."""
    try:
        return 0 <= int(val or "9") < 9
    except ValueError:
        return False
