"""Stage 5 of 7: run compiled rules over sentences and pages, yielding Hits.

A hit is a span of copy that a rule flags after its guards have spoken:
`unless` patterns and named guards (citation, supervision) in the same
sentence clear it; a negation in its own clause clears it; a hedge lowers
its severity (or clears it, for rules with `hedge: clear`); a question is
a claim only when its answer affirms it. Page rules flag the first trigger
on a page that lacks the required disclosure anywhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

import regex

from claimlint import guards
from claimlint.budget import Budget, Runaway, budget
from claimlint.extract.copy import Document
from claimlint.finding import Severity
from claimlint.prefilter import Prefilter, Scan
from claimlint.rulepack import Rule, compiled, compiled_one
from claimlint.segment import Sentence

_VIEW = str.maketrans(
    {"‘": "'", "’": "'", "ʼ": "'", "“": '"', "”": '"', "\u00a0": " ", "\u202f": " ", "\u2009": " ", "…": "."}
    | {chr(0xFF10 + d): str(d) for d in range(10)}
)
_MARKS = frozenset("™®©℠")
PAGE_SEARCH = 4  # a search over a page's whole copy may take this many times a sentence call's time


@dataclass(frozen=True)
class Hit:
    """A flagged span of copy (copy offsets) with the rule and the sentence it came from."""

    rule: Rule
    start: int
    end: int
    sentence: Sentence
    severity: Severity
    note: str = ""


class RuleTimeout(Exception):
    def __init__(self, rule: Rule) -> None:
        super().__init__(rule.id)
        self.rule = rule


@dataclass
class _View:
    """A sentence as the matcher reads it: quotes straightened, ™/® dropped."""

    text: str
    base: int
    keep: list[int] | None

    @classmethod
    def of(cls, copy: str, sentence: Sentence) -> "_View":
        raw = copy[sentence.start:sentence.end]
        if raw.isascii():  # nothing to straighten or drop: every character _VIEW maps is beyond ASCII
            return cls(raw, sentence.start, None)
        if _MARKS.isdisjoint(raw):
            return cls(raw.translate(_VIEW), sentence.start, None)
        keep = [i for i, ch in enumerate(raw) if ch not in _MARKS]
        return cls("".join(raw[i] for i in keep).translate(_VIEW), sentence.start, keep)

    def copy_span(self, start: int, end: int) -> tuple[int, int]:
        if self.keep is None:
            return self.base + start, self.base + end
        return self.base + self.keep[start], self.base + self.keep[end - 1] + 1


def match_document(
    doc: Document, sentences: list[Sentence], rules: Sequence[Rule], skip_blocks: set[int],
    prefilter: Prefilter | None = None,
) -> list[Hit]:
    """Every hit of `rules` in the document, in copy order.

    With a `prefilter` built for exactly these rules, only the rules whose
    literals a sentence holds are run on it; the hits are the same.
    """
    sentence_rules = [i for i, r in enumerate(rules) if r.scope == "sentence"]
    readable = [s for s in sentences if doc.blocks[s.block].role == "copy" and s.block not in skip_blocks]
    hits: list[Hit] = []
    with budget() as limit:
        for sentence in readable:
            if prefilter is None:
                view = _View.of(doc.text, sentence)
                for i in sentence_rules:  # a timer per rule: a runaway is reported as soon as with timeouts
                    hits.extend(h for _, h in _guarded(rules, [(i, None)], sentence, view, limit))
            else:
                hits.extend(_prefiltered_hits(prefilter, rules, sentence, doc.text, limit))
        hits = _one_per_claim(_answered_questions(hits, readable))
        for rule in rules:
            if rule.scope == "page":
                hits.extend(_page_hits(rule, doc, readable, limit))
    hits.sort(key=lambda h: (h.start, h.end, h.rule.id))
    return hits


def _guarded(
    rules: Sequence[Rule], chosen: Sequence[tuple[int, Sequence[int] | None]], sentence: Sentence, view: _View,
    limit: Budget, scan: Scan | None = None,
) -> list[tuple[int, Hit]]:
    """Hits of the chosen (rule index, pattern indexes or all) in one sentence, under one timer.

    The timer allows each regex call the chosen rules can make the time a
    per-call timeout would; a runaway is reported as a timeout of its rule.
    """
    found: list[tuple[int, Hit]] = []
    if not chosen:
        return found
    current = chosen[0][0]
    limit.arm(sum(len(rules[i].patterns if which is None else which) + len(rules[i].unless) for i, which in chosen))
    try:
        for current, which in chosen:
            found.extend((current, h) for h in match_sentence(rules[current], sentence, view, limit, scan, which))
    except Runaway:
        raise RuleTimeout(rules[current]) from None
    finally:
        limit.disarm()
    return found


def _prefiltered_hits(prefilter: Prefilter, rules: Sequence[Rule], sentence: Sentence, copy: str, limit: Budget) -> list[Hit]:
    """Hits of the candidate rules, remembered per distinct sentence.

    Sites repeat sentences (footers, calls to action, testimonials) on every
    page; a sentence's hits depend only on its own text and whether it is an
    affirmed question, so they are computed once per process.
    """
    key = (copy[sentence.start:sentence.end], sentence.question, sentence.affirmed)
    found: tuple[tuple[int, int, int, Severity, str], ...] | None = prefilter.memo.get(key)
    if found is None:
        view = _View.of(copy, sentence)
        scan = prefilter.scan(view.text)
        runnable = [(i, patterns) for i, patterns in prefilter.runnable(scan.present) if rules[i].scope == "sentence"]
        fresh = _guarded(rules, runnable, sentence, view, limit, scan)
        found = tuple((i, h.start - sentence.start, h.end - sentence.start, h.severity, h.note) for i, h in fresh)
        prefilter.memo.put(key, found)
    return [Hit(rules[i], sentence.start + a, sentence.start + b, sentence, sev, note) for i, a, b, sev, note in found]


def match_sentence(
    rule: Rule, sentence: Sentence, view: _View, limit: Budget, scan: Scan | None = None,
    patterns: Sequence[int] | None = None,
) -> list[Hit]:
    """Hits of one rule in one sentence, one per span.

    With a `scan` (what the prefilter found), only the `patterns` it found
    runnable run, and only at the offsets where their anchors start.
    """
    if sentence.question and (rule.questions == "skip" or rule.questions == "affirmed" and not sentence.affirmed):
        return []
    spans = _spans(rule, view.text, limit.options, scan, patterns)
    if not spans or _cleared(rule, view.text, limit.options):
        return []
    hits = []
    for start, end in spans:
        if rule.negation and guards.negated(view.text, start, end, inside=rule.negation == "inside"):
            continue
        severity, note = rule.severity, ""
        hedge = guards.hedged(view.text, start, end) if rule.hedge != "keep" else None
        if hedge and rule.hedge == "clear":
            continue
        if hedge:
            severity = severity.lowered()
            note = f"hedged with “{hedge}”, which lowers but does not clear the claim"
        if sentence.question:
            note = "the answer “yes” makes this question a claim"
        copy_start, copy_end = view.copy_span(start, end)
        hits.append(Hit(rule, copy_start, copy_end, sentence, severity, note))
    return hits


def _answered_questions(hits: list[Hit], sentences: list[Sentence]) -> list[Hit]:
    """Drop a question's hit when its answer ("Yes! It is...") makes the same kind of claim itself."""
    answers: dict[Sentence, tuple[Sentence, ...]] = {}
    for i, sentence in enumerate(sentences):
        if sentence.question:
            answers[sentence] = tuple(sentences[i + 1:i + 3])
    answered = {(h.sentence, h.rule.category) for h in hits}
    return [
        h for h in hits
        if not h.sentence.question
        or not any((a, h.rule.category) in answered for a in answers.get(h.sentence, ()))
    ]


def _one_per_claim(hits: list[Hit]) -> list[Hit]:
    """Overlapping hits of one category from different rules are one claim: keep the most severe."""
    ranked = sorted(hits, key=lambda h: (-h.severity.rank, h.start - h.end, h.start, h.rule.id))
    kept: list[Hit] = []
    for hit in ranked:
        if not any(k.rule.category == hit.rule.category and k.start < hit.end and hit.start < k.end for k in kept):
            kept.append(hit)
    return kept


def _spans(
    rule: Rule, text: str, options: dict[str, float], scan: Scan | None = None, which: Sequence[int] | None = None
) -> list[tuple[int, int]]:
    """Non-overlapping match spans of the rule's patterns (leftmost, then longest)."""
    found: list[tuple[int, int]] = []
    try:
        for i in range(len(rule.patterns)) if which is None else which:
            pattern = compiled_one(rule.patterns[i])
            anchors = rule.anchors[i] if rule.anchors else None
            offsets = scan.offsets(anchors) if scan is not None and anchors is not None else None
            if offsets is None:
                matches: Iterator[regex.Match[str]] = pattern.finditer(text, **options)
            else:
                matches = _anchored(pattern, text, offsets, options)
            for m in matches:
                span = m.span("claim") if "claim" in pattern.groupindex and m.start("claim") >= 0 else m.span()
                if span[1] > span[0]:
                    found.append(span)
    except TimeoutError:
        raise RuleTimeout(rule) from None
    if len(found) < 2:
        return found  # most runs find nothing: no ordering or overlap to settle
    found.sort(key=lambda s: (s[0], -s[1]))
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def _anchored(
    pattern: regex.Pattern[str], text: str, offsets: list[int], options: dict[str, float]
) -> Iterator[regex.Match[str]]:
    """What `pattern.finditer(text)` yields, trying only `offsets`, where every match must start.

    An anchor is a prefix of every match (never empty), so the leftmost
    match at or after the end of the previous one starts at the first
    offset there where `match` succeeds.
    """
    resume = 0
    for offset in offsets:
        if offset >= resume:
            m = pattern.match(text, offset, **options)
            if m is not None:
                resume = m.end()
                yield m


def _cleared(rule: Rule, text: str, options: dict[str, float]) -> bool:
    """An `unless` pattern or named guard anywhere in the sentence clears the rule."""
    try:
        if any(p.search(text, **options) for p in compiled(rule.unless)):
            return True
    except TimeoutError:
        raise RuleTimeout(rule) from None
    return any(guards.NAMED[name](text) for name in rule.unless_guards)


def _page_hits(rule: Rule, doc: Document, sentences: list[Sentence], limit: Budget) -> list[Hit]:
    """One hit at the first trigger, when the page never states the required disclosure."""
    options = limit.scaled(PAGE_SEARCH)
    limit.arm(PAGE_SEARCH * len(rule.requires))
    try:
        if any(p.search(doc.text, **options) for p in compiled(rule.requires)):
            return []
    except (TimeoutError, Runaway):
        raise RuleTimeout(rule) from None
    finally:
        limit.disarm()
    for sentence in sentences:
        hits = _guarded([rule], [(0, None)], sentence, _View.of(doc.text, sentence), limit)
        if hits:
            return [hits[0][1]]
    return []
