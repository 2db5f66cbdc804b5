"""CI formats: GitHub workflow commands, GitLab Code Quality JSON and JUnit XML."""
from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable

import pytest

from claimlint.config import Config
from claimlint.finding import Diagnostic, Finding, Severity
from claimlint.report import FORMATTERS, Run, renderer
from claimlint.report import to_github, to_gitlab, to_junit

Cli = Callable[..., tuple[int, str, str]]
RISKY = "<p>Our ketamine infusions are completely safe.</p>\n"
CLEAN = "<p>Our clinic is open Monday to Friday.</p>\n"
# Code Climate's closed list of categories; GitLab ignores the field, other readers check it.
CODE_CLIMATE_CATEGORIES = {"Bug Risk", "Clarity", "Compatibility", "Complexity", "Duplication",
                           "Performance", "Security", "Style"}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def finding(path: str = "page.html", rule: str = "core.safe-claim", *, severity: Severity = Severity.ERROR,
            line: int = 1, column: int = 5, end_line: int | None = None, end_column: int = 20,
            message: str = "“completely safe” calls the treatment safe.", sentence: str = "It is completely safe.",
            suggestion: str = "", occurrence: int = 0, suppressed: str | None = None) -> Finding:
    return Finding(
        path=path, rule=rule, pack=rule.split(".")[0], category="absolute-safety", severity=severity,
        message=message, line=line, column=column, end_line=line if end_line is None else end_line,
        end_column=end_column, start=line * 100 + column, end=line * 100 + end_column, text="completely safe",
        sentence=sentence, suggestion=suggestion, occurrence=occurrence, suppressed=suppressed,
    )


def make_run(findings: list[Finding], *, files: tuple[str, ...] = (), diagnostics: tuple[Diagnostic, ...] = (),
             fail_on: str = "error") -> Run:
    files = files or tuple(sorted({f.path for f in findings}))
    return Run(tuple(findings), diagnostics, files, (), (), Config(fail_on=fail_on), 1)


def test_ci_formats_are_registered() -> None:
    for name in ("github", "gitlab", "junit"):
        assert name in FORMATTERS
        assert callable(renderer(name))


# --- GitHub Actions --------------------------------------------------------------------------------

def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command back the way the Actions runner does (split, then unescape)."""
    match = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    assert match, line
    name, props, data = match.groups()
    properties = {}
    for pair in (props or "").split(","):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, property_value=True)
    return name, properties, _unescape(data, property_value=False)


def _unescape(text: str, *, property_value: bool) -> str:
    codes = {"%0D": "\r", "%0A": "\n"} | ({"%3A": ":", "%2C": ","} if property_value else {})
    for code, char in codes.items():
        text = text.replace(code, char)
    return text.replace("%25", "%")


def test_github_escapes_message_and_properties() -> None:
    f = finding("pages/a,b:c%d.html", "pack:x.rule,1", message="100% safe:\nreally, yes\r",
                suggestion="Say 50%, not 100%: honest")
    (line,) = to_github.render(make_run([f])).splitlines()
    assert line == (
        "::error file=pages/a%2Cb%3Ac%25d.html,line=1,col=5,endLine=1,endColumn=20,title=pack%3Ax.rule%2C1"
        "::100%25 safe:%0Areally, yes%0D%0ASuggestion: Say 50%25, not 100%25: honest"
    )
    name, properties, message = parse_command(line)
    assert name == "error"
    assert properties == {"file": "pages/a,b:c%d.html", "line": "1", "col": "5", "endLine": "1",
                          "endColumn": "20", "title": "pack:x.rule,1"}
    assert message == "100% safe:\nreally, yes\r\nSuggestion: Say 50%, not 100%: honest"


def test_github_levels_suppressions_and_multiline_spans() -> None:
    run = make_run([
        finding(rule="a.error"),
        finding(rule="b.warning", severity=Severity.WARNING, line=2),
        finding(rule="c.info", severity=Severity.INFO, line=3, end_line=4, end_column=2),
        finding(rule="d.suppressed", line=5, suppressed="Reviewed by legal"),
    ])
    parsed = [parse_command(line) for line in to_github.render(run).splitlines()]
    assert [(name, props["title"]) for name, props, _ in parsed] == [
        ("error", "a.error"), ("warning", "b.warning"), ("notice", "c.info")]
    # GitHub accepts columns only on a one-line span.
    assert parsed[2][1] == {"file": "page.html", "line": "3", "endLine": "4", "title": "c.info"}


def test_github_reports_error_diagnostics_in_a_stable_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text(RISKY, encoding="utf-8")
    diagnostics = (
        Diagnostic("nope", "unknown pack 'nope'", hint="built-in packs: core"),
        Diagnostic("page.html", "cannot decode", line=3, column=2),
        Diagnostic("skip.bin", "binary input skipped", level="notice"),
    )
    findings = [finding("b.html", "z.rule"), finding("a.html", "y.rule", line=9), finding("a.html", "x.rule", line=2)]
    first = to_github.render(make_run(findings, diagnostics=diagnostics))
    second = to_github.render(make_run(findings[::-1], diagnostics=diagnostics[::-1]))
    assert first == second
    lines = first.splitlines()
    assert [parse_command(line)[1].get("title") for line in lines[:3]] == ["x.rule", "y.rule", "z.rule"]
    assert lines[3:] == [
        "::error title=claimlint::nope: unknown pack 'nope' (built-in packs: core)",
        "::error file=page.html,line=3,col=2,title=claimlint::cannot decode",
    ]


def test_github_format_from_the_command_line(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "risky.html").write_text(RISKY, encoding="utf-8")
    (tmp_path / "clean.html").write_text(CLEAN, encoding="utf-8")
    args = ("check", "--no-config", "--packs", "core", "risky.html", "clean.html")
    code, out, _ = cli(*args, "--format", "github", cwd=tmp_path)
    assert code == 1
    (line,) = out.splitlines()
    _, json_out, _ = cli(*args, "--format", "json")
    (f,) = json.loads(json_out)["findings"]
    name, properties, message = parse_command(line)
    assert name == "error" and f["rule"] == "core.safe-claim"
    assert properties == {"file": "risky.html", "line": str(f["line"]), "col": str(f["column"]),
                          "endLine": str(f["end_line"]), "endColumn": str(f["end_column"]), "title": f["rule"]}
    assert message == f"{f['message']}\nSuggestion: {f['suggestion']}"


# --- GitLab Code Quality ---------------------------------------------------------------------------

def gitlab(run: Run) -> list[dict[str, Any]]:
    issues = json.loads(to_gitlab.render(run))
    assert isinstance(issues, list)
    return issues


def assert_code_quality_issue(issue: dict[str, Any]) -> None:
    """The fields GitLab documents for a Code Quality report, plus the Code Climate ones we send."""
    assert isinstance(issue["description"], str) and issue["description"] and "\n" not in issue["description"]
    assert isinstance(issue["check_name"], str) and issue["check_name"]
    assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
    assert issue["severity"] in GITLAB_SEVERITIES
    location = issue["location"]
    assert isinstance(location["path"], str) and location["path"]
    for end in ("begin", "end"):
        position = location["positions"][end]
        assert isinstance(position["line"], int) and position["line"] >= 1
        assert isinstance(position["column"], int) and position["column"] >= 1
    assert issue["type"] == "issue"
    assert issue["categories"] and set(issue["categories"]) <= CODE_CLIMATE_CATEGORIES


def test_gitlab_issues_have_the_documented_fields() -> None:
    run = make_run([
        finding(rule="a.error", suggestion="Describe the risks.\nPlainly."),
        finding(rule="b.warning", severity=Severity.WARNING, line=2),
        finding(rule="c.info", severity=Severity.INFO, line=3),
        finding(rule="d.suppressed", line=4, suppressed="Reviewed"),
    ])
    issues = gitlab(run)
    for issue in issues:
        assert_code_quality_issue(issue)
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("a.error", "major"), ("b.warning", "minor"), ("c.info", "info")]
    expected = "“completely safe” calls the treatment safe. Suggestion: Describe the risks. Plainly."
    assert issues[0]["description"] == expected
    assert issues[0]["location"] == {"path": "page.html", "positions": {"begin": {"line": 1, "column": 5},
                                                                       "end": {"line": 1, "column": 20}}}


def test_gitlab_fingerprints_are_unique_even_for_identical_findings() -> None:
    twin = finding()
    findings = [twin, dataclasses.replace(twin), dataclasses.replace(twin), finding(rule="other.rule")]
    prints = [i["fingerprint"] for i in gitlab(make_run(findings))]
    assert len(set(prints)) == len(prints) == 4
    assert prints == [i["fingerprint"] for i in gitlab(make_run(findings[::-1]))], "same input, same fingerprints"


def test_gitlab_fingerprints_survive_moved_lines(tmp_path: Path, cli: Cli) -> None:
    page = tmp_path / "page.html"
    page.write_text(RISKY + "<p>Ketamine cures depression.</p>\n", encoding="utf-8")
    args = ("check", "--no-config", "--packs", "core", "--format", "gitlab", "page.html")
    _, out, _ = cli(*args, cwd=tmp_path)
    before = {i["check_name"]: i for i in json.loads(out)}
    page.write_text("<h1>Welcome</h1>\n\n<p>Opening hours.</p>\n" + RISKY + "<p>Ketamine cures depression.</p>\n",
                    encoding="utf-8")
    _, out, _ = cli(*args, cwd=tmp_path)
    after = {i["check_name"]: i for i in json.loads(out)}
    assert before.keys() == after.keys() >= {"core.safe-claim", "core.cure-claim"}
    for rule, issue in before.items():
        assert_code_quality_issue(issue)
        assert after[rule]["fingerprint"] == issue["fingerprint"], rule
        begin = issue["location"]["positions"]["begin"]["line"]
        assert after[rule]["location"]["positions"]["begin"]["line"] == begin + 3
    page.write_text(RISKY.replace("completely safe", "completely safe and painless"), encoding="utf-8")
    _, out, _ = cli(*args, cwd=tmp_path)
    edited = {i["check_name"]: i for i in json.loads(out)}
    assert edited["core.safe-claim"]["fingerprint"] != before["core.safe-claim"]["fingerprint"]


# --- JUnit -----------------------------------------------------------------------------------------

def junit(run: Run) -> ET.Element:
    text = to_junit.render(run)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def assert_counts_match(root: ET.Element) -> ET.Element:
    """The testsuite (and testsuites) counts agree with the test cases in it; return the suite."""
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    expected = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
    }
    for element in (root, suite):
        assert {key: int(element.get(key, "-1")) for key in expected} == expected
    assert all(len(c.findall("failure")) <= 1 for c in cases), "one failure element per test case"
    return suite


def test_junit_one_case_per_file_with_counts_that_match() -> None:
    findings = [
        finding("risky.html", "a.rule", suggestion="Describe the risks."),
        finding("risky.html", "b.rule", severity=Severity.WARNING, line=2),
        finding("mild.html", "c.rule", severity=Severity.INFO),
        finding("hushed.html", "d.rule", suppressed="Reviewed by legal on 2026-05-01"),
    ]
    diagnostics = (Diagnostic("missing.html", "no such file or folder", hint="check the path"),
                   Diagnostic("skip.bin", "binary input skipped", level="notice"))
    files = ("clean.html", "hushed.html", "mild.html", "risky.html")
    suite = assert_counts_match(junit(make_run(findings, files=files, diagnostics=diagnostics)))
    assert suite.get("name") == "claimlint"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == [*files, "missing.html: no such file or folder"]
    assert suite.get("tests") == "5" and suite.get("failures") == "1" and suite.get("errors") == "1"
    failure = cases["risky.html"].find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.get("message") == "1 finding: a.rule"
    assert "risky.html:1:5: error [a.rule]" in (failure.text or "")
    assert "Suggestion: Describe the risks." in (failure.text or "")
    assert "risky.html:2:5: warning [b.rule]" in (failure.text or ""), "the failure lists every active finding"
    for name in ("clean.html", "hushed.html", "mild.html"):
        assert cases[name].find("failure") is None, name
    assert "info [c.rule]" in (cases["mild.html"].findtext("system-out") or ""), "below the threshold: listed, passing"
    assert "suppressed: Reviewed by legal on 2026-05-01" in (cases["hushed.html"].findtext("system-out") or "")
    error = cases["missing.html: no such file or folder"].find("error")
    assert error is not None and error.text == "missing.html: error: no such file or folder (check the path)"


def test_junit_follows_the_fail_on_threshold() -> None:
    findings = [finding("page.html", "w.rule", severity=Severity.WARNING)]
    assert junit(make_run(findings, fail_on="error")).find("testsuite/testcase/failure") is None
    failure = junit(make_run(findings, fail_on="warning")).find("testsuite/testcase/failure")
    assert failure is not None and failure.get("type") == "warning"
    assert junit(make_run([finding()], fail_on="never")).find("testsuite/testcase/failure") is None


def test_junit_escapes_markup_and_characters_xml_cannot_hold() -> None:
    nasty = 'a <b>&amp; "q" \x01\x1b[31m\ud800 ]]> end'
    f = finding('dir/<&">.html', "x.rule", message=nasty, sentence=nasty, suggestion=nasty)
    root = junit(make_run([f]))
    suite = assert_counts_match(root)
    (case,) = suite.findall("testcase")
    assert case.get("name") == 'dir/<&">.html' and case.get("file") == 'dir/<&">.html'
    text = case.findtext("failure") or ""
    assert 'a <b>&amp; "q" \ufffd\ufffd[31m\ufffd ]]> end' in text


def test_junit_is_deterministic(tmp_path: Path, cli: Cli) -> None:
    findings = [finding("b.html", "z.rule"), finding("a.html", "y.rule", line=9), finding("a.html", "x.rule", line=2)]
    assert to_junit.render(make_run(findings)) == to_junit.render(make_run(findings[::-1]))
    (tmp_path / "risky.html").write_text(RISKY, encoding="utf-8")
    (tmp_path / "clean.html").write_text(CLEAN, encoding="utf-8")
    outputs = []
    for name in ("one.xml", "two.xml"):
        code, _, _ = cli("check", "--no-config", "--packs", "core", "--format", f"junit:{name}", ".", cwd=tmp_path)
        assert code == 1
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    suite = assert_counts_match(ET.fromstring(outputs[0]))
    assert [c.get("name") for c in suite.findall("testcase")] == ["clean.html", "risky.html"]
    assert suite.get("failures") == "1"


@pytest.mark.parametrize("name", ["github", "gitlab", "junit"])
def test_an_empty_run_renders(name: str) -> None:
    out = renderer(name)(make_run([], files=("clean.html",)))
    if name == "github":
        assert out == ""
    elif name == "gitlab":
        assert json.loads(out) == []
    else:
        assert_counts_match(ET.fromstring(out.encode("utf-8")))
