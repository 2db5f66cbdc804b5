from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimlint.cli import ECHO_BATCH, write_output

from conftest import FIXTURES

RISKY = "Our ketamine infusions are completely safe.\n\nKetamine cures depression.\n"
CLEAN = "We offer assessments for depression. Costs range from $400 to $800 per session.\n"


def _page(tmp_path: Path, text: str, name: str = "page.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_risky_page_exits_1_with_located_findings(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    page = _page(tmp_path, RISKY)
    code, out, err = cli("check", "--no-config", "--no-color", "--packs", "core", str(page))
    assert code == 1
    assert f"{page}:1:24: error [core.safe-claim]" in out
    assert "Our ketamine infusions »are completely safe«." in out
    assert "2 findings (2 errors) in 1 of 1 file" in out
    assert err == ""


def test_clean_page_exits_0(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("check", "--no-config", str(_page(tmp_path, CLEAN)))
    assert code == 0
    assert "0 findings in 0 of 1 file" in out


def test_fail_on_threshold(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    page = _page(tmp_path, "Ketamine may reverse neural damage.\n")
    assert cli("check", "--no-config", str(page))[0] == 0  # hedged: a warning
    assert cli("check", "--no-config", "--fail-on", "warning", str(page))[0] == 1
    assert cli("check", "--no-config", "--fail-on", "never", str(_page(tmp_path, RISKY, "r.txt")))[0] == 0


def test_json_output_has_every_field(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    page = _page(tmp_path, "Intro line.\r\nOur infusions are\r\ncompletely safe.\r\n", "p.txt")
    code, out, _ = cli("check", "--no-config", "--packs", "core", "--format", "json", str(page))
    data = json.loads(out)
    assert code == 1 and data["version"] == 1 and data["tool"]["name"] == "claimlint"
    finding = data["findings"][0]
    assert set(finding) >= {"path", "rule", "category", "severity", "message", "line", "column", "end_line",
                            "end_column", "start", "end", "text", "sentence", "suggestion", "references"}
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (2, 15, 3, 16)
    assert page.read_bytes().decode("utf-8")[finding["start"]:finding["end"]] == "are\r\ncompletely safe"
    assert data["summary"]["by_severity"]["error"] == 1


def test_format_to_a_file_and_text_to_stdout(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    page = _page(tmp_path, RISKY)
    target = tmp_path / "out" / "claims.json"
    code, out, _ = cli("check", "--no-config", "--packs", "core", "--format", "text", "--format", f"json:{target}", str(page))
    assert code == 1 and "core.safe-claim" in out
    assert json.loads(target.read_text())["summary"]["findings"] == 2
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".claimlint-")]


def test_stdin_with_a_filename_choosing_the_format(cli) -> None:  # type: ignore[no-untyped-def]
    html = b"<p>Ketamine is completely <b>safe</b>.</p><script>cures()</script>"
    code, out, _ = cli("check", "--no-config", "--stdin-filename", "page.html", "-", stdin=html)
    assert code == 1
    assert "page.html:1:13: error [core.safe-claim] “is completely safe”" in out


def test_folder_walk_skips_hidden_folders_node_modules_and_excludes(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for rel in ("a.html", "b.md", "c.txt", "d.css", ".hidden/e.html", "node_modules/f.html", "drafts/g.html"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<p>Ketamine cures depression.</p>" if rel.endswith("html") else "Ketamine cures depression.\n")
    code, out, _ = cli("check", "--no-config", "--packs", "core", "--format", "json", "--exclude", "drafts", str(tmp_path))
    paths = sorted({Path(f["path"]).name for f in json.loads(out)["findings"]})
    assert paths == ["a.html", "b.md", "c.txt"]
    code, out, _ = cli("check", "--no-config", "--packs", "core", "--format", "json", str(tmp_path / "d.css"))
    assert [Path(f["path"]).name for f in json.loads(out)["findings"]] == ["d.css"]


def test_binary_and_unreadable_files(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    _page(tmp_path, RISKY, "ok.txt")
    code, out, err = cli("check", "--no-config", str(tmp_path))
    assert code == 1
    assert "logo.txt: notice: binary file skipped" in err
    assert "core.safe-claim" in out


def test_config_file_is_found_and_cli_flags_override_it(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    (tmp_path / ".claimlint.yml").write_text("disable: [core.cure-claim]\nfail_on: never\n")
    _page(tmp_path, RISKY)
    code, out, _ = cli("check", "page.txt", cwd=tmp_path)
    assert code == 0 and "core.cure-claim" not in out and "core.safe-claim" in out
    code, _, _ = cli("check", "--fail-on", "error", "page.txt", cwd=tmp_path)
    assert code == 1


def test_sample_site_reports_planted_claims_and_compliant_page_passes(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("check", "--no-config", "--format", "json", str(FIXTURES / "site"))
    data = json.loads(out)
    assert code == 1
    assert data["summary"]["files"] == 8
    assert {Path(f["path"]).name for f in data["findings"]} >= {"index.html", "faq.html", "contact.txt"}
    assert out == json.dumps(data, indent=2, ensure_ascii=False) + "\n"  # laid out as the standard encoder would
    for page in ("compliant.html", "compliant.md"):
        code, out, _ = cli("check", "--no-config", "--fail-on", "warning", str(FIXTURES / "pages" / page))
        assert code == 0, out


def test_rules_explain_init_and_test_rules(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("rules", "--no-config")
    assert code == 0 and "core.safe-claim" in out and "absolute-safety" in out
    code, out, _ = cli("rules", "--all", "--format", "markdown")
    assert "| `core.safe-claim` | absolute-safety | error |" in out
    code, out, _ = cli("explain", "core.safe-claim")
    assert code == 0 and "Why it matters" in out and "https://" in out
    code, _, err = cli("explain", "core.safe-claimz")
    assert code == 2 and "did you mean core.safe-claim" in err
    code, out, _ = cli("init", cwd=tmp_path)
    assert code == 0 and (tmp_path / ".claimlint.yml").exists()
    assert cli("init", cwd=tmp_path)[0] == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "pack: bad\nversion: '1'\ndescription: d\nrules:\n  - id: r\n    category: absolute-safety\n"
        "    severity: error\n    message: m\n    phrases: [totally safe]\n"
        "    examples: {flag: [It is safe.], pass: [It is totally safe.]}\n"
    )
    code, out, _ = cli("test-rules", str(bad))
    assert code == 1
    assert "bad.r flag example 1: expected a finding, got none" in out
    assert "bad.r pass example 1: expected no finding, got “totally safe”" in out
    assert "0 passed, 2 failed" in out


def test_library_api() -> None:
    import claimlint
    from claimlint.config import Config

    html = "<p>It is <em>completely</em> safe.</p>"
    findings = claimlint.lint_text(html, "html", Config(packs=("core",)))
    assert [(f.rule, f.text, f.column) for f in findings] == [("core.safe-claim", "is completely safe", html.index("is") + 1)]
    assert claimlint.lint_paths([str(FIXTURES / "pages" / "compliant.html")], Config(packs=("core",))) == []


def test_help_and_version(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("--help")
    assert code == 0 and "claimlint check site/" in out
    code, out, _ = cli("check", "--help")
    assert code == 0 and "Exit codes" in out
    code, out, _ = cli("--version")
    assert code == 0 and "claimlint" in out


def test_parallel_output_is_byte_identical_to_one_job(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for i in range(12):
        _page(tmp_path, RISKY if i % 3 else CLEAN, f"page{i:02}.txt")
    one = cli("check", "--no-config", "--format", "json", "--jobs", "1", str(tmp_path))
    two = cli("check", "--no-config", "--format", "json", "--jobs", "2", str(tmp_path))
    assert one == two
    assert one[0] == 1 and json.loads(one[1])["summary"]["files"] == 12


def test_a_long_report_reaches_stdout_whole_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    parts = [f"piece {i:05d} " + "x" * (i % 700) + "\n" for i in range(1000)]
    assert sum(map(len, parts)) > 2 * ECHO_BATCH
    write_output(iter(parts), None)
    assert capsys.readouterr().out == "".join(parts)
