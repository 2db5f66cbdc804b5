"""The wheel carries the built-in packs: install it in a fresh venv and check from outside the checkout."""
from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = [pytest.mark.network, pytest.mark.slow]


def test_wheel_installs_and_runs_the_builtin_packs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True, cwd=tmp_path,
    )
    wheel = next(dist.glob("claimlint-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, cwd=tmp_path)
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", site)
    claimlint = env_dir / "bin" / "claimlint"
    result = subprocess.run([str(claimlint), "check", "site"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "core." in result.stdout and "findings" in result.stdout
    listing = subprocess.run([str(python), "-m", "claimlint", "rules", "--all"], cwd=tmp_path, capture_output=True, text=True)
    assert listing.returncode == 0
    for pack in ("core", "us", "ketamine", "addiction-treatment", "uk", "au"):
        assert f" {pack}\n" in listing.stdout
    where = subprocess.run(
        [str(python), "-c", "from claimlint.rulepack import builtin_dir; print(builtin_dir())"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    assert str(env_dir) in where.stdout
