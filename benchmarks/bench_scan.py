#!/usr/bin/env python3
"""Time termcheck scans on a large generated Markdown folder and on the sample Word document.

    python benchmarks/bench_scan.py                    # 500,000 words, full scan
    python benchmarks/bench_scan.py --words 50000      # a smaller folder
    python benchmarks/bench_scan.py --no-fuzzy         # pass --no-fuzzy to termcheck
    python benchmarks/bench_scan.py --compare          # full vs --no-fuzzy / --no-unknown
    python benchmarks/bench_scan.py --generate-only    # just write the data

(a) The Markdown folder is generated into benchmarks/data/ (gitignored): many files of about
    5,000 words each, assembled from varied sentences that contain glossary terms, terms of
    the other vocabulary, deprecated forms, misspellings, defined unknown terms, acronyms and
    ordinary prose. Generation is seeded, so the same --words and --seed give the same files;
    an existing folder with a matching manifest is reused.
(b) Each measured run is a separate child process, so its peak RSS is its own:
    - api: a Python child that calls termcheck.engine.scan() (the Python API), used when it
      can be imported and accepts the requested options;
    - cli: the `termcheck` command (or `python -m termcheck` from this checkout), run as
      `termcheck scan PATH --format json --fail-on never [--no-fuzzy] [--no-unknown]`.
    The figures printed are wall time, words, words/s, peak RSS and the number of findings.

This is a plain script (argparse, no pytest). If termcheck cannot be imported or run, the
data are still generated and the script says so and exits with status 2.
"""
from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DATA = HERE / "data"
DEFAULT_GLOSSARY = ROOT / "termcheck" / "data" / "mhhs.yaml"
DEFAULT_DOCX = sorted((ROOT / "corpora" / "strategy").glob("*.docx"))
GENERATOR_VERSION = 1

# ---------------------------------------------------------------------------------------
# vocabulary for the generator
# ---------------------------------------------------------------------------------------

# used when PyYAML or the glossary file is not available: a few terms per vocabulary
FALLBACK_TERMS = {
    "timetable": ["System Integration Testing", "Participant Testing", "Load Shaping System",
                  "Qualification and Migration", "Code Drafting"],
    "strategy": ["Systems Integration Testing", "Pre-Integration Testing", "Load Shaping Service",
                 "Component Integration Testing", "SIT Functional Testing", "End-to-End Sandbox"],
    "all": ["Qualification Testing", "Minimum Viable Cohort", "Data Integration Platform",
            "Volume Allocation Service", "Smart Data Service", "Systems Integrator", "Wave",
            "Transition Timetable", "Test Data Strategy", "Balancing and Settlement Code"],
}
FALLBACK_ACRONYMS = {"SIT": "Systems Integration Testing", "DIP": "Data Integration Platform",
                     "MVC": "Minimum Viable Cohort", "VAS": "Volume Allocation Service",
                     "BSC": "Balancing and Settlement Code", "SI": "Systems Integrator"}
FALLBACK_DEPRECATED = ["Tranche", "Data and Communications Company"]


class Terms:
    """Term pools drawn from the glossary (or the fallback lists above)."""

    def __init__(self, glossary: Path | None):
        self.by_vocab: dict[str, list[str]] = {"timetable": [], "strategy": [], "all": []}
        self.acronyms: dict[str, str] = {}
        self.admitted: list[str] = []
        self.deprecated: list[str] = []
        loaded = False
        if glossary and glossary.is_file():
            try:
                import yaml  # PyYAML is a termcheck dependency, but keep going without it

                data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
                for concept in data.get("concepts", []):
                    for key, terms in concept.items():
                        if not isinstance(terms, dict) or "preferred" not in terms:
                            continue
                        pool = self.by_vocab.setdefault(key, [])
                        pool.append(_text(terms["preferred"]))
                        if terms.get("acronym"):
                            self.acronyms.setdefault(_text(terms["acronym"]), _text(terms["preferred"]))
                        self.admitted += [_text(t) for t in terms.get("admitted", [])]
                        self.deprecated += [_text(t) for t in terms.get("deprecated", [])]
                loaded = True
            except Exception as exc:  # noqa: BLE001 - any problem: fall back, say so
                print(f"note: could not read {glossary} ({exc}); using built-in terms", file=sys.stderr)
        if not loaded:
            self.by_vocab = {k: list(v) for k, v in FALLBACK_TERMS.items()}
            self.acronyms = dict(FALLBACK_ACRONYMS)
            self.deprecated = list(FALLBACK_DEPRECATED)
        self.vocabs = [v for v in self.by_vocab if v != "all" and self.by_vocab[v]] or ["all"]
        self.multiword = [t for pool in self.by_vocab.values() for t in pool if " " in t or "-" in t]

    def own(self, rnd: random.Random, vocab: str) -> str:
        pool = self.by_vocab.get(vocab, []) + self.by_vocab.get("all", [])
        return rnd.choice(pool)

    def other(self, rnd: random.Random, vocab: str) -> str:
        others = [v for v in self.vocabs if v != vocab] or [vocab]
        return rnd.choice(self.by_vocab[rnd.choice(others)] or self.by_vocab["all"])


def _text(form) -> str:
    return form["text"] if isinstance(form, dict) else str(form)


def misspell(rnd: random.Random, term: str) -> str:
    """A near-miss of a multi-word term: a dropped, doubled or swapped letter, or a hyphen
    turned into a space (the kinds of slip the near-miss rule is meant to catch)."""
    if "-" in term and rnd.random() < 0.3:
        return term.replace("-", " ", 1)
    words = term.split()
    idx = [i for i, w in enumerate(words) if len(w) >= 6] or [max(range(len(words)), key=lambda i: len(words[i]))]
    i = rnd.choice(idx)
    w = words[i]
    pos = rnd.randrange(2, len(w) - 1) if len(w) > 3 else 1
    kind = rnd.choice(("drop", "double", "swap"))
    if kind == "drop":
        w = w[:pos] + w[pos + 1:]
    elif kind == "double":
        w = w[:pos] + w[pos] + w[pos:]
    else:
        w = w[:pos - 1] + w[pos] + w[pos - 1] + w[pos + 1:]
    words[i] = w
    return " ".join(words)


# ordinary prose: the bulk of any programme paper
SUBJECTS = ["The programme", "The test team", "Each participant", "The code bodies", "The supplier",
            "The working group", "The planning team", "Every central system provider", "The board",
            "The environment manager", "Most participants", "The assurance team", "The chair"]
VERBS = ["reviewed", "agreed", "published", "updated", "confirmed", "noted", "questioned", "approved",
         "deferred", "presented", "circulated", "rejected", "completed", "scheduled"]
OBJECTS = ["the revised plan", "the defect report", "the entry criteria", "the exit report",
           "the risk log", "the weekly figures", "the release notes", "the cut-over checklist",
           "the environment calendar", "the draft guidance", "the interface catalogue",
           "the script library", "the migration sample", "the test schedule", "the readiness survey"]
WHEN = ["on {date}", "before the end of the month", "at the last meeting", "within ten working days",
        "in the first week of cycle {n}", "ahead of the next review", "during cycle {n}", "last week",
        "by {date}"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FILLERS = [
    "{S} {V} {O} {W}.",
    "{S} {V} {O} and {V2} {O2} {W}.",
    "After some discussion, {s} {V} {O}.",
    "Of {n3} scripts planned, {n2} passed, {n} failed and the rest were blocked.",
    "The pass rate rose from {p} per cent to {p2} per cent over the period.",
    "A short dip in throughput on {date} was traced to a configuration error and fixed the same day.",
    "Test managers will sit with the assessors for a daily review of results.",
    "No change to the overall plan is proposed this month.",
    "Questions should be raised through the usual channels, not by reply to this paper.",
    "Members asked for the figures to be shown by participant type in future reports.",
    "The supplier has placed ads for more analysts and expects them to start in {month}.",
    "{S} will report on progress at the next meeting.",
    "It was agreed that {o} should be circulated a week before each meeting.",
    "Where figures differ from those in earlier reports, the later figures apply.",
    "The next review is planned for {date}, subject to the availability of the shared rooms.",
    "Two actions from the previous meeting remain open and are carried forward.",
    "{S} raised a concern about the time allowed for retests and asked for it to be minuted.",
    "Attendance was good, with apologies from {n} members who sent written comments instead.",
    "The figures in this section are provisional until the monthly reconciliation is complete.",
    "A further {n} defects were raised in the week to {date}; all have an owner and a target date.",
    "The workshop on {date} looked at how exceptions are handled when a message arrives late.",
    "Feedback on the draft was mostly positive, and the remaining comments are editorial.",
    "{S} thanked the teams involved for their work over a difficult period.",
]
# sentences that carry a term of the document's own vocabulary (or a shared one)
OWN = [
    "{S} {V} the plan for {T}.",
    "Progress on {T} is reported each fortnight.",
    "The exit report for {T} was accepted {W}.",
    "{T} depends on {T2}, which is on plan.",
    "Participants asked how {T} relates to {T2}.",
    "The scope of {T} was confirmed {W}.",
    "Risks to {T} are tracked in the risk log.",
    "The {A} figures for cycle {n} are in the annex.",
    "The {A} team {V} {O} {W}.",
    "Lessons from {T} will be written up and shared {W}.",
    "Entry to {T} was approved once the remaining defects had owners.",
    "{S} {V} the staffing of {T} for the coming quarter.",
]
OTHER = ["Some papers still refer to {X} instead of the programme's wording.",
         "A participant's report described the work as {X}.",
         "The figures for {X} were circulated {W}."]
MISSPELT = ["The note on {M} was circulated {W}.", "{S} {V} the entry criteria for {M}.",
            "A question about {M} was taken offline."]
DEPRECATED = ["Participants in {D} {n} have agreed recovery dates.",
              "The earlier plan grouped participants into {D}s.",
              "Reports for {D} {n} are due {W}."]
UNKNOWN_PARTS = (["Release", "Defect", "Cutover", "Readiness", "Evidence", "Interface", "Assurance",
                  "Settlement", "Rehearsal", "Capacity", "Operational", "Service"],
                 ["Control", "Review", "Planning", "Support", "Triage", "Tracking", "Approval"],
                 ["Board", "Panel", "Forum", "Log", "Window", "Desk", "Register", "Group"])
HEADINGS = ["Summary", "Progress", "Risks and issues", "Environments", "Participants",
            "Central systems", "Defects", "Governance", "Next steps", "Migration", "Decisions",
            "Actions", "Data", "Reporting"]


class DocGen:
    """Builds one Markdown document of about `target` words."""

    def __init__(self, rnd: random.Random, terms: Terms, vocab: str):
        self.r = rnd
        self.t = terms
        self.vocab = vocab
        self.defined: list[tuple[str, str]] = []  # unknown terms this document has defined

    def _fill(self, template: str) -> str:
        r = self.r
        acr = r.choice(list(self.t.acronyms) or ["SIT"])
        values = {
            "S": r.choice(SUBJECTS), "s": r.choice(SUBJECTS).lower(), "V": r.choice(VERBS),
            "V2": r.choice(VERBS), "O": r.choice(OBJECTS), "O2": r.choice(OBJECTS),
            "o": r.choice(OBJECTS), "W": r.choice(WHEN), "n": r.randint(1, 9),
            "n2": r.randint(300, 420), "n3": r.randint(421, 480), "p": r.randint(80, 92),
            "p2": r.randint(93, 99), "month": r.choice(MONTHS),
            "T": self.t.own(r, self.vocab), "T2": self.t.own(r, self.vocab), "A": acr,
            "X": self.t.other(r, self.vocab), "M": misspell(r, r.choice(self.t.multiword or ["Data Integration Platform"])),
            "D": r.choice(self.t.deprecated or ["Tranche"]),
        }
        values["date"] = f"{r.randint(1, 28)} {r.choice(MONTHS)}"
        out = template
        for _ in range(2):  # WHEN values contain {date} and {n}
            out = out.format(**values) if "{" in out else out
        return out[0].upper() + out[1:]

    def _unknown_definition(self) -> str:
        r = self.r
        words = [r.choice(p) for p in UNKNOWN_PARTS]
        long = " ".join(words)
        short = "".join(w[0] for w in words)
        self.defined.append((long, short))
        return (f"The programme has set up a {long} ({short}) to handle this. "
                f"The {short} meets each week and reports to the board.")

    def sentence(self) -> str:
        r = self.r
        x = r.random()
        if x < 0.50:
            return self._fill(r.choice(FILLERS))
        if x < 0.80:
            return self._fill(r.choice(OWN))
        if x < 0.86:
            return self._fill(r.choice(OTHER))
        if x < 0.91:
            return self._fill(r.choice(MISSPELT))
        if x < 0.94:
            return self._fill(r.choice(DEPRECATED))
        if x < 0.97 or not self.defined:
            return self._unknown_definition()
        long, short = r.choice(self.defined)
        return f"The {short} has asked for an update on {r.choice(OBJECTS)}."

    def paragraph(self) -> str:
        text = " ".join(self.sentence() for _ in range(self.r.randint(3, 7)))
        return textwrap.fill(text, width=90, break_long_words=False, break_on_hyphens=False)

    def extra_block(self) -> str:
        r = self.r
        kind = r.random()
        if kind < 0.4:
            items = [textwrap.fill(f"- {self.sentence()}", width=90, subsequent_indent="  ",
                                   break_on_hyphens=False) for _ in range(r.randint(3, 5))]
            return "\n".join(items)
        if kind < 0.7:
            rows = ["| Item | Owner | Due | Status |", "| --- | --- | --- | --- |"]
            for _ in range(r.randint(3, 6)):
                rows.append(f"| {self.t.own(r, self.vocab)} | {r.choice(SUBJECTS)} | "
                            f"{r.randint(1, 28)} {r.choice(MONTHS)} | {r.choice(['Green', 'Amber', 'Red'])} |")
            return "\n".join(rows)
        if kind < 0.85:
            return (f"The export file is named `{r.choice(self.t.deprecated or ['Tranche'])}-"
                    f"{r.randint(1, 4)}-extract.csv` and is updated nightly; see "
                    f"https://www.example.org/reports/{r.choice(list(self.t.acronyms) or ['SIT'])}/latest.html.")
        return "```\n" + "\n".join(f"status {self.t.other(r, self.vocab)}: ok" for _ in range(3)) + "\n```"

    def document(self, target: int, number: int) -> str:
        r = self.r
        parts = [f"# {self.t.own(r, self.vocab)}: progress paper {number}", "",
                 f"Sample document {number}, generated for the termcheck benchmark. "
                 "All content is invented.", ""]
        words = 0
        section = 0
        while words < target:
            section += 1
            parts += [f"## {section}. {r.choice(HEADINGS)}", ""]
            for _ in range(r.randint(3, 8)):
                block = self.paragraph() if r.random() < 0.85 else self.extra_block()
                parts += [block, ""]
                words += count_words(block)
                if words >= target:
                    break
        return "\n".join(parts)


def count_words(text: str) -> int:
    """Whitespace-separated tokens that contain a letter or a digit (no markup)."""
    return sum(1 for tok in text.split() if any(c.isalnum() for c in tok))


def generate(folder: Path, words: int, file_words: int, seed: int, glossary: Path | None,
             regenerate: bool) -> dict:
    """Write the Markdown folder (or reuse it) and return its manifest."""
    manifest_path = folder / "manifest.json"
    wanted = {"generator": GENERATOR_VERSION, "words_requested": words, "file_words": file_words,
              "seed": seed, "glossary": str(glossary) if glossary else None}
    if manifest_path.is_file() and not regenerate:
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            if all(manifest.get(k) == v for k, v in wanted.items()):
                return manifest
        except ValueError:
            pass
    if folder.exists():
        shutil.rmtree(folder)  # only ever our own generated folder under --data-dir
    folder.mkdir(parents=True)
    rnd = random.Random(seed)
    terms = Terms(glossary)
    total = files = 0
    t0 = time.perf_counter()
    while total < words:
        files += 1
        vocab = terms.vocabs[(files - 1) % len(terms.vocabs)]
        target = min(file_words, words - total)
        text = DocGen(random.Random(rnd.getrandbits(64)), terms, vocab).document(target, files)
        sub = folder / f"part-{(files - 1) // 25 + 1:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"paper-{files:04d}-{vocab}.md").write_text(text + "\n", encoding="utf-8")
        total += count_words(text)
    manifest = dict(wanted, words=total, files=files)
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"generated {files} files, {total:,} words in {folder} ({time.perf_counter() - t0:.1f} s)")
    return manifest


def docx_words(path: Path) -> int:
    """Words in a .docx (body, headers, footers, footnotes), without python-docx."""
    try:
        with zipfile.ZipFile(path) as z:
            text = []
            for name in z.namelist():
                if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", name):
                    xml = z.read(name).decode("utf-8", "replace")
                    xml = re.sub(r"<w:delText[^>]*>.*?</w:delText>", " ", xml, flags=re.S)
                    xml = re.sub(r"</w:p>|<w:tab/>|<w:br/>", " ", xml)
                    text.append(re.sub(r"<[^>]+>", "", xml))
            return count_words(" ".join(text))
    except (OSError, zipfile.BadZipFile):
        return 0


# ---------------------------------------------------------------------------------------
# running termcheck
# ---------------------------------------------------------------------------------------

def child_env() -> dict:
    """Environment for child processes: this checkout first on the import path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


def api_available() -> bool:
    try:
        return importlib.util.find_spec("termcheck.engine") is not None
    except (ImportError, ValueError):
        return False


def cli_command() -> list[str] | None:
    exe = shutil.which("termcheck")
    if exe:
        return [exe]
    try:
        if importlib.util.find_spec("termcheck.cli") is not None:
            return [sys.executable, "-m", "termcheck"]
    except (ImportError, ValueError):
        pass
    return None


def run_child(cmd: list[str], stdout_path: str, stderr_path: str, timeout: float) -> tuple[int, float, int]:
    """Run one child process; return (exit code, wall seconds, peak RSS in bytes).

    os.wait4 gives the rusage of this child alone, so each run's peak RSS is its own."""
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                cwd=str(ROOT), env=child_env())
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else (status >> 8)
    proc.returncode = code  # already reaped by wait4
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return code, wall, usage.ru_maxrss * scale


API_UNSUPPORTED = 40  # child exit code: the Python API cannot do what was asked


def api_child(spec: dict) -> int:
    """Runs in the child: one scan through the Python API; prints a JSON result."""
    t0 = time.perf_counter()
    try:
        from termcheck.engine import scan
    except Exception as exc:  # noqa: BLE001
        print(json.dumps({"unsupported": f"cannot import termcheck.engine.scan: {exc}"}))
        return API_UNSUPPORTED
    params = inspect.signature(scan).parameters
    kwargs: dict = {}
    try:
        from termcheck.glossary import load_glossaries

        glossary = load_glossaries([spec["glossary"]])
    except Exception as exc:  # noqa: BLE001
        print(json.dumps({"unsupported": f"cannot load the glossary through the API: {exc}"}))
        return API_UNSUPPORTED
    if spec["no_fuzzy"] or spec["no_unknown"] or "settings" in params:
        try:
            from termcheck.rules import Settings

            fields = inspect.signature(Settings).parameters
            options = {}
            if spec["no_fuzzy"]:
                options["fuzzy"] = False
            if spec["no_unknown"]:
                options["unknown"] = False
            missing = [k for k in options if k not in fields]
            if missing:
                print(json.dumps({"unsupported": f"Settings has no {', '.join(missing)}"}))
                return API_UNSUPPORTED
            kwargs["settings"] = Settings(**options)
        except Exception as exc:  # noqa: BLE001
            if spec["no_fuzzy"] or spec["no_unknown"]:
                print(json.dumps({"unsupported": f"cannot build Settings: {exc}"}))
                return API_UNSUPPORTED
    if spec.get("vocabulary"):
        kwargs["vocabulary"] = spec["vocabulary"]
    kwargs = {k: v for k, v in kwargs.items() if k in params}
    t1 = time.perf_counter()
    try:
        result = scan([spec["path"]], glossary, **kwargs)
    except TypeError as exc:
        print(json.dumps({"unsupported": f"scan() call failed: {exc}"}))
        return API_UNSUPPORTED
    t2 = time.perf_counter()
    docs = getattr(result, "documents", [])
    findings = getattr(result, "findings", [])
    errors = getattr(result, "errors", [])
    print(json.dumps({"startup_s": t1 - t0, "scan_s": t2 - t1, "files": len(docs),
                      "engine_words": sum(getattr(d, "words", 0) or 0 for d in docs),
                      "findings": len(findings), "errors": len(errors)}))
    return 0


class Runner:
    def __init__(self, args):
        self.args = args
        self.cli = cli_command()
        self.api = api_available()
        self.notes: list[str] = []

    def available(self) -> bool:
        if self.args.mode == "api":
            return self.api
        if self.args.mode == "cli":
            return self.cli is not None
        return self.api or self.cli is not None

    def describe(self) -> str:
        parts = []
        if self.args.mode in ("auto", "api"):
            parts.append("api: termcheck.engine.scan" if self.api else "api: not importable")
        if self.args.mode in ("auto", "cli"):
            parts.append(f"cli: {' '.join(self.cli)}" if self.cli else "cli: not found")
        return "; ".join(parts)

    def once(self, path: Path, no_fuzzy: bool, no_unknown: bool) -> dict:
        """One measured run; uses the API when it can, else the command."""
        tmp = tempfile.mkdtemp(prefix="tc-bench-")
        out, err = os.path.join(tmp, "out"), os.path.join(tmp, "err")
        try:
            if self.api and self.args.mode in ("auto", "api"):
                spec = {"path": str(path), "glossary": str(self.args.glossary), "no_fuzzy": no_fuzzy,
                        "no_unknown": no_unknown, "vocabulary": self.args.vocabulary}
                cmd = [sys.executable, str(Path(__file__).resolve()), "--_api-child", json.dumps(spec)]
                code, wall, rss = run_child(cmd, out, err, self.args.timeout)
                text = Path(out).read_text(encoding="utf-8", errors="replace").strip().splitlines()
                info = json.loads(text[-1]) if text and text[-1].startswith("{") else {}
                if code == 0 and info:
                    return dict(info, ok=True, how="api", wall_s=wall, rss=rss)
                reason = info.get("unsupported") or _tail(err) or f"exit status {code}"
                if self.args.mode == "api" or not self.cli:
                    return {"ok": False, "how": "api", "error": reason, "wall_s": wall, "rss": rss}
                note = f"Python API not used ({reason}); fell back to the command"
                if note not in self.notes:
                    self.notes.append(note)
            cmd = list(self.cli) + ["scan", str(path), "--format", "json", "--fail-on", "never",
                                    "--glossary", str(self.args.glossary)]
            if self.args.vocabulary:
                cmd += ["--vocabulary", self.args.vocabulary]
            if no_fuzzy:
                cmd.append("--no-fuzzy")
            if no_unknown:
                cmd.append("--no-unknown")
            code, wall, rss = run_child(cmd, out, err, self.args.timeout)
            res = {"how": "cli", "wall_s": wall, "rss": rss, "ok": code in (0, 1, 3)}
            if not res["ok"]:
                res["error"] = _tail(err) or f"exit status {code}"
                return res
            try:
                report = json.loads(Path(out).read_text(encoding="utf-8"))
                summary = report.get("summary", {})
                res.update(files=summary.get("files"), findings=summary.get("findings"),
                           errors=len(report.get("errors", [])))
            except (ValueError, OSError):
                res["findings"] = None
            return res
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def measure(self, path: Path, words: int, no_fuzzy: bool, no_unknown: bool, repeat: int) -> dict:
        runs = [self.once(path, no_fuzzy, no_unknown) for _ in range(max(1, repeat))]
        bad = [r for r in runs if not r.get("ok")]
        if bad:
            return dict(bad[0], words=words)
        walls = [r["wall_s"] for r in runs]
        best = min(runs, key=lambda r: r["wall_s"])
        return dict(best, words=words, runs=len(runs), wall_min_s=min(walls),
                    wall_median_s=statistics.median(walls), rss=max(r["rss"] for r in runs))


def _tail(path: str, lines: int = 6) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(text[-lines:])


# ---------------------------------------------------------------------------------------
# reporting
# ---------------------------------------------------------------------------------------

def flags_label(no_fuzzy: bool, no_unknown: bool) -> str:
    flags = [f for f, on in (("--no-fuzzy", no_fuzzy), ("--no-unknown", no_unknown)) if on]
    return " ".join(flags) or "full"


def print_result(title: str, res: dict) -> None:
    print(f"\n{title}")
    if not res.get("ok"):
        print(f"  FAILED ({res.get('how')}): {res.get('error')}")
        return
    wall = res["wall_s"]
    words = res["words"]
    print(f"  via            {res['how']}")
    print(f"  wall time      {wall:.2f} s" + (f"  (median of {res['runs']}: {res['wall_median_s']:.2f} s)"
                                               if res.get("runs", 1) > 1 else ""))
    if res["how"] == "api":
        print(f"  of which       startup+glossary {res['startup_s']:.2f} s, scan {res['scan_s']:.2f} s")
    print(f"  words          {words:,}" + (f"  (termcheck counted {res['engine_words']:,})"
                                           if res.get("engine_words") else ""))
    print(f"  words/s        {words / wall:,.0f}" if wall else "  words/s        n/a")
    if res["how"] == "api" and res.get("scan_s"):
        print(f"  words/s (scan) {words / res['scan_s']:,.0f}")
    print(f"  peak RSS       {res['rss'] / 2**20:.1f} MiB")
    print(f"  files          {res.get('files')}   findings {res.get('findings')}"
          + (f"   unreadable {res['errors']}" if res.get("errors") else ""))


def print_compare(title: str, rows: list[tuple[str, dict]]) -> None:
    print(f"\n{title}")
    base = rows[0][1]
    print(f"  {'configuration':<26} {'wall s':>8} {'words/s':>10} {'RSS MiB':>8} {'findings':>9} {'speed-up':>9}")
    for name, res in rows:
        if not res.get("ok"):
            print(f"  {name:<26} FAILED: {res.get('error')}")
            continue
        ratio = base["wall_s"] / res["wall_s"] if base.get("ok") and res["wall_s"] else float("nan")
        print(f"  {name:<26} {res['wall_s']:>8.2f} {res['words'] / res['wall_s']:>10,.0f} "
              f"{res['rss'] / 2**20:>8.1f} {str(res.get('findings')):>9} {ratio:>8.2f}x")
    print("  speed-up = full wall time / this configuration's wall time")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=500_000, help="words in the generated folder (default 500000)")
    ap.add_argument("--file-words", type=int, default=5_000, help="words per generated file (default 5000)")
    ap.add_argument("--seed", type=int, default=20250601, help="random seed for the generator")
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help="where to generate (default benchmarks/data)")
    ap.add_argument("--regenerate", action="store_true", help="rewrite the folder even if it exists")
    ap.add_argument("--generate-only", action="store_true", help="write the data and stop")
    ap.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY, help="glossary to scan with")
    ap.add_argument("--vocabulary", help="pass --vocabulary NAME (default: detected per document)")
    ap.add_argument("--docx", type=Path, action="append", help="Word document(s) to time (default corpora/strategy/*.docx)")
    ap.add_argument("--skip-docx", action="store_true", help="do not time the Word document")
    ap.add_argument("--skip-folder", action="store_true", help="do not time the generated folder")
    ap.add_argument("--no-fuzzy", action="store_true", help="pass --no-fuzzy (skip the near-miss stage)")
    ap.add_argument("--no-unknown", action="store_true", help="pass --no-unknown (skip the unknown-term stage)")
    ap.add_argument("--compare", action="store_true",
                    help="run full, --no-fuzzy, --no-unknown and both, and print the speed-up ratios")
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement on the folder (best is shown)")
    ap.add_argument("--docx-repeat", type=int, default=3, help="runs per measurement on a Word document")
    ap.add_argument("--mode", choices=("auto", "api", "cli"), default="auto",
                    help="api: the Python API; cli: the termcheck command; auto: API if usable")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds before a run is killed")
    ap.add_argument("--json", action="store_true", help="also print all results as one JSON object")
    ap.add_argument("--_api-child", dest="api_child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.api_child:
        sys.path.insert(0, str(ROOT))
        return api_child(json.loads(args.api_child))

    sys.path.insert(0, str(ROOT))  # find this checkout's termcheck even if not installed
    glossary = args.glossary if args.glossary.is_file() else None
    folder = args.data_dir / f"md-{args.words}w-seed{args.seed}"
    manifest = None
    if not args.skip_folder:
        manifest = generate(folder, args.words, args.file_words, args.seed, glossary, args.regenerate)
        print(f"data: {folder}  ({manifest['files']} files, {manifest['words']:,} words)")
    if args.generate_only:
        return 0

    runner = Runner(args)
    if not runner.available():
        print("\ntermcheck is not available, so nothing was timed.\n"
              f"  ({runner.describe()})\n"
              "  Install it from the repository root with:  python -m pip install -e .\n"
              "  then run this script again.", file=sys.stderr)
        return 2
    if glossary is None:
        print(f"glossary not found: {args.glossary}", file=sys.stderr)
        return 2
    print(f"termcheck: {runner.describe()}  (mode {args.mode})")
    print(f"glossary:  {args.glossary}")

    docxs = [] if args.skip_docx else (args.docx or DEFAULT_DOCX)
    targets: list[tuple[str, Path, int, int]] = []
    if manifest:
        targets.append((f"Markdown folder {folder.name}", folder, manifest["words"], args.repeat))
    for d in docxs:
        if not d.is_file():
            print(f"note: Word document not found: {d}", file=sys.stderr)
            continue
        targets.append((f"Word document {d.name}", d, docx_words(d), args.docx_repeat))
    if not targets:
        print("nothing to time", file=sys.stderr)
        return 2

    configs = ([(False, False), (True, False), (False, True), (True, True)] if args.compare
               else [(args.no_fuzzy, args.no_unknown)])
    if args.compare and (args.no_fuzzy or args.no_unknown):
        print("note: --compare runs every combination; --no-fuzzy/--no-unknown are ignored")
    results: dict = {}
    failed = False
    for title, path, words, repeat in targets:
        rows = []
        for nf, nu in configs:
            res = runner.measure(path, words, nf, nu, repeat)
            failed |= not res.get("ok")
            rows.append((flags_label(nf, nu), res))
            if not args.compare:
                print_result(f"{title}  [{flags_label(nf, nu)}]", res)
        if args.compare:
            print_compare(title, rows)
        results[title] = {name: res for name, res in rows}
    for note in runner.notes:
        print(f"note: {note}")
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
