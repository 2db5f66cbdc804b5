"""`baseline create` and `baseline prune`: adopt claimlint on a site without fixing everything first."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Sequence

import click

from claimlint.baseline import BaselineError
from claimlint.baseline import dumps as baseline_dumps
from claimlint.baseline import entries as baseline_entries
from claimlint.baseline import loads as baseline_loads
from claimlint.cli import (
    UserError,
    config_from,
    lint_paths_for,
    relative_paths,
    write_output,
)
from claimlint.finding import Diagnostic


@click.group()
def baseline() -> None:
    """Adopt claimlint on an existing site: record today's findings, fail only on new ones.

    \b
      claimlint baseline create .claimlint-baseline.json site/
      claimlint check --baseline .claimlint-baseline.json site/
      claimlint baseline prune .claimlint-baseline.json site/
    """


_BASELINE_OPTIONS = [
    click.argument("file", metavar="FILE"),
    click.argument("paths", nargs=-1, required=True),
    click.option("--config", "config_path", metavar="FILE", help="Config file (default: nearest .claimlint.yml)."),
    click.option("--no-config", is_flag=True, help="Ignore any .claimlint.yml."),
    click.option("-j", "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, help="Files scanned in parallel."),
]


def _baseline_options(func: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_BASELINE_OPTIONS):
        func = option(func)
    return func


@baseline.command("create")
@_baseline_options
def baseline_create(file: str, paths: tuple[str, ...], config_path: str | None, no_config: bool, jobs: int) -> None:
    """Record every current finding of PATHS in FILE."""
    config = config_from(config_path, no_config)
    outcome = lint_paths_for(list(paths), config, (), jobs)
    _fail_on_errors(outcome.diagnostics)
    items = baseline_entries(outcome.findings, relative_paths(outcome.findings, config))
    write_output(baseline_dumps(items), file)
    click.echo(f"wrote {file}: {len(items)} known finding{'s' if len(items) != 1 else ''}")


@baseline.command("prune")
@_baseline_options
def baseline_prune(file: str, paths: tuple[str, ...], config_path: str | None, no_config: bool, jobs: int) -> None:
    """Drop the entries of FILE that no longer match a finding in PATHS."""
    config = config_from(config_path, no_config)
    try:
        old = baseline_loads(Path(file).read_text(encoding="utf-8"), file)
    except OSError as exc:
        raise UserError(f"cannot read baseline {file}: {exc.strerror or exc}") from None
    except BaselineError as exc:
        raise UserError(str(exc)) from None
    outcome = lint_paths_for(list(paths), config, (), jobs)
    _fail_on_errors(outcome.diagnostics)
    current = {e.fingerprint for e in baseline_entries(outcome.findings, relative_paths(outcome.findings, config))}
    kept = [e for e in old if e.fingerprint in current]
    write_output(baseline_dumps(kept), file)
    click.echo(f"pruned {file}: removed {len(old) - len(kept)}, kept {len(kept)}")


def _fail_on_errors(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.render(), err=True)
    if any(d.level == "error" for d in diagnostics):
        raise UserError("the baseline was not written because of the errors above")
