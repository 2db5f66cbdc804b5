"""JSON report: `{"version": 1, "tool", "findings", "diagnostics", "summary"}`, stable order."""
from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, Iterator

from claimlint.finding import Finding
from claimlint.report import Run, summary, tool_info

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as JSON: 1-based lines and columns, code-point offsets into the decoded source."""
    item: dict[str, Any] = {
        "path": f.path, "rule": f.rule, "pack": f.pack, "category": f.category, "severity": f.severity.value,
        "message": f.message, "line": f.line, "column": f.column, "end_line": f.end_line,
        "end_column": f.end_column, "start": f.start, "end": f.end, "text": f.text, "sentence": f.sentence,
        "suggestion": f.suggestion,
        "references": [{"id": r.id, "title": r.title, "url": r.url} for r in f.references],
    }
    if f.suppressed is not None:
        item["suppressed"] = {"kind": "inSource", "justification": f.suppressed}
    return item


def chunks(run: Run) -> Iterator[str]:
    """The report piece by piece, one finding at a time: a large run never builds it whole."""
    head = {"version": SCHEMA_VERSION, "tool": {"name": tool_info()["name"], "version": tool_info()["version"]}}
    yield json.dumps(head, indent=2, ensure_ascii=False)[:-2] + ',\n  "findings": ['
    for i, finding in enumerate(run.findings):
        yield ("," if i else "") + "\n    " + _indented(finding_dict(finding), "\n    ")
    yield ("\n  ]," if run.findings else "],")
    tail = {
        "diagnostics": [
            {"path": d.path, "level": d.level, "code": d.code, "message": d.message, "line": d.line,
             "column": d.column, "hint": d.hint}
            for d in run.diagnostics
        ],
        "summary": {**summary(run), "exit_code": run.exit_code},
    }
    yield "\n" + json.dumps(tail, indent=2, ensure_ascii=False)[2:] + "\n"


def _indented(value: Any, newline: str) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, with each line after the first led by `newline`.

    The standard encoder falls back to pure Python whenever it indents; a
    run's report has thousands of findings, so this writes the few shapes a
    finding holds itself and leaves each string to the C escaper.
    """
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return str(value)
    if isinstance(value, dict) and value:
        inner = newline + "  "
        body = ("," + inner).join(f"{encode_basestring(k)}: {_indented(v, inner)}" for k, v in value.items())
        return "{" + inner + body + newline + "}"
    if isinstance(value, list) and value:
        inner = newline + "  "
        return "[" + inner + ("," + inner).join(_indented(v, inner) for v in value) + newline + "]"
    return json.dumps(value)


def render(run: Run) -> str:
    return "".join(chunks(run))
