"""A content-keyed baseline: old findings stay quiet through edits elsewhere, new ones fail."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path


PAGE = """Welcome to the clinic.

Our ketamine infusions are completely safe for almost everyone who visits us.

Ketamine cures depression in most adults.
"""
REWRAPPED = """Welcome to the clinic. We added this line.

Ketamine cures depression in most adults.

Our ketamine infusions are
completely safe for almost
everyone who visits us.
"""


def _site(tmp_path: Path, text: str) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    page = tmp_path / "site" / "page.txt"
    page.parent.mkdir(exist_ok=True)
    page.write_text(text, encoding="utf-8")
    return page


def _create(cli, tmp_path: Path) -> dict:  # type: ignore[no-untyped-def]
    code, out, err = cli("baseline", "create", "baseline.json", "site", cwd=tmp_path)
    assert code == 0, err
    assert "wrote baseline.json: 2 known findings" in out
    return json.loads((tmp_path / "baseline.json").read_text())


def test_baseline_hides_known_findings_through_rewrapping_and_moves(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".claimlint.yml").write_text("packs: [core]\n")
    page = _site(tmp_path, PAGE)
    data = _create(cli, tmp_path)
    assert [e["rule"] for e in data["findings"]] == ["core.cure-claim", "core.safe-claim"]
    assert all(e["path"] == "site/page.txt" for e in data["findings"])
    page.write_text(REWRAPPED, encoding="utf-8")
    code, out, _ = cli("check", "--baseline", "baseline.json", "site", cwd=tmp_path)
    assert code == 0
    assert "2 known findings hidden by baseline" in out


def test_editing_the_risky_sentence_surfaces_it(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".claimlint.yml").write_text("packs: [core]\nbaseline: baseline.json\n")
    page = _site(tmp_path, PAGE)
    _create(cli, tmp_path)
    page.write_text(PAGE.replace("for almost everyone", "for everyone"), encoding="utf-8")
    code, out, _ = cli("check", "site", cwd=tmp_path)
    assert code == 1
    assert "core.safe-claim" in out and "core.cure-claim" not in out.split("\n\n")[0]
    assert "1 known finding hidden by baseline" in out


def test_prune_drops_entries_that_no_longer_match(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".claimlint.yml").write_text("packs: [core]\n")
    page = _site(tmp_path, PAGE)
    _create(cli, tmp_path)
    page.write_text("Welcome.\n\nKetamine cures depression in most adults.\n", encoding="utf-8")
    code, out, _ = cli("baseline", "prune", "baseline.json", "site", cwd=tmp_path)
    assert code == 0 and "removed 1, kept 1" in out
    text = (tmp_path / "baseline.json").read_text()
    assert [e["rule"] for e in json.loads(text)["findings"]] == ["core.cure-claim"]
    cli("baseline", "prune", "baseline.json", "site", cwd=tmp_path)
    assert (tmp_path / "baseline.json").read_text() == text  # stable: pruning again changes nothing


def test_a_broken_baseline_is_a_clear_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _site(tmp_path, PAGE)
    (tmp_path / "baseline.json").write_text("{not json")
    code, _, err = cli("check", "--no-config", "--baseline", "baseline.json", "site", cwd=tmp_path)
    assert code == 2 and "baseline.json:1: not valid JSON" in err and "Traceback" not in err
    code, _, err = cli("check", "--no-config", "--baseline", "missing.json", "site", cwd=tmp_path)
    assert code == 2 and "cannot read baseline missing.json" in err


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_diff_base_reports_only_changed_lines(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.com")
    _git(repo, "config", "user.name", "t")
    (repo / "page.txt").write_text(PAGE, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "page")
    (repo / "page.txt").write_text(PAGE + "\nOur lozenges are completely safe.\n", encoding="utf-8")
    (repo / "new.txt").write_text("Ketamine cures depression.\n", encoding="utf-8")
    code, out, _ = cli("check", "--no-config", "--packs", "core", "--format", "json", "--diff-base", "HEAD", ".", cwd=repo)
    found = sorted((Path(f["path"]).name, f["line"]) for f in json.loads(out)["findings"])
    assert found == [("new.txt", 1), ("page.txt", 7)]
    code, _, err = cli("check", "--no-config", "--diff-base", "no-such-ref", ".", cwd=repo)
    assert code == 2 and "--diff-base no-such-ref" in err
