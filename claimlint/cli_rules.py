"""Commands about the rules themselves: `rules`, `explain`, `test-rules`, and `init` for a starter config."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import click

from claimlint.cli import EXIT_FINDINGS, EXIT_OK, UserError, config_from, write_output
from claimlint.pipeline import load_packs
from claimlint.ruledoc import TABLE_FORMATS, table
from claimlint.ruledoc import explain as explain_rule
from claimlint.rulepack import Pack, builtin_packs

PACK_ORDER = ("core", "us", "ketamine", "addiction-treatment", "uk", "au")


def _packs(names: tuple[str, ...], config_path: str | None, no_config: bool, every: bool) -> list[Pack]:
    """The packs a command documents: named ones, every built-in one, or the config's selection."""
    if every:
        order = {name: i for i, name in enumerate(PACK_ORDER)}
        names = tuple(sorted(builtin_packs(), key=lambda n: (order.get(n, len(order)), n)))
    elif not names:
        names = config_from(config_path, no_config).pack_names()
    packs, problems = load_packs(names)
    if problems:
        first = problems[0]
        where = f"{first.path}:{first.line}" if first.line else first.path
        raise UserError(f"{where}: {first.message}" + (f" ({first.hint})" if first.hint else ""))
    return packs


_PACK_OPTIONS = [
    click.option("--config", "config_path", metavar="FILE", help="Config file (default: nearest .claimlint.yml)."),
    click.option("--no-config", is_flag=True, help="Ignore any .claimlint.yml."),
    click.option("--all", "every", is_flag=True, help="Every built-in pack, including other markets."),
]


def _pack_options(func: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_PACK_OPTIONS):
        func = option(func)
    return func


@click.command("rules")
@click.argument("packs", nargs=-1, metavar="[PACK...]")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True)
@_pack_options
def rules_command(packs: tuple[str, ...], fmt: str, config_path: str | None, no_config: bool, every: bool) -> None:
    """List the rules that run: id, category, severity and pack."""
    click.echo(table(_packs(packs, config_path, no_config, every), fmt), nl=False)


@click.command()
@click.argument("rule_id", metavar="RULE")
def explain(rule_id: str) -> None:
    """Explain RULE: what it flags, why, how to rewrite it, and the authorities behind it."""
    packs = _packs((), None, False, True)
    rules = {r.id: r for p in packs for r in p.rules}
    if rule_id not in rules:
        import difflib

        close = difflib.get_close_matches(rule_id, list(rules), n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "run `claimlint rules --all` for the list"
        raise UserError(f"no rule {rule_id!r} ({hint})")
    click.echo(explain_rule(rules[rule_id]), nl=False)


@click.command("test-rules")
@click.argument("pack_files", nargs=-1, metavar="[PACK_FILE...]")
def test_rules(pack_files: tuple[str, ...]) -> None:
    """Run every flag/pass example of the packs (default: all built-in packs); exit 1 on failure."""
    from claimlint.ruletest import check_examples, describe_failure

    packs = _packs(pack_files, None, False, not pack_files)
    failed = total = 0
    for pack in packs:
        for rule in pack.rules:
            for result in check_examples(rule):
                total += 1
                if not result.ok:
                    failed += 1
                    click.echo(describe_failure(result))
    click.echo(f"{total - failed} passed, {failed} failed ({sum(len(p.rules) for p in packs)} rules in {len(packs)} packs)")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@click.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .claimlint.yml.")
def init(force: bool) -> None:
    """Write a commented starter .claimlint.yml in the current folder."""
    from claimlint.starter import STARTER_CONFIG

    target = Path(".claimlint.yml")
    if target.exists() and not force:
        raise UserError(f"{target} already exists (use --force to overwrite)")
    write_output(STARTER_CONFIG, str(target))
    click.echo(f"wrote {target}; edit it, then run `claimlint check .`")


COMMANDS = (rules_command, explain, test_rules, init)
