"""The one way the workbench runs work in the background.

``run_task(fn, on_done, on_error, progress)`` hands a plain function to a ``QThreadPool``. The
function receives one argument, a progress callback ``report(fraction)``; it must not touch Qt
objects. Its result (or exception) comes back on the GUI thread through a queued signal, so
``on_done`` / ``on_error`` / ``progress`` may update widgets freely.

Each task runs on a *channel* ("align", "export", ...). Starting a task on a channel cancels the
one already running there and bumps the channel's generation: whatever the older task still
delivers is dropped, so a slow, stale alignment never overwrites a newer one.

Cancelling sets a flag that the next ``report()`` call turns into ``model.Cancelled`` inside the
worker; ``on_error`` then receives that ``Cancelled`` (callers usually treat it quietly).

While any job runs, Python's cyclic garbage collector is paused (``_CollectorPause``): its
collections hold the interpreter lock, and the window cannot repaint meanwhile.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.core.model import Cancelled, ParallaxError

Report = Callable[[float], None]
Work = Callable[[Report], Any]

_PROGRESS_INTERVAL = 0.05  # seconds between progress signals: keeps the GUI queue short


class Task(QObject):
    """A handle on one background job; lives on the GUI thread."""

    progressed = Signal(float)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()  # after on_done/on_error, or when dropped as stale

    # Emitted from the worker thread; queued to this object's (GUI) thread.
    _result_ready = Signal(object, object)
    _progress_ready = Signal(float)

    def __init__(self, runner: TaskRunner, channel: str, generation: int) -> None:
        super().__init__(runner)
        self.channel = channel
        self.generation = generation
        self._runner = runner
        self._cancel = threading.Event()
        self.done = False
        self._result_ready.connect(self._deliver)
        self._progress_ready.connect(self._on_progress)

    def cancel(self) -> None:
        """Ask the worker to stop at its next progress report."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def is_current(self) -> bool:
        """False once a newer task started on the same channel."""
        return self._runner.generation(self.channel) == self.generation

    # -- worker side ---------------------------------------------------------------------------

    def _make_report(self) -> Report:
        last = [0.0]

        def report(fraction: float) -> None:
            if self._cancel.is_set():
                raise Cancelled("cancelled")
            now = time.monotonic()
            if now - last[0] >= _PROGRESS_INTERVAL or fraction >= 1.0:
                last[0] = now
                self._progress_ready.emit(float(fraction))

        return report

    # -- GUI side ------------------------------------------------------------------------------

    @Slot(float)
    def _on_progress(self, fraction: float) -> None:
        if self.is_current and not self.done:
            self.progressed.emit(fraction)

    @Slot(object, object)
    def _deliver(self, result: object, error: object) -> None:
        self.done = True
        try:
            if not self.is_current:
                return  # stale: a newer task on this channel owns the view now
            if error is None:
                self.succeeded.emit(result)
            else:
                self.failed.emit(error)
        finally:
            self.finished.emit()
            self._runner._forget(self)


class _CollectorPause:
    """Python's cyclic garbage collector, paused while background jobs run.

    A collection walks the live container objects of its generations with the interpreter lock
    held, so the window cannot repaint meanwhile. A comparison of 8 sources of 100 sentences keeps
    about 120,000 of them alive, and a thread sampling the worker saw it stopped for up to 220 ms;
    the window's longest stall while the sources align went from 117-129 ms (with ``app.tune_gc``'s
    rarer collections and start-up freeze, which stay) to 82 ms with the collector paused
    (``benchmarks/many_gui_latency.py``, worst of 3 runs), peak memory unchanged.
    Reference counting still frees at once everything that is not in a reference cycle; cycles
    wait until the last job ends and the collector resumes.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._jobs == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._jobs += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._jobs -= 1
            if self._jobs == 0 and self._resume:
                gc.enable()


_collector_pause = _CollectorPause()


class _Job(QRunnable):
    def __init__(self, fn: Work, task: Task) -> None:
        super().__init__()
        self._fn = fn
        self._task = task
        self._report = task._make_report()

    def run(self) -> None:  # worker thread
        try:
            if self._task.cancelled:
                raise Cancelled("cancelled")
            with _collector_pause:
                result = self._fn(self._report)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            if not isinstance(exc, ParallaxError):
                traceback.print_exc(file=sys.stderr)  # a bug, not a user error: keep the trace
            self._task._result_ready.emit(None, exc)
        else:
            self._task._result_ready.emit(result, None)


class TaskRunner(QObject):
    """Owns a thread pool and the generation counter of every channel."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._generations: dict[str, int] = {}
        self._running: dict[str, Task] = {}
        self._alive: set[Task] = set()

    def generation(self, channel: str) -> int:
        return self._generations.get(channel, 0)

    def run_task(self, fn: Work, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None = None,
                 progress: Callable[[float], None] | None = None, *, channel: str = "default") -> Task:
        """Run ``fn(report)`` in the pool; deliver its result on the GUI thread."""
        previous = self._running.get(channel)
        if previous is not None:
            previous.cancel()
        generation = self.generation(channel) + 1
        self._generations[channel] = generation
        task = Task(self, channel, generation)
        task.succeeded.connect(on_done)
        if on_error is not None:
            task.failed.connect(on_error)
        else:
            task.failed.connect(_print_error)
        if progress is not None:
            task.progressed.connect(progress)
        self._running[channel] = task
        self._alive.add(task)
        self._pool.start(_Job(fn, task))
        return task

    def cancel(self, channel: str) -> None:
        task = self._running.get(channel)
        if task is not None:
            task.cancel()

    def busy(self, channel: str | None = None) -> bool:
        if channel is None:
            return bool(self._running)
        return channel in self._running

    def shutdown(self, msecs: int = 3000) -> bool:
        """Cancel everything and wait for the workers (before the application quits)."""
        for task in list(self._running.values()):
            task.cancel()
        return self._pool.waitForDone(msecs)

    def _forget(self, task: Task) -> None:
        if self._running.get(task.channel) is task:
            del self._running[task.channel]
        self._alive.discard(task)
        task.deleteLater()


def _print_error(error: BaseException) -> None:
    print(f"parallax: background task failed: {error}", file=sys.stderr)


_default: TaskRunner | None = None


def default_runner() -> TaskRunner:
    """A process-wide runner (create it from the GUI thread)."""
    global _default
    if _default is None:
        _default = TaskRunner()
    return _default


def run_task(fn: Work, on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None] | None = None,
             progress: Callable[[float], None] | None = None, *, channel: str = "default") -> Task:
    """``default_runner().run_task(...)``: see the module docstring."""
    return default_runner().run_task(fn, on_done, on_error, progress, channel=channel)
