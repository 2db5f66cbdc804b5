"""Stage 6b: a content-keyed baseline of known findings, and the fingerprints behind it.

A fingerprint hashes the rule, the path (relative to the config folder) and
the normalised sentence, plus the occurrence of that sentence for the rule.
Re-wrapping lines, editing elsewhere or moving a paragraph keeps it; editing
the risky sentence changes it, so the finding comes back. The baseline file
is sorted, indented JSON that reads well in a diff.
"""
from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable

from claimlint.finding import Finding

FORMAT_VERSION = 1
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


class BaselineError(Exception):
    """The baseline file cannot be used; the message says why and how to fix it."""


@functools.lru_cache(maxsize=4096)  # sites repeat sentences, and each finding asks for its own
def normalise_sentence(sentence: str) -> str:
    """Case, width, quote style and whitespace do not change what a sentence says."""
    text = unicodedata.normalize("NFKC", sentence).translate(_QUOTES).lower()
    return " ".join(text.split())


def fingerprint(finding: Finding, with_path: bool = True, path: str | None = None) -> str:
    """A stable 16-hex-digit id for the finding's content (`path` overrides the finding's own)."""
    where = (finding.path if path is None else path) if with_path else ""
    parts = [finding.rule, where, normalise_sentence(finding.sentence), str(finding.occurrence)]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    path: str
    rule: str
    text: str


def entries(findings: Iterable[Finding], relative: dict[str, str]) -> list[Entry]:
    """Baseline entries for active findings; `relative` maps a shown path to its root-relative path."""
    out = {
        Entry(fingerprint(f, path=relative.get(f.path, f.path)), relative.get(f.path, f.path), f.rule, f.text)
        for f in findings if f.suppressed is None
    }
    return sorted(out, key=lambda e: (e.path, e.rule, e.fingerprint))


def dumps(items: list[Entry]) -> str:
    data = {
        "version": FORMAT_VERSION,
        "tool": "claimlint",
        "findings": [{"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint, "text": e.text} for e in items],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def loads(text: str, path: str) -> list[Entry]:
    """Read a baseline file; raise BaselineError naming the file and the fix."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}); recreate it with `claimlint baseline create`") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a claimlint baseline (version {FORMAT_VERSION}); recreate it with `claimlint baseline create`")
    try:
        return [Entry(str(i["fingerprint"]), str(i["path"]), str(i["rule"]), str(i.get("text", ""))) for i in data["findings"]]
    except (KeyError, TypeError):
        raise BaselineError(f"{path}: an entry lacks 'fingerprint', 'path' or 'rule'; recreate it with `claimlint baseline create`") from None


def split_known(findings: Iterable[Finding], known: set[str], relative: dict[str, str]) -> tuple[list[Finding], int]:
    """Findings not in the baseline, and how many known ones were hidden."""
    kept: list[Finding] = []
    hidden = 0
    for f in findings:
        if f.suppressed is None and fingerprint(f, path=relative.get(f.path, f.path)) in known:
            hidden += 1
        else:
            kept.append(f)
    return kept, hidden
