"""Start the workbench: the QApplication, fonts, the window, and the optional screenshot run."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.core.align import reading
from desktop.paths import resource
from desktop.ui import theme
from desktop.ui.main_window import MainWindow

GC_THRESHOLDS = (100_000, 50, 100)


def tune_gc() -> None:
    """Keep the garbage collector from freezing the window while the engine works.

    The engine allocates millions of small objects in a worker thread, and CPython's cycle
    collector stops every thread while it runs: with the default thresholds (700, 10, 10) its
    collections froze the GUI for 100-150 ms during a 5k x 5k alignment (measured with
    ``benchmarks/gui_latency.py``). Rarer young collections cut the longest pause to ~45 ms;
    ``gc.freeze()`` takes the objects alive at start-up (Qt bindings, modules) out of every
    later collection. While background jobs run, the task runner pauses the collector altogether
    (``tasks._CollectorPause``): with these settings alone, an 8-source comparison still froze
    the window for up to 129 ms.
    """
    gc.set_threshold(*GC_THRESHOLDS)
    gc.freeze()


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName("Parallax")
    QCoreApplication.setApplicationName("Parallax")
    QCoreApplication.setApplicationVersion(__version__)
    app.setApplicationDisplayName("Parallax")
    app.setDesktopFileName("parallax")
    icon = resource("icons", "parallax.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    theme.apply_application_font(app)
    reading.preload()  # before any window shows: making it would stall the window for ~80 ms
    tune_gc()
    app.aboutToQuit.connect(release_clipboard)
    return app


def release_clipboard() -> None:
    """Qt's offscreen platform (screenshots, tests) crashes at exit when the clipboard still holds
    data set from Python (seen with PySide6 6.11); empty it there. Real platforms keep it."""
    if QGuiApplication.platformName() == "offscreen":
        QGuiApplication.clipboard().clear()


def _report_unexpected_errors(window: MainWindow) -> None:
    """A bug in a slot must not pass unnoticed: show it, keep the trace on stderr, keep running."""
    previous = sys.excepthook

    def hook(kind, value, trace) -> None:
        previous(kind, value, trace)
        if issubclass(kind, KeyboardInterrupt):
            return
        with contextlib.suppress(Exception):  # never fail while reporting a failure
            window.error("Unexpected error", value)

    sys.excepthook = hook


def run_gui(sources: Sequence[str] = (), screenshot: str | None = None,
            settings: QSettings | None = None) -> int:
    """Open the window (comparing ``sources`` if given: two side by side, three or more in the
    coverage view; one is a source or a project) and run the event loop."""
    app = make_app()
    window = MainWindow(settings)
    _report_unexpected_errors(window)
    if screenshot:
        from desktop.ui.screenshot import take_when_ready

        return take_when_ready(app, window, list(sources), Path(screenshot))
    window.show()
    if sources:
        paths = list(sources)
        QTimer.singleShot(0, lambda: window.files.drop_files(paths))
    else:
        QTimer.singleShot(0, window.files.offer_recovery)
    return app.exec()
