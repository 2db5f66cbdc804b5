"""Stage 7, SARIF 2.1.0: one run for GitHub code scanning and other SARIF viewers.

Locations are relative to the scan root (the current folder, `%SRCROOT%`);
columns count Unicode code points of the decoded line; partialFingerprints
hash the rule, the normalised sentence and its occurrence, so a finding
keeps its identity when it moves to another line (GitHub's
`primaryLocationLineHash` gets the same value rather than its line hash). The output is deterministic: rules sorted by
id, results in (path, position, rule) order, no timestamps.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from claimlint.baseline import fingerprint
from claimlint.finding import Diagnostic, Finding, Severity
from claimlint.report import Run, tool_info
from claimlint.rulepack import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
ROOT_ID = "%SRCROOT%"
FINGERPRINT_KEY = "claimlint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
NOTIFICATION_LEVELS = {"error": "error", "warning": "warning", "notice": "note"}
_MATCH = re.compile(r"[“\"']?\{match\}[”\"']?")


def render(run: Run) -> str:
    root = Path.cwd()
    rules = _rule_table(run)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    findings = sorted(run.findings, key=lambda f: (_uri(f.path, root), f.line, f.column, f.rule, f.start))
    sarif_run: dict[str, Any] = {
        "tool": {"driver": {**tool_info(), "rules": rules}},
        "invocations": [_invocation(run, root)],
        "originalUriBaseIds": {ROOT_ID: {"uri": root.as_uri().rstrip("/") + "/"}},
        "results": [_result(f, index[f.rule], root) for f in findings],
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [sarif_run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule_table(run: Run) -> list[dict[str, Any]]:
    """One entry per rule that ran, plus any rule a finding names that is not among them."""
    by_id: dict[str, dict[str, Any]] = {}
    for rule in run.rules:
        by_id.setdefault(rule.id, rule_dict(rule))
    for f in run.findings:
        by_id.setdefault(f.rule, _rule_from_finding(f))
    return [by_id[rule_id] for rule_id in sorted(by_id)]


def rule_dict(rule: Rule) -> dict[str, Any]:
    """A SARIF reportingDescriptor for one rule."""
    short = _sentence(_MATCH.sub("the wording", rule.message))
    entry: dict[str, Any] = {
        "id": rule.id,
        "name": camel_case(rule.id),
        "shortDescription": {"text": short},
        "fullDescription": {"text": _sentence(rule.why) if rule.why else short},
        "help": {"text": _help_text(rule, short), "markdown": _help_markdown(rule, short)},
    }
    if rule.references:
        entry["helpUri"] = rule.references[0].url
    entry["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    entry["properties"] = {"tags": _tags(rule.category, rule.pack)}
    return entry


def _rule_from_finding(f: Finding) -> dict[str, Any]:
    """A minimal descriptor for a finding whose rule is not in `Run.rules` (a run built by hand)."""
    rule = Rule(id=f.rule, pack=f.pack, category=f.category, severity=f.severity,
                message=f.message, patterns=(), suggest=f.suggestion, references=f.references)
    return rule_dict(rule)


def camel_case(rule_id: str) -> str:
    """`core.safe-claim` -> `SafeClaim` (the part after the pack)."""
    local = rule_id.rsplit(".", 1)[-1]
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[^A-Za-z0-9]+", local) if word) or rule_id


def _tags(category: str, pack: str) -> list[str]:
    return list(dict.fromkeys(t for t in (category, pack) if t))


def _sentence(text: str) -> str:
    """One line, capitalised, ending with a full stop (SARIF messages are sentences)."""
    text = " ".join(text.split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.rstrip("”’\"')]").endswith((".", "!", "?", "…")) else text + "."


def _help_text(rule: Rule, short: str) -> str:
    parts = [short]
    if rule.why:
        parts.append("Why: " + _sentence(rule.why))
    if rule.suggest:
        parts.append("Instead: " + _sentence(rule.suggest))
    if rule.references:
        parts.append("References:\n" + "\n".join(f"- {r.title}: {r.url}" for r in rule.references))
    return "\n\n".join(parts)


def _help_markdown(rule: Rule, short: str) -> str:
    parts = [f"**{_md(short)}**"]
    if rule.why:
        parts.append("**Why it matters.** " + _md(_sentence(rule.why)))
    if rule.suggest:
        parts.append("**How to rewrite.** " + _md(_sentence(rule.suggest)))
    if rule.references:
        links = "\n".join(f"- [{_md(r.title)}]({r.url})" for r in rule.references)
        parts.append("**References**\n\n" + links)
    return "\n\n".join(parts)


def _md(text: str) -> str:
    """Escape the Markdown characters that would change how copy-derived text renders."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _uri(path: str, root: Path) -> str:
    """A URI reference for `path`: relative to `root` (percent-encoded), else an absolute file URI."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return absolute.as_uri()
    return quote(relative.as_posix(), safe="/")


def _artifact(path: str, root: Path) -> dict[str, str]:
    uri = _uri(path, root)
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": ROOT_ID}


def _result(f: Finding, rule_index: int, root: Path) -> dict[str, Any]:
    region = {
        "startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
        "snippet": {"text": f.text},
    }
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": _sentence(f.message)},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(f.path, root), "region": region}}],
        "partialFingerprints": _fingerprints(f),
    }
    if f.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": f.suppressed or "Suppressed in source."}]
    return result


def _fingerprints(f: Finding) -> dict[str, str]:
    """Content fingerprints; GitHub's own key gets the same value so that its alerts survive line moves too."""
    value = fingerprint(f, with_path=False)
    return {FINGERPRINT_KEY: value, "primaryLocationLineHash": value}


def _invocation(run: Run, root: Path) -> dict[str, Any]:
    notes = sorted(run.diagnostics, key=lambda d: (d.path, d.line, d.column, d.level, d.message))
    return {
        "executionSuccessful": run.exit_code != 2,
        "exitCode": run.exit_code,
        "toolExecutionNotifications": [_notification(d, root) for d in notes],
    }


def _notification(d: Diagnostic, root: Path) -> dict[str, Any]:
    text = f"{d.message} ({d.hint})" if d.hint else d.message
    note: dict[str, Any] = {"level": NOTIFICATION_LEVELS.get(d.level, "note"), "message": {"text": _sentence(text)}}
    if _is_file(d.path):
        location: dict[str, Any] = {"artifactLocation": _artifact(d.path, root)}
        if d.line > 0:
            location["region"] = {"startLine": d.line, **({"startColumn": d.column} if d.column > 0 else {})}
        note["locations"] = [{"physicalLocation": location}]
    return note


def _is_file(path: str) -> bool:
    """Diagnostics name a file, or a bare pack id (no dot, no slash) when a pack is unknown."""
    return bool(path) and ("." in path or "/" in path or os.sep in path or os.path.exists(path))
