"""spaCy's blank English tokenizer, run without importing spaCy.

Importing spaCy and building ``spacy.blank("en")`` costs most of a second, more than
checking a page takes. The tokenizer itself is a handful of regular expressions and a
table of special cases, so termcheck reads them out of spaCy once, keeps them in the
user's cache folder (``$XDG_CACHE_HOME/termcheck``, named after spaCy's version) and
applies spaCy's algorithm to them here:

1. the text is cut at white space; every stretch without white space (a *chunk*) is
   tokenized on its own;
2. a chunk that is a special case (``e.g.``, ``can't``) becomes that case's pieces;
   otherwise prefixes and suffixes are peeled off it in turn (stopping early where what
   is left is a special case), what is left is kept whole if it is a URL, else cut at
   its infixes (hyphens between letters, ``/`` ...);
3. a run of pieces that spells a special case with punctuation in it (``:)``, ``a.m.``)
   is replaced by that case's pieces, longest first.

Every chunk's pieces are remembered, so a document costs one dictionary look-up per
chunk it repeats. ``tests/test_tokenizer.py`` checks the result against spaCy itself on
every corpus and on generated text.

One deliberate difference, on in :func:`chunk_tokenizer` (``split_marks``): spaCy keeps
a full stop on a word that ends in a capital after a lower-case letter or an ampersand
(``eNodeB.``, ``A&E.``) and a slash on a word (``CRF/``), so the term could be neither
matched nor seen as used; termcheck splits that last mark off (never from ``Mr.``,
``etc.``, ``U.S.``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

_CHUNK = re.compile(r"\S+")
_SPLIT = re.compile(r"(\S+)")
MEMO_LIMIT = 200_000  # chunks remembered before the memo is emptied
# a piece spaCy leaves whole with a mark termcheck splits off (see the module's notes)
_TRAILING_MARK = re.compile(r"(?=[^.]*[A-Za-z])[A-Za-z0-9&]{1,12}[A-Z0-9]\.$|[A-Za-z0-9]{2,}/$")


class ChunkTokenizer:
    """spaCy's tokenization, chunk by chunk (a chunk is a stretch without white space),
    each chunk's pieces remembered."""

    def __init__(self, table: dict, split_marks: bool = False):
        self.version = table["version"]
        self.split_marks = split_marks  # see the module's notes
        self.prefix = re.compile(*table["prefix"]).search if table["prefix"] else None
        self.suffix = re.compile(*table["suffix"]).search if table["suffix"] else None
        self.infix = re.compile(*table["infix"]).finditer if table["infix"] else None
        self.url = re.compile(*table["url"]).match if table["url"] else None
        self.token_match = re.compile(*table["token_match"]).match if table.get("token_match") else None
        self.specials: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in table["specials"].items()}
        # special cases a run of pieces can spell (spaCy's special-case matcher): by the
        # pattern's pieces as the affix rules alone cut the case
        self.patterns: dict[str, list[tuple[str, ...]]] = {}
        for text in self.specials:
            if not table["faster_heuristics"] or self._find_prefix(text) or self._find_suffix(text) \
                    or (self.infix and next(self.infix(text), None)) or " " in text:
                pieces = tuple(self._affix_pieces(text, False))
                self.patterns.setdefault(pieces[0], []).append(pieces)
        # pieces that continue a pattern, and pieces a pattern continues after: a run
        # across white space (``[ :``) is no special case, but spaCy's matcher still
        # finds it, and it can hide a case inside a chunk (``:)`` in ``[ :)``)
        self.follows = {p for found in self.patterns.values() for pattern in found for p in pattern[1:]}
        self.leads = {p for found in self.patterns.values() for pattern in found for p in pattern[:-1]}
        self.memo: dict[str, tuple] = {}  # chunk -> see chunk()
        self.following: set[str] = set()  # chunks in memo whose first piece can go on a case
        self.leading: set[str] = set()  # chunks in memo whose last piece a case can go on from

    # ------------------------------------------------------------ spaCy's steps
    def _find_prefix(self, text: str) -> int:
        m = self.prefix(text) if self.prefix else None
        return m.end() - m.start() if m else 0

    def _find_suffix(self, text: str) -> int:
        m = self.suffix(text) if self.suffix else None
        return m.end() - m.start() if m else 0

    def _affix_pieces(self, text: str, specials: bool) -> list[str]:
        """Step 2 for one chunk: its pieces, before special-case runs are merged."""
        special = self.specials if specials else {}
        if text in special:
            return list(special[text])
        prefixes: list[str] = []
        suffixes: list[str] = []
        last = -1
        while text and len(text) != last:
            if (self.token_match and self.token_match(text)) or text in special:
                break
            last = len(text)
            pre = self._find_prefix(text)
            if pre and text[pre:] and text[pre:] in special:
                prefixes.append(text[:pre])
                text = text[pre:]
                break
            suf = self._find_suffix(text[pre:])
            if suf and text[:-suf] and text[:-suf] in special:
                suffixes.append(text[-suf:])
                text = text[:-suf]
                break
            if pre and suf and pre + suf <= len(text):
                prefixes.append(text[:pre])
                suffixes.append(text[-suf:])
                text = text[pre:-suf]
            elif pre:
                prefixes.append(text[:pre])
                text = text[pre:]
            elif suf:
                suffixes.append(text[-suf:])
                text = text[:-suf]
        out = prefixes
        if text:
            if text in special:
                out.extend(special[text])
            elif (self.token_match and self.token_match(text)) or (self.url and self.url(text)):
                out.append(text)
            else:
                out.extend(self._infix_pieces(text))
        out.extend(reversed(suffixes))
        return out

    def _marks_split(self, pieces: list[str]) -> list[str]:
        """``A&E.`` -> ``A&E`` ``.``; ``CRF/`` -> ``CRF`` ``/`` (when ``split_marks``)."""
        if self.split_marks and pieces and _TRAILING_MARK.match(pieces[-1]):
            last = pieces[-1]
            return [*pieces[:-1], last[:-1], last[-1]]
        return pieces

    def _infix_pieces(self, text: str) -> list[str]:
        out = []
        start = 0
        for m in (self.infix(text) if self.infix else ()):
            s, e = m.span()
            if s == 0:
                continue  # an infix at the very start is no split
            if s != start:
                out.append(text[start:s])
            if s != e:
                out.append(text[s:e])
            start = e
        if text[start:]:
            out.append(text[start:])
        return out

    def _special_runs(self, pieces: list[str]) -> list[tuple[int, int]]:
        """Step 3: the runs of pieces (start, end indices) that spell a special case,
        as spaCy's matcher keeps them: longest first, then leftmost, none sharing a
        first or last piece with one kept before."""
        patterns = self.patterns
        spans = []
        for i, piece in enumerate(pieces):
            for pattern in patterns.get(piece, ()):
                n = len(pattern)
                if tuple(pieces[i:i + n]) == pattern:
                    spans.append((i, i + n))
        if not spans:
            return spans
        spans.sort(key=lambda s: (s[1] - s[0], -s[0]))
        seen: set[int] = set()
        kept = []
        for s, e in reversed(spans):
            if s not in seen and e - 1 not in seen:
                kept.append((s, e))
            seen.update(range(s, e))
        return sorted(kept)

    def _merge_specials(self, pieces: list[str]) -> list[str]:
        """Runs of pieces that spell a special case become its pieces."""
        runs = self._special_runs(pieces)
        if not runs:
            return pieces
        out, i = [], 0
        for s, e in runs:
            out.extend(pieces[i:s])
            out.extend(self.specials.get("".join(pieces[s:e]), pieces[s:e]))
            i = e
        out.extend(pieces[i:])
        return out

    # ------------------------------------------------------------ use
    def chunk(self, chunk: str) -> tuple:
        """``(pieces, leads, follows)``: ``(text, start, end)`` of each token of
        ``chunk``, and whether its first and last pieces could take part in a special
        case across white space."""
        memo = self.memo
        try:
            return memo[chunk]
        except KeyError:
            pass
        raw = self._marks_split(self._affix_pieces(chunk, True))
        pieces = self._merge_specials(raw)
        found = tuple((p, off, off + n) for p, (off, n) in zip(pieces, _offsets(pieces)))
        entry = memo[chunk] = (found, raw[0] in self.follows, raw[-1] in self.leads)
        if entry[1]:
            self.following.add(chunk)
        if entry[2]:
            self.leading.add(chunk)
        return entry

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """``(text, start, end)`` of every non-space token of ``text``.

        The work is done per distinct chunk; a text whose chunks are all known costs a
        few passes in C and one list comprehension."""
        parts = _SPLIT.split(text)  # white space, chunk, white space, ..., white space
        chunks = parts[1::2]
        if not chunks:
            return []
        memo = self.memo
        if len(memo) > MEMO_LIMIT:  # emptied between texts, never while one is cut
            memo.clear()
            self.following.clear()
            self.leading.clear()
        for c in set(chunks).difference(memo):
            self.chunk(c)
        if not (self.leading.isdisjoint(chunks) or self.following.isdisjoint(chunks)) \
                and self._runs_across(parts):
            return [(text[s:e], s, e) for s, e in self._spans_across(text)]
        starts = list(accumulate(map(len, parts)))[0::2]  # where each chunk starts
        return [(p, s + a, s + b) for c, s in zip(chunks, starts) for p, a, b in memo[c][0]]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every non-space token of ``text``."""
        return [(s, e) for _, s, e in self.tokens(text)]

    def _runs_across(self, parts: list[str]) -> bool:
        """Some chunk ends with a piece a special case goes on from, and the next one,
        one space on, starts with a piece that can go on one."""
        memo = self.memo
        for k in range(1, len(parts) - 2, 2):
            if parts[k + 1] == " " and memo[parts[k]][2] and memo[parts[k + 2]][1]:
                return True
        return False

    def _spans_across(self, text: str) -> list[tuple[int, int]]:
        """:meth:`spans` when a special case may run across white space: the pieces of
        the whole text are matched at once, as spaCy does. A run across white space
        spells no special case, so it stays as it is, but it can keep another run
        that shares a piece with it from being merged."""
        pieces, spans = [], []
        last = -2
        for m in _CHUNK.finditer(text):
            at = m.start()
            if pieces and not (at == last + 1 and text[last] == " "):
                pieces.append(None)  # spaCy keeps other white space as a token: no run crosses it
                spans.append(None)
            last = m.end()
            for off, n in _offsets(self._marks_split(self._affix_pieces(m.group(), True))):
                pieces.append(text[at + off:at + off + n])
                spans.append((at + off, at + off + n))
        out, i = [], 0
        for s, e in self._special_runs(pieces):
            out.extend(spans[i:s])
            start, end = spans[s][0], spans[e - 1][1]
            special = self.specials.get(text[start:end])
            if special is None:
                out.extend(spans[s:e])
            else:
                out.extend((start + off, start + off + n) for off, n in _offsets(special))
            i = e
        out.extend(spans[i:])
        return [span for span in out if span is not None]


def _offsets(pieces: list[str]):
    at = 0
    for p in pieces:
        yield at, len(p)
        at += len(p)


# ------------------------------------------------------------ the table


def table_from_spacy() -> dict:
    """spaCy's blank English tokenizer's settings, as plain data."""
    import spacy

    tok = spacy.blank("en").tokenizer

    def regex(fn):
        pattern = getattr(fn, "__self__", None)
        return [pattern.pattern, pattern.flags] if pattern is not None else None

    from spacy.attrs import ORTH

    return {
        "version": spacy.__version__,
        "prefix": regex(tok.prefix_search), "suffix": regex(tok.suffix_search),
        "infix": regex(tok.infix_finditer), "url": regex(tok.url_match),
        "token_match": regex(tok.token_match),
        "specials": {k: [piece[ORTH] for piece in v] for k, v in tok.rules.items()},
        "faster_heuristics": bool(tok.faster_heuristics),
    }


def _spacy_version() -> str | None:
    """The installed spaCy's version, read from its ``about.py`` without importing it
    (``importlib.metadata`` takes some 40 ms to find a distribution: a tenth of a
    one-page scan)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return None  # pragma: no cover - a broken install
    try:
        about = (Path(list(spec.submodule_search_locations)[0]) / "about.py").read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - a broken install
        return None
    m = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", about, re.M)
    return m.group(1) if m else None


def _cache_file(version: str):
    import os
    import sys
    from pathlib import Path

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "termcheck" / f"tokenizer-spacy{version}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"


@lru_cache(maxsize=1)
def chunk_tokenizer() -> ChunkTokenizer:
    """The tokenizer, from the cached table when it matches the installed spaCy, else
    from spaCy (and the table cached for next time; a cache that cannot be written is
    ignored)."""
    import marshal

    version = _spacy_version()
    cache = _cache_file(version) if version else None
    if cache is not None:
        try:
            table = marshal.loads(cache.read_bytes())
            if isinstance(table, dict) and table.get("version") == version:
                return ChunkTokenizer(table, split_marks=True)
        except (OSError, ValueError, EOFError, TypeError, KeyError, re.error):
            pass
    table = table_from_spacy()
    if cache is not None:
        from .fileio import atomic_write

        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(cache, marshal.dumps(table))
        except (OSError, TypeError, ValueError):
            pass
    return ChunkTokenizer(table, split_marks=True)
