"""The values that travel from the matcher to every reporter: Finding, Severity, Diagnostic."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    """How serious a finding is; ordered so that `ERROR > WARNING > INFO`."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def lowered(self) -> "Severity":
        """One step down (a hedged claim); info stays info."""
        return {Severity.ERROR: Severity.WARNING}.get(self, Severity.INFO)

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}

SEVERITY_NAMES = tuple(s.value for s in Severity)


@dataclass(frozen=True)
class Reference:
    """An authority a rule rests on (FTC guidance, a CAP Code section...)."""

    id: str
    title: str
    url: str


@dataclass(frozen=True)
class Finding:
    """One risky claim at one place in one file.

    Positions are computed once, from the extractor's offset map: `start`/`end`
    are code-point offsets into the decoded source, `line`/`column` are 1-based
    and `end_column` points just past the last character (as in SARIF).
    """

    path: str
    rule: str
    pack: str
    category: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    text: str
    sentence: str
    suggestion: str = ""
    references: tuple[Reference, ...] = ()
    occurrence: int = 0
    suppressed: str | None = None
    copy_start: int = -1
    copy_end: int = -1
    in_sentence: int = 0

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.rule)


@dataclass(frozen=True)
class Diagnostic:
    """A problem with the input or the setup rather than with the copy.

    `level` is "error" (exit 2), "warning" (shown, no effect on the exit
    code) or "notice" (informational, e.g. a skipped binary file).
    """

    path: str
    message: str
    level: str = "error"
    line: int = 0
    column: int = 0
    hint: str = ""
    code: str = ""

    def render(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        level = f"{self.level} [{self.code}]" if self.code else self.level
        text = f"{where}: {level}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True)
class PageCopy:
    """The copy of one page as a reader sees it, kept for reports that show it (HTML).

    `blocks` are (kind, start, end, role) spans of `text`; findings point into
    it with `copy_start`/`copy_end`.
    """

    text: str
    blocks: tuple[tuple[str, int, int, str], ...]


@dataclass
class FileResult:
    """What scanning one file produced; returned by worker processes."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    scanned: bool = True
    copy: PageCopy | None = None
