"""Run every rule's own flag/pass examples: the packs' built-in test suite."""
from __future__ import annotations

from dataclasses import dataclass

from claimlint.config import Config
from claimlint.decode import Source
from claimlint.pipeline import Setup, lint_source
from claimlint.rulepack import Rule


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    kind: str  # "flag" or "pass"
    index: int
    text: str
    ok: bool
    matched: tuple[str, ...]
    problem: str = ""


def hits_for(rule: Rule, text: str) -> tuple[tuple[str, ...], str]:
    """The spans `rule` flags in a snippet of plain text, and any error (a pattern that timed out)."""
    result = lint_source(Source("<example>", text, "utf-8"), "text", Setup(Config(), (rule,), ()))
    errors = [d.message for d in result.diagnostics if d.level == "error"]
    return tuple(f.text for f in result.findings), "; ".join(errors)


def check_examples(rule: Rule) -> list[ExampleResult]:
    """One result per example: flag examples must be flagged, pass examples must not."""
    results = []
    for kind, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples)):
        for i, text in enumerate(examples):
            matched, problem = hits_for(rule, text)
            ok = not problem and bool(matched) == (kind == "flag")
            results.append(ExampleResult(rule, kind, i, text, ok, matched, problem))
    return results


def describe_failure(result: ExampleResult) -> str:
    """A readable line for a failing example: what was expected and what happened."""
    where = f"{result.rule.path}:{result.rule.line}: {result.rule.id} {result.kind} example {result.index + 1}"
    if result.problem:
        return f"{where}: {result.problem}\n    ! {result.text}"
    if result.kind == "flag":
        return f"{where}: expected a finding, got none\n    - {result.text}"
    found = ", ".join(f"“{m}”" for m in result.matched)
    return f"{where}: expected no finding, got {found}\n    + {result.text}"
