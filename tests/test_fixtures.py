"""Golden fixtures: positions by construction, expected claims, nothing from hidden places."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from claimlint.config import Config
from claimlint.discover import discover
from claimlint.finding import Finding
from claimlint.baseline import normalise_sentence
from claimlint.pipeline import forget, lint_target, prepare
from claimlint.rulepack import builtin_packs

from conftest import FIXTURES

_TAG = re.compile(r"<[^<>]*>")
_MARKUP = re.compile(r"[*_~`\[\]]|\]\([^)]*\)|\\(?=\S)")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _all_findings() -> list[Finding]:
    setup, problems = prepare(Config(packs=tuple(p for p in builtin_packs() if "draft" not in p and p not in ("uk", "au"))))
    assert not problems
    targets, _ = discover([str(FIXTURES)], Config(include=("*",)))
    return [f for t in targets for f in lint_target(t, setup).findings]


FINDINGS = _all_findings()


def _reads_as(text: str) -> str:
    """What a stretch of source reads as once tags, entities and Markdown markup are gone."""
    text = _TAG.sub("", text)
    text = re.sub(r"\]\([^)]*\)", "", text)
    text = html.unescape(text).translate(_INVISIBLE).translate(_SUPERSCRIPTS)
    text = _MARKUP.sub("", text)
    return " ".join(text.split())


def _between(source: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The source from (line, column) to (end_line, end_column), counted as an editor does."""
    lines = _LINE_BREAK.split(source)
    if line == end_line:
        return lines[line - 1][column - 1:end_column - 1]
    middle = lines[line:end_line - 1]
    return "\n".join([lines[line - 1][column - 1:], *middle, lines[end_line - 1][:end_column - 1]])


def _decoded(path: str) -> str:
    from claimlint.decode import decode
    from claimlint.discover import format_for

    return decode(Path(path).read_bytes(), path, format_for(path)).text


def test_fixtures_produce_findings() -> None:
    assert len(FINDINGS) > 20


@pytest.mark.parametrize("finding", FINDINGS, ids=lambda f: f"{Path(f.path).name}:{f.line}:{f.column}:{f.rule}")
def test_position_reads_as_the_finding_text(finding: Finding) -> None:
    source = _decoded(finding.path)
    between = _between(source, finding.line, finding.column, finding.end_line, finding.end_column)
    assert _reads_as(between) == _reads_as(finding.text)
    assert _reads_as(source[finding.start:finding.end]) == _reads_as(finding.text)


def _expected(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            quote, category = line.rsplit("\t", 1)
            rows.append((quote.strip(), category.strip()))
    return rows


EXPECTED = sorted((FIXTURES / "extract").glob("*.expected"))


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name)
def test_extraction_fixture_finds_exactly_what_it_expects(expected: Path) -> None:
    page = str(expected.with_suffix(""))
    found = [f for f in FINDINGS if Path(f.path).resolve() == Path(page).resolve()]
    wanted = _expected(expected)
    for quote, category in wanted:
        assert any(
            f.category == category and (_norm(f.text) in _norm(quote) or _norm(quote) in _norm(f.sentence))
            for f in found
        ), f"{page}: expected {category} in “{quote}”, found {[(f.category, f.text) for f in found]}"
    if not wanted:
        assert found == [], f"{page}: expected no finding, got {[(f.rule, f.text) for f in found]}"


def test_memos_change_no_finding() -> None:
    """A second pass over the fixtures, answered from the memos, and a third after `forget`: the same findings."""
    setup, _ = prepare(Config())
    targets, _ = discover([str(FIXTURES)], Config(include=("*",)))
    first = [lint_target(t, setup).findings for t in targets]
    assert setup.prefilter is not None and setup.prefilter.memo.young
    assert [lint_target(t, setup).findings for t in targets] == first
    forget(setup)
    assert not setup.prefilter.memo.young and normalise_sentence.cache_info().currsize == 0
    assert [lint_target(t, setup).findings for t in targets] == first
    assert sum(map(len, first)) > 20
