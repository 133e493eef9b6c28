"""The forked job that makes the feeds while the site is built."""

from __future__ import annotations

import os
import signal
import time

import pytest

from generator.runtime import forked

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="needs fork")


def test_a_job_runs_in_another_process_and_returns_its_result() -> None:
    with forked.started(lambda: (os.getpid(), [1, 2, 3]), beside=True) as job:
        pid, value = job.result()
    assert pid != os.getpid()
    assert value == [1, 2, 3]


def test_without_beside_the_work_runs_here_when_its_result_is_asked() -> None:
    calls: list[int] = []
    with forked.started(lambda: calls.append(os.getpid()) or len(calls), beside=False) as job:
        assert calls == []
        assert job.result() == 1
        assert job.result() == 1  # once
    assert calls == [os.getpid()]


def test_the_job_s_exception_is_raised_where_the_result_is_asked() -> None:
    def fails() -> None:
        raise ValueError("no feed today")

    with forked.started(fails, beside=True) as job, pytest.raises(ValueError, match="today"):
        job.result()


def test_a_job_that_dies_without_a_result_says_so() -> None:
    dying = forked.started(lambda: os._exit(3), beside=True)
    with dying as job, pytest.raises(forked.JobDied, match="exit code 3"):
        job.result()


def test_leaving_the_block_stops_a_job_that_still_runs() -> None:
    started = time.monotonic()
    with forked.started(lambda: time.sleep(60), beside=True) as job:
        process = job._process  # type: ignore[attr-defined]
        assert process.is_alive()
    assert not process.is_alive()
    assert time.monotonic() - started < 10


def test_a_signal_held_during_the_fork_stops_the_job_it_started() -> None:
    """Ctrl+C pressed while the process forks must not be lost, nor leave it running."""
    jobs: list[object] = []
    real_fork = forked._Forked.__init__

    def fork_then_interrupt(self: object, *args: object) -> None:
        real_fork(self, *args)  # type: ignore[arg-type]
        jobs.append(self)
        os.kill(os.getpid(), signal.SIGINT)  # held back while the fork is set up

    forked._Forked.__init__ = fork_then_interrupt  # type: ignore[method-assign]
    entered = []
    try:
        interrupted = pytest.raises(KeyboardInterrupt)
        with interrupted, forked.started(lambda: time.sleep(60), beside=True):
            entered.append(True)
    finally:
        forked._Forked.__init__ = real_fork  # type: ignore[method-assign]
    (job,) = jobs
    assert entered == []  # it arrived before the block's first line
    assert not job._process.is_alive()  # type: ignore[attr-defined]


def test_a_signal_the_build_ignores_the_job_ignores_too() -> None:
    """`plansite build &` in a script ignores Ctrl+C: so must its feeds process."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with forked.started(lambda: (time.sleep(1), "done")[1], beside=True) as job:
            os.kill(job._process.pid, signal.SIGINT)  # type: ignore[attr-defined]
            assert job.result() == "done"
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_job_killed_says_how_it_ended() -> None:
    with forked.started(lambda: time.sleep(60), beside=True) as job:
        os.kill(job._process.pid, signal.SIGKILL)  # type: ignore[attr-defined]
        with pytest.raises(forked.JobDied) as died:
            job.result()
    assert str(died.value) == "the forked process stopped (exit code -9)"
