"""Work the aligner runs beside its main thread: numpy-heavy passes (the embedding scans) on the
other core while the main thread does Python work (reading the evidence of the passages).

Results never depend on it: each task computes exactly what it computes alone (numpy releases
the interpreter lock inside its loops, so the threads really run at once). Progress and
cancellation stay on the caller's thread: it keeps calling ``tick`` while it waits, and when it
leaves with an exception (``Cancelled``) the tasks stop at their next ``Background.tick``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
WAIT_S = 0.02  # how often a waiting caller ticks (the progress contract: at least every ~50 ms)


class Stopped(Exception):
    """A task was told to stop (its caller left)."""


class Background:
    """A small pool of threads for the duration of one ``with`` block."""

    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="parallax-align")
        self._stop = threading.Event()

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._pool.shutdown(wait=True)

    def tick(self) -> None:
        """For the tasks, between blocks of work: raises ``Stopped`` once the caller has left."""
        if self._stop.is_set():
            raise Stopped

    def submit(self, fn: Callable[..., T], *args: object) -> Future[T]:
        return self._pool.submit(fn, *args)

    def result(self, future: Future[T], tick: Callable[[], None]) -> T:
        """The task's result, calling ``tick`` every ``WAIT_S`` while it runs."""
        while True:
            try:
                return future.result(timeout=WAIT_S)
            except TimeoutError:
                tick()
