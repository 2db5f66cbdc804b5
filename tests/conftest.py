"""Shared test helpers: paths of the project, its fixtures and the shared taxonomy."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Tests never touch the user's pack cache.
os.environ.setdefault("CLAIMLINT_CACHE_DIR", tempfile.mkdtemp(prefix="claimlint-cache-"))


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `claimlint ARGS` in-process; return (exit code, stdout, stderr)."""
    from claimlint.cli import main

    def invoke(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> tuple[int, str, str]:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke
