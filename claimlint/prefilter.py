"""Which rules can possibly match: required literals, found in one pass over each sentence.

Every pattern yields clauses, sets of lowercase literals such that any match
holds one literal of each (taken from its phrases and patterns by walking the
parsed regex, or declared in the pack as `literals`). One multi-string search
finds a sentence's literals, and only the patterns whose clauses all hold run
on it. A pattern that yields no literal always runs, so the prefilter never
changes the results, only the time they take.

The same pass also finds where a pattern can start. Most patterns begin
with one of a few words ("cure", "guarantee", "feel"); `pattern_anchors`
reads those prefixes off the parsed regex, and the matcher tries the
pattern only at the offsets where one of them occurs instead of at every
offset of the sentence (see `match._spans`).
"""
from __future__ import annotations

import importlib
import itertools
import math
import re
from typing import Any, Iterable, NamedTuple, Sequence

# The parser behind `re` (its home moved in Python 3.11); typed loosely, as it is not public.
try:
    sre_parse: Any = importlib.import_module("re._parser")
    sre_constants: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    sre_parse = importlib.import_module("sre_parse")
    sre_constants = importlib.import_module("sre_constants")

try:
    import ahocorasick
except ImportError:  # pragma: no cover - a platform without a wheel: fall back to substring search
    ahocorasick = None

LiteralSet = frozenset[str]
MIN_USEFUL = 2  # a single letter filters nothing; two ("ms", "iv") still do
# Marks rare enough in prose that one alone filters: quotes around a testimonial, a price, a percentage.
RARE_MARKS = frozenset('"$€£%#@&+=~*')
STRONG = 3  # an alternation's extra clauses hold only literals this long or rare marks, and no common word
RARE_WEIGHT = 5  # ranks like a literal of five letters when choosing the clause that indexes a pattern
# Words in nearly every sentence of clinic copy: a clause holding one filters almost nothing, so it
# ranks below any other when an alternative's clause is chosen (see _weight).
COMMON_WORDS = frozenset(
    "a an and are as at be by can day do for from get has have in is it its more not of on one or our "
    "so that the their them they this to up was we what when which will with you your".split()
)
MAX_PRODUCT = 64  # clauses an alternation may yield beyond the union of its alternatives' best ones


Clauses = tuple[LiteralSet, ...]
ANCHOR_LENGTH = 4  # anchors are match prefixes of at most this many characters
MAX_ANCHORS = 2000  # a pattern with more possible prefixes than this is not anchored
MAX_CLASS = 12  # a character class of more characters than this ends a prefix

# The only characters outside ASCII that match an ASCII letter under IGNORECASE, folded to it so that
# lowercasing keeps every offset of the sentence (str.lower() turns "İ" into two characters).
_FOLD_PAIRS = (("İ", "i"), ("ı", "i"), ("ſ", "s"), ("\u212a", "k"))
# Every white-space character reads as a space, so that an anchor may run through `\s` ("a hu" for
# `a\s+hundred`). These are all the characters str.isspace() accepts: a superset of what `\s` matches.
_WHITE_SPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACES = str.maketrans(_WHITE_SPACE, " " * len(_WHITE_SPACE))
_DIGITS = frozenset("0123456789")
_OTHER_DIGIT = re.compile(r"[^\D0-9]")  # \d also matches other scripts' digits, which no anchor lists


def _parse(pattern: str) -> Any:
    """The parsed pattern; what the standard parser refuses is rewritten or left out.

    Lookbehinds of variable width are left out, which only loses what they
    require, so the clauses and anchors read from the rest still hold for
    every match. A group name used twice (the `regex` module allows it)
    becomes a plain group.
    """
    try:
        return sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        stripped = for_standard_parser(pattern)
        if stripped == pattern:
            raise
        return sre_parse.parse(stripped, re.IGNORECASE)


def for_standard_parser(pattern: str) -> str:
    """`pattern` without `(?<=...)` and `(?<!...)` groups, and with `(?P<name>` as `(?:`.

    Escapes and character classes are respected.
    """
    out: list[str] = []
    depth, cut_at = 0, -1  # cut_at: the depth at which the lookbehind being dropped opened
    class_from = -1  # where the character class being read begins its members
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        token = pattern[i:i + 2] if ch == "\\" else ch
        step = len(token) or 1
        if class_from >= 0:
            if ch == "]" and i > class_from:
                class_from = -1
        elif ch == "[":
            class_from = i + (2 if pattern.startswith("[^", i) else 1)
        elif ch == "(":
            if cut_at < 0 and pattern.startswith(("(?<=", "(?<!"), i):
                cut_at = depth
            elif pattern.startswith("(?P<", i) and ">" in pattern[i:]:
                token, step = "(?:", pattern.index(">", i) + 1 - i
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == cut_at:
                cut_at = -1
                token = ""
        if cut_at < 0:
            out.append(token)
        i += step
    return "".join(out)


def pattern_clauses(pattern: str) -> Clauses:
    """Literal sets that every match of `pattern` satisfies, each by holding one of its literals.

    An empty tuple means nothing can be told (the pattern must always run).
    """
    try:
        parsed = _parse(pattern)
    except (re.error, OverflowError, RecursionError, ValueError):
        return ()
    return _minimal(c for c in _clauses(list(parsed)) if _useful(c))


def pattern_literals(pattern: str) -> LiteralSet | None:
    """The most selective single clause of `pattern`, or None."""
    best: LiteralSet | None = None
    for clause in pattern_clauses(pattern):
        best = _better(best, clause)
    return best


def rule_literals(patterns: Iterable[str]) -> LiteralSet | None:
    """The union over a rule's patterns (any one may match); None if any pattern yields none."""
    found: set[str] = set()
    for pattern in patterns:
        literals = pattern_literals(pattern)
        if literals is None:
            return None
        found |= literals
    return frozenset(found) if found else None


class _Open(Exception):
    """A part of a pattern whose first characters cannot be listed (\\w, ., a large class)."""


def pattern_anchors(pattern: str) -> LiteralSet | None:
    """Lowercase prefixes (ASCII or caseless) one of which begins every match of `pattern`, or None.

    None when some match could begin otherwise (with `\\w+`, a large class),
    when a prefix would be a single character other than a digit or a rare
    mark, or when there would be too many to be worth it.
    """
    try:
        complete, partial = _prefixes(list(_parse(pattern)))
    except (_Open, re.error, OverflowError, RecursionError, ValueError):
        return None
    found = complete | partial
    if not found or not all(_caseless_or_ascii(s) and (len(s) > 1 or s in _DIGITS or s in RARE_MARKS) for s in found):
        return None
    return frozenset(found)


def _prefixes(items: Sequence[tuple[object, object]]) -> tuple[set[str], set[str]]:
    """Prefixes of a sequence's matches: (whole matches shorter than the anchor length, cut prefixes)."""
    growing: set[str] = {""}
    done: set[str] = set()
    for op, arg in items:
        try:
            complete, partial = _first(op, arg)
        except _Open:
            if "" in growing:  # nothing fixed before the open part
                raise
            return set(), done | growing  # the prefixes end where the open part begins
        done |= {(g + p)[:ANCHOR_LENGTH] for g in growing for p in partial}
        longer = {g + c for g in growing for c in complete}
        done |= {t[:ANCHOR_LENGTH] for t in longer if len(t) >= ANCHOR_LENGTH}
        growing = {t for t in longer if len(t) < ANCHOR_LENGTH}
        if len(growing) + len(done) > MAX_ANCHORS:
            raise _Open
        if not growing:
            break
    return growing, done


def _first(op: object, arg: Any) -> tuple[set[str], set[str]]:
    """Prefixes of one element: (all it can match, when short and closed; prefixes of longer matches)."""
    if op is sre_constants.LITERAL:
        return {chr(arg).lower()}, set()
    if op is sre_constants.IN:
        return _class_chars(arg), set()
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return {""}, set()  # zero width: the match goes on with what follows
    if op is sre_constants.SUBPATTERN:
        return _prefixes(list(arg[-1]))
    if op is _ATOMIC:
        return _prefixes(list(arg))
    if op is sre_constants.BRANCH:
        complete, partial = set(), set()
        for alternative in arg[1]:
            c, p = _prefixes(list(alternative))
            complete |= c
            partial |= p
        return complete, partial
    if op in _REPEATS:
        low, high, body = arg
        complete, partial = _prefixes(list(body))
        optional = {""} if low == 0 else set()
        if high == 1:
            return complete | optional, partial
        if "" in complete:
            raise _Open
        return optional, complete | partial  # what a second repetition adds is not followed
    raise _Open


_REPEATS = tuple(
    op for op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None))
    if op is not None
)
_ATOMIC = getattr(sre_constants, "ATOMIC_GROUP", None)  # (?>...), from Python 3.11


def _class_chars(items: Sequence[tuple[object, Any]]) -> set[str]:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre_constants.LITERAL:
            chars.add(chr(arg).lower())
        elif op is sre_constants.RANGE and arg[1] - arg[0] < MAX_CLASS:
            chars.update(chr(c).lower() for c in range(arg[0], arg[1] + 1))
        elif op is sre_constants.CATEGORY and arg is sre_constants.CATEGORY_DIGIT:
            chars |= _DIGITS  # other scripts' digits: see Prefilter.scan
        elif op is sre_constants.CATEGORY and arg is sre_constants.CATEGORY_SPACE:
            chars.add(" ")  # fold() turns all white space into spaces
        else:
            raise _Open
    if len(chars) > MAX_CLASS:
        raise _Open
    return chars


def _caseless_or_ascii(anchor: str) -> bool:
    """Non-ASCII characters that have case may fold otherwise in the regex engine than in str.lower()."""
    return anchor.isascii() or all(c.isascii() or c.lower() == c.upper() for c in anchor)


def fold(text: str) -> str:
    """`text` lowercased, white space as plain spaces: the same length, whenever lowercasing allows.

    `str.translate` looks every character up in a dict, so the common cases
    go through `str.replace`: copy's only white space other than spaces is
    usually line breaks, and the characters of _FOLD_PAIRS are rare.
    """
    if not text.isascii():
        for char, folded in _FOLD_PAIRS:
            if char in text:
                text = text.replace(char, folded)
    lowered = text.lower()
    if lowered.isprintable():
        return lowered
    lowered = lowered.replace("\n", " ")
    return lowered if lowered.isprintable() else lowered.translate(_SPACES)


def _better(a: LiteralSet | None, b: LiteralSet | None) -> LiteralSet | None:
    """The more selective of two requirements: longest shortest literal, then fewest literals."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (_weakest(a), -len(a)) >= (_weakest(b), -len(b)) else b


def _weakest(clause: LiteralSet) -> int:
    """How selective a clause's least selective literal is (see _weight)."""
    return min(map(_weight, clause))


def _weight(literal: str) -> int:
    """Its length, as a rough rarity; a rare mark counts as a word, a common word as one letter."""
    if literal in RARE_MARKS:
        return RARE_WEIGHT
    return 1 if literal in COMMON_WORDS else len(literal)


def _useful(clause: LiteralSet) -> bool:
    """A clause worth checking: not empty (no sentence would satisfy it), and no literal too short to filter."""
    return bool(clause) and all(len(lit) >= MIN_USEFUL or lit in RARE_MARKS for lit in clause)


def _minimal(clauses: Iterable[LiteralSet]) -> Clauses:
    """The clauses without those implied by another (a superset of a clause holds whenever it does)."""
    unique = list(dict.fromkeys(clauses))
    return tuple(c for c in unique if not any(other < c for other in unique))


def _clauses(items: Sequence[tuple[object, object]]) -> list[LiteralSet]:
    """Every requirement of a sequence: each element must match, so each one's clauses hold."""
    found: list[LiteralSet] = []
    run: list[str] = []
    for op, arg in items:
        if op is sre_constants.LITERAL:
            run.append(chr(arg).lower())  # type: ignore[arg-type]
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        found.extend(_element(op, arg))
    if run:
        found.append(frozenset({"".join(run)}))
    return found


def _best(clauses: list[LiteralSet]) -> LiteralSet | None:
    best: LiteralSet | None = None
    for clause in clauses:
        if _useful(clause):
            best = _better(best, clause)
    return best


def _element(op: object, arg: object) -> list[LiteralSet]:
    if op is sre_constants.SUBPATTERN:
        return _clauses(list(arg[-1]))  # type: ignore[index]
    if op is sre_constants.BRANCH:
        return _either(arg[1])  # type: ignore[index]
    if op is sre_constants.IN and all(o is sre_constants.LITERAL and chr(c) in RARE_MARKS for o, c in arg):  # type: ignore[attr-defined]
        return [frozenset(chr(c) for _, c in arg)]  # type: ignore[attr-defined]
    if op in _REPEATS and arg[0] >= 1:  # type: ignore[index]
        return _clauses(list(arg[2]))  # type: ignore[index]
    if op is _ATOMIC:
        return _clauses(list(arg))  # type: ignore[call-overload]
    if op is sre_constants.ASSERT:  # a positive lookaround's text is in the string too
        return _clauses(list(arg[1]))  # type: ignore[index]
    return []


def _either(alternatives: Sequence[Any]) -> list[LiteralSet]:
    """Clauses of an alternation: a union of one clause from each alternative.

    The union of the alternatives' best clauses always; when there are few
    ways to choose, also every other union of strong literals ("online" in
    one alternative and "sale" in another tell more than "ketamine" in all).
    """
    options = [[c for c in _minimal(_clauses(list(alt))) if _useful(c)] for alt in alternatives]
    if not all(options):
        return []
    found = [frozenset().union(*(_best(o) or () for o in options))]
    if math.prod(map(len, options)) <= MAX_PRODUCT:
        unions = (frozenset().union(*choice) for choice in itertools.product(*options))
        found.extend(u for u in unions if _weakest(u) >= STRONG)
    return found


class Scan(NamedTuple):
    """What the prefilter found in one sentence: its literals and, when offsets are exact, where they start."""

    present: frozenset[str]
    starts: dict[str, list[int]] | None

    def offsets(self, anchors: LiteralSet) -> list[int] | None:
        """Sorted offsets where one of `anchors` starts; None when offsets are unknown."""
        starts = self.starts
        if starts is None:
            return None
        held = anchors & self.present  # two sets: the smaller one is walked
        if len(held) == 1:
            return starts[next(iter(held))]
        return sorted(set().union(*(starts[a] for a in held)))


class Memo:
    """Values by key in bounded memory: two generations, so what keeps being used survives a turnover.

    When the young generation is full it becomes the old one (the previous
    old one is dropped); a value found in the old generation moves back.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.young: dict[Any, Any] = {}
        self.old: dict[Any, Any] = {}

    def get(self, key: Any) -> Any:
        value = self.young.get(key)
        if value is None:
            value = self.old.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: Any, value: Any) -> None:
        if len(self.young) >= self.size:
            self.old, self.young = self.young, {}
        self.young[key] = value


MEMO_SIZE = 25_000  # sentences per generation: about 10 MB for both
CHOICES_KEPT = 20_000  # distinct literal sets whose runnable patterns are remembered


class Prefilter:
    """Finds, in one pass per sentence, every literal the rules need; then the patterns worth running.

    Each pattern is indexed by its most selective clause; a sentence's
    candidates are the patterns whose index literal it holds (and those that
    yield no literal at all), and of those it runs the ones whose every
    clause it satisfies. Sentences often hold the same set of literals, so
    that choice is remembered per set. The pass is an Aho–Corasick automaton
    (pyahocorasick, in C) over the lowercased sentence; it also records
    where each pattern's anchors start. Without that library a substring
    loop finds the same literals, and patterns run unanchored.
    """

    def __init__(self, clauses_by_rule: Sequence[Sequence[Clauses]], anchors: Iterable[LiteralSet] = ()) -> None:
        always: set[tuple[int, int]] = set()  # (rule, pattern) pairs that yield no literal
        self.by_literal: dict[str, list[tuple[int, int]]] = {}
        self.clauses = tuple(tuple(patterns) for patterns in clauses_by_rule)
        literals: set[str] = set()
        for ri, patterns in enumerate(self.clauses):
            for pi, clauses in enumerate(patterns):
                literals.update(lit for clause in clauses for lit in clause)
                key = _best(list(clauses))
                if key is None:
                    always.add((ri, pi))
                for lit in key or ():
                    self.by_literal.setdefault(lit, []).append((ri, pi))
        self.always = frozenset(always)
        self.literals = tuple(sorted(literals))
        self._literal_set = frozenset(literals)
        self.anchors = tuple(sorted(frozenset().union(*anchors) - literals))
        self._automaton: object | None = None
        self._chosen: dict[frozenset[str], list[tuple[int, list[int]]]] = {}
        self.memo = Memo(MEMO_SIZE)  # per process: see match._prefiltered_hits

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_automaton": None, "_chosen": {}, "memo": Memo(MEMO_SIZE)}  # rebuilt where used

    def scan(self, sentence: str) -> Scan:
        """The literals found in `sentence` (any case), with the offsets where each starts."""
        lowered = fold(sentence)
        if ahocorasick is None or not (self.literals or self.anchors):
            return Scan(frozenset(lit for lit in self.literals if lit in lowered), None)
        if self._automaton is None:
            self._automaton = _automaton(self.literals + self.anchors)
        starts: dict[str, list[int]] = {}
        get = starts.get
        for end, (lit, back) in self._automaton.iter(lowered):  # type: ignore[attr-defined]
            at = get(lit)
            if at is None:
                starts[lit] = [end - back]
            else:
                at.append(end - back)
        exact = len(lowered) == len(sentence) and (sentence.isascii() or not _OTHER_DIGIT.search(sentence))
        return Scan(frozenset(starts), starts if exact else None)

    def runnable(self, present: frozenset[str]) -> list[tuple[int, list[int]]]:
        """(rule index, pattern indexes) worth running on a sentence holding `present`, in rule order.

        A pattern is a candidate when its index literal is present (or it has
        none), and it runs when the sentence satisfies every one of its clauses.
        """
        held = present & self._literal_set
        chosen = self._chosen.get(held)
        if chosen is None:
            pairs = set(self.always)
            by_literal = self.by_literal
            for lit in held:
                if lit in by_literal:
                    pairs.update(by_literal[lit])
            grouped: dict[int, list[int]] = {}
            for ri, pi in sorted(pairs):
                for clause in self.clauses[ri][pi]:  # a loop, not all(): this runs per distinct sentence
                    if clause.isdisjoint(held):
                        break
                else:
                    grouped.setdefault(ri, []).append(pi)
            chosen = list(grouped.items())
            if len(self._chosen) >= CHOICES_KEPT:
                self._chosen.clear()
            self._chosen[held] = chosen
        return chosen


def _automaton(literals: Sequence[str]) -> object:
    automaton = ahocorasick.Automaton()
    for lit in literals:
        automaton.add_word(lit, (lit, len(lit) - 1))  # the literal, and how far back it starts
    automaton.make_automaton()
    return automaton
