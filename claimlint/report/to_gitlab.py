"""Stage 7, GitLab Code Quality: a JSON list of issues for `artifacts:reports:codequality`.

GitLab reads `description`, `check_name`, `fingerprint`, `severity`,
`location.path` and `location.lines.begin` or `location.positions.begin.line`
(https://docs.gitlab.com/ci/testing/code_quality/); the other fields follow
the Code Climate issue spec, which GitLab's format is a subset of. Positions
are 1-based, as in the spec; the end column, as everywhere in claimlint,
points just past the match. Fingerprints are the baseline's content
fingerprints (rule, path, normalised sentence, occurrence), so an issue keeps
its identity when the copy around it moves; GitLab merges issues that share a
fingerprint, so a repeat gets a derived one. Suppressed findings are left out.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from claimlint.baseline import fingerprint
from claimlint.finding import Finding, Severity
from claimlint.report import Run

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
# Code Climate allows only a fixed set of categories (GitLab ignores them);
# a misleading claim is closest to "Clarity".
CATEGORIES = ["Clarity"]


def render(run: Run) -> str:
    findings = sorted(run.active, key=lambda f: (f.path, f.line, f.column, f.rule, f.start))
    prints = unique_fingerprints(findings)
    issues = [_issue(f, print_) for f, print_ in zip(findings, prints)]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def unique_fingerprints(findings: list[Finding]) -> list[str]:
    """One fingerprint per finding, in order; a repeat gets a hash of the value and its repeat count."""
    seen: set[str] = set()
    out: list[str] = []
    for f in findings:
        value = base = fingerprint(f, path=f.path)
        repeat = 0
        while value in seen:
            repeat += 1
            value = hashlib.sha256(f"{base}\x00{repeat}".encode("utf-8")).hexdigest()[:16]
        seen.add(value)
        out.append(value)
    return out


def _issue(f: Finding, print_: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": _description(f),
        "check_name": f.rule,
        "fingerprint": print_,
        "severity": SEVERITIES[f.severity],
        "categories": CATEGORIES,
        "location": {
            "path": f.path,
            "positions": {
                "begin": {"line": f.line, "column": f.column},
                "end": {"line": f.end_line, "column": f.end_column},
            },
        },
        "content": {"body": _body(f)},
    }


def _description(f: Finding) -> str:
    """One line (Code Climate descriptions have no newlines): the message, then the suggestion."""
    text = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
    return " ".join(text.split())


def _body(f: Finding) -> str:
    """Markdown details: the sentence, the suggestion and the references."""
    parts = [f"> {' '.join(f.sentence.split())}"]
    if f.suggestion:
        parts.append(f"**Suggestion.** {f.suggestion}")
    if f.references:
        parts.append("\n".join(f"- [{r.title}]({r.url})" for r in f.references))
    return "\n\n".join(parts)
