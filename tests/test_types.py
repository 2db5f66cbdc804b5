"""The package type-checks under the strict mypy settings in setup.cfg."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def test_mypy_strict_passes() -> None:
    if shutil.which("mypy") is None and subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True).returncode:
        pytest.skip("mypy is not installed (it comes with the test extra)")
    result = subprocess.run([sys.executable, "-m", "mypy", "claimlint"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
