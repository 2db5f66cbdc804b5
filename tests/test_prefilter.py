"""The literal prefilter only saves time: results are identical with it on and off."""
from __future__ import annotations

import pytest

from claimlint.config import Config
from claimlint.discover import discover
from claimlint.pipeline import lint_target, prepare
from claimlint.match import _anchored
from claimlint.prefilter import (
    Memo, Prefilter, fold, pattern_anchors, pattern_clauses, pattern_literals, rule_literals,
    for_standard_parser,
)
from claimlint.rulepack import builtin_packs, compiled_one, load_pack, phrase_regex

from conftest import FIXTURES, SHARED


@pytest.mark.parametrize(
    "pattern, literals",
    [
        (phrase_regex("completely safe"), {"completely"}),
        (r"\b(?:at[\s-]home|in[\s-]home)\s+use", {"home"}),
        (r"\d+%\s+(?P<claim>respond\w*)", {"respond"}),
        (r"\b(?:miracle|wonder)\s+cure", {"miracle", "wonder"}),
        (r"\b(?:revolutionary|groundbreaking)\b", {"revolutionary", "groundbreaking"}),
        (r"\bsafe(?:ty)?\b", {"safe"}),
        (r"(?:risk)?\s*free", {"free"}),
        (r"\d+\s*%", {"%"}),  # a mark rare in prose filters on its own
        (r'"[^"]+"\s*-\s*[A-Z]', {'"'}),
        (r"(?:\$|€|£)\s?\d+", {"$", "€", "£"}),
        (r"\d+\s*[-–]\s*\d+", None),  # a dash is not rare
        (r"\d+", None),
        (r"\b(?:from|with)\s+(?:zen|spa)\b", {"zen", "spa"}),  # common words rank below rarer short ones
        (r"\p{L}+ly safe", None),
    ],
)
def test_required_literals(pattern: str, literals: set[str] | None) -> None:
    found = pattern_literals(pattern)
    assert (set(found) if found is not None else None) == literals


def test_a_rule_needs_literals_from_every_pattern() -> None:
    assert rule_literals([r"\bcures\b", r"\bheals\b"]) == {"cures", "heals"}
    assert rule_literals([r"\bcures\b", r"\d+"]) is None


def test_runnable_patterns_are_those_whose_index_literal_is_present() -> None:
    safe, cure, heal = (frozenset({"safe"}),), (frozenset({"cure"}),), (frozenset({"heal"}),)
    pre = Prefilter([[safe], [()], [cure, heal]])
    assert pre.scan("It is SAFE. We heal.").present == {"safe", "heal"}
    assert pre.runnable(pre.scan("It is safe.").present) == [(0, [0]), (1, [0])]
    assert pre.runnable(pre.scan("We heal.").present) == [(1, [0]), (2, [1])]


def test_runnable_patterns_satisfy_every_clause() -> None:
    pre = Prefilter([[pattern_clauses(phrase_regex("completely safe"))]])
    assert pre.runnable(pre.scan("It is completely safe.").present) == [(0, [0])]
    assert pre.runnable(pre.scan("It is completely new and safe to say.").present) == [(0, [0])]
    assert pre.runnable(pre.scan("Completely new.").present) == []


def test_pattern_clauses_require_every_part() -> None:
    clauses = pattern_clauses(phrase_regex("completely safe"))
    assert set(clauses) == {frozenset({"completely"}), frozenset({"safe"})}


def test_an_alternation_yields_a_clause_per_choice_of_strong_literals() -> None:
    clauses = set(pattern_clauses(r"\bonline\s+ketamine\s+shop|\bketamine\s+in\s+stock"))
    assert frozenset({"ketamine"}) in clauses
    assert frozenset({"online", "stock"}) in clauses and frozenset({"shop", "stock"}) in clauses
    assert not any("in" in c for c in clauses)  # a weak literal is not worth a clause of its own
    assert frozenset({"ketamine", "stock"}) not in clauses  # implied by {"ketamine"}


def _folders() -> list[str]:
    folders = [str(FIXTURES)]
    if (SHARED / "corpus" / "dev").is_dir():
        folders.append(str(SHARED / "corpus" / "dev"))
    return folders


def test_every_fixture_gives_the_same_findings_with_and_without_the_prefilter() -> None:
    packs = tuple(p for p in builtin_packs() if "draft" not in p)
    config = Config(packs=packs, include=("*",))
    fast, _ = prepare(config, use_prefilter=True)
    slow, _ = prepare(config, use_prefilter=False)
    assert fast.prefilter is not None and slow.prefilter is None
    targets, _ = discover(_folders(), config)
    compared = 0
    for target in targets:
        with_filter = lint_target(target, fast).findings
        without = lint_target(target, slow).findings
        assert with_filter == without, target.path
        compared += len(without)
    assert compared > 20


@pytest.mark.parametrize(
    "pattern, anchors",
    [
        (r"\bcures?\b", {"cure"}),
        (r"(?<!\w)completely\s+safe", {"comp"}),
        (r"\b(?:the\s+)?scale", {"the ", "scal"}),  # any white space reads as a space
        (r"(?P<claim>fda[\s-]approved)", {"fda ", "fda-"}),
        (r"[ck]et\w+", {"cet", "ket"}),
        (r"(?:100|one\s+hundred)\s*%", {"100 ", "100%", "one "}),
        (r"(?:\$|£)\s?\d", {f"{c}{s}{d}" for c in "$£" for s in ("", " ") for d in "0123456789"}),
        (r"\d+%", set("0123456789")),  # a digit is a rare enough start
        (r"(?<!\b(?:affects?|hits)\s+)\b(?:one|two)\s+in", {"one ", "two "}),  # variable lookbehind left out
        (r"[a-z]+ly", None),  # a class too wide to list
        (r"\w+ly safe", None),
        (r"(?:risk)?\s*free", None),  # may start with a space
        (r"x?y", None),  # may start with one letter only
        (r"(?<=ketamine )(?:sale|shop)", {"sale", "shop"}),  # a lookbehind is not part of the match
    ],
)
def test_anchors_are_prefixes_of_every_match(pattern: str, anchors: set[str] | None) -> None:
    found = pattern_anchors(pattern)
    assert (set(found) if found is not None else None) == anchors


def test_anchored_matching_finds_what_finditer_finds() -> None:
    """Every pattern of every pack, over its rule's examples and a sample of the others: the same matches."""
    rules = [r for path in builtin_packs().values() for r in load_pack(path).rules]
    sample = [t for r in rules for t in r.flag_examples + r.pass_examples][::7]
    sample += ["İt cures ſome people.", "A KELVIN-sign \u212a in ketamine", "Cures, cures and CURES again."]
    prefilter = Prefilter([r.clauses for r in rules], (a for r in rules for a in r.anchors if a is not None))
    anchored = 0
    for rule in rules:
        for source, anchors in zip(rule.patterns, rule.anchors):
            if anchors is None:
                continue
            pattern = compiled_one(source)
            for text in rule.flag_examples + rule.pass_examples + tuple(sample):
                offsets = prefilter.scan(text).offsets(anchors)
                expected = [m.span() for m in pattern.finditer(text)]
                if offsets is None:
                    continue
                assert [m.span() for m in _anchored(pattern, text, offsets, {})] == expected, (rule.id, text)
                anchored += 1
    assert anchored > 20_000


def test_lookbehinds_are_left_out_for_the_standard_parser() -> None:
    assert for_standard_parser(r"(?<!\b(?:a|bc)\s+)x(?<=[(\]])y[(?<=]\(?<=z") == r"xy[(?<=]\(?<=z"


def test_group_names_are_dropped_for_the_standard_parser() -> None:
    assert for_standard_parser(r"(?P<claim>a)|(?P<claim>b)[(?P<x>]\(?P<y>") == r"(?:a)|(?:b)[(?P<x>]\(?P<y>"
    assert pattern_clauses(r"(?P<claim>\$\d+ per gram)(?=.*ketamine)|(?<=ketamine.{0,9})(?P<claim>\$\d+ per gram)")


def test_offsets_are_unknown_when_lowercasing_moves_them() -> None:
    prefilter = Prefilter([[(frozenset({"cure"}),)]], [frozenset({"cure"})])
    assert prefilter.scan("It CURES.").offsets(frozenset({"cure"})) == [3]
    assert prefilter.scan("ſo it cures.").offsets(frozenset({"cure"})) == [6]
    assert prefilter.scan("\u0130 it cures.").offsets(frozenset({"cure"})) == [5]
    assert prefilter.scan("Ｃ cures").offsets(frozenset({"cure"})) == [2]
    assert prefilter.scan("٣ cures").offsets(frozenset({"cure"})) is None  # \d matches "٣", which no anchor lists


def test_the_memo_keeps_what_is_used_across_a_turnover() -> None:
    memo = Memo(2)
    memo.put("a", 1)
    memo.put("b", 2)
    memo.put("c", 3)  # the young generation was full: a and b are now old
    assert memo.get("a") == 1  # found old, moved back
    memo.put("d", 4)  # full again: c and a are old, b is gone
    assert memo.get("b") is None and memo.get("a") == 1 and memo.get("c") == 3
    assert len(memo.young) + len(memo.old) <= 4


def test_every_white_space_character_is_folded_to_a_space() -> None:
    every = "".join(chr(i) for i in range(0x110000) if chr(i).isspace())
    assert fold(every) == " " * len(every)


@pytest.mark.parametrize(
    "text",
    ["Plain ASCII.", "Line\nbreaks\n\nand\ttabs", "İt ıs ſo \u212aind", "“Quotes”\u00a0and—dashes\n", "DÉJÀ VU\u2028"],
)
def test_fold_lowercases_and_spaces_without_moving_offsets(text: str) -> None:
    expected = "".join(" " if ch.isspace() else {"İ": "i", "ı": "i", "ſ": "s"}.get(ch, ch.lower()) for ch in text)
    assert fold(text) == expected


def test_any_white_space_reads_as_a_space_for_anchors() -> None:
    anchors = pattern_anchors(r"\bsee\s+the")
    assert anchors == {"see "}
    prefilter = Prefilter([[()]], [anchors])
    for text in ("We see the scale.", "We see\tthe scale.", "We see\u2009the scale.", "We SEE\nthe scale."):
        assert prefilter.scan(text).offsets(anchors) == [3], text


def test_no_pattern_of_any_pack_yields_an_empty_clause() -> None:
    """An empty clause holds in no sentence: the pattern would never run, and its claims would be missed."""
    rules = [r for path in builtin_packs().values() for r in load_pack(path).rules]
    clauses = [c for r in rules for p in r.patterns for c in pattern_clauses(p)]
    assert len(clauses) > 500 and all(clauses)
