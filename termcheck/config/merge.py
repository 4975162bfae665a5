"""The effective configuration: defaults, a file and the command line merged, and the
globs of ``include``, ``exclude`` and ``vocabulary`` matched against paths."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .files import _label, display_path
from .globs import _spec, relative
from .load import FileConfig, Value
from .schema import COMMAND_LINE, DEFAULT


# --------------------------------------------------------------------------- the merge
@dataclass
class Config:
    """The effective configuration: file values over defaults, command line over both."""

    file: Path | None
    root: Path
    values: dict[str, Value]
    severity: dict[str, Value]
    globs: tuple[tuple[str, str, str], ...] = ()  # (key, glob, file:line) from the file

    def __post_init__(self):
        self._include = _spec(self.values["include"].value) if self.values["include"].value else None
        self._exclude = _spec(self.values["exclude"].value) if self.values["exclude"].value else None
        self._vocab_specs = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    # ---- what a scan needs
    def glossary_files(self) -> list[str]:
        return [display_path(p) for p in self["glossaries"]]

    def settings(self):
        from ..rules import COMMON_ACRONYMS, RULE_IDS, Settings

        enabled = set(self["select"] if self["select"] is not None else RULE_IDS) - set(self["ignore"])
        return Settings(enabled=frozenset(enabled),
                        severities={rule: v.value for rule, v in self.severity.items()},
                        exempt_acronyms=COMMON_ACRONYMS | frozenset(self["exempt-acronyms"]),
                        fuzzy=bool(self["fuzzy"]), unknown=bool(self["unknown"]),
                        fuzzy_threshold=self["fuzzy-threshold"], nlp_model=self["nlp-model"],
                        default_vocabulary=self["default-vocabulary"])

    def forced_vocabulary(self) -> str | None:
        """The vocabulary given with ``--vocabulary`` (a plain name in the file is given
        through :meth:`vocabulary_for`, which says where it comes from)."""
        v = self.values["vocabulary"]
        return v.value if isinstance(v.value, str) and v.source == COMMAND_LINE else None

    def vocabulary_for(self, path: Path) -> tuple[str, str] | None:
        """The configured vocabulary of ``path`` and why, or None (then it is detected)."""
        value = self.values["vocabulary"]
        if isinstance(value.value, str):
            where = "--vocabulary" if value.source == COMMAND_LINE else value.source
            return value.value, f"set for every document ({where})"
        if not value.value:
            return None
        rel = relative(path, self.root)
        if rel is None:
            return None
        if self._vocab_specs is None:
            self._vocab_specs = [(_spec([r.glob]), r) for r in value.value]
        for spec, rule in self._vocab_specs:
            if spec.match_file(rel):
                return rule.vocabulary, f"configured for {rule.glob!r} ({rule.source})"
        return None

    def check_vocabularies(self, names) -> None:
        """Every configured vocabulary must be one the glossaries define."""
        names = set(names)
        known = ", ".join(sorted(names))
        value = self.values["vocabulary"]
        problems = []
        if isinstance(value.value, str):
            if value.value not in names:
                where = "--vocabulary" if value.source == COMMAND_LINE else value.source
                problems.append(f"{where}: {value.value!r} is not a vocabulary of the glossary ({known})")
        elif value.value:
            for rule in value.value:
                if rule.vocabulary not in names:
                    problems.append(f"{rule.source}: vocabulary {rule.vocabulary!r} for {rule.glob!r} is "
                                    f"not a vocabulary of the glossary ({known})")
        default = self.values["default-vocabulary"]
        if default.value is not None and default.value not in names:
            where = "--default-vocabulary" if default.source == COMMAND_LINE else default.source
            problems.append(f"{where}: {default.value!r} is not a vocabulary of the glossary ({known})")
        if problems:
            raise ConfigError("\n".join(problems))

    def excluded(self, path: Path, is_dir: bool = False) -> bool:
        """Is ``path`` (under the configuration root) excluded by ``exclude``?"""
        if self._exclude is None:
            return False
        rel = relative(path, self.root)
        if not rel:
            return False
        return bool(self._exclude.match_file(rel + "/" if is_dir else rel))

    def wanted(self, path: Path) -> bool:
        """Should the file ``path`` be scanned, as far as include/exclude say?"""
        if self.excluded(path):
            return False
        if self._include is None:
            return True
        rel = relative(path, self.root)
        return rel is None or bool(self._include.match_file(rel))

    # ---- for ``termcheck config``
    def describe(self) -> list[tuple[str, str, str]]:
        """``(key, value, source)`` rows, one per setting (several for lists of rules)."""
        rows: list[tuple[str, str, str]] = []
        v = self.values

        def show(items) -> str:
            return "[" + ", ".join(str(i) for i in items) + "]"

        rows.append(("glossaries", show(_label(Path(p)) for p in v["glossaries"].value), v["glossaries"].source))
        voc = v["vocabulary"]
        if isinstance(voc.value, str):
            rows.append(("vocabulary", voc.value, voc.source))
        elif voc.value:
            for r in voc.value:
                rows.append(("vocabulary", f"{r.glob}: {r.vocabulary}", r.source))
        else:
            rows.append(("vocabulary", "detected per document", voc.source))
        dv = v["default-vocabulary"]
        rows.append(("default-vocabulary", dv.value or "none (a tie gives a mixed-vocabulary finding)", dv.source))
        for key in ("include", "exclude"):
            text = show(v[key].value) if v[key].value else ("every readable file" if key == "include" else "[]")
            rows.append((key, text, v[key].source))
        rows.append(("gitignore", str(v["gitignore"].value).lower(), v["gitignore"].source))
        from ..rules import DEFAULT_SEVERITY, RULE_IDS

        sel = v["select"]
        rows.append(("rules.select", show(sorted(sel.value, key=RULE_IDS.index)) if sel.value is not None
                     else "all", sel.source))
        rows.append(("rules.ignore", show(sorted(v["ignore"].value, key=RULE_IDS.index)), v["ignore"].source))
        for rule in RULE_IDS:
            s = self.severity.get(rule)
            rows.append((f"severity.{rule}", (s.value if s else DEFAULT_SEVERITY[rule]).value,
                         s.source if s else DEFAULT))
        for key in ("fuzzy", "unknown"):
            rows.append((key, str(v[key].value).lower(), v[key].source))
        rows.append(("fuzzy.threshold", str(v["fuzzy-threshold"].value), v["fuzzy-threshold"].source))
        ex = v["exempt-acronyms"]
        rows.append(("exempt-acronyms", f"{show(ex.value)} (besides UK, EU, PDF, ...)", ex.source))
        rows.append(("fail-on", v["fail-on"].value, v["fail-on"].source))
        rows.append(("nlp-model", v["nlp-model"].value or "none (rule-based unknown-term)", v["nlp-model"].source))
        return rows


def defaults(bundled_glossary: Path) -> dict[str, Value]:
    return {
        "glossaries": Value((bundled_glossary,), f"{DEFAULT} (bundled MHHS glossary)"),
        "vocabulary": Value(None, DEFAULT),
        "default-vocabulary": Value(None, DEFAULT),
        "include": Value((), DEFAULT),
        "exclude": Value((), DEFAULT),
        "gitignore": Value(True, DEFAULT),
        "select": Value(None, DEFAULT),
        "ignore": Value(frozenset(), DEFAULT),
        "fuzzy": Value(True, DEFAULT),
        "fuzzy-threshold": Value(80, DEFAULT),
        "unknown": Value(True, DEFAULT),
        "exempt-acronyms": Value((), DEFAULT),
        "nlp-model": Value(None, DEFAULT),
        "fail-on": Value("error", DEFAULT),
    }


def resolve(file: FileConfig | None, cli: dict[str, Any], bundled_glossary: Path,
            cwd: Path | None = None) -> Config:
    """Merge defaults, a configuration file and command-line values (``None`` = not given).

    ``cli`` keys are configuration keys; ``glossaries`` are paths relative to the working
    directory, ``exempt-acronyms`` add to the file's list, every other key replaces it."""
    values = defaults(bundled_glossary)
    severity: dict[str, Value] = {}
    if file is not None:
        values.update({k: v for k, v in file.values.items() if v.value is not None})
        severity.update(file.severity)
    cwd = cwd or Path.cwd()
    for key, value in cli.items():
        if value is None:
            continue
        if key == "glossaries":
            values[key] = Value(tuple(Path(p) for p in value), COMMAND_LINE)
        elif key == "exempt-acronyms":
            if not value:
                continue
            old = values[key]
            merged = tuple(dict.fromkeys((*old.value, *value)))
            src = COMMAND_LINE if old.source == DEFAULT else f"{old.source} + {COMMAND_LINE}"
            values[key] = Value(merged, src)
        elif key in values:
            values[key] = Value(value, COMMAND_LINE)
        else:
            raise KeyError(key)
    root = file.path.parent if file is not None else cwd
    return Config(file.path if file else None, root, values, severity, tuple(file.globs) if file else ())
