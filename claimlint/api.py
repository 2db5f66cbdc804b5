"""Library API placeholder."""
from __future__ import annotations


def lint_text(*a, **k):  # type: ignore[no-untyped-def]
    raise NotImplementedError


def lint_paths(*a, **k):  # type: ignore[no-untyped-def]
    raise NotImplementedError
