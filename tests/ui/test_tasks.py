"""The background runner: results on the GUI thread, stale results dropped, cancel, errors."""

from __future__ import annotations

import threading
import time

import pytest

from desktop.core.model import Cancelled, ParallaxError
from desktop.ui.tasks import TaskRunner


@pytest.fixture
def runner(qapp):
    r = TaskRunner()
    yield r
    r.shutdown()


def test_result_arrives_on_gui_thread(qtbot, runner):
    seen = {}

    def work(report):
        seen["worker"] = threading.current_thread()
        report(0.5)
        return 21 * 2

    def done(result):
        seen["result"] = result
        seen["delivery"] = threading.current_thread()

    task = runner.run_task(work, done)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["delivery"] is threading.main_thread()


def test_newer_task_on_channel_discards_stale_result(qtbot, runner):
    release = threading.Event()
    delivered = []

    def slow(_report):
        release.wait(5)
        return "old"

    finished = []
    first = runner.run_task(slow, delivered.append, channel="align")
    first.finished.connect(lambda: finished.append("first"))
    second = runner.run_task(lambda _r: "new", delivered.append, channel="align")
    second.finished.connect(lambda: finished.append("second"))
    qtbot.waitUntil(lambda: "second" in finished, timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: "first" in finished, timeout=5000)
    assert delivered == ["new"]
    assert not first.is_current and second.is_current


def test_cancel_stops_work_through_progress_callback(qtbot, runner):
    started = threading.Event()
    errors, results, steps = [], [], []

    def loop(report):
        started.set()
        for i in range(1000):
            steps.append(i)
            report(i / 1000)
            time.sleep(0.002)
        return "finished"

    task = runner.run_task(loop, results.append, errors.append)
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert results == []
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)
    assert len(steps) < 1000


def test_error_is_delivered_not_raised(qtbot, runner):
    errors = []

    def bad(_report):
        raise ParallaxError("a.txt: empty file")

    task = runner.run_task(bad, lambda _r: None, errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert [str(e) for e in errors] == ["a.txt: empty file"]


def test_progress_reaches_gui(qtbot, runner):
    fractions = []
    task = runner.run_task(lambda report: [report(f) for f in (0.0, 1.0)], lambda _r: None,
                           progress=fractions.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert fractions and fractions[-1] == 1.0


def test_the_garbage_collector_pauses_while_a_job_runs_and_resumes_after(qtbot, runner):
    import gc

    seen = {}
    task = runner.run_task(lambda report: seen.setdefault("during", gc.isenabled()), lambda result: None)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["during"] is False
    qtbot.waitUntil(gc.isenabled, timeout=2000)


def test_the_collector_resumes_only_when_the_last_of_two_jobs_ends(qtbot, runner):
    import gc

    started, release = threading.Event(), threading.Event()

    def slow_work(report):
        started.set()
        release.wait(5)

    slow = runner.run_task(slow_work, lambda result: None, channel="slow")
    assert started.wait(5)
    quick = runner.run_task(lambda report: None, lambda result: None, channel="quick")
    with qtbot.waitSignal(quick.finished, timeout=5000):
        pass
    assert not gc.isenabled()  # the slow job still runs
    release.set()
    with qtbot.waitSignal(slow.finished, timeout=5000):
        pass
    qtbot.waitUntil(gc.isenabled, timeout=2000)


def test_a_collector_switched_off_before_stays_off(qtbot, runner):
    import gc

    gc.disable()
    try:
        task = runner.run_task(lambda report: None, lambda result: None)
        with qtbot.waitSignal(task.finished, timeout=5000):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
