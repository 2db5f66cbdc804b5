from __future__ import annotations

import pytest

from claimlint import guards


def _span(text: str, phrase: str) -> tuple[int, int]:
    i = text.index(phrase)
    return i, i + len(phrase)


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("There is currently no cure for depression.", "cure", True),
        ("Ketamine is not a cure-all.", "cure-all", True),
        ("At-home use is not recommended.", "At-home use", True),
        ("No treatment is completely safe.", "completely safe", True),
        ("There is no vaccine yet, so boosting immunity is vital.", "boosting immunity", False),
        ("While not a cure-all, its results are unparalleled.", "unparalleled", False),
        ("It is not only safe but effective.", "safe", False),
        ("Patients who have not responded to SSRIs often find that ketamine cures them.", "cures", False),
        ("Ketamine cures depression that is not responding to SSRIs.", "cures depression", False),
    ],
)
def test_negation_is_scoped_to_its_clause(text: str, phrase: str, expected: bool) -> None:
    assert guards.negated(text, *_span(text, phrase)) is expected


@pytest.mark.parametrize(
    "text, phrase, hedge",
    [
        ("Ketamine may reverse neural damage.", "reverse neural damage", "may"),
        ("Some patients feel relief within hours.", "relief within hours", "Some patients"),
        ("You can feel relief within hours.", "relief within hours", None),
        ("It works fast. It may help.", "works fast", None),
        ("For some people, mood improves within a day.", "mood improves within a day", "For some"),
        ("In some cases, relief comes within hours.", "relief comes within hours", "In some cases"),
        ("For most people, relief comes within hours.", "relief comes within hours", None),
        ("It works fast, and some patients pay.", "works fast", None),
    ],
)
def test_hedges(text: str, phrase: str, hedge: str | None) -> None:
    assert guards.hedged(text, *_span(text, phrase)) == hedge


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Response was 52% [3].", True),
        ("Response was 52%.[2,3]", True),
        ("Response was 52%.²", True),
        ("In a 2019 trial (Fava et al., 2019), 52% responded.", True),
        ("See doi:10.1000/182 for the data.", True),
        ("A 2021 study published in JAMA Psychiatry found 40% remission.", True),
        ("Studies show success rates of 70%.", False),
        ("A landmark study by the NIMH found 70% responded.", False),
        ("Clinical trials highlight remission rates of 50%.", False),
    ],
)
def test_citation_detector(text: str, expected: bool) -> None:
    assert guards.cited(text) is expected


def test_a_negation_opening_the_span_is_part_of_the_claim() -> None:
    text = "Don't wait another day."
    assert guards.negated(text, 0, len("Don't wait")) is False
    text = "It is not safe."
    assert guards.negated(text, text.index("is"), len(text) - 1) is True
    assert guards.negated(text, text.index("is"), len(text) - 1, inside=False) is False
