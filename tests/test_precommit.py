"""The pre-commit hook, run by the real pre-commit framework against this repository.

`pre-commit try-repo` clones the project at HEAD (plus any uncommitted
changes to tracked files), so `.pre-commit-hooks.yaml` must be committed.
It builds the hook's virtual environment with pip, hence the network marker.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
RISKY = "<p>Our ketamine infusions are completely safe.</p>\n"
CLEAN = "<p>Our clinic is open Monday to Friday, 9am to 5pm.</p>\n"
TIMEOUT = 900


def _env(home: Path) -> dict[str, str]:
    """The environment without the caller's GIT_* variables, with pre-commit's cache in `home`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.com",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.com")
    return env


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A committed git repository with a risky and a clean page; pre-commit's cache beside it."""
    if shutil.which("pre-commit") is None:
        pytest.skip("the pre-commit executable is not installed (pip install pre-commit)")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of claimlint")
    env = _env(tmp_path_factory.mktemp("pre-commit-home"))
    committed = subprocess.run(["git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"], cwd=ROOT, env=env,
                               capture_output=True, timeout=60)
    assert committed.returncode == 0, "commit .pre-commit-hooks.yaml first: try-repo reads the committed hook"
    repo = tmp_path_factory.mktemp("site")
    (repo / "risky.html").write_text(RISKY, encoding="utf-8")
    (repo / "clean.html").write_text(CLEAN, encoding="utf-8")
    _git("init", "-q", ".", cwd=repo, env=env)
    _git("add", "risky.html", "clean.html", cwd=repo, env=env)
    _git("commit", "-q", "-m", "pages", cwd=repo, env=env)
    return repo, env


def _try_repo(page: str, site: tuple[Path, dict[str, str]]) -> subprocess.CompletedProcess[str]:
    repo, env = site
    return subprocess.run(["pre-commit", "try-repo", str(ROOT), "claimlint", "--verbose", "--files", page],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=TIMEOUT)


def test_hook_definition_is_well_formed() -> None:
    (hook,) = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert hook["id"] == "claimlint" and hook["entry"] == "claimlint check" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"html", "markdown", "text"}
    assert hook["require_serial"] is False
    files = hook["files"]
    for name in ("a.html", "b/c.HTM", "d.md", "e.markdown", "f.mdx", "g.txt"):
        assert re.search(files, name), name
    for name in ("a.py", "b.html.bak", "c.json", "md"):
        assert not re.search(files, name), name


@pytest.mark.network
@pytest.mark.slow
def test_hook_fails_on_a_risky_page(site: tuple[Path, dict[str, str]]) -> None:
    proc = _try_repo("risky.html", site)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "- exit code: 1" in output, "claimlint's exit code for findings (2 would be a setup error)\n" + output
    assert "core.safe-claim" in output and "risky.html" in output, output
    assert "Failed" in output, output


@pytest.mark.network
@pytest.mark.slow
def test_hook_passes_a_clean_page(site: tuple[Path, dict[str, str]]) -> None:
    proc = _try_repo("clean.html", site)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Passed" in output, output
