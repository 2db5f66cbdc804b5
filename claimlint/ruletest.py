"""Run every rule's own flag/pass examples: the packs' built-in test suite."""
from __future__ import annotations

from dataclasses import dataclass

from claimlint import guards
from claimlint.decode import Source
from claimlint.extract import ExtractOptions, extract
from claimlint.match import match_document
from claimlint.rulepack import Rule
from claimlint.segment import segment


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    kind: str  # "flag" or "pass"
    index: int
    text: str
    ok: bool
    matched: tuple[str, ...]


def hits_for(rule: Rule, text: str) -> tuple[str, ...]:
    """The spans `rule` flags in a snippet of plain text."""
    doc = extract(Source("<example>", text, "utf-8"), "text", ExtractOptions())
    hits = match_document(doc, segment(doc), [rule], guards.reference_blocks(doc))
    return tuple(doc.text[h.start:h.end] for h in hits)


def check_examples(rule: Rule) -> list[ExampleResult]:
    """One result per example: flag examples must be flagged, pass examples must not."""
    results = []
    for kind, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples)):
        for i, text in enumerate(examples):
            matched = hits_for(rule, text)
            results.append(ExampleResult(rule, kind, i, text, bool(matched) == (kind == "flag"), matched))
    return results


def describe_failure(result: ExampleResult) -> str:
    """A readable line for a failing example: what was expected and what happened."""
    where = f"{result.rule.path}:{result.rule.line}: {result.rule.id} {result.kind} example {result.index + 1}"
    if result.kind == "flag":
        return f"{where}: expected a finding, got none\n    - {result.text}"
    found = ", ".join(f"“{m}”" for m in result.matched)
    return f"{where}: expected no finding, got {found}\n    + {result.text}"
