"""Stage 4 of 7: split each block of copy into sentences.

A sentence ends at `.`, `!`, `?` or `…` followed by space and a capital, a
digit or a quote — but not after an abbreviation ("Dr.", "U.S.", "e.g."),
inside a decimal ("0.5 mg/kg") or before the sentence's own citation marker
("faster.[2,3]" keeps "[2,3]"). Sentences never cross blocks. A question
followed by an answer that starts "Yes" is marked as affirmed, because a FAQ
answer of "Yes" makes the question a claim. Only blocks of copy are split:
no rule reads menus or reference lists.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from claimlint.extract.copy import Document

ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms mx prof sr jr st mt ft vs approx appt dept est inc ltd co corp no nos vol fig figs
    eg ie al cf ca jan feb mar apr jun jul aug sep sept oct nov dec tel ph ext rev gen gov sen rep ave blvd
    """.split()
)
_END = re.compile(
    r"""[.!?…]+["'”’)\]]*"""
    r"""(?:\s*(?:\[\^?\d[\d,\s–-]*\]|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+))?"""
    r"""(?=\s+["'“‘(\[]?[A-Z0-9À-Þ•]|\s*$)"""
)
_WORD_BEFORE = re.compile(r"(?<![\w'’])([A-Za-z][A-Za-z.]*)\.$")
BLOCKS_KEPT = 5_000  # distinct blocks whose sentences are remembered, per process (more adds little)
_AFFIRMATIVE = re.compile(
    r"^\W*(?:yes|yep|absolutely|definitely|certainly|of course|indeed|it does|it can|they do|they can)\b", re.I
)


class Sentence(NamedTuple):
    """A sentence's copy offsets and block; a named tuple, as a page makes hundreds of them."""

    start: int
    end: int
    block: int
    question: bool = False
    affirmed: bool = False


def segment(doc: Document) -> list[Sentence]:
    """All sentences of the document's blocks, in copy order."""
    sentences: list[Sentence] = []
    text = doc.text
    for index, block in enumerate(doc.blocks):
        if block.role != "copy":
            continue
        base = block.start
        for start, end, question in _sentences_of(text[block.start:block.end]):
            sentences.append(Sentence(base + start, base + end, index, question))
    return _mark_affirmed(text, sentences)


@functools.lru_cache(maxsize=BLOCKS_KEPT)
def _sentences_of(block: str) -> tuple[tuple[int, int, bool], ...]:
    """(start, end, is a question) of each sentence in a block's text, remembered per distinct block.

    A block's sentences depend on its text alone, and sites repeat blocks
    (menus aside: footers, calls to action, testimonials) on every page.
    """
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _END.finditer(block):
        dot = m.start()
        if block[dot] == "." and _is_abbreviation(block, dot):
            continue
        spans.append(_trim(block, begin, m.end()))
        begin = m.end()
    spans.append(_trim(block, begin, len(block)))
    return tuple((s, e, _is_question(block[s:e])) for s, e in spans if e > s)


def _is_question(sentence: str) -> bool:
    return "?" in sentence and sentence.rstrip(" \"'”’)").endswith("?")


def _is_abbreviation(block: str, dot: int) -> bool:
    word = _WORD_BEFORE.search(block, max(0, dot - 12), dot + 1)
    if not word:
        return False
    token = word.group(1).lower()
    if "." in token:  # U.S., e.g., i.e., a.m.
        return True
    return token in ABBREVIATIONS or len(token) == 1 and token.isalpha()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mark_affirmed(text: str, sentences: list[Sentence]) -> list[Sentence]:
    marked = list(sentences)
    for i, s in enumerate(sentences[:-1]):
        answer = sentences[i + 1]
        if s.question and not answer.question and _AFFIRMATIVE.match(text[answer.start:answer.end]):
            marked[i] = Sentence(s.start, s.end, s.block, True, True)
    return marked
