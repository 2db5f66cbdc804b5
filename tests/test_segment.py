from __future__ import annotations

from claimlint.extract.copy import Block, Document
from claimlint.segment import segment
from claimlint.sourcemap import OffsetMap


def _sentences(*blocks: str) -> list[str]:
    text = ""
    spans = []
    for b in blocks:
        spans.append(Block("paragraph", len(text), len(text) + len(b)))
        text += b + "\n\n"
    doc = Document(text, spans, OffsetMap())
    return [text[s.start:s.end] for s in segment(doc)]


def test_abbreviations_do_not_end_sentences() -> None:
    assert _sentences("Dr. Lee trained in the U.S. for years. Bring ID, e.g. a passport. Call us.") == [
        "Dr. Lee trained in the U.S. for years.", "Bring ID, e.g. a passport.", "Call us.",
    ]


def test_decimals_and_units() -> None:
    assert _sentences("The dose is 0.5 mg/kg. It runs 40 min. Then rest.") == [
        "The dose is 0.5 mg/kg.", "It runs 40 min.", "Then rest.",
    ]


def test_citation_markers_stay_with_their_sentence() -> None:
    assert _sentences("Relief came faster.[2,3] Results vary.¹ Ask us.") == [
        "Relief came faster.[2,3]", "Results vary.¹", "Ask us.",
    ]


def test_sentences_never_cross_blocks() -> None:
    assert _sentences("Heading without stop", "Body text here") == ["Heading without stop", "Body text here"]


def test_questions_and_affirming_answers() -> None:
    text = "Can it rewire the brain?\n\nYes.\n\nIs it for me?\n\nAsk your doctor."
    blocks = []
    pos = 0
    for part in text.split("\n\n"):
        blocks.append(Block("paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    marks = [(s.question, s.affirmed) for s in segment(Document(text, blocks, OffsetMap()))]
    assert marks == [(True, True), (False, False), (True, False), (False, False)]


def test_possessives_before_a_full_stop_end_the_sentence() -> None:
    assert _sentences("It helps with Parkinson's. Stem cells are next.") == [
        "It helps with Parkinson's.", "Stem cells are next.",
    ]


def test_a_repeated_block_is_split_the_same_at_each_place() -> None:
    block = "Is it safe? Yes. Our team watches you."
    text = f"Intro line.\n\n{block}\n\nMiddle.\n\n{block}\n\n"
    blocks = [Block("paragraph", 0, 11), Block("paragraph", 13, 13 + len(block)),
              Block("paragraph", 15 + len(block), 22 + len(block)), Block("paragraph", 24 + len(block), 24 + 2 * len(block))]
    sentences = segment(Document(text, blocks, OffsetMap()))
    assert [text[s.start:s.end] for s in sentences] == [
        "Intro line.", "Is it safe?", "Yes.", "Our team watches you.", "Middle.", "Is it safe?", "Yes.", "Our team watches you.",
    ]
    assert [s.block for s in sentences] == [0, 1, 1, 1, 2, 3, 3, 3]
    assert [(s.question, s.affirmed) for s in sentences if s.question] == [(True, True), (True, True)]
