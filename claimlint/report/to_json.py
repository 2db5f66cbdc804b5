"""JSON report: `{"version": 1, "tool", "findings", "diagnostics", "summary"}`, stable order."""
from __future__ import annotations

import json
from json.encoder import encode_basestring as _quote
from typing import Any, Iterator

from claimlint.finding import Finding
from claimlint.report import Run, summary, tool_info

SCHEMA_VERSION = 1


def chunks(run: Run) -> Iterator[str]:
    """The report piece by piece, one finding at a time: a large run never builds it whole."""
    head = {"version": SCHEMA_VERSION, "tool": {"name": tool_info()["name"], "version": tool_info()["version"]}}
    yield json.dumps(head, indent=2, ensure_ascii=False)[:-2] + ',\n  "findings": ['
    shared = _Escaped()
    for i, finding in enumerate(run.findings):
        yield ("," if i else "") + "\n    " + finding_json(finding, shared)
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


class _Escaped:
    """What findings share, escaped once per report: by rule (its fixed fields) and by path."""

    def __init__(self) -> None:
        self.rules: dict[str, tuple[str, str]] = {}
        self.paths: dict[str, str] = {}


def finding_json(f: Finding, shared: _Escaped | None = None) -> str:
    """A finding as JSON, indented to sit in the report's list (4 spaces, then 2 a level).

    Lines and columns are 1-based, `start`/`end` code-point offsets into the
    decoded source. The standard encoder falls back to pure Python whenever
    it indents, and a run's report holds thousands of findings, so this
    fills in their one shape itself and leaves each string to the C escaper.
    """
    shared = shared or _Escaped()
    parts = shared.rules.get(f.rule)
    if parts is None:
        parts = shared.rules[f.rule] = _rule_parts(f)
    path = shared.paths.get(f.path)
    if path is None:
        path = shared.paths[f.path] = _quote(f.path)
    head, tail = parts
    body = (
        f'{{\n      "path": {path},{head}\n      "severity": {_quote(f.severity.value)},'
        f'\n      "message": {_quote(f.message)},\n      "line": {f.line},\n      "column": {f.column},'
        f'\n      "end_line": {f.end_line},\n      "end_column": {f.end_column},\n      "start": {f.start},'
        f'\n      "end": {f.end},\n      "text": {_quote(f.text)},\n      "sentence": {_quote(f.sentence)},{tail}'
    )
    if f.suppressed is not None:
        body += (
            ',\n      "suppressed": {\n        "kind": "inSource",'
            f'\n        "justification": {_quote(f.suppressed)}\n      }}'
        )
    return body + "\n    }"


def _rule_parts(f: Finding) -> tuple[str, str]:
    """What every finding of one rule writes alike: the fields before the severity, and from the suggestion on."""
    head = f'\n      "rule": {_quote(f.rule)},\n      "pack": {_quote(f.pack)},\n      "category": {_quote(f.category)},'
    references = ",".join(
        f'\n        {{\n          "id": {_value(r.id)},\n          "title": {_value(r.title)},'
        f'\n          "url": {_value(r.url)}\n        }}'
        for r in f.references
    )
    tail = f'\n      "suggestion": {_quote(f.suggestion)},\n      "references": ' + (
        f"[{references}\n      ]" if references else "[]"
    )
    return head, tail


def _value(value: Any) -> str:
    return _quote(value) if type(value) is str else json.dumps(value)


def render(run: Run) -> str:
    return "".join(chunks(run))
