"""The documentation is generated from the packs and never drifts from them."""
from __future__ import annotations

from conftest import ROOT


def test_rule_table_in_docs_is_current(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("rules", "--all", "--format", "markdown")
    assert code == 0
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == out, (
        "docs/rules.md is stale: run `claimlint rules --all --format markdown > docs/rules.md`"
    )


def test_readme_names_the_two_commands_that_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && python -m pytest -q' in readme
    assert 'python -m pip install -q -e ".[test]"' in ci and "python -m pytest -q" in ci
    assert "claimlint check fixtures/site" in readme
