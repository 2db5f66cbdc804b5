"""Which rules can possibly match: required literals, found with plain substring search.

Every rule yields a set of lowercase literals such that any match of the rule
contains at least one of them (taken from its phrases and patterns by walking
the parsed regex, or declared in the pack as `literals`). A page's copy is
checked once for every literal; each sentence is then checked only for the
literals its page holds, and the full patterns run on candidate sentences
only. A rule whose patterns yield no literal is always a candidate, so the
prefilter never changes the results, only the time they take.
"""
from __future__ import annotations

import importlib
import re
from typing import Any, Iterable, Sequence

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
MIN_USEFUL = 3  # shorter literals filter too little to be worth it


Clauses = tuple[LiteralSet, ...]


def pattern_clauses(pattern: str) -> Clauses:
    """Literal sets that every match of `pattern` satisfies, each by holding one of its literals.

    An empty tuple means nothing can be told (the pattern must always run).
    """
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, OverflowError, RecursionError, ValueError):
        return ()
    return tuple(dict.fromkeys(c for c in _clauses(list(parsed)) if min(map(len, c)) >= MIN_USEFUL))


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


def satisfied(clauses: Clauses, present: frozenset[str]) -> bool:
    """Does a sentence holding the literals `present` hold one of every clause? (Always, with none.)"""
    return all(not clause.isdisjoint(present) for clause in clauses)


def _better(a: LiteralSet | None, b: LiteralSet | None) -> LiteralSet | None:
    """The more selective of two requirements: longest shortest literal, then fewest literals."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


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
        if min(map(len, clause)) >= MIN_USEFUL:
            best = _better(best, clause)
    return best


def _element(op: object, arg: object) -> list[LiteralSet]:
    if op is sre_constants.SUBPATTERN:
        return _clauses(list(arg[-1]))  # type: ignore[index]
    if op is sre_constants.BRANCH:
        alternatives = [_best(_clauses(list(alt))) for alt in arg[1]]  # type: ignore[index]
        if any(a is None for a in alternatives):
            return []
        return [frozenset().union(*alternatives)]  # type: ignore[arg-type]
    repeats = [sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)]
    if op in repeats and arg[0] >= 1:  # type: ignore[index]
        return _clauses(list(arg[2]))  # type: ignore[index]
    if op is getattr(sre_constants, "ATOMIC_GROUP", None):
        return _clauses(list(arg))  # type: ignore[call-overload]
    if op is sre_constants.ASSERT:  # a positive lookaround's text is in the string too
        return _clauses(list(arg[1]))  # type: ignore[index]
    return []


class Prefilter:
    """Finds, in one pass per sentence, every literal the rules need; then the patterns worth running.

    Each pattern is indexed by its most selective clause; a sentence's
    candidates are the patterns whose index literal it holds (and those that
    yield no literal at all). The pass is an Aho–Corasick automaton
    (pyahocorasick, in C) over the lowercased sentence; without that library
    a substring loop finds the same literals.
    """

    def __init__(self, clauses_by_rule: Sequence[Sequence[Clauses]]) -> None:
        self.always: dict[int, list[int]] = {}
        self.by_literal: dict[str, list[tuple[int, int]]] = {}
        literals: set[str] = set()
        for ri, patterns in enumerate(clauses_by_rule):
            for pi, clauses in enumerate(patterns):
                literals.update(lit for clause in clauses for lit in clause)
                key = _best(list(clauses))
                if key is None:
                    self.always.setdefault(ri, []).append(pi)
                for lit in key or ():
                    self.by_literal.setdefault(lit, []).append((ri, pi))
        self.literals = tuple(sorted(literals))
        self._automaton: object | None = None
        self.memo: dict = {}  # type: ignore[type-arg]  # per-process: see match._prefiltered_hits

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_automaton": None, "memo": {}}  # rebuilt where it is used

    def present(self, sentence: str) -> frozenset[str]:
        """The literals found in `sentence` (any case)."""
        lowered = sentence.lower()
        if not self.literals:
            return frozenset()
        if ahocorasick is None:
            return frozenset(lit for lit in self.literals if lit in lowered)
        if self._automaton is None:
            self._automaton = _automaton(self.literals)
        return frozenset(value for _, value in self._automaton.iter(lowered))  # type: ignore[attr-defined]

    def candidates(self, present: frozenset[str]) -> list[tuple[int, list[int]]]:
        """(rule index, pattern indexes) that may match a sentence holding `present`, in rule order."""
        found: dict[int, set[int]] = {ri: set(pis) for ri, pis in self.always.items()}
        for lit in present:
            for ri, pi in self.by_literal.get(lit, ()):
                found.setdefault(ri, set()).add(pi)
        return [(ri, sorted(found[ri])) for ri in sorted(found)]


def _automaton(literals: Sequence[str]) -> object:
    automaton = ahocorasick.Automaton()
    for lit in literals:
        automaton.add_word(lit, lit)
    automaton.make_automaton()
    return automaton
