"""A time limit for a student's rule, so that an endless loop ends with a message, not a frozen kernel.

Uses the interval timer (``SIGALRM``), which interrupts Python code running in the main thread, where
Jupyter runs cells and widget callbacks. Where there is no such timer (Windows) or outside the main
thread, the limit is not enforced and the code runs as it would without it.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

RULE_SECONDS = 2.0
"""Seconds a student's rule may take on the checker's sample arguments."""
RUN_SECONDS = 20.0
"""Seconds a whole run of the model with a student's rules may take (the default rules take < 0.1 s)."""


class TimeLimitExceeded(BaseException):  # noqa: N818 - reads as what happened
    """The code ran past its time limit.

    A ``BaseException``, like ``KeyboardInterrupt``: a student's ``except Exception`` does not swallow it.
    """


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the code inside the block after ``seconds`` (> 0) of wall time."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum, frame):
        raise TimeLimitExceeded(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    remaining, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if remaining:  # an outer limit was running: give it back what is left of it
            signal.setitimer(signal.ITIMER_REAL, remaining, interval)
