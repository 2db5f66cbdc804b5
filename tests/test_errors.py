"""Every bad pack or config gives exit 2 and one line naming the file, the line and the fix."""
from __future__ import annotations

from pathlib import Path

import pytest

GOOD_RULE = """\
  - id: {id}
    category: absolute-safety
    severity: error
    message: "“{{match}}” is risky."
    phrases: [completely safe]
    examples: {{flag: [It is completely safe.], pass: [It is safe enough for a nap.]}}
"""
HEAD = "pack: mine\nversion: '1'\ndescription: My pack.\nrules:\n"


def _pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    return path


BAD_PACKS = {
    "yaml-syntax": (HEAD + "  - id: [unclosed\n", 6, "started on line 5"),
    "unknown-key": (HEAD + GOOD_RULE.format(id="a").replace("phrases:", "phrase:"), 9, "did you mean 'phrases'"),
    "wrong-type": (HEAD + GOOD_RULE.format(id="a").replace("[completely safe]", "{a: b}"), 9, "'phrases' must be a list"),
    "unknown-category": (HEAD + GOOD_RULE.format(id="a").replace("absolute-safety", "absolute-safty"), 6, "did you mean 'absolute-safety'"),
    "duplicate-id": (HEAD + GOOD_RULE.format(id="a") + GOOD_RULE.format(id="a"), 11, "duplicate rule id 'mine.a'"),
    "bad-regex": (HEAD + GOOD_RULE.format(id="a").replace("phrases: [completely safe]", "patterns: ['safe(ly']"), 9, "pattern 1 does not compile"),
    "missing-examples": (HEAD + "\n".join(GOOD_RULE.format(id="a").splitlines()[:-1]) + "\n", 5, "missing required key 'examples'"),
    "unknown-reference": (HEAD + GOOD_RULE.format(id="a") + "    references: [ftc]\n", 11, "reference 'ftc' is not defined"),
    "duplicate-key": (HEAD + GOOD_RULE.format(id="a") + "    severity: warning\n", 11, "duplicate key 'severity'"),
    "not-a-mapping": ("- just\n- a list\n", 1, "a pack must be a mapping"),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKS))
def test_bad_pack_is_one_line_naming_file_and_line(case: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    body, line, words = BAD_PACKS[case]
    pack = _pack(tmp_path, body)
    page = tmp_path / "page.txt"
    page.write_text("Ketamine cures depression.\n", encoding="utf-8")
    code, out, err = cli("check", "--no-config", "--packs", "core", "--pack", str(pack), str(page))
    assert code == 2
    errors = [l for l in err.splitlines() if ": error:" in l]
    assert len(errors) == 1, err
    assert errors[0].startswith(f"{pack}:{line}:"), errors[0]
    assert words in errors[0]
    assert "Traceback" not in err
    assert "core.cure-claim" in out  # the other packs still ran


def test_catastrophic_pattern_is_reported_not_a_hang(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from claimlint import budget

    monkeypatch.setattr(budget, "REGEX_TIMEOUT", 0.05)
    pack = _pack(tmp_path, HEAD + GOOD_RULE.format(id="slow").replace("phrases: [completely safe]", "patterns: ['^(a|aa)+$']"))
    page = tmp_path / "page.txt"
    page.write_text("a" * 40 + "!\n\nKetamine cures depression.\n", encoding="utf-8")
    code, out, err = cli("check", "--no-config", "--packs", "core", "--pack", str(pack), str(page))
    assert code == 2
    assert f"{pack}:5: error: rule 'mine.slow' timed out on {page}" in err.replace(str(page.resolve()), str(page))
    assert "core.cure-claim" in out


BAD_CONFIGS = {
    "unknown-key": ("fail_on: error\nexlude: ['x']\n", 2, "did you mean 'exclude'"),
    "bad-choice": ("fail_on: sometimes\n", 1, "fail_on must be one of"),
    "wrong-type": ("disable: {a: 1}\n", 1, "'disable' must be a list of strings"),
    "bad-severity": ("severity:\n  core: fatal\n", 2, "must be error, warning or info"),
    "yaml-syntax": ("packs: [core\n", 2, "YAML syntax error"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_config_is_one_line_naming_file_and_line(case: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    body, line, words = BAD_CONFIGS[case]
    (tmp_path / ".git").mkdir()
    (tmp_path / ".claimlint.yml").write_text(body, encoding="utf-8")
    (tmp_path / "page.txt").write_text("Hello.\n", encoding="utf-8")
    code, out, err = cli("check", "page.txt", cwd=tmp_path)
    assert code == 2
    assert err.count("\n") == 1, err
    assert err.startswith(f"claimlint: error: {tmp_path / '.claimlint.yml'}:{line}:")
    assert words in err
    assert "Traceback" not in err


def test_missing_config_file_and_unknown_pack_and_format(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "p.txt").write_text("Hi.\n", encoding="utf-8")
    code, _, err = cli("check", "--config", str(tmp_path / "nope.yml"), str(tmp_path / "p.txt"))
    assert code == 2 and "not found" in err
    code, _, err = cli("check", "--no-config", "--packs", "cor", str(tmp_path / "p.txt"))
    assert code == 2 and "unknown pack 'cor'" in err
    code, _, err = cli("check", "--no-config", "--format", "yaml", str(tmp_path / "p.txt"))
    assert code == 2 and "unknown format 'yaml'" in err
    code, _, err = cli("check", "--no-config", str(tmp_path / "missing.html"))
    assert code == 2 and "no such file or folder" in err


def test_test_rules_reports_a_catastrophic_pattern_without_a_traceback(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from claimlint import budget

    monkeypatch.setattr(budget, "REGEX_TIMEOUT", 0.05)
    rule = GOOD_RULE.format(id="slow").replace("phrases: [completely safe]", "patterns: ['^(a|aa)+$']")
    pack = _pack(tmp_path, HEAD + rule.replace("[It is completely safe.]", "['" + "a" * 40 + "!']"))
    code, out, err = cli("test-rules", str(pack))
    assert code == 1
    assert "mine.slow flag example 1: rule 'mine.slow' timed out" in out
    assert "Traceback" not in out + err
