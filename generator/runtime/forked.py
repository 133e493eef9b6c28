"""Work done on the machine's other core while the build goes on.

A large plan's feeds take about as long as its pages and MkDocs together,
and neither needs the other: a forked process makes the feeds while this one
makes the site, which nearly halves the wall time of a build on two cores.
The fork shares the plan's model as it is, with nothing to copy or pickle;
only the result comes back, through a pipe.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

from generator.runtime.garbage_collector import stop_collecting
from generator.runtime.interruptions import STOPPING, Mask, made_safely

T = TypeVar("T")


class JobDied(Exception):
    """The forked process ended without a result: killed (for memory, say) or stopped."""

    def __init__(self, exit_code: int | None) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"the forked process stopped (exit code {self.exit_code})"


class Job(Generic[T]):
    """A piece of work started earlier; `result()` waits for it."""

    def result(self) -> T:
        raise NotImplementedError

    def cancel(self) -> None:
        """Stop the work if it still runs (the build failed or was interrupted)."""


def can_fork() -> bool:
    """Only where fork exists: the work must see this process's objects as they are."""
    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def started(work: Callable[[], T], beside: bool) -> Iterator[Job[T]]:
    """`work` running in a forked process if `beside` and fork exists, stopped
    when the block is left before its result was asked for (the build failed
    or was interrupted). Else it runs here, when its result is asked for, so
    it fails where a forked one would.

    Ctrl+C or SIGTERM are held back while the process forks (one arriving
    then could be lost to both processes, or leave the forked one running
    unseen) and reach this one inside the block, where it is stopped.
    """
    if not (beside and can_fork()):
        yield _Here(work)
        return
    with made_safely(lambda mask: _Forked(work, mask), lambda job: job.cancel()) as job:
        yield job


class _Here(Job[T]):
    def __init__(self, work: Callable[[], T]) -> None:
        self._work: Callable[[], T] | None = work
        self._value: T | None = None

    def result(self) -> T:
        if self._work is not None:
            self._value, self._work = self._work(), None
        return self._value  # type: ignore[return-value]


class _Forked(Job[T]):
    def __init__(self, work: Callable[[], T], mask: Mask) -> None:
        """Fork now; `mask` is the signal mask the forked process is to run with."""
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send, mask), daemon=True)
        self._process.start()
        send.close()  # the child holds the only sending end: its exit is our EOF

    def result(self) -> T:
        try:
            succeeded, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise JobDied(self._process.exitcode) from None
        finally:
            self._receive.close()
        self._process.join()
        if not succeeded:
            raise value
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _run(work: Callable[[], object], send: Connection, mask: Mask) -> None:
    """The forked side: send back (True, result) or (False, the exception).

    Ctrl+C or SIGTERM (the build stopping it, or the terminal stopping both)
    end it at once and quietly: the build, not this process, says what
    happened and cleans up. It runs without the cyclic garbage collector:
    the process is short-lived, and the collector's passes would write to
    (and so copy) every page of memory it shares with the build.
    """
    for stopping in STOPPING:
        if signal.getsignal(stopping) is not signal.SIG_IGN:  # as the build: ignored stays so
            signal.signal(stopping, _exit_at_once)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    stop_collecting()
    try:
        outcome: tuple[bool, object] = (True, work())
    except BaseException as exc:  # whatever the work raises goes back to the build
        outcome = (False, exc)
    try:
        send.send(outcome)
    except Exception as exc:  # an exception that cannot be pickled
        send.send((False, RuntimeError(f"background build failed: {outcome[1]!r} ({exc})")))
    finally:
        send.close()


def _exit_at_once(signum: int, frame: object) -> None:
    os._exit(128 + signum)
