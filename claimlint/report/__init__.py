"""Stage 7 of 7: render a finished run in one output format.

Each format is one module with one pure function, `render(run) -> str`;
`FORMATTERS` maps the `--format` name to that module. Modules are imported
only when their format is asked for, so the HTML report's Jinja2 costs
nothing to a plain `claimlint check`.
"""
from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from claimlint import __version__
from claimlint.config import Config
from claimlint.finding import Diagnostic, Finding, PageCopy, Severity
from claimlint.rulepack import Pack, Rule

FORMATTERS: dict[str, str] = {
    "text": "claimlint.report.to_text",
    "json": "claimlint.report.to_json",
    "sarif": "claimlint.report.to_sarif",
    "html": "claimlint.report.to_html",
    "github": "claimlint.report.to_github",
    "gitlab": "claimlint.report.to_gitlab",
    "junit": "claimlint.report.to_junit",
}
TOOL_NAME = "claimlint"
TOOL_URI = "https://github.com/claimlint/claimlint"


@dataclass(frozen=True)
class Run:
    """Everything a reporter may show about one `claimlint check`."""

    findings: tuple[Finding, ...]
    diagnostics: tuple[Diagnostic, ...]
    files: tuple[str, ...]
    rules: tuple[Rule, ...]
    packs: tuple[Pack, ...]
    config: Config
    exit_code: int
    color: bool = False
    copies: dict[str, PageCopy] = field(default_factory=dict)
    baseline_hidden: int = 0

    @property
    def active(self) -> tuple[Finding, ...]:
        """Findings that are not suppressed."""
        return tuple(f for f in self.findings if f.suppressed is None)


def renderer(name: str) -> Callable[[Run], str]:
    """The `render` function of a format (imported on first use)."""
    return importlib.import_module(FORMATTERS[name]).render  # type: ignore[no-any-return]


def render_parts(name: str, run: Run) -> Iterable[str]:
    """The report in pieces where the format can stream (`chunks`), else whole."""
    module = importlib.import_module(FORMATTERS[name])
    return module.chunks(run) if hasattr(module, "chunks") else [module.render(run)]


def summary(run: Run) -> dict[str, object]:
    """Counts shared by every format: per severity, per category, files."""
    active = run.active
    by_severity = Counter(f.severity.value for f in active)
    return {
        "files": len(run.files),
        "files_with_findings": len({f.path for f in active}),
        "findings": len(active),
        "suppressed": len(run.findings) - len(active),
        "by_severity": {s.value: by_severity.get(s.value, 0) for s in sorted(Severity, key=lambda s: -s.rank)},
        "by_category": dict(sorted(Counter(f.category for f in active).items())),
        "errors": sum(1 for d in run.diagnostics if d.level == "error"),
        "baseline_hidden": run.baseline_hidden,
    }


def tool_info() -> dict[str, str]:
    return {"name": TOOL_NAME, "version": __version__, "informationUri": TOOL_URI}
