"""Stage 6c: keep only findings on lines changed since a git ref (`--diff-base REF`).

Pull-request annotations should point at what the pull request changed.
Lines come from `git diff --unified=0 REF` (new side of each hunk); files
that git does not track yet count as changed throughout.
"""
from __future__ import annotations

import os
import re
import subprocess
from typing import Iterable

from claimlint.finding import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
_FILE = re.compile(r"^\+\+\+ b/(.*)$", re.M)
WHOLE_FILE = None


class ChangesError(Exception):
    """git could not tell what changed."""


def _git(args: list[str], cwd: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ChangesError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise ChangesError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


def changed_lines(ref: str, cwd: str = ".") -> dict[str, set[int] | None]:
    """Absolute path -> changed line numbers (None: the whole file is new)."""
    top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", ref, "--"], cwd)
    changes: dict[str, set[int] | None] = {}
    for block in re.split(r"^diff --git ", diff, flags=re.M)[1:]:
        name = _FILE.search(block)
        if not name:
            continue
        lines = changes.setdefault(os.path.join(top, name.group(1)), set())
        for hunk in _HUNK.finditer(block):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            assert lines is not None
            lines.update(range(start, start + count))
    for untracked in _git(["ls-files", "--others", "--exclude-standard"], top).splitlines():
        changes[os.path.join(top, untracked)] = WHOLE_FILE
    return changes


def on_changed_lines(findings: Iterable[Finding], changes: dict[str, set[int] | None]) -> list[Finding]:
    """Findings whose lines touch a changed line of their file."""
    kept = []
    for f in findings:
        key = os.path.realpath(f.path)
        lines = changes.get(key, set()) if key in changes else changes.get(os.path.abspath(f.path), set())
        if lines is WHOLE_FILE or any(n in lines for n in range(f.line, f.end_line + 1)):
            kept.append(f)
    return kept
