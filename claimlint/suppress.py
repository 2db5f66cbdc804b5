"""Stage 6a: inline suppressions, written in comments and always accountable.

    <!-- claimlint-disable-next-line core.safe-claim -- reviewed by legal, 2026-03 -->
    <!-- claimlint-disable core.hype -- brand slogan -->  ...  <!-- claimlint-enable core.hype -->
    <!-- claimlint-disable-file core.pressure-tactic -- campaign page, expires in May -->

A rule id or pack prefix is required, and so is a reason after `--` (unless
the config says `require_reason: false`). Suppressed findings are kept and
marked, never dropped; a directive that suppresses nothing is reported as
`unused-suppression`, a malformed one as `invalid-suppression`.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from claimlint.config import selects
from claimlint.decode import Source
from claimlint.extract.copy import Comment
from claimlint.finding import Diagnostic, Finding

DIRECTIVE = re.compile(r"^[\s#/*;!-]*claimlint-([a-z-]+)(.*)", re.S)
KINDS = ("disable-next-line", "disable-file", "disable", "enable")
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
EXAMPLE = "claimlint-disable-next-line core.safe-claim -- reason"


@dataclass
class Directive:
    kind: str
    rules: tuple[str, ...]
    reason: str
    line: int
    column: int
    start: int  # source range the directive covers
    end: int
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if not any(selects(rule, finding.rule) for rule in self.rules):
            return False
        if self.kind == "disable-next-line":
            return finding.line == self.start
        return self.start <= finding.start < self.end


def apply(
    findings: list[Finding], comments: list[Comment], source: Source, require_reason: bool = True
) -> tuple[list[Finding], list[Diagnostic]]:
    """Mark the findings that directives cover; report unused and malformed directives."""
    directives, problems = parse(comments, source, require_reason)
    marked = []
    for finding in findings:
        for directive in directives:
            if directive.covers(finding):
                directive.used = True
                finding = dataclasses.replace(finding, suppressed=directive.reason or "suppressed in source")
                break
        marked.append(finding)
    for d in directives:
        if not d.used:
            problems.append(Diagnostic(
                source.path, f"claimlint-{d.kind} {','.join(d.rules)} suppresses nothing", level="warning",
                line=d.line, column=d.column, hint="remove it, or fix the rule id", code="unused-suppression",
            ))
    return marked, problems


def parse(comments: list[Comment], source: Source, require_reason: bool) -> tuple[list[Directive], list[Diagnostic]]:
    """Directives in the order written; `disable` ranges end at the matching `enable` or the file's end."""
    directives: list[Directive] = []
    problems: list[Diagnostic] = []
    open_ranges: dict[str, Directive] = {}
    for comment in comments:
        m = DIRECTIVE.match(comment.text)
        if not m:
            continue
        line, column = source.lines.position(comment.start)
        end_line, _ = source.lines.position(comment.end)
        try:
            kind, rules, reason = _split(m.group(1), m.group(2), require_reason)
        except ValueError as exc:
            problems.append(Diagnostic(source.path, str(exc), line=line, column=column, hint=f"write e.g. `{EXAMPLE}`", code="invalid-suppression"))
            continue
        if kind == "enable":
            for rule in rules:
                opened = open_ranges.pop(rule, None)
                if opened is None:
                    problems.append(Diagnostic(source.path, f"claimlint-enable {rule} has no matching claimlint-disable", level="warning", line=line, column=column, code="unused-suppression"))
                else:
                    opened.end = comment.start
            continue
        directive = Directive(kind, rules, reason, line, column, 0, len(source.text))
        if kind == "disable-next-line":
            directive.start = end_line + 1
        elif kind == "disable":
            directive.start = comment.end
            open_ranges.update({rule: directive for rule in rules})
        directives.append(directive)
    return directives, problems


def _split(kind: str, rest: str, require_reason: bool) -> tuple[str, tuple[str, ...], str]:
    """(kind, rule ids, reason) of one directive, or ValueError saying what is wrong."""
    if kind not in KINDS:
        raise ValueError(f"unknown directive claimlint-{kind} (use one of: " + ", ".join("claimlint-" + k for k in KINDS) + ")")
    body = rest.strip().removesuffix("-->").strip()
    rules_text, _, reason = body.partition("--")
    rules = tuple(r.strip() for r in rules_text.replace(",", " ").split() if r.strip())
    if not rules:
        raise ValueError(f"claimlint-{kind} needs a rule id or pack prefix; it never disables everything")
    bad = [r for r in rules if not _RULE_ID.match(r)]
    if bad:
        raise ValueError(f"claimlint-{kind}: {bad[0]!r} is not a rule id or pack prefix")
    if kind != "enable" and require_reason and not reason.strip():
        raise ValueError(f"claimlint-{kind} {','.join(rules)} needs a reason after ' -- '")
    return kind, rules, " ".join(reason.split())
