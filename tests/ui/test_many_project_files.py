"""A project of three sources through the window: Save, Save As, Open (into the coverage view;
two sources keep the two-source view), the dirty flag and the close prompt, autosave and recovery."""

from __future__ import annotations

import pytest
from many_builders import tiny_many
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.model import GroupStatus
from desktop.core.project import autosave, storage

A, B, C = 0, 1, 2


@pytest.fixture
def many(window):
    window.many.show_comparison(tiny_many())
    return window.many


def _corrected(many, monkeypatch):
    """Confirm fact 1, take B out of it, and note C's wording of fact 4."""
    from desktop.ui.dialogs import note_editor

    monkeypatch.setattr(note_editor.NoteEditor, "exec", lambda self: 1)
    monkeypatch.setattr(note_editor.NoteEditor, "text", lambda self: "Только C называет город.")
    monkeypatch.setattr(note_editor.NoteEditor, "tags", lambda self: ("place",))
    assert many.facts.set_status([0], GroupStatus.CONFIRMED)
    assert many.facts.take_out(0, B)
    assert many.facts.add_note(many.project.facts_for_passage(C, 2)[0], C)
    return many.project


def test_save_then_open_a_three_source_project(window, many, qtbot, tmp_path, monkeypatch, boxes):
    project = _corrected(many, monkeypatch)
    assert window.isWindowModified() and window.act.save.isEnabled() and window.act.export.isEnabled()
    path = tmp_path / "three.parallax"
    chosen = str(tmp_path / "three")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (chosen, "")))
    window.act.save.trigger()  # untitled: Save asks for a name (the suffix is added)
    assert path.is_file() and not window.isWindowModified()
    assert window.windowTitle().startswith("three.parallax")
    saved = storage.load_many(path)
    assert saved.count == 3 and saved.notes == project.notes
    assert [v.fact for v in saved.facts] == [v.fact for v in project.facts]

    window.many.show_comparison(tiny_many())  # something else on screen, unsaved
    boxes.answers.append(QMessageBox.StandardButton.Discard)
    with qtbot.waitSignal(window.ready, timeout=30000):
        window.files.open_project(str(path))
    assert [title for _kind, title, _text in boxes.calls] == ["Unsaved changes"]
    assert window.many.active and window.stack.currentWidget() is window.many_page
    opened = window.many.project
    assert [v.fact for v in opened.facts] == [v.fact for v in project.facts]
    assert opened.notes == project.notes and opened.notes[0].text == "Только C называет город."
    assert window.many.document.path == str(path) and not window.isWindowModified()
    assert window.many.document.undo_stack.count() == 0
    assert str(path) in window.files.recent()
    assert window.many_page.coverage.model.rowCount() == len(opened.facts)


def test_save_as_and_the_close_prompt(window, many, tmp_path, monkeypatch, boxes):
    _corrected(many, monkeypatch)
    target = tmp_path / "copy.parallax"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.act.save_as.trigger()
    assert target.is_file() and not window.many.document.modified
    many.facts.set_status([1], GroupStatus.REJECTED)
    assert window.isWindowModified()
    boxes.answers.append(QMessageBox.StandardButton.Cancel)
    assert window.close() is False  # Cancel keeps the window open
    assert boxes.calls[-1][1] == "Unsaved changes"
    boxes.answers.append(QMessageBox.StandardButton.Save)
    window.files.confirm_discard("closing")  # Save writes to the project's own file
    assert storage.load_many(target).facts[1].fact.status is GroupStatus.REJECTED
    assert not window.isWindowModified()


def test_a_two_source_project_still_opens_the_two_source_view(window, many, project, qtbot, tmp_path):
    path = tmp_path / "two.parallax"
    storage.save_project(project, path)
    with qtbot.waitSignal(window.ready, timeout=30000):
        window.files.open_project(str(path))  # the unsaved many-source project: Discard (the default)
    assert not window.many.active and window.document.project is not None
    assert window.stack.currentWidget() is window.workspace
    assert window.act.undo_group.activeStack() is window.document.undo_stack


def test_autosave_and_recovery_of_a_three_source_project(window, many, qtbot, monkeypatch, boxes):
    _corrected(many, monkeypatch)
    window.files.autosave()
    written = autosave.autosave_path(None)
    qtbot.waitUntil(written.is_file, timeout=30000)
    assert storage.load_many(written).count == 3
    autosave._written.discard(written)  # as if another, crashed process had written it
    window.many.document.reset(None)
    window.many.leave()
    boxes.answers.append(QMessageBox.StandardButton.Yes)
    window.files.offer_recovery()
    assert window.many.active and window.many.project.notes[0].tags == ("place",)
    assert window.many.document.modified  # recovered work is unsaved work
