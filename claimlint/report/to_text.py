"""Terminal report: `path:line:col: severity [rule] message`, the sentence with the match marked, a summary."""
from __future__ import annotations

from claimlint.finding import Finding
from claimlint.report import Run, summary

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "notice": "\033[2m"}
BOLD, RESET = "\033[1m", "\033[0m"
CONTEXT = 60


def render(run: Run) -> str:
    lines: list[str] = []
    for f in run.findings:
        if f.suppressed is None:
            lines.extend(_finding(f, run.color))
    lines.append(_summary(run))
    return "\n".join(lines) + "\n"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{RESET}" if color else text


def _finding(f: Finding, color: bool) -> list[str]:
    where = _paint(f"{f.path}:{f.line}:{f.column}", BOLD, color)
    level = _paint(f.severity.value, COLOURS[f.severity.value], color)
    head = f"{where}: {level} [{f.rule}] {f.message}"
    before, match, after = _marked(f)
    marked = f"{before}{_paint(match, BOLD + COLOURS[f.severity.value], color) if color else '»' + match + '«'}{after}"
    return [head, f"    {marked}"]


def _marked(f: Finding) -> tuple[str, str, str]:
    """The sentence split around the match, trimmed to a readable width."""
    index = f.in_sentence
    before, after = f.sentence[:index], f.sentence[index + len(f.text):]
    if len(before) > CONTEXT:
        before = "…" + before[-CONTEXT:].lstrip()
    if len(after) > CONTEXT:
        after = after[:CONTEXT].rstrip() + "…"
    return before, f.text, after


def _summary(run: Run) -> str:
    s = summary(run)
    sev = s["by_severity"]
    assert isinstance(sev, dict)
    counts = ", ".join(f"{n} {name}{'s' if n != 1 and name != 'info' else ''}" for name, n in sev.items() if n)
    head = f"{s['findings']} finding{'s' if s['findings'] != 1 else ''}"
    head += f" ({counts})" if counts else ""
    head += f" in {s['files_with_findings']} of {s['files']} file{'s' if s['files'] != 1 else ''}"
    if s["suppressed"]:
        head += f"; {s['suppressed']} suppressed in the source"
    lines = ["", head]
    if s["baseline_hidden"]:
        n = s["baseline_hidden"]
        lines.append(f"{n} known finding{'s' if n != 1 else ''} hidden by baseline")
    cats = s["by_category"]
    assert isinstance(cats, dict)
    if cats:
        lines.append("  " + ", ".join(f"{c}: {n}" for c, n in cats.items()))
    return "\n".join(lines)
