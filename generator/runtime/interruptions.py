"""Ctrl+C, SIGTERM (a cancelled CI job) and SIGHUP (a closed terminal) held back
where they would leave a mess.

Python raises KeyboardInterrupt between any two instructions, including the
one that makes a folder or forks a process and the one that enters the
block that would clean it up. Held back over that gap, a signal is
delivered once the clean-up is sure to run.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TypeVar

R = TypeVar("R")
Mask = set[int | signal.Signals]

EXIT_INTERRUPTED = 130  # the shell's convention for a command stopped by a signal
STOPPING = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}  # what stops a command


# Once an import is under way, a stopping signal is sent again after this
# long, until no import is: an import takes milliseconds.
AGAIN_AFTER_SECONDS = 0.02


def stop_like_ctrl_c() -> None:
    """SIGTERM and SIGHUP raise KeyboardInterrupt, as Ctrl+C does, so that a command
    unwinds and removes what it made; a signal ignored (nohup) stays ignored."""
    for stopping in STOPPING:
        handler = signal.getsignal(stopping)
        if handler is not signal.SIG_IGN and (
            stopping != signal.SIGINT or handler is signal.default_int_handler
        ):
            signal.signal(stopping, _interrupt)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """KeyboardInterrupt, except inside an import or code run from a string, where
    the signal comes again a moment later.

    Raised there (a module a build imports lazily, the functions `dataclasses`
    writes as text and runs with exec()), a KeyboardInterrupt leaves CPython
    marking the whole run as interrupted: its exit then kills the process with
    SIGINT, whatever the command says.
    """
    if _importing(frame):
        again = threading.Timer(AGAIN_AFTER_SECONDS, os.kill, (os.getpid(), signum))
        again.daemon = True
        again.start()
        return
    raise KeyboardInterrupt


def _importing(frame: FrameType | None) -> bool:
    while frame is not None:
        where = frame.f_code.co_filename
        # Code run from a string, under the program's own (`python -c` is one).
        from_text = where == "<string>" and frame.f_back is not None
        if where.startswith("<frozen importlib") or from_text:
            return True
        frame = frame.f_back
    return False


class _Holding:
    """The stopping signals kept from interrupting, and given back.

    Blocking them (pthread_sigmask) covers this thread only: in a process
    with other threads (the preview's web server, a test runner's), the
    kernel hands a signal to a thread that does not block it, and Python
    then runs its handler here all the same. So while they are held, their
    handlers also only note what arrived, and what arrived is raised again
    once they are given back.
    """

    def __init__(self) -> None:
        self.mask: Mask = set()
        self._handlers: dict[int, object] = {}
        self._arrived: list[int] = []

    def hold(self) -> None:
        self.mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
        if threading.current_thread() is threading.main_thread():
            for stopping in STOPPING:
                # An ignored signal stays so (a process forked meanwhile reads that).
                if signal.getsignal(stopping) is not signal.SIG_IGN:
                    before = signal.signal(stopping, self._note)
                    self._handlers[stopping] = signal.SIG_DFL if before is None else before

    def give_back(self) -> None:
        for stopping, handler in self._handlers.items():
            signal.signal(stopping, handler)  # type: ignore[arg-type]
        self._handlers.clear()
        signal.pthread_sigmask(signal.SIG_SETMASK, self.mask)  # a blocked one arrives here
        arrived, self._arrived = self._arrived, []
        for signum in dict.fromkeys(arrived):  # each kind once, as the kernel would
            signal.raise_signal(signum)

    def _note(self, signum: int, frame: object) -> None:
        self._arrived.append(signum)


@contextmanager
def held() -> Iterator[Mask]:
    """The stopping signals held for the block; one that came meanwhile arrives at its end.
    Yields the mask to go back to (a forked process starts from it)."""
    holding = _Holding()
    holding.hold()
    try:
        yield holding.mask
    finally:
        holding.give_back()


@contextmanager
def made_safely(make: Callable[[Mask], R], clean: Callable[[R], None]) -> Iterator[R]:
    """What `make` makes, `clean`ed when the block is left however it is left: the
    signals are held from before it is made until the clean-up is in place, and
    while it runs (a second Ctrl+C waits for the clean-up to end)."""
    holding = _Holding()
    holding.hold()
    try:
        made = make(holding.mask)
    except BaseException:
        holding.give_back()
        raise
    try:
        holding.give_back()  # a held signal arrives here, inside the clean-up's reach
        yield made
    finally:
        holding.hold()
        try:
            clean(made)
        finally:
            holding.give_back()


@contextmanager
def loading() -> Iterator[None]:
    """Ctrl+C or SIGTERM held while Python imports modules, delivered once they are in.

    Raised inside the initialisation of a compiled module, a KeyboardInterrupt
    leaves CPython marking the whole run as interrupted (its exit then kills
    the process with SIGINT, whatever the command says): the command would
    end with no say in its exit code or clean-up.
    """
    with held():
        yield
