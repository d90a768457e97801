"""Tests of the aligner's background threads (desktop.core.align.background)."""

from __future__ import annotations

import threading

import pytest

from desktop.core.align.background import Background, Stopped


class Cancelled(Exception):
    pass


def test_a_result_is_waited_for_with_ticks():
    release = threading.Event()
    ticks = []

    def tick() -> None:
        ticks.append(1)
        if len(ticks) == 3:
            release.set()  # the task may finish once the caller has ticked three times

    with Background() as bg:
        job = bg.submit(lambda: release.wait(5) and 42)
        assert bg.result(job, tick) == 42
    assert len(ticks) >= 3


def test_tasks_stop_at_their_next_tick_when_the_caller_leaves():
    started, stopped = threading.Event(), []

    def task(bg: Background) -> None:
        started.set()
        try:
            for _ in range(10_000):
                bg.tick()
                threading.Event().wait(0.001)
        except Stopped:
            stopped.append(True)
            raise

    def cancel() -> None:
        raise Cancelled

    with pytest.raises(Cancelled), Background() as bg:
        job = bg.submit(task, bg)
        started.wait(5)
        bg.result(job, cancel)  # the caller is cancelled while it waits
    assert stopped == [True]  # leaving the block waited for the task, which stopped early
