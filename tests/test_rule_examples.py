"""Every flag/pass example of every built-in pack behaves as the pack says."""
from __future__ import annotations

import pytest

from claimlint.rulepack import Rule, builtin_packs, load_pack
from claimlint.ruletest import ExampleResult, check_examples, describe_failure

RULES: list[Rule] = [rule for path in builtin_packs().values() for rule in load_pack(path).rules]
CASES: list[tuple[Rule, str, int]] = [
    (rule, kind, i)
    for rule in RULES
    for kind, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples))
    for i in range(len(examples))
]


@pytest.mark.parametrize("rule, kind, index", CASES, ids=[f"{r.id}:{k}:{i + 1}" for r, k, i in CASES])
def test_example(rule: Rule, kind: str, index: int) -> None:
    results: list[ExampleResult] = [r for r in check_examples(rule) if r.kind == kind and r.index == index]
    assert results[0].ok, describe_failure(results[0])
