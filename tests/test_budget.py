"""A runaway pattern is stopped and reported, by the per-sentence timer or by per-call timeouts."""
from __future__ import annotations

import signal
import threading

import pytest

from claimlint import budget
from claimlint.config import Config
from claimlint.decode import decode
from claimlint.pipeline import lint_source, prepare

PACK = """\
pack: slow
version: "1"
description: A pack with a pattern that backtracks catastrophically.
references:
  ftc:
    title: FTC
    url: https://www.ftc.gov/
rules:
  - id: slow
    category: absolute-safety
    severity: error
    message: "“{match}” is slow."
    patterns: ['(a|aa)+c']
    suggest: Do not.
    references: [ftc]
    examples:
      flag: [aac]
      pass: [b]
"""


def _lint(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(budget, "REGEX_TIMEOUT", 0.05)
    pack = tmp_path / "slow.yaml"
    pack.write_text(PACK, encoding="utf-8")
    setup, problems = prepare(Config(packs=("core",)), (str(pack),))
    assert not problems
    source = decode(("a" * 60 + "\n\nKetamine cures depression.\n").encode(), "page.txt", "text")
    return lint_source(source, "text", setup)


def test_the_timer_stops_a_runaway_pattern_and_the_other_rules_still_run(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert budget._timer_usable()  # the main thread, no timer running: the timer is what stops it
    before = signal.getsignal(signal.SIGALRM)
    result = _lint(tmp_path, monkeypatch)
    assert [d.message for d in result.diagnostics if "timed out" in d.message] == [
        "rule 'slow.slow' timed out on page.txt (its pattern backtracks catastrophically)"
    ]
    assert any(f.rule == "core.cure-claim" for f in result.findings)
    assert signal.getsignal(signal.SIGALRM) is before  # the handler is put back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_each_call_has_a_timeout(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    found = []
    worker = threading.Thread(target=lambda: found.append(_lint(tmp_path, monkeypatch)))
    worker.start()
    worker.join(30)
    assert found and any("timed out" in d.message for d in found[0].diagnostics)


def test_a_timer_of_the_callers_is_left_alone() -> None:
    signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        with budget.budget() as limit:
            assert limit.options == {"timeout": budget.REGEX_TIMEOUT}
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


@pytest.mark.parametrize("usable", [True, False])
def test_budget_kind(usable: bool, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(budget, "_timer_usable", lambda: usable)
    with budget.budget() as limit:
        assert (limit.options == {}) is usable
