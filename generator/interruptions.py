"""Ctrl+C, SIGTERM (a cancelled CI job) and SIGHUP (a closed terminal) held back
where they would leave a mess.

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

EXIT_INTERRUPTED = 130  # the shell's convention for a command stopped by a signal
STOPPING = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}  # what stops a command


def stop_like_ctrl_c() -> None:
    """SIGTERM and SIGHUP raise KeyboardInterrupt, as Ctrl+C does, so that a command
    unwinds and removes what it made; a signal ignored (nohup) stays ignored."""
    for stopping in STOPPING - {signal.SIGINT}:
        if signal.getsignal(stopping) is not signal.SIG_IGN:
            signal.signal(stopping, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def held() -> Iterator[Mask]:
    """The stopping signals held for the block; one that came meanwhile arrives at its end.
    Yields the mask to go back to (a forked process starts from it)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield previous
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def made_safely(make: Callable[[Mask], R], clean: Callable[[R], None]) -> Iterator[R]:
    """What `make` makes, `clean`ed when the block is left however it is left: the
    signals are held from before it is made until the clean-up is in place, and
    while it runs (a second Ctrl+C waits for the clean-up to end)."""
    with held() as previous:
        made = make(previous)
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a held signal arrives here
            yield made
        finally:
            signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
            clean(made)
