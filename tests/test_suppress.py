"""Inline suppressions: precise, accountable, never silent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimlint.config import Config
from claimlint.decode import Source
from claimlint.pipeline import lint_source, prepare

SAFE = "Our infusions are completely safe."
CURE = "Ketamine cures depression."


@pytest.fixture(scope="module")
def setup():  # type: ignore[no-untyped-def]
    setup, problems = prepare(Config(packs=("core",)))
    assert not problems
    return setup


def _lint(setup, text: str, fmt: str = "html", require_reason: bool = True):  # type: ignore[no-untyped-def]
    import dataclasses

    if not require_reason:
        setup = dataclasses.replace(setup, config=dataclasses.replace(setup.config, require_reason=False))
    result = lint_source(Source("page", text, "utf-8"), fmt, setup)
    return result.findings, result.diagnostics


def _rules(findings):  # type: ignore[no-untyped-def]
    return [(f.rule, f.suppressed) for f in findings]


def test_disable_next_line_covers_only_the_next_line_and_that_rule(setup) -> None:  # type: ignore[no-untyped-def]
    html = f"<!-- claimlint-disable-next-line core.safe-claim -- approved by legal -->\n<p>{SAFE} {CURE}</p>\n<p>{SAFE}</p>"
    findings, problems = _lint(setup, html)
    assert _rules(findings) == [
        ("core.safe-claim", "approved by legal"), ("core.cure-claim", None), ("core.safe-claim", None),
    ]
    assert problems == []


def test_disable_enable_range_and_pack_prefix(setup) -> None:  # type: ignore[no-untyped-def]
    md = f"{SAFE}\n\n<!-- claimlint-disable core -- quoted from a 2015 press article -->\n\n{SAFE} {CURE}\n\n<!-- claimlint-enable core -->\n\n{CURE}\n"
    findings, _ = _lint(setup, md, "markdown")
    assert [f.suppressed for f in findings] == [None, "quoted from a 2015 press article", "quoted from a 2015 press article", None]


def test_disable_file_in_a_text_file(setup) -> None:  # type: ignore[no-untyped-def]
    text = f"# claimlint-disable-file core.cure-claim -- historical archive\n{CURE}\n\n{SAFE}\n"
    findings, problems = _lint(setup, text, "text")
    assert _rules(findings) == [("core.cure-claim", "historical archive"), ("core.safe-claim", None)]
    assert problems == []


def test_an_unused_suppression_is_reported(setup) -> None:  # type: ignore[no-untyped-def]
    findings, problems = _lint(setup, "<!-- claimlint-disable-next-line core.cure-claim -- old -->\n<p>Hello.</p>")
    assert findings == []
    assert [(p.code, p.level, p.line) for p in problems] == [("unused-suppression", "warning", 1)]


@pytest.mark.parametrize(
    "directive, words",
    [
        ("claimlint-disable-next-line", "needs a rule id"),
        ("claimlint-disable-next-line -- no rule given", "needs a rule id"),
        ("claimlint-disable-next-line core.safe-claim", "needs a reason"),
        ("claimlint-disabel core.safe-claim -- typo", "unknown directive claimlint-disabel"),
    ],
)
def test_a_malformed_directive_is_an_error_and_suppresses_nothing(setup, directive: str, words: str) -> None:  # type: ignore[no-untyped-def]
    findings, problems = _lint(setup, f"<!-- {directive} -->\n<p>{SAFE}</p>")
    assert _rules(findings) == [("core.safe-claim", None)]
    assert len(problems) == 1 and problems[0].level == "error" and problems[0].code == "invalid-suppression"
    assert words in problems[0].message


def test_the_reason_can_be_made_optional(setup) -> None:  # type: ignore[no-untyped-def]
    findings, problems = _lint(setup, f"<!-- claimlint-disable-next-line core.safe-claim -->\n<p>{SAFE}</p>", require_reason=False)
    assert _rules(findings) == [("core.safe-claim", "suppressed in source")] and problems == []


def test_suppressed_findings_are_shown_in_json_and_counted_in_text(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html"
    page.write_text(f"<!-- claimlint-disable-next-line core.safe-claim -- reviewed -->\n<p>{SAFE}</p>\n<p>{CURE}</p>\n")
    code, out, _ = cli("check", "--no-config", "--packs", "core", "--format", "json", str(page))
    data = json.loads(out)
    assert code == 1
    assert [f.get("suppressed") for f in data["findings"]] == [{"kind": "inSource", "justification": "reviewed"}, None]
    assert data["summary"]["suppressed"] == 1
    code, out, _ = cli("check", "--no-config", "--packs", "core", str(page))
    assert "1 finding (1 error) in 1 of 1 file; 1 suppressed in the source" in out
    assert "core.safe-claim" not in out.split("\n\n")[0]
