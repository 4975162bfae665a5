"""Grade termcheck on a labelled corpus that lives in this repository, with nothing from
outside it, so that a standalone checkout still checks its own corpora.

A corpus folder has ``docs.json`` (per document: its ``vocabulary`` and the
``glossaries`` to load, relative to the folder), ``truth.jsonl`` (one expected finding
a line: ``doc``, ``rule``, and ``found`` or ``found_any``, a list of texts any one of
which will do) and, optionally, ``accept.jsonl`` (findings that are fine but not
required: they neither count for nor against).

Each document is scanned through the command line (in this process) with its
vocabulary and glossaries and ``--format json``. A reported finding is identified by
its rule and its found text, case-folded with white space collapsed. Every expected row
takes one reported finding with its rule and one of its texts (a true positive), or
counts as a miss; accepted rows then take what they match; whatever is left is a false
positive. When an expected row names both an acronym and a long form, the definition
written out (``Long Form (ACR)`` or ``ACR (Long Form)``) also matches it.

Usage, from the repository root::

    python tests/corpus_score.py tests/heldout2
"""
from __future__ import annotations

import contextlib
import io
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path


def fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _rows(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _texts(row: dict) -> list[str]:
    """The folded texts an expected row accepts, with written-out definitions added."""
    texts = [fold(t) for t in (row.get("found_any") or [row["found"]])]
    short = [t for t in texts if " " not in t and len(t) <= 8]
    long = [t for t in texts if " " in t and "(" not in t]
    texts += [f"{lf} ({acr})" for acr in short for lf in long]
    texts += [f"{acr} ({lf})" for acr in short for lf in long]
    return texts


@dataclass
class Score:
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def f1(self, rule: str | None = None) -> float:
        p, r = self.precision(rule), self.recall(rule)
        return 2 * p * r / (p + r) if p + r else 0.0

    def _sum(self, rule: str | None) -> Counter:
        if rule is not None:
            return self.counts[rule]
        total = Counter()
        for c in self.counts.values():
            total.update(c)
        return total

    def precision(self, rule: str | None = None) -> float:
        c = self._sum(rule)
        if c["tp"] + c["fp"] == 0:
            return 1.0 if c["fn"] == 0 else 0.0
        return c["tp"] / (c["tp"] + c["fp"])

    def recall(self, rule: str | None = None) -> float:
        c = self._sum(rule)
        return c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0

    def table(self) -> str:
        lines = [f"{'rule':22} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>5} {'R':>5} {'F1':>5}"]
        for rule in [*sorted(self.counts), None]:
            c = self._sum(rule)
            lines.append(f"{rule or 'overall':22} {c['tp']:4} {c['fp']:4} {c['fn']:4} "
                         f"{self.precision(rule):5.2f} {self.recall(rule):5.2f} {self.f1(rule):5.2f}")
        return "\n".join(lines)


def run_scan(document: Path, vocabulary: str, glossaries: list[Path]) -> dict:
    from termcheck.cli import main

    argv = ["scan", str(document), "--vocabulary", vocabulary, "--format", "json", "--fail-on", "never",
            "--no-config", "--no-progress"]
    for g in glossaries:
        argv += ["--glossary", str(g)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    if code not in (0, 1):
        raise RuntimeError(f"{document.name}: exit {code}: {err.getvalue().strip()}")
    return json.loads(out.getvalue())


def score(corpus: Path) -> Score:
    corpus = Path(corpus)
    docs = json.loads((corpus / "docs.json").read_text(encoding="utf-8"))
    truth, accept = _rows(corpus / "truth.jsonl"), _rows(corpus / "accept.jsonl")
    result = Score()
    for row in truth + accept:
        if row.get("doc") not in docs:
            result.failures.append(f"a label names {row.get('doc')!r}, which docs.json does not list")
    for name, meta in sorted(docs.items()):
        try:
            data = run_scan(corpus / name, meta["vocabulary"], [corpus / g for g in meta.get("glossaries", [])])
        except RuntimeError as err:
            result.failures.append(str(err))
            continue
        if data["errors"]:
            result.failures.append(f"{name}: {data['errors']}")
        left = Counter((f["rule"], fold(f["found"])) for f in data["findings"])
        for row in (r for r in truth if r.get("doc") == name):
            key = next(((row["rule"], t) for t in _texts(row) if left[(row["rule"], t)] > 0), None)
            if key is None:
                result.counts[row["rule"]]["fn"] += 1
                result.misses.append(f"{name}: missed {row['rule']} {_texts(row)[0]!r}")
            else:
                left[key] -= 1
                result.counts[row["rule"]]["tp"] += 1
        for row in (r for r in accept if r.get("doc") == name):
            key = next(((row["rule"], t) for t in _texts(row) if left[(row["rule"], t)] > 0), None)
            if key is not None:
                left[key] -= 1
        for (rule, text), n in sorted(left.items()):
            if n > 0:
                result.counts[rule]["fp"] += n
                result.extras.append(f"{name}: extra {rule} {text!r} x{n}")
    return result


if __name__ == "__main__":
    graded = score(Path(sys.argv[1]))
    for line in graded.failures + graded.misses + graded.extras:
        print(line)
    print(graded.table())
    sys.exit(1 if graded.failures else 0)
