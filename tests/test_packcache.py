from __future__ import annotations

from pathlib import Path

import pytest

from claimlint import packcache
from claimlint.rulepack import Pack, load_pack

PACK = """\
pack: cached
version: '1'
description: d
rules:
  - id: r
    category: absolute-safety
    severity: error
    message: m
    phrases: [{phrase}]
    examples: {{flag: [x], pass: [y]}}
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(folder))
    return folder


def test_a_validated_pack_is_cached_and_reused(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "cached.yaml"
    path.write_text(PACK.format(phrase="totally safe"))
    first = load_pack(path)
    entries = list(cache.glob("pack-*.pickle"))
    assert len(entries) == 1
    assert load_pack(path) == first


def test_changing_the_pack_changes_the_entry(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "cached.yaml"
    path.write_text(PACK.format(phrase="totally safe"))
    load_pack(path)
    path.write_text(PACK.format(phrase="perfectly safe"))
    assert load_pack(path).rules[0].sources == ("perfectly safe",)


def test_a_corrupt_entry_is_rebuilt(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "cached.yaml"
    path.write_text(PACK.format(phrase="totally safe"))
    load_pack(path)
    (entry,) = cache.glob("pack-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert isinstance(load_pack(path), Pack)
    assert packcache.read(entry.name[5:-7]) is not None


def test_a_new_version_of_a_pack_replaces_its_old_entry(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "cached.yaml"
    path.write_text(PACK.format(phrase="totally safe"))
    load_pack(path)
    path.write_text(PACK.format(phrase="fully safe"))
    load_pack(path)
    assert len(list(cache.glob("pack-*.pickle"))) == 1


def test_an_unwritable_cache_folder_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(blocker / "sub"))
    path = tmp_path / "cached.yaml"
    path.write_text(PACK.format(phrase="totally safe"))
    assert load_pack(path).id == "cached"
