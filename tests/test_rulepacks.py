"""The built-in packs lint themselves: ids, categories, patterns, phrases, references, examples."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from claimlint.rulepack import Pack, builtin_packs, load_pack
from claimlint.taxonomy import CATEGORIES

from conftest import SHARED

PACKS: list[Pack] = [load_pack(path) for path in builtin_packs().values()]
MIN_EXAMPLES = 3


def test_the_default_packs_exist() -> None:
    assert {"core", "us", "ketamine", "addiction-treatment", "uk", "au"} <= {p.id for p in PACKS}


def test_pack_ids_match_their_file_names() -> None:
    for name, path in builtin_packs().items():
        assert load_pack(path).id == name


def test_rule_ids_are_unique_across_packs() -> None:
    counts = Counter(rule.id for pack in PACKS for rule in pack.rules)
    assert [rule for rule, n in counts.items() if n > 1] == []


def test_categories_match_the_taxonomy_document() -> None:
    taxonomy = SHARED / "claims" / "TAXONOMY.md"
    if not taxonomy.exists():
        pytest.skip("shared/claims/TAXONOMY.md is not beside this checkout")
    documented = re.findall(r"^\| `([a-z-]+)` \|", taxonomy.read_text(encoding="utf-8"), re.M)
    assert sorted(documented) == sorted(CATEGORIES)


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.id)
def test_every_rule_has_enough_examples_and_a_clear_message(pack: Pack) -> None:
    for rule in pack.rules:
        assert len(rule.flag_examples) >= MIN_EXAMPLES, rule.id
        assert len(rule.pass_examples) >= MIN_EXAMPLES, rule.id
        assert rule.message[0].isupper() or rule.message.startswith(("“", "{")), rule.id
        assert rule.why and rule.suggest, rule.id


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.id)
def test_every_rule_cites_a_resolvable_authority(pack: Pack) -> None:
    for rule in pack.rules:
        assert rule.references, f"{rule.id} cites no authority"
        for ref in rule.references:
            assert ref.url.startswith("https://") or ref.url.startswith("http://"), ref


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.id)
def test_no_duplicate_phrases_or_patterns(pack: Pack) -> None:
    for rule in pack.rules:
        sources = list(rule.patterns)
        assert len(sources) == len(set(sources)), f"{rule.id} repeats a phrase or pattern"
        phrases = [s.lower() for s in rule.sources]
        assert len(phrases) == len(set(phrases)), f"{rule.id} repeats a phrase"
