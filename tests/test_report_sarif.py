"""SARIF 2.1.0 report: valid for the schema, GitHub and the SARIF Multitool; stable and consistent."""
from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from claimlint.cli import main
from claimlint.config import Config
from claimlint.discover import discover
from claimlint.pipeline import lint_target, prepare
from claimlint.report import Run
from claimlint.report.to_sarif import render

from conftest import ROOT, SHARED

VALIDATOR = SHARED / "tools" / "validate-sarif"
RISKY = "Our ketamine infusions are completely safe.\n\nKetamine cures depression.\n"


def _sarif(*args: str, cwd: Path, monkeypatch: pytest.MonkeyPatch, out: Path) -> tuple[int, dict[str, Any]]:
    """Run `claimlint check --no-config --format sarif:OUT ARGS` from `cwd`."""
    monkeypatch.chdir(cwd)
    code = main(["check", "--no-config", "--format", f"sarif:{out}", *args])
    return code, json.loads(out.read_text(encoding="utf-8"))


def validate(*files: Path) -> str:
    """Run the shared validator (schema, GitHub rules, SARIF Multitool); fail on any error."""
    if not VALIDATOR.is_file():
        pytest.skip(f"{VALIDATOR} is missing")
    proc = subprocess.run([str(VALIDATOR), *map(str, files)], capture_output=True, text=True, timeout=900)
    if proc.returncode == 2 and "install" in proc.stderr and "failed" in proc.stderr:
        pytest.skip(f"validate-sarif could not install its tools: {proc.stderr.strip()[-300:]}")
    report = proc.stdout + proc.stderr
    assert proc.returncode == 0, report
    verdicts = [line for line in proc.stdout.splitlines() if ": ok (" in line or ": FAIL (" in line]
    assert verdicts and all(": ok (0 error(s)" in line for line in verdicts), report
    return report


@pytest.fixture(scope="module")
def site_sarif(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    out = tmp_path_factory.mktemp("sarif") / "site.sarif"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        code = main(["check", "--no-config", "--format", f"sarif:{out}", "fixtures/site"])
    return code, out


def test_site_sarif_passes_all_three_validators(site_sarif: tuple[int, Path]) -> None:
    report = validate(site_sarif[1])
    if "sarif-multitool" not in report:
        assert "npm/node not found" in report


def test_rules_results_and_locations_are_consistent(site_sarif: tuple[int, Path]) -> None:
    code, path = site_sarif
    log = json.loads(path.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids)), "one rule entry per rule, sorted by id"
    setup, _ = prepare(Config())
    assert set(ids) == {r.id for r in setup.rules}
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["properties"]["tags"][-1] == rule["id"].split(".")[0]
        assert "{match}" not in json.dumps(rule)
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    assert sarif_run["results"], "fixtures/site has findings"
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = location["artifactLocation"]["uri"]
        assert uri.startswith("fixtures/site/") and (ROOT / uri).is_file()
        region = location["region"]
        assert region["startLine"] <= region["endLine"] and region["snippet"]["text"]
        assert set(result["partialFingerprints"]) == {"claimlint/v1", "primaryLocationLineHash"}
    (invocation,) = sarif_run["invocations"]
    assert invocation["exitCode"] == code and invocation["executionSuccessful"] == (code != 2)


def test_same_input_gives_byte_identical_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.sarif", tmp_path / "b.sarif"
    _sarif("fixtures/site", cwd=ROOT, monkeypatch=monkeypatch, out=first)
    _sarif("fixtures/site", cwd=ROOT, monkeypatch=monkeypatch, out=second)
    assert first.read_bytes() == second.read_bytes()


def _fingerprints(log: dict[str, Any]) -> dict[str, tuple[str, int]]:
    """Rule id -> (fingerprint, start line); the core pack flags each sentence of RISKY once."""
    out = {}
    for r in log["runs"][0]["results"]:
        region = r["locations"][0]["physicalLocation"]["region"]
        out[r["ruleId"]] = (r["partialFingerprints"]["claimlint/v1"], region["startLine"])
    return out


def test_fingerprints_survive_a_moved_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.txt"
    page.write_text(RISKY, encoding="utf-8")
    _, before = _sarif("--packs", "core", "page.txt", cwd=tmp_path, monkeypatch=monkeypatch, out=tmp_path / "before.sarif")
    page.write_text("Welcome to our clinic.\n\n" + RISKY, encoding="utf-8")
    _, after = _sarif("--packs", "core", "page.txt", cwd=tmp_path, monkeypatch=monkeypatch, out=tmp_path / "after.sarif")
    old, new = _fingerprints(before), _fingerprints(after)
    assert old.keys() == new.keys() >= {"core.safe-claim", "core.cure-claim"}
    for key in old:
        assert old[key][0] == new[key][0], key
        assert new[key][1] == old[key][1] + 2, key
    page.write_text(RISKY.replace("completely safe", "completely safe and painless"), encoding="utf-8")
    _, edited = _sarif("--packs", "core", "page.txt", cwd=tmp_path, monkeypatch=monkeypatch, out=tmp_path / "edited.sarif")
    changed = _fingerprints(edited)
    assert changed["core.safe-claim"][0] != old["core.safe-claim"][0], "editing the risky sentence is a new finding"
    assert changed["core.cure-claim"][0] == old["core.cure-claim"][0]
    validate(tmp_path / "before.sarif", tmp_path / "after.sarif")


def test_uris_are_relative_percent_encoded_references(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "our pages"
    folder.mkdir()
    (folder / "safe #1 ø.txt").write_text(RISKY, encoding="utf-8")
    _, log = _sarif("our pages", cwd=tmp_path, monkeypatch=monkeypatch, out=tmp_path / "enc.sarif")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"our%20pages/safe%20%231%20%C3%B8.txt"}


def test_problems_become_tool_notifications(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.txt").write_text(RISKY, encoding="utf-8")
    code, log = _sarif("--packs", "core,no-such-pack", "page.txt", cwd=tmp_path, monkeypatch=monkeypatch,
                       out=tmp_path / "problems.sarif")
    (invocation,) = log["runs"][0]["invocations"]
    assert code == 2 and invocation == {**invocation, "executionSuccessful": False, "exitCode": 2}
    notes = invocation["toolExecutionNotifications"]
    assert any(n["level"] == "error" and "no-such-pack" in n["message"]["text"] for n in notes)
    assert log["runs"][0]["results"], "findings of the packs that loaded are still reported"
    validate(tmp_path / "problems.sarif")


def test_suppressed_findings_carry_suppressions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_text(RISKY, encoding="utf-8")
    config = Config(packs=("core",))
    setup, _ = prepare(config)
    targets, _ = discover(["page.txt"], config)
    first, *rest = lint_target(targets[0], setup).findings
    findings = (dataclasses.replace(first, suppressed="Reviewed by legal on 2026-05-01"), *rest)
    report = Run(findings, (), ("page.txt",), setup.rules, setup.packs, config, 1)
    out = tmp_path / "suppressed.sarif"
    out.write_text(render(report), encoding="utf-8")
    results_json = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    suppressed = [r for r in results_json if "suppressions" in r]
    assert len(suppressed) == 1 and len(results_json) == len(findings)
    assert suppressed[0]["suppressions"] == [{"kind": "inSource", "justification": "Reviewed by legal on 2026-05-01"}]
    assert suppressed[0]["ruleId"] == first.rule
    validate(out)
