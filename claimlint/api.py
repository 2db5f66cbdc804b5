"""A small library API for embedding claimlint: lint text or paths, get Finding values."""
from __future__ import annotations

from typing import Iterable

from claimlint.config import Config
from claimlint.decode import Source
from claimlint.finding import Finding
from claimlint.pipeline import Setup, lint_source, prepare, run


def _setup(config: Config | None) -> Setup:
    setup, problems = prepare(config or Config())
    if problems:
        raise ValueError("; ".join(p.render() for p in problems))
    return setup


def lint_text(text: str, fmt: str = "text", config: Config | None = None, path: str = "<text>") -> list[Finding]:
    """Findings in one piece of copy; `fmt` is "html", "markdown" or "text"."""
    return lint_source(Source(path, text, "utf-8"), fmt, _setup(config)).findings


def lint_paths(paths: Iterable[str], config: Config | None = None) -> list[Finding]:
    """Findings in files and folders, in a stable order."""
    scan = run(list(paths), _setup(config))
    return [f for result in scan.results for f in result.findings]
