"""Stage 7, JUnit XML: one test case per scanned file, for CI test-report views.

A file fails when it has an active finding at or above the run's `fail_on`
threshold, so the report agrees with the exit code. Its one `<failure>`
(type: the highest severity; message: the count and the rule ids) lists every
active finding as `path:line:col: severity [rule] message`, the sentence and the
suggestion. One failure per test case, not one per finding, because several
readers (GitLab among them) keep only the first or mishandle the rest.
Findings below the threshold and suppressed findings are listed in
`<system-out>`. Each error diagnostic is a test case with an `<error>`.
Counts: tests = files + error diagnostics, failures = failing files,
errors = error diagnostics. Characters XML 1.0 cannot carry become U+FFFD.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from claimlint.finding import Diagnostic, Finding, Severity
from claimlint.report import TOOL_NAME, Run

FILES_CLASS = f"{TOOL_NAME}.files"
DIAGNOSTICS_CLASS = f"{TOOL_NAME}.diagnostics"
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(run: Run) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in sorted(run.findings, key=lambda f: (f.path, f.line, f.column, f.rule, f.start)):
        by_path[f.path].append(f)
    paths = sorted(set(run.files) | set(by_path))
    cases = [_file_case(path, by_path.get(path, []), run.config.fail_on) for path in paths]
    errors = sorted((d for d in run.diagnostics if d.level == "error"),
                    key=lambda d: (d.path, d.line, d.column, d.message))
    cases += [_error_case(d) for d in errors]
    failures = sum(1 for case in cases if case.find("failure") is not None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": str(len(errors)), "skipped": "0"}
    root = ET.Element("testsuites", {"name": TOOL_NAME, **counts, "time": "0"})
    suite = ET.SubElement(root, "testsuite", {"name": TOOL_NAME, **counts, "time": "0"})
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def xml_safe(text: str) -> str:
    """Replace the characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    return _NOT_XML.sub("\ufffd", text)


def reaches(f: Finding, fail_on: str) -> bool:
    """Whether an active finding fails the run at this threshold (as the exit code does)."""
    return fail_on != "never" and f.suppressed is None and f.severity.rank >= Severity(fail_on).rank


def _case(classname: str, name: str) -> ET.Element:
    return ET.Element("testcase", {"classname": classname, "name": xml_safe(name), "time": "0"})


def _file_case(path: str, findings: list[Finding], fail_on: str) -> ET.Element:
    case = _case(FILES_CLASS, path)
    case.set("file", xml_safe(path))
    active = [f for f in findings if f.suppressed is None]
    failing = [f for f in active if reaches(f, fail_on)]
    if failing:
        worst = max(failing, key=lambda f: f.severity.rank).severity.value
        rules = ", ".join(dict.fromkeys(f.rule for f in failing))
        count = f"{len(failing)} finding{'s' if len(failing) != 1 else ''}"
        failure = ET.SubElement(case, "failure", {"type": worst, "message": xml_safe(f"{count}: {rules}")})
        failure.text = xml_safe("\n\n".join(_describe(f) for f in active))
    quiet = [] if failing else [_describe(f) for f in active]
    quiet += [_describe(f) for f in findings if f.suppressed is not None]
    if quiet:
        ET.SubElement(case, "system-out").text = xml_safe("\n\n".join(quiet))
    return case


def _describe(f: Finding) -> str:
    """`path:line:col: severity [rule] message`, then the sentence and the suggestion."""
    head = f"{f.path}:{f.line}:{f.column}: {f.severity.value} [{f.rule}] {f.message}"
    if f.suppressed is not None:
        head += f" (suppressed: {f.suppressed or 'no reason given'})"
    lines = [head, f"    {' '.join(f.sentence.split())}"]
    if f.suggestion:
        lines.append(f"    Suggestion: {f.suggestion}")
    return "\n".join(lines)


def _error_case(d: Diagnostic) -> ET.Element:
    where = d.path + (f":{d.line}" if d.line else "") + (f":{d.column}" if d.line and d.column else "")
    case = _case(DIAGNOSTICS_CLASS, f"{where}: {d.message}" if where else d.message)
    error = ET.SubElement(case, "error", {"type": "error", "message": xml_safe(d.message)})
    error.text = xml_safe(d.render())
    return case
