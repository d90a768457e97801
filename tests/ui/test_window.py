"""The main window over a hand-made comparison: groups, differences, filters, navigation,
corrections with undo/redo, notes, errors."""

from __future__ import annotations

from desktop.core.model import DiffKind, GroupStatus, Which


def _load(window, project):
    window.document.reset(project, saved=False)
    window.files._after_new_comparison()


def test_groups_and_unmatched_rows_appear(window, project):
    _load(window, project)
    rows = window.groups.visible_rows()
    # B's unmatched passage follows group 1, which precedes it in B; A's comes last in A
    assert [(r.kind, r.n) for r in rows] == [("group", 0), ("group", 1), ("b", 2), ("a", 2)]
    assert window.workspace.pane_a.toPlainText() == project.comparison.a.text
    assert "2 groups" in window.counts.text() and "2 number" in window.counts.text()
    assert window.windowTitle().startswith("Wire A ↔ Daily B (unsaved)")
    assert window.isWindowModified()


def test_selecting_a_group_shows_its_differences(window, project):
    _load(window, project)
    window.select_group(1)
    assert window.groups.diffs.rowCount() == 1
    assert "12" in window.groups.diffs.index(0, 0).data() and "10" in window.groups.diffs.index(0, 0).data()
    # the difference is tinted in both panes with the "number" colour
    from desktop.ui import theme

    colour = theme.colours().kind(DiffKind.NUMBER)
    for side, word in (("a", "12"), ("b", "10")):
        pane = window.workspace.panes[side]
        tinted = [s.cursor.selectedText() for s in pane.extraSelections()
                  if s.format.background().color() == colour]
        assert tinted == [word]
    assert window.workspace.gutter.selected == {1}


def test_clicking_a_passage_selects_its_group(window, project, qtbot):
    _load(window, project)
    pane = window.workspace.pane_b
    point = pane.cursorRect(pane.cursor_at(project.comparison.passages_b[1].start + 3)).center()
    from PySide6.QtCore import Qt

    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert (window.selection.row.kind, window.selection.row.n) == ("group", 1)
    assert window.last_clicked["b"] == 1


def test_filters_keep_matching_rows(window, project):
    _load(window, project)
    window.groups.set_filter("unmatched")
    assert [(r.kind, r.n) for r in window.groups.visible_rows()] == [("b", 2), ("a", 2)]
    window.groups.set_filter("name")
    assert window.groups.visible_rows() == []
    window.groups.set_filter("number")
    assert [r.n for r in window.groups.visible_rows()] == [0, 1]


def test_next_difference_walks_in_reading_order(window, project):
    _load(window, project)
    window.selection.row = None
    window.step_diff(1)
    assert (window.selection.row.n, window.selection.diff) == (0, 0)
    window.step_diff(1)
    assert (window.selection.row.n, window.selection.diff) == (1, 0)
    window.step_diff(-1)
    assert (window.selection.row.n, window.selection.diff) == (0, 0)


def test_manual_link_undo_redo(window, project):
    _load(window, project)
    window.last_clicked.update({"a": 2, "b": 2})
    window.act.link.trigger()
    comparison = window.document.project.comparison
    assert len(comparison.groups) == 3 and comparison.only_a == () and comparison.only_b == ()
    assert comparison.groups[2].group.status is GroupStatus.CONFIRMED
    assert len(window.groups.visible_rows()) == 3
    window.act.undo.trigger()
    assert len(window.document.project.comparison.groups) == 2
    assert len(window.groups.visible_rows()) == 4
    window.act.redo.trigger()
    assert len(window.document.project.comparison.groups) == 3


def test_reject_then_undo(window, project):
    _load(window, project)
    window.select_group(0)
    window.act.reject.trigger()
    assert window.document.project.comparison.groups[0].group.status is GroupStatus.REJECTED
    assert window.act.undo.isEnabled()
    window.document.undo_stack.undo()
    assert window.document.project.comparison.groups[0].group.status is GroupStatus.PROPOSED


def test_note_added_shows_in_panel_and_tags_filter(window, project, monkeypatch):
    from desktop.ui.dialogs import note_editor

    monkeypatch.setattr(note_editor.NoteEditor, "exec", lambda self: 1)
    monkeypatch.setattr(note_editor.NoteEditor, "text", lambda self: "Dates differ")
    monkeypatch.setattr(note_editor.NoteEditor, "tags", lambda self: ("factual discrepancy",))
    _load(window, project)
    window.select_group(0)
    window.act.add_note.trigger()
    notes = window.document.project.notes
    assert len(notes) == 1 and notes[0].quote == "Putin met Xi on Monday." and notes[0].side == Which(0)
    assert window.notes.model.rowCount() == 1
    window.groups.set_filter("all", "factual discrepancy")
    assert [(r.kind, r.n) for r in window.groups.visible_rows()] == [("group", 0)]
    window.select_group(1)
    window.jump_to_note(0)
    assert (window.selection.row.kind, window.selection.row.n) == ("group", 0)


def test_bad_source_file_shows_error_and_window_stays(window, project, boxes, tmp_path, qtbot):
    _load(window, project)
    bad = tmp_path / "broken.xyz"
    bad.write_text("nothing")
    window.files.add_source("a", str(bad))
    qtbot.waitUntil(lambda: any(kind == "critical" for kind, _t, _m in boxes.calls), timeout=10000)
    kind, title, text = next(c for c in boxes.calls if c[0] == "critical")
    assert "broken.xyz" in text
    assert window.isVisible()
    assert window.document.project is project  # nothing lost


def test_swap_sides_is_undoable(window, project):
    _load(window, project)
    window.act.swap.trigger()
    assert window.document.project.comparison.a.text == project.comparison.b.text
    assert window.workspace.pane_a.toPlainText() == project.comparison.b.text
    window.act.undo.trigger()
    assert window.workspace.pane_a.toPlainText() == project.comparison.a.text


def test_layout_is_remembered(qtbot, settings, boxes):
    from desktop.ui.main_window import MainWindow

    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.resize(700, 500)  # the offscreen screen is 800x600
    first.act.sync.setChecked(False)
    first.save_layout()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    assert not second.act.sync.isChecked()


def test_status_bar_says_how_the_groups_were_found(window, project):
    from dataclasses import replace

    from desktop.core.model import EngineRun

    _load(window, project)
    assert "aligned as" not in window.counts.text()  # a project file does not record the run
    mode = "independent reports (a script the models do not read: version passes only)"
    run = EngineRun(mode=mode, passes=("read_words", "align_versions", "name_facts"), models=())
    computed = replace(project, comparison=replace(project.comparison, run=run))
    _load(window, computed)
    assert f"aligned as {mode}" in window.counts.text()
    assert "reader read" not in window.counts.text()
    cut = replace(run, mode="independent reports", pairs_read=24, pairs_to_read=64)
    _load(window, replace(project, comparison=replace(project.comparison, run=cut)))
    assert "the same-fact reader read the 24 likeliest of 64 likely pairs" in window.counts.text()
