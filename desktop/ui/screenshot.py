"""``parallax gui A B [C ...] --screenshot OUT.png``: align, select the first group (two sources)
or the first fact reported by several (more: the coverage view), render the window at 1400x900
into a PNG and quit. Works with ``QT_QPA_PLATFORM=offscreen``."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTemporaryDir, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.main_window import MainWindow

SIZE = (1400, 900)
TIMEOUT_MS = 120_000


def isolated_settings(folder: QTemporaryDir) -> QSettings:
    """Settings in a throw-away folder: a screenshot neither reads nor changes the user's layout."""
    return QSettings(str(Path(folder.path()) / "parallax.ini"), QSettings.Format.IniFormat)


def render(window: MainWindow, out: Path) -> None:
    window.resize(*SIZE)
    QApplication.processEvents()
    pixmap = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not pixmap.save(str(out), "PNG"):
        raise OSError(f"cannot write {out}")


def take_when_ready(app: QApplication, window: MainWindow, sources: list[str], out: Path) -> int:
    """Show the window, wait for the alignment (if sources are given), then render and quit."""
    status = {"code": 0}

    def shoot() -> None:
        try:
            render(window, out)
        except OSError as exc:
            print(f"parallax: {exc}", file=sys.stderr)
            status["code"] = 2
        window.document.reset(None)  # nothing to ask about when closing
        window.many.document.reset(None)
        app.exit(status["code"])

    def failed_error(title, error) -> None:
        print(f"parallax: {title}: {error}", file=sys.stderr)
        status["code"] = 2
        app.exit(2)

    window.error = failed_error  # no modal box in a headless run
    window.resize(*SIZE)
    window.show()
    if sources:
        window.ready.connect(lambda: (_select_shared_fact(window), QTimer.singleShot(200, shoot)))
        window.files.drop_files(sources)
        QTimer.singleShot(TIMEOUT_MS, lambda: failed_error("screenshot", "alignment timed out"))
    else:
        QTimer.singleShot(200, shoot)
    app.exec()
    window.runner.shutdown()
    return status["code"]


def _select_shared_fact(window: MainWindow) -> None:
    """In the coverage view, show a fact several sources report (the two-source workbench has
    already selected its first group)."""
    shown = window.many.comparison
    if shown is not None:
        shared = next((k for k, view in enumerate(shown.facts) if len(view.fact.sources) > 1), 0)
        window.many_page.coverage.select_fact(shared)
