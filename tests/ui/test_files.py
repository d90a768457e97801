"""Files end to end: open two sources, save and reopen a project with a note, bad files,
autosave recovery. Uses the real engine (loading, segment, align, worddiff) and storage."""

from __future__ import annotations

import pytest

from desktop.core.model import Which


def _open_seeds(window, qtbot, seed_paths):
    a, b = seed_paths
    with qtbot.waitSignal(window.ready, timeout=60000):
        window.files.open_sources(str(a), str(b))


def test_open_two_files_groups_appear_and_differences_show(window, qtbot, seed_paths):
    _open_seeds(window, qtbot, seed_paths)
    project = window.document.project
    assert project is not None and project.comparison.groups
    assert window.groups.model.rowCount() >= len(project.comparison.groups)
    assert window.selection.row is not None and window.selection.row.kind == "group"
    n = window.selection.row.n
    assert window.groups.diffs.rowCount() == len(project.comparison.groups[n].differences)
    assert window.workspace.pane_a.toPlainText() == project.comparison.a.text
    assert window.isWindowModified()  # a fresh comparison is unsaved


def test_note_survives_save_and_reopen(window, qtbot, project, tmp_path, settings, boxes, monkeypatch):
    from desktop.ui.dialogs import note_editor

    monkeypatch.setattr(note_editor.NoteEditor, "exec", lambda self: 1)
    monkeypatch.setattr(note_editor.NoteEditor, "text", lambda self: "Different day")
    monkeypatch.setattr(note_editor.NoteEditor, "tags", lambda self: ("factual discrepancy", "mine"))
    window.document.reset(project, saved=False)
    window.workspace.pane_b.select_offsets(16, 23)  # "Tuesday"
    window.act.add_note.trigger()
    path = str(tmp_path / "summit.parallax")
    assert window.files._write(path)
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("summit.parallax")
    assert window.files.recent()[0] == path

    from desktop.ui.main_window import MainWindow

    other = MainWindow(settings)
    qtbot.addWidget(other)
    with qtbot.waitSignal(other.ready, timeout=30000):
        other.files.open_project(path)
    assert boxes.calls == []
    reopened = other.document.project
    assert [(n.side, n.quote, n.text, n.tags) for n in reopened.notes] == [
        (Which(1), "Tuesday", "Different day", ("factual discrepancy", "mine"))]
    assert other.notes.model.rowCount() == 1
    assert not other.isWindowModified()
    other.runner.shutdown()


def test_unreadable_project_gives_error_and_keeps_work(window, qtbot, project, tmp_path, boxes):
    window.document.reset(project, saved=False)
    bad = tmp_path / "broken.parallax"
    bad.write_bytes(b"this is not a database")
    from PySide6.QtWidgets import QMessageBox

    boxes.answers.append(QMessageBox.StandardButton.Cancel)
    window.files.open_project(str(bad))  # the user cancels the "unsaved changes" question
    assert window.document.project is project
    window.document.mark_saved("")
    window.files.open_project(str(bad))
    qtbot.waitUntil(lambda: any(k == "critical" for k, _t, _m in boxes.calls), timeout=10000)
    text = next(m for k, _t, m in boxes.calls if k == "critical")
    assert "broken.parallax" in text
    assert window.document.project is project and window.isVisible()


def test_recovery_is_offered_after_a_crash(window, qtbot, project, boxes, data_dir, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.core.project import autosave

    left = autosave.write_autosave(project, None)
    autosave._written.discard(left)  # as if another (crashed) process had written it
    boxes.answers.append(QMessageBox.StandardButton.Yes)
    window.files.offer_recovery()
    assert any(k == "question" and "Recover" in t for k, t, _m in boxes.calls)
    assert window.document.project is not None
    assert window.document.project.comparison.a.text == project.comparison.a.text
    assert window.isWindowModified()
    assert not left.exists() or left in autosave._written


@pytest.mark.parametrize("answer, keeps", [("Discard", False), ("Cancel", True)])
def test_closing_with_unsaved_changes_asks(qtbot, settings, boxes, project, answer, keeps):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    win.document.reset(project, saved=False)
    boxes.answers.append(getattr(QMessageBox.StandardButton, answer))
    win.close()
    assert any(k == "question" for k, _t, _m in boxes.calls)
    assert win.isVisible() == keeps
    win.document.reset(None)
    win.close()


def test_pasted_text_replaces_a_side_and_keeps_notes(window, qtbot, project, monkeypatch):
    from desktop.core.project import edits
    from desktop.ui.dialogs import paste

    project = edits.add_note(project, edits.passage_note(project, "a", 1, "Numbers", ["framing"]))
    window.document.reset(project, saved=False)
    monkeypatch.setattr(paste.PasteDialog, "exec", lambda self: 1)
    monkeypatch.setattr(paste.PasteDialog, "side", lambda self: "b")
    monkeypatch.setattr(paste.PasteDialog, "text",
                        lambda self: "Xi and Putin met on Tuesday. They signed 11 deals.\n\nИ это всё.")
    with qtbot.waitSignal(window.ready, timeout=120000):
        window.act.paste.trigger()
    current = window.document.project
    assert current.comparison.b.text.startswith("Xi and Putin met on Tuesday.")
    assert current.comparison.b.origin == ""
    assert [n.quote for n in current.notes] == ["They signed 12 deals."]
    assert window.workspace.pane_b.toPlainText() == current.comparison.b.text
    window.act.undo.trigger()  # replacing a source is one undoable step
    assert window.document.project.comparison.b.text == project.comparison.b.text


def test_dropping_two_files_on_the_window_compares_them(window, qtbot, seed_paths):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in seed_paths])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.ready, timeout=120000):
        window.dropEvent(event)
    assert window.document.project.comparison.a.origin == str(seed_paths[0])
    assert window.document.project.comparison.b.origin == str(seed_paths[1])


def test_realign_can_be_cancelled_and_changes_nothing(window, project, qtbot, monkeypatch, boxes):
    import threading

    from desktop.core import pipeline
    from desktop.core.model import AlignOptions, Granularity

    started = threading.Event()

    def slow_compare(a, b, options=None, *, progress=None):
        started.set()
        for i in range(2000):
            progress(i / 2000)
            threading.Event().wait(0.005)
        raise AssertionError("not cancelled")

    monkeypatch.setattr(pipeline, "compare", slow_compare)
    window.document.reset(project, saved=False)
    window.edits.realign(AlignOptions(granularity=Granularity.PARAGRAPH))
    assert window.cancel_button.isVisible() and window.progress.isVisible()
    assert started.wait(10)
    qtbot.waitUntil(lambda: window.progress.value() > 0, timeout=10000)
    from PySide6.QtCore import Qt

    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.cancel_button.isVisible(), timeout=10000)
    assert window.document.project is project
    assert boxes.calls == []
    assert "cancelled" in window.statusBar().currentMessage()
