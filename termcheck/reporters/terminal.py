"""The terminal report: findings grouped by file, each with its place, the sentence
with the term highlighted, and a ``- found`` / ``+ suggestion`` pair; then a summary.
With ``quiet`` only the files with findings and their findings are printed: no "no
findings" lines, no summary table (a clean scan prints nothing)."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import payload

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _suggestions(value) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def render(result, *, color: bool = False, quiet: bool = False, **_) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=100,
                      highlight=False, emoji=False, soft_wrap=True)
    data = payload(result)
    by_path: dict[str, list] = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    for doc in result.documents:
        findings = by_path.get(doc.path, [])
        if quiet and not findings:
            continue
        head = Text(doc.path, style="bold")
        head.append(f"  vocabulary: {doc.vocabulary or 'none'} ({doc.vocabulary_reason})", style="dim")
        if doc.code_words:
            head.append(f"  {doc.code_words:,} words of code not checked", style="dim")
        console.print(head)
        if not findings:
            console.print(Text("  no findings", style="green"))
        for f in findings:
            sev = f.severity.value
            line = Text("  ")
            line.append(f.location.describe() or "-", style="bold")
            line.append("  ")
            line.append(sev, style=STYLE[sev])
            line.append(f"  {f.rule}", style="magenta")
            console.print(line)
            if f.context:
                ctx = Text("    " + f.context)
                if f.span:
                    ctx.stylize("bold reverse" if color else "", 4 + f.span[0], 4 + f.span[1])
                if not color and f.span:
                    s, e = f.span
                    ctx = Text("    " + f.context[:s] + "[" + f.context[s:e] + "]" + f.context[e:])
                console.print(ctx)
            console.print(Text(f"    - {f.found}", style="red"))
            for s in _suggestions(f.suggestion):
                console.print(Text(f"    + {s}", style="green"))
            if f.message:
                console.print(Text(f"    {f.message}", style="dim"))
        console.print()
    if quiet:
        return buf.getvalue()
    for e in result.errors:
        console.print(Text(f"error: {e.path}: {e.message}", style="bold red"))
    summary = data["summary"]
    table = Table(title=f"{summary['findings']} findings in {summary['files']} files", title_justify="left",
                  caption=f"language path: {data['nlp']}", caption_justify="left")
    table.add_column("rule")
    table.add_column("severity")
    table.add_column("count", justify="right")
    severities = {f.rule: f.severity.value for f in result.findings}
    for rule, n in summary["by_rule"].items():
        table.add_row(rule, severities.get(rule, ""), str(n))
    if result.errors:
        table.add_row("unreadable files", "", str(len(result.errors)))
    console.print(table)
    return buf.getvalue()
