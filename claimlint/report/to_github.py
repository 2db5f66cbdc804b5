"""Stage 7, GitHub Actions: one workflow command per active finding, shown as a pull-request annotation.

Each line reads `::error file=P,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE`
(`warning` for warnings, `notice` for info). Escaping follows the Actions
toolkit: in the message `%`, CR and LF become `%25`, `%0D` and `%0A`; property
values also turn `:` and `,` into `%3A` and `%2C`. Columns are sent only for a
finding on one line, since GitHub accepts them only when the start and end
lines are equal. Suppressed findings are left out; each error diagnostic gets
an `::error` line too. Order: findings by path, position and rule, then
diagnostics.
"""
from __future__ import annotations

import os

from claimlint.finding import Diagnostic, Finding, Severity
from claimlint.report import TOOL_NAME, Run

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_DATA = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_PROPERTY = {**_DATA, ":": "%3A", ",": "%2C"}


def render(run: Run) -> str:
    findings = sorted(run.active, key=lambda f: (f.path, f.line, f.column, f.rule, f.start))
    notes = sorted((d for d in run.diagnostics if d.level == "error"),
                   key=lambda d: (d.path, d.line, d.column, d.message))
    lines = [_finding(f) for f in findings] + [_diagnostic(d) for d in notes]
    return "".join(line + "\n" for line in lines)


def escape_data(text: str) -> str:
    """Escape a command's message (the part after `::`)."""
    return "".join(_DATA.get(ch, ch) for ch in text)


def escape_property(text: str) -> str:
    """Escape a property value (`file=`, `title=`...)."""
    return "".join(_PROPERTY.get(ch, ch) for ch in text)


def command(name: str, properties: dict[str, object], message: str) -> str:
    """One workflow command line, with every property and the message escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _finding(f: Finding) -> str:
    properties: dict[str, object] = {"file": f.path, "line": f.line}
    if f.end_line == f.line:
        properties.update(col=f.column, endLine=f.end_line, endColumn=f.end_column)
    else:
        properties["endLine"] = f.end_line
    properties["title"] = f.rule
    message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
    return command(COMMANDS[f.severity], properties, message)


def _diagnostic(d: Diagnostic) -> str:
    """An error annotation on the file it names, else on the run (a pack id, a missing path)."""
    message = f"{d.message} ({d.hint})" if d.hint else d.message
    properties: dict[str, object] = {}
    if os.path.isfile(d.path):
        properties["file"] = d.path
        if d.line > 0:
            properties["line"] = d.line
            if d.column > 0:
                properties["col"] = d.column
    elif d.path:
        message = f"{d.path}: {message}"
    properties["title"] = TOOL_NAME
    return command("error", properties, message)
