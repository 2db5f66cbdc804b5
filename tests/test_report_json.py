"""The JSON report writes each finding itself: it must read exactly as the standard encoder writes it."""
from __future__ import annotations

import dataclasses
import json
from typing import Any

from claimlint.config import Config
from claimlint.discover import discover
from claimlint.finding import Finding, Reference, Severity
from claimlint.pipeline import lint_target, prepare
from claimlint.report import Run
from claimlint.report.to_json import chunks, finding_json

from conftest import FIXTURES


def finding_dict(f: Finding) -> dict[str, Any]:
    """The report's shape of a finding, as a dict for the standard encoder: what finding_json must write."""
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


def _standard(f: Finding) -> str:
    return json.dumps(finding_dict(f), indent=2, ensure_ascii=False).replace("\n", "\n    ")


def _fixture_findings() -> list[Finding]:
    setup, _ = prepare(Config())
    targets, _ = discover([str(FIXTURES / "site")], Config())
    return [f for t in targets for f in lint_target(t, setup).findings]


def test_every_fixture_finding_reads_as_the_standard_encoder_writes_it() -> None:
    findings = _fixture_findings()
    assert len(findings) > 20 and any(f.references for f in findings)
    for f in findings:
        assert finding_json(f) == _standard(f), f.rule


def test_unusual_values_read_as_the_standard_encoder_writes_them() -> None:
    base = _fixture_findings()[0]
    odd = [
        dataclasses.replace(base, suppressed="agreed with legal, ticket \"LEG-12\""),
        dataclasses.replace(base, references=()),
        dataclasses.replace(base, references=(Reference("ftc", "FTC\tguide", ""),)),
        dataclasses.replace(base, message="Tab\there, quote \" and back\\slash, \u2028 and é", sentence="\x00\x1f"),
        dataclasses.replace(base, severity=Severity.WARNING, line=10**6),
    ]
    for f in odd:
        assert finding_json(f) == _standard(f)


def test_findings_of_one_rule_keep_their_own_severity_and_path_in_one_report() -> None:
    base = _fixture_findings()[0]
    lowered = dataclasses.replace(base, severity=base.severity.lowered(), path="other.html")
    assert lowered.severity != base.severity
    run = Run((base, lowered), (), (base.path, "other.html"), (), (), Config(), 1)
    report = json.loads("".join(chunks(run)))
    assert [(f["severity"], f["path"]) for f in report["findings"]] == [
        (base.severity.value, base.path), (lowered.severity.value, "other.html"),
    ]
