"""How a runaway pattern is stopped: one timer per sentence where possible, else a timeout per call.

A pack's pattern can backtrack catastrophically on some sentence; claimlint
reports the rule instead of hanging. The `regex` module stops any call given
a `timeout`, but asking costs more than most calls on one sentence take.
Where the process allows it (the main thread, a platform with SIGALRM, and
no interval timer of the caller's already running) one timer armed per
sentence does the same job: the regex engine checks for signals as it runs,
so the timer's signal stops even a call stuck inside the engine. The timer
allows as many seconds as a sentence's calls would each have had, so a
long but sound sentence is never taken for a runaway.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Iterator

REGEX_TIMEOUT = 1.0  # seconds a regex call may take; a timer allows this times the calls it covers


class Runaway(Exception):
    """The timer ran out while a sentence was being matched."""


@dataclass(frozen=True)
class Budget:
    """How matching is bounded: `options` go to every regex call, `{"timeout": s}` unless a timer guards.

    `arm(calls)` starts the timer for work of that many regex calls, each
    allowed REGEX_TIMEOUT seconds; `disarm` stops it. Both do nothing when
    every call has its own timeout instead.
    """

    options: dict[str, float]

    def arm(self, calls: float = 1) -> None:
        if not self.options:
            signal.setitimer(signal.ITIMER_REAL, REGEX_TIMEOUT * calls)

    def disarm(self) -> None:
        if not self.options:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def scaled(self, factor: float) -> dict[str, float]:
        """The call options for calls allowed `factor` times the usual time (a search over a whole page)."""
        return {name: seconds * factor for name, seconds in self.options.items()}


@contextmanager
def budget() -> Iterator[Budget]:
    """A budget for matching one document; the timer's handler is in place only meanwhile."""
    if not _timer_usable():
        yield Budget({"timeout": REGEX_TIMEOUT})
        return
    previous = signal.signal(signal.SIGALRM, _stop)
    try:
        yield Budget({})
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _timer_usable() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Runaway
