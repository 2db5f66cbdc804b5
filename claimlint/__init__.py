"""claimlint: find risky marketing claims in health-clinic web copy."""
from __future__ import annotations

__version__ = "0.1.0"

from claimlint.api import lint_paths, lint_text  # noqa: E402

__all__ = ["__version__", "lint_paths", "lint_text"]
