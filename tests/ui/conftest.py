"""Qt tests run offscreen, with settings in a temporary file and modal boxes that never block."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from ui_builders import tiny_project  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _empty_clipboard_at_exit():
    """Qt's offscreen platform crashes at interpreter exit if the clipboard holds Python-set data."""
    yield
    from desktop.ui.app import release_clipboard

    release_clipboard()


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "parallax-test.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def boxes(monkeypatch):
    """Record QMessageBox calls instead of showing them; ``answers`` sets question() replies."""
    from PySide6.QtWidgets import QMessageBox

    calls: list[tuple[str, str, str]] = []
    answers: list = []

    def record(kind):
        def box(_parent, title, text, *args, **kwargs):
            calls.append((kind, title, text))
            if kind == "question":
                return answers.pop(0) if answers else QMessageBox.StandardButton.Discard
            return QMessageBox.StandardButton.Ok
        return box

    for kind in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    calls_obj = type("Boxes", (), {"calls": calls, "answers": answers})()
    return calls_obj


@pytest.fixture
def window(qtbot, settings, boxes):
    from desktop.ui.main_window import MainWindow

    win = MainWindow(settings)
    win.files.stop_autosave()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.document.reset(None)
    win.runner.shutdown()


@pytest.fixture
def project():
    return tiny_project()


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Autosaves go to a temporary folder, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(folder))
    return folder
