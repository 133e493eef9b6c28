"""The forked job that makes the feeds while the site is built."""

from __future__ import annotations

import os
import time

import pytest

from generator import background

pytestmark = pytest.mark.skipif(not background.can_fork(), reason="needs fork")


def test_a_job_runs_in_another_process_and_returns_its_result() -> None:
    job = background.start(lambda: (os.getpid(), [1, 2, 3]), beside=True)
    pid, value = job.result()
    assert pid != os.getpid()
    assert value == [1, 2, 3]


def test_without_beside_the_work_runs_here_when_its_result_is_asked() -> None:
    calls: list[int] = []
    job = background.start(lambda: calls.append(os.getpid()) or len(calls), beside=False)
    assert calls == []
    assert job.result() == 1
    assert job.result() == 1  # once
    assert calls == [os.getpid()]


def test_the_job_s_exception_is_raised_where_the_result_is_asked() -> None:
    def fails() -> None:
        raise ValueError("no feed today")

    job = background.start(fails, beside=True)
    with pytest.raises(ValueError, match="no feed today"):
        job.result()


def test_a_job_that_dies_without_a_result_says_so() -> None:
    job = background.start(lambda: os._exit(3), beside=True)
    with pytest.raises(RuntimeError, match="exit code 3"):
        job.result()


def test_cancel_stops_a_job_that_still_runs() -> None:
    job = background.start(lambda: time.sleep(60), beside=True)
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 10
    assert not job._process.is_alive()  # type: ignore[attr-defined]
