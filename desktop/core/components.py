"""Which optional parts of Parallax loaded, and which did not and why: said once, never silent.

A missing component (a model file, a font that cannot load) changes what the program
produces, so it must never pass unnoticed. The part that finds the problem calls ``report``; the
record keeps the first report of each component for the whole process, and every listener hears
it once: the CLI prints it to stderr, the workbench shows it in its status bar, and
``parallax align --json`` writes ``engine_record()`` into its output.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from desktop.core.align.models import MODELS


@dataclass(frozen=True)
class Missing:
    """One part that is not there: what it is, why it did not load, what happens instead."""

    component: str
    reason: str
    effect: str

    def message(self) -> str:
        return f"{self.component} is missing ({self.reason}): {self.effect}"


Listener = Callable[[Missing], None]

_lock = threading.Lock()
_missing: dict[str, Missing] = {}
_listeners: list[Listener] = []


def report(item: Missing) -> bool:
    """Record a missing component; listeners hear it the first time only. True when it was new."""
    with _lock:
        if item.component in _missing:
            return False
        _missing[item.component] = item
        listeners = list(_listeners)
    for listener in listeners:
        listener(item)
    return True


def missing() -> tuple[Missing, ...]:
    """Everything reported so far, in the order it was found."""
    with _lock:
        return tuple(_missing.values())


def subscribe(listener: Listener) -> Callable[[], None]:
    """Call ``listener`` with each component reported from now on; returns the unsubscriber."""
    with _lock:
        _listeners.append(listener)

    def unsubscribe() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return unsubscribe


def check_models() -> None:
    """Report every shipped model whose files are not all there (a cheap file check)."""
    for model in MODELS:
        absent = model.absent()
        if absent:
            where = f"resources/models/{model.folder}"
            report(Missing(model.role, f"{', '.join(absent)} not found in {where}", model.without))


def engine_record() -> dict[str, Any]:
    """What ``align --json`` records about the engine: the models in use and what is missing.

    Install-independent (no paths), so the same input gives the same bytes from a checkout, an
    installed wheel and the bundle.
    """
    check_models()
    gone = {item.component for item in missing()}
    return {
        "models": [model.folder for model in MODELS if model.role not in gone],
        "missing": [asdict(item) for item in missing()],
    }


def reset() -> None:
    """Forget every report (tests only)."""
    with _lock:
        _missing.clear()
