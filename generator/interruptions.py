"""Ctrl+C and SIGTERM (a cancelled CI job) held back where they would leave a mess.

Python raises KeyboardInterrupt between any two instructions, including the
one that makes a folder or forks a process and the one that enters the
block that would clean it up. Held back over that gap, a signal is
delivered once the clean-up is sure to run.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

R = TypeVar("R")
Mask = set[int | signal.Signals]

STOPPING = {signal.SIGINT, signal.SIGTERM}  # what stops a build


@contextmanager
def held() -> Iterator[Mask]:
    """Both signals held for the block; one that came meanwhile arrives at its end.
    Yields the mask to go back to (a forked process starts from it)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield previous
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def made_safely(make: Callable[[Mask], R], clean: Callable[[R], None]) -> Iterator[R]:
    """What `make` makes, `clean`ed when the block is left however it is left: the
    signals are held from before it is made until the clean-up is in place."""
    with held() as previous:
        made = make(previous)
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a held signal arrives here
            yield made
        finally:
            clean(made)
