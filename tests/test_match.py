"""Matching behaviour, with a small pack written here so the tests do not depend on the built-in wording."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.config import Config
from claimlint.decode import Source
from claimlint.finding import Severity
from claimlint.pipeline import lint_source, prepare

PACK = """\
pack: t
version: '1'
description: test pack
references:
  ftc: {title: FTC guidance, url: 'https://www.ftc.gov/'}
define:
  word: 'safe'
  safety: '\\b{{word}}\\b'

rules:
  - id: safe
    category: absolute-safety
    severity: error
    message: "“{match}” is called safe."
    phrases: [completely safe, risk-free, pain-free]
    references: [ftc]
    examples: {flag: [It is completely safe.], pass: [No treatment is completely safe.]}
  - id: stat
    category: unqualified-statistic
    severity: error
    message: "“{match}” has no source."
    patterns: ['\\d+%\\s+(?:of\\s+patients\\s+)?(?P<claim>respond\\w*)']
    unless: ['@citation']
    examples: {flag: ['90% respond.'], pass: ['90% respond [1].']}
  - id: fast
    category: rapid-results
    severity: warning
    message: "“{match}” promises fast relief."
    phrases: [relief within hours]
    examples: {flag: [You get relief within hours.], pass: [Some patients get relief within hours.]}
  - id: cure
    category: cure-or-repair
    severity: error
    message: "“{match}” claims a cure."
    phrases: [rewire the brain, cures depression]
    examples: {flag: [It cures depression.], pass: [Nothing cures depression.]}
  - id: safe-word
    category: absolute-safety
    severity: warning
    message: "“{match}” again."
    patterns: ['{{safety}}']
    examples: {flag: [It is safe.], pass: [It is fine.]}
  - id: risk-page
    category: missing-risk-information
    severity: warning
    scope: page
    message: "Benefits with no risks on the page."
    phrases: [benefits]
    requires: ['side effects?|risks?']
    examples: {flag: [The benefits are many.], pass: [The benefits are many. Side effects include nausea.]}
"""


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = Path(tmp_path_factory.mktemp("pack")) / "t.yaml"
    path.write_text(PACK, encoding="utf-8")
    setup, problems = prepare(Config(packs=(str(path),)))
    assert not problems
    return setup


def _lint(setup, text: str, fmt: str = "text"):  # type: ignore[no-untyped-def]
    return lint_source(Source("p", text, "utf-8"), fmt, setup).findings


@pytest.mark.parametrize(
    "text",
    [
        "It is completely safe.",
        "It is COMPLETELY   SAFE.",
        "It is completely\u00a0safe.",
        "It is com\u00adpletely safe.",
        "It is completely\u200b safe.",
        "Spravato® is risk‑free.",
        "It is risk free.",
        "It is risk–free™.",
        "Sessions are painfree.",
    ],
)
def test_matching_tolerates_case_spaces_hyphens_and_marks(setup, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [f.rule for f in _lint(setup, text)] == ["t.safe"]


def test_tolerant_matches_still_map_to_exact_source_positions(setup) -> None:  # type: ignore[no-untyped-def]
    text = "Intro.\nSpravato® is risk‑free™ today."
    (finding,) = _lint(setup, text)
    assert text[finding.start:finding.end] == "risk‑free"
    assert (finding.line, finding.column, finding.end_column) == (2, 14, 23)


def test_one_finding_per_span_and_rule(setup) -> None:  # type: ignore[no-untyped-def]
    findings = _lint(setup, "It is completely safe and risk-free, completely safe.")
    assert [f.text for f in findings] == ["completely safe", "risk-free", "completely safe"]


def test_negation_in_the_same_clause_clears_but_not_across_clauses(setup) -> None:  # type: ignore[no-untyped-def]
    assert _lint(setup, "No infusion is completely safe.") == []
    assert [f.text for f in _lint(setup, "It is not a cure for everyone, but it is completely safe.")] == ["completely safe"]


def test_citation_guard_and_claim_group(setup) -> None:  # type: ignore[no-untyped-def]
    assert _lint(setup, "In a 2019 trial (Fava et al., 2019), 52% of patients responded.") == []
    (finding,) = _lint(setup, "Studies show 70% of patients respond.")
    assert finding.text == "respond"


def test_hedges_lower_or_clear(setup) -> None:  # type: ignore[no-untyped-def]
    (finding,) = _lint(setup, "It may be completely safe.")
    assert finding.severity is Severity.WARNING and "hedged" in finding.message
    assert _lint(setup, "Some patients get relief within hours.") == []
    assert [f.rule for f in _lint(setup, "You can get relief within hours.")] == ["t.fast"]


def test_questions_are_claims_only_when_the_answer_affirms_them(setup) -> None:  # type: ignore[no-untyped-def]
    assert _lint(setup, "Can ketamine rewire the brain?\n\nResearch is ongoing.") == []
    (finding,) = _lint(setup, "Can ketamine rewire the brain?\n\nYes.")
    assert finding.rule == "t.cure" and "question" in finding.message
    findings = _lint(setup, "Does it cure depression?\n\nYes, it cures depression.")
    assert [(f.line, f.text) for f in findings] == [(3, "cures depression")]


def test_page_rules_fire_once_unless_the_page_discloses(setup) -> None:  # type: ignore[no-untyped-def]
    findings = _lint(setup, "The benefits are many.\n\nMore benefits here.")
    assert [(f.rule, f.line) for f in findings] == [("t.risk-page", 1)]
    assert _lint(setup, "The benefits are many.\n\nRisks include nausea.") == []


def test_reference_lists_and_navigation_are_not_claims(setup) -> None:  # type: ignore[no-untyped-def]
    html = (
        "<nav><a href='/'>Completely safe care</a></nav><h2>References</h2>"
        "<ol><li>Smith J. Why 90% respond to ketamine. J Psych. 2020.</li></ol><p>It cures depression.</p>"
    )
    assert [f.rule for f in _lint(setup, html, "html")] == ["t.cure"]


def test_overlapping_hits_of_one_category_are_one_claim_at_the_highest_severity(setup) -> None:  # type: ignore[no-untyped-def]
    findings = _lint(setup, "It is completely safe.")
    assert [(f.rule, f.severity.value) for f in findings] == [("t.safe", "error")]
    assert [f.rule for f in _lint(setup, "It is safe.")] == ["t.safe-word"]  # nested defines expand


def test_cannot_inside_the_span_is_a_negation(setup) -> None:  # type: ignore[no-untyped-def]
    assert _lint(setup, "This infusion cannot be completely safe for everyone.") == []


def test_numbered_reference_entries_under_a_heading_are_not_claims(setup) -> None:  # type: ignore[no-untyped-def]
    text = (
        "It cures depression.\n\nReferences\n\n"
        "[1] Patel S, et al. Why 90% respond and it cures depression. J Psych. 2020;12:1-9.\n\n"
        "2. Lee K. Completely safe infusions in adults. Lancet. 2019.\n"
    )
    assert [(f.rule, f.line) for f in _lint(setup, text)] == [("t.cure", 1)]


def test_a_heading_joined_to_its_first_entry_is_a_reference_list(setup) -> None:  # type: ignore[no-untyped-def]
    text = (
        "It cures depression.\n\nReferences\n"
        "[1] Patel S, Lee K, Ng T, et al. A long title saying that ketamine is completely safe and that it cures"
        " depression in adults, from a large, prospective, open-label effectiveness trial. J Psych. 2022;314:59-67.\n"
    )
    assert [(f.rule, f.line) for f in _lint(setup, text)] == [("t.cure", 1)]
    # without a year it is not a reference entry, and its claim stands
    assert [f.line for f in _lint(setup, "References [1] it cures depression.")] == [1]
