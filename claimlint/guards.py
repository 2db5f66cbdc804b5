"""Context guards that keep rules precise: citations, negation, hedges, supervision, reference lists.

TAXONOMY.md's principles live here: a negation clears a claim only in its own
clause; hedges ("may", "might") lower a claim but clear only rapid-results;
a source must stand in the same sentence; reference lists are not claims.
"""
from __future__ import annotations

import functools
import re
from typing import Callable

from claimlint.extract.copy import Document

_F = re.IGNORECASE

CITATION = re.compile(
    r"\[\^?\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]"  # [1] [2,3] [1-4] [^5]
    r"|[⁰¹²³⁴⁵⁶⁷⁸⁹]"  # superscript markers
    r"|\([^()]{0,80}?\b(?:19|20)\d{2}[a-z]?\)"  # (Author, 2019) (Fava et al., 2019)
    r"|\bet\s+al\b"
    r"|\bdoi:\s*10\.\d{4,9}/|\b10\.\d{4,9}/\S+"
    r"|\bhttps?://\S+|\bwww\.\w\S+"
    r"|\b(?:19|20)\d{2}\b[^.;]{0,60}\b(?:published\s+in|in\s+the\s+journal|(?:JAMA|NEJM|BMJ|Lancet|Nature|"
    r"American\s+Journal\s+of\s+Psychiatry|New\s+England\s+Journal|Biological\s+Psychiatry|Molecular\s+Psychiatry|"
    r"Cochrane|Neuropsychopharmacology|Journal\s+of\s+\w+))"
    r"|\b(?:published\s+in|in\s+the\s+journal|in)\s+(?:the\s+)?(?:JAMA|NEJM|BMJ|Lancet|Nature|American\s+Journal"
    r"\s+of\s+Psychiatry|New\s+England\s+Journal|Biological\s+Psychiatry|Molecular\s+Psychiatry|Journal\s+of\s+\w+)"
    r"[^.;]{0,40}\b(?:19|20)\d{2}\b",
    _F,
)
SUPERVISION = re.compile(
    r"\bunder\s+(?:the\s+)?(?:direct\s+|close\s+|continuous\s+|careful\s+|on-?site\s+)?"
    r"(?:medical|clinical|professional|physician|doctor'?s?|nurse|clinician'?s?|provider'?s?|staff|our)?\s*"
    r"(?:supervision|observation|monitoring|oversight|care)\b"
    r"|\b(?:medically|clinically|directly|closely)\s+(?:supervised|monitored|observed)\b"
    r"|\b(?:supervised|monitored|observed)\s+by\s+(?:a|an|our|the)?\s*(?:doctor|physician|nurse|clinician|provider|staff|team)"
    r"|\bin\s+(?:our|the|a)\s+(?:clinic|office|certified\s+\w+|medical\s+\w+|healthcare\s+setting|treatment\s+room)"
    r"|\bin-(?:clinic|office|person)\b|\bin\s+person\b|\bon-?site\b|\bREMS\b",
    _F,
)
HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|potentially|perhaps|sometimes|some\s+(?:patients|people|individuals|clients|"
    r"adults|studies)|for\s+some|in\s+some\s+(?:cases|patients|people)|not\s+everyone|individual\s+results\s+vary"
    r"|results\s+vary)\b",
    _F,
)
NEGATION = re.compile(
    r"\b(?:no|not|never|without|none|neither|nor|cannot|nothing|lacks?|unlikely|rather\s+than|instead\s+of|"
    r"isn['’]t|aren['’]t|wasn['’]t|weren['’]t|don['’]t|doesn['’]t|didn['’]t|won['’]t|can['’]t|"
    r"wouldn['’]t|shouldn['’]t|couldn['’]t|haven['’]t|hasn['’]t)\b",
    _F,
)
_NOT_NEGATION = re.compile(
    r"\b(?:not\s+only|not\s+just|not\s+merely|no\s+doubt|no\s+wonder|not\s+least|nothing\s+(?:but|short\s+of|less)|"
    r"no\s+(?:more|longer)\s+than|without\s+(?:a\s+)?doubt|never\s+(?:been\s+)?(?:easier|better|faster))\b",
    _F,
)
_AFTER_NEGATION = re.compile(
    r"\W{0,3}(?:(?!(?:that|which|who|whom|where|when|because|if)\b)\w+\W{1,3}){0,3}?"
    r"(?:(?:is|are|was|were|be|been|being|remains?|seems?)\s+(?:not|never|no\s+longer|neither)\b"
    r"|(?:isn['’]t|aren['’]t|wasn['’]t|weren['’]t|(?:do|does|did)\s+not|(?:don|doesn|didn)['’]t)\b)",
    _F,
)
_OPENING_HEDGE = re.compile(r"\W*(" + HEDGE.pattern + r")[^,;:.!?]{0,30},\s*$", _F)  # "For some people, "
_INNER_NEGATION = re.compile(r"\b(?:not|never|cannot|n['’]t)\b|n['’]t\b", _F)
CLAUSE_BREAK = re.compile(
    r"[;:—–()]|,\s|\s-\s|\b(?:but|so|while|whereas|although|though|however|yet|because|since|unless|until)\b",
    _F,
)
_WORD = re.compile(r"\w+")
NEGATION_WINDOW = 4
HEDGE_WINDOW = 8

_REFERENCE_TITLE = (
    r"(?:references?|sources?|informational\s+sources|citations?|bibliography|works\s+cited|footnotes|"
    r"further\s+reading|studies\s+cited|scientific\s+references)"
)
_REFERENCE_HEADING = re.compile(r"^\W*" + _REFERENCE_TITLE + r"\W*$", _F)
# A heading that runs straight into its first numbered entry, as lines of plain text join: "References [1] Hull TD..."
_HEADED_ENTRIES = re.compile(
    r"^\W*" + _REFERENCE_TITLE + r"\s*:?\s+(?:\[\^?\d{1,3}\]|\d{1,3}[.)]\s).*\b(?:19|20)\d{2}\b", _F
)
_ENTRY_NUMBER = r"^\W*(?:\d{1,3}[\].)]\s*)?"  # "[1] ", "2. "
_REFERENCE_ENTRY = re.compile(
    _ENTRY_NUMBER + r"[A-Z][\w'’-]+,\s(?:[A-Z]\.\s?){1,3}.*\((?:19|20)\d{2}\)"  # Feder, A., ... (2019)
    r"|\bRetrieved\b.{0,40}\b(?:19|20)\d{2}\b"
    r"|\b(?:19|20)\d{2}\b.{0,200}(?:\bdoi\b|10\.\d{4,9}/|https?://)"
    r"|" + _ENTRY_NUMBER + r"[A-Z][\w'’-]+\s(?:[A-Z]{1,3}|[A-Z]\.(?:\s?[A-Z]\.)*)[,.].{0,200}\b(?:19|20)\d{2}\b",
    0,
)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `text` holding [start, end): between clause breaks outside the span."""
    left, right = 0, len(text)
    for break_start, break_end in _clause_breaks(text):
        if break_end <= start:
            left = break_end
        elif break_start >= end:
            right = break_start
            break
    return left, right


@functools.lru_cache(maxsize=64)
def _clause_breaks(text: str) -> tuple[tuple[int, int], ...]:
    """Where a sentence's clause breaks are: the negation and hedge checks of every span ask again."""
    return tuple(m.span() for m in CLAUSE_BREAK.finditer(text))


def negated(text: str, start: int, end: int, inside: bool = True) -> bool:
    """A negation cue in the same clause governs the span: "no cure", "is not recommended".

    Inside the span (when `inside`) only a verbal negation after its first
    word counts ("is not safe"): a "no" or "don't" that opens the span is the
    claim itself ("no side effects", "don't wait").
    """
    first_word = _WORD.match(text, start)
    after_first = first_word.end() if first_word else start + 1
    if inside and _INNER_NEGATION.search(text, after_first, end) and not _NOT_NEGATION.search(text, start, end):
        return True
    left, right = clause_bounds(text, start, end)
    before = text[left:start]
    for cue in NEGATION.finditer(before):
        if _NOT_NEGATION.match(before, cue.start()):
            continue
        if len(_WORD.findall(before, cue.end())) <= NEGATION_WINDOW:
            return True
    return bool(_AFTER_NEGATION.match(text, end, right))


def hedged(text: str, start: int, end: int) -> str | None:
    """The hedge word qualifying the span in its clause ("may", "some patients"), if any.

    A short opening qualifier set off by a comma ("For some people, mood
    lifts within a day") hedges the clause that follows it.
    """
    left, _ = clause_bounds(text, start, end)
    for cue in HEDGE.finditer(text, left, end):
        if len(_WORD.findall(text, cue.end(), start)) <= HEDGE_WINDOW:
            return cue.group()
    opening = _OPENING_HEDGE.match(text, 0, left) if left else None
    return opening.group(1) if opening else None


def cited(text: str) -> bool:
    return CITATION.search(text) is not None


def supervised(text: str) -> bool:
    return SUPERVISION.search(text) is not None


NAMED: dict[str, Callable[[str], bool]] = {"citation": cited, "supervision": supervised}


def _has_year(text: str) -> bool:
    """Every reference entry holds a year: a cheap test before the full pattern."""
    return "19" in text or "20" in text


@functools.lru_cache(maxsize=4096)  # navigation, footers and disclaimers repeat on every page
def _reference_parts(text: str) -> tuple[bool, bool]:
    """Whether a block's text is a reference-list heading, and whether it reads as a reference entry."""
    if _REFERENCE_HEADING.match(text):
        return True, False
    if _HEADED_ENTRIES.match(text):
        return True, True
    return False, _has_year(text) and _REFERENCE_ENTRY.search(text) is not None


def reference_blocks(doc: Document) -> set[int]:
    """Indexes of blocks that are reference-list entries or cited-paper titles, not claims."""
    found: set[int] = set()
    in_references = False
    for i, block in enumerate(doc.blocks):
        heading, entry = _reference_parts(doc.text[block.start:block.end])
        if heading:
            in_references = True
            if entry:
                found.add(i)
        elif block.role == "reference" or entry:
            found.add(i)
        elif in_references and block.kind == "list-item":
            found.add(i)
        else:
            in_references = False
    return found
