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
    """`per_call` is the timeout to give each regex call, or None while a timer guards the sentence."""

    per_call: float | None

    def arm(self, scale: float = 1.0) -> None:
        if self.per_call is None:
            signal.setitimer(signal.ITIMER_REAL, REGEX_TIMEOUT * scale)

    def disarm(self) -> None:
        if self.per_call is None:
            signal.setitimer(signal.ITIMER_REAL, 0)


@contextmanager
def budget() -> Iterator[Budget]:
    """A budget for matching one document; the timer's handler is in place only meanwhile."""
    if not _timer_usable():
        yield Budget(REGEX_TIMEOUT)
        return
    previous = signal.signal(signal.SIGALRM, _stop)
    try:
        yield Budget(None)
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
