"""The command line: wiring and exit codes only; every stage lives in its own module."""
from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import click

from claimlint import __version__
from claimlint.baseline import BaselineError, split_known
from claimlint.baseline import loads as baseline_loads
from claimlint.changed import ChangesError, changed_lines, on_changed_lines
from claimlint.config import FAIL_ON, MARKETS, Config, find_config, load_config
from claimlint.decode import BinaryFile, decode
from claimlint.discover import format_for, relative_to_root
from claimlint.finding import Diagnostic, FileResult, Finding, PageCopy, Severity
from claimlint.pipeline import Setup, lint_source, prepare, run
from claimlint.report import FORMATTERS, Run, render_parts
from claimlint.yamlfile import YamlError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
STDIN = "-"


class UserError(click.ClickException):
    """A problem the user can fix; shown as one line, exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"claimlint: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="claimlint")
def cli() -> None:
    """Find risky marketing claims in health-clinic web copy.

    \b
    Start with:
      claimlint check site/              scan a folder of HTML, Markdown and text
      claimlint rules                    list the rules that run
      claimlint explain core.safe-claim  why a rule exists and how to rewrite
      claimlint init                     write a commented .claimlint.yml
    """


def config_from(config_path: str | None, no_config: bool) -> Config:
    if no_config:
        return Config()
    path = Path(config_path) if config_path else find_config(Path.cwd())
    if path is None:
        return Config()
    if not path.is_file():
        raise UserError(f"config file {path} not found (check --config)")
    try:
        return load_config(path)
    except YamlError as exc:
        raise UserError(str(exc)) from None


def _outputs(formats: Sequence[str]) -> list[tuple[str, str | None]]:
    outputs: list[tuple[str, str | None]] = []
    for spec in formats or ("text",):
        name, _, target = spec.partition(":")
        if name not in FORMATTERS:
            raise UserError(f"unknown format {name!r} (choose from {', '.join(sorted(FORMATTERS))}; add :FILE to write a file)")
        outputs.append((name, target or None))
    if sum(1 for _, target in outputs if target is None) > 1:
        raise UserError("only one --format may go to standard output; give the others a file, e.g. --format json:report.json")
    return outputs


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--config", "config_path", metavar="FILE", help="Config file (default: nearest .claimlint.yml).")
@click.option("--no-config", is_flag=True, help="Ignore any .claimlint.yml.")
@click.option("--packs", metavar="IDS", help="Comma-separated packs to run instead of the default selection.")
@click.option("--pack", "extra_packs", multiple=True, metavar="FILE", help="Also run this pack file (repeatable).")
@click.option("--market", type=click.Choice(MARKETS), help="Market whose pack is added (default us).")
@click.option("--include", multiple=True, metavar="GLOB", help="File names to scan in folders (replaces the default).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Paths to skip (adds to the config).")
@click.option("--disable", multiple=True, metavar="RULE", help="Rule id or pack prefix to turn off (repeatable).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that fails the run (default error).")
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:FILE]",
              help=f"Output format ({', '.join(sorted(FORMATTERS))}), optionally to a file; repeatable.")
@click.option("--stdin-filename", metavar="NAME", help="With '-', the name (and so the format) of standard input.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when on a terminal).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count",
              help="Files scanned in parallel.")
@click.option("--baseline", metavar="FILE", help="Hide findings recorded in this baseline file; new ones still fail.")
@click.option("--diff-base", metavar="REF", help="Report only findings on lines changed since this git ref.")
def check(paths: tuple[str, ...], config_path: str | None, no_config: bool, packs: str | None,
          extra_packs: tuple[str, ...], market: str | None, include: tuple[str, ...], exclude: tuple[str, ...],
          disable: tuple[str, ...], fail_on: str | None, formats: tuple[str, ...], stdin_filename: str | None,
          color: bool | None, jobs: int, baseline: str | None, diff_base: str | None) -> None:
    """Scan PATHS (files, folders, or - for standard input) and report risky claims.

    \b
    Exit codes:
      0  no finding at or above --fail-on
      1  findings at or above --fail-on
      2  usage, config, pack or unreadable-input error
    """
    base = config_from(config_path, no_config)
    config = base.with_overrides(
        packs=tuple(p.strip() for p in packs.split(",") if p.strip()) if packs else None, market=market,
        include=include, exclude=base.exclude + exclude, disable=base.disable + disable, fail_on=fail_on,
        baseline=baseline,
    )
    outputs = _outputs(formats)
    known = _read_baseline(config.baseline) if config.baseline else None
    changes = _changes(diff_base) if diff_base else None
    outcome = lint_paths_for(list(paths), config, extra_packs, jobs, stdin_filename, any(n == "html" for n, _ in outputs))
    findings, hidden = outcome.findings, 0
    if changes is not None:
        findings = on_changed_lines(findings, changes)
    if known is not None:
        findings, hidden = split_known(findings, known, relative_paths(findings, config))
    code = exit_code(findings, outcome.diagnostics, config.fail_on)
    use_color = color if color is not None else sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = Run(tuple(findings), tuple(outcome.diagnostics), outcome.files, outcome.setup.rules,
                 outcome.setup.packs, config, code, copies=outcome.copies, baseline_hidden=hidden)
    for d in outcome.diagnostics:
        click.echo(d.render(), err=True)
    for name, target in outputs:
        write_output(render_parts(name, report if target else dataclasses.replace(report, color=use_color)), target)
    sys.exit(code)


@dataclasses.dataclass
class _Outcome:
    setup: Setup
    findings: list[Finding]
    diagnostics: list[Diagnostic]
    files: tuple[str, ...]
    copies: dict[str, PageCopy]


def lint_paths_for(paths: list[str], config: Config, extra_packs: tuple[str, ...], jobs: int,
          stdin_filename: str | None = None, keep_copy: bool = False) -> _Outcome:
    """Prepare the packs and scan the paths: everything `check` and `baseline` share."""
    setup, problems = prepare(config, extra_packs)
    setup = dataclasses.replace(setup, keep_copy=keep_copy)
    results, missing = _scan(paths, setup, stdin_filename, jobs)
    diagnostics = problems + missing + [d for r in results for d in r.diagnostics]
    findings = sorted((f for r in results for f in r.findings), key=lambda f: f.sort_key)
    copies = {r.path: r.copy for r in results if r.copy}
    return _Outcome(setup, findings, diagnostics, tuple(r.path for r in results if r.scanned), copies)


def _read_baseline(path: str) -> set[str]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot read baseline {path}: {exc.strerror or exc} (create it with `claimlint baseline create {path} PATHS`)") from None
    try:
        return {e.fingerprint for e in baseline_loads(text, path)}
    except BaselineError as exc:
        raise UserError(str(exc)) from None


def relative_paths(findings: Sequence[Finding], config: Config) -> dict[str, str]:
    return {f.path: relative_to_root(f.path, config) for f in findings}


def _changes(ref: str) -> dict[str, set[int] | None]:
    try:
        return changed_lines(ref)
    except ChangesError as exc:
        raise UserError(f"--diff-base {ref}: {exc}") from None


def _scan(paths: list[str], setup: Setup, stdin_filename: str | None, jobs: int) -> tuple[list[FileResult], list[Diagnostic]]:
    if paths == [STDIN]:
        return [_scan_stdin(setup, stdin_filename)], []
    if STDIN in paths:
        raise UserError("'-' (standard input) cannot be mixed with other paths")
    scan = run(paths, setup, jobs)
    results = scan.results
    if len(scan.targets) > PROGRESS_MIN_FILES and sys.stderr.isatty():
        results = _with_progress(results, len(scan.targets))
    return list(results), scan.problems


PROGRESS_MIN_FILES = 40


def _with_progress(results: Iterator[FileResult], total: int) -> Iterator[FileResult]:
    """A one-line progress bar on stderr (only used when stderr is a terminal)."""
    width = 30
    for done, result in enumerate(results, 1):
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} files")
        sys.stderr.flush()
        yield result
    sys.stderr.write("\r" + " " * (width + 30) + "\r")


def _scan_stdin(setup: Setup, name: str | None) -> FileResult:
    shown = name or "<stdin>"
    fmt = format_for(name or "stdin.txt")
    try:
        source = decode(sys.stdin.buffer.read(), shown, fmt)
    except BinaryFile:
        return FileResult(shown, diagnostics=[Diagnostic(shown, "binary input skipped", level="notice")], scanned=False)
    return lint_source(source, fmt, setup)


def exit_code(findings: Sequence[object], diagnostics: Sequence[Diagnostic], fail_on: str) -> int:
    """2 for any error diagnostic, else 1 if a finding reaches `fail_on`, else 0."""
    if any(d.level == "error" for d in diagnostics):
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity(fail_on).rank
    active = [f for f in findings if getattr(f, "suppressed", None) is None]
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in active) else EXIT_OK  # type: ignore[attr-defined]


ECHO_BATCH = 1 << 16


def write_output(text: str | Iterable[str], target: str | None) -> None:
    """Write to stdout, or atomically to a file (temporary file, then rename)."""
    parts = [text] if isinstance(text, str) else text
    if target is None:
        batch: list[str] = []
        size = 0
        for part in parts:  # a report streams in pieces of about 64 KB: one echo per finding costs more
            batch.append(part)
            size += len(part)
            if size >= ECHO_BATCH:
                click.echo("".join(batch), nl=False)
                batch, size = [], 0
        if batch:
            click.echo("".join(batch), nl=False)
        return
    folder = os.path.dirname(os.path.abspath(target))
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".claimlint-", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines(parts)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None


def _umask() -> int:
    """The process umask (reading it means setting it, so set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the console script and `python -m claimlint`."""
    from claimlint import (  # the other commands, registered explicitly
        cli_baseline,
        cli_rules,
    )

    for command in (*cli_rules.COMMANDS, cli_baseline.baseline):
        cli.add_command(command)
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="claimlint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code if isinstance(exc, UserError) else EXIT_ERROR
    except click.exceptions.Abort:
        return EXIT_ERROR
    except SystemExit as exc:
        return int(exc.code or 0)
    return EXIT_OK
