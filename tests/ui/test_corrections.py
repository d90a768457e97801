"""Corrections through the window's actions: unlink, merge, split, metadata, citation,
keyboard navigation, colour scheme."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from desktop.core.model import Metadata


def _select_rows(window, rows):
    table = window.groups.table
    model = table.selectionModel()
    model.clearSelection()
    for r in rows:
        index = window.groups.proxy.index(r, 0)
        model.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_unlink_merge_split_each_one_undo_step(window, project, monkeypatch):
    window.document.reset(project, saved=False)
    _select_rows(window, [0, 1])
    window.act.merge.trigger()
    groups = window.document.project.comparison.groups
    assert [(g.group.a, g.group.b) for g in groups] == [((0, 1), (0, 1))]

    from desktop.ui.dialogs import split

    monkeypatch.setattr(split.SplitDialog, "exec", lambda self: 1)
    monkeypatch.setattr(split.SplitDialog, "parts", lambda self: ([1], [1]))
    window.select_group(0)
    window.act.split.trigger()
    groups = window.document.project.comparison.groups
    assert [(g.group.a, g.group.b) for g in groups] == [((0,), (0,)), ((1,), (1,))]

    window.select_group(1)
    window.act.unlink.trigger()
    assert window.document.project.comparison.only_a == (1, 2)
    stack = window.document.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Merge 2 groups", "Split group", "Unlink group"]
    stack.setIndex(0)
    assert window.document.project is project


def test_metadata_form_updates_header_and_is_undoable(window, project, monkeypatch):
    from desktop.ui.dialogs import metadata

    meta = Metadata(outlet="Новая газета", title="Саммит", authors=("Мария Силва",), issued="2023-03-22")
    monkeypatch.setattr(metadata.MetadataDialog, "exec", lambda self: 1)
    monkeypatch.setattr(metadata.MetadataDialog, "metadata", lambda self: meta)
    window.document.reset(project, saved=False)
    window.workspace.header_b.editRequested.emit("b")
    assert window.document.project.comparison.b.metadata == meta
    assert window.workspace.header_b.title.text() == "Новая газета — Саммит"
    window.act.undo.trigger()
    assert window.workspace.header_b.title.text() == "Daily B — Summit ends"


def test_copy_citation_puts_plain_and_rich_text_on_clipboard(window, project, qtbot, boxes):
    from PySide6.QtGui import QGuiApplication

    window.document.reset(project, saved=False)
    window.last_clicked["a"] = 1
    window.workspace.pane_a.setFocus()
    window.act.cite.trigger()
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: boxes.calls or (clipboard.mimeData() is not None
                                            and "Silva" in clipboard.mimeData().text()), timeout=30000)
    assert boxes.calls == []
    mime = clipboard.mimeData()
    assert "2023" in mime.text()
    assert mime.hasHtml() and "Silva" in mime.html()


def test_keyboard_walks_groups(window, project, qtbot):
    from PySide6.QtCore import Qt

    window.document.reset(project, saved=False)
    window.select_group(0)
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert (window.selection.row.kind, window.selection.row.n) == ("group", 1)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.selection.diff == 0
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert (window.selection.row.kind, window.selection.row.n) == ("group", 0)


def test_dark_palette_repaints_tints(window, project, qapp):
    from PySide6.QtGui import QColor, QPalette

    from desktop.ui import theme

    window.document.reset(project, saved=False)
    old = qapp.palette()
    dark = QPalette(old)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    qapp.setPalette(dark)
    try:
        window._scheme_changed()
        assert theme.colours().aligned == theme._DARK.aligned
        pane = window.workspace.pane_a
        cursor = pane.cursor_at(project.comparison.passages_a[0].start + 1)
        assert cursor.charFormat().background().color() in theme._DARK.aligned
    finally:
        qapp.setPalette(old)
        window._scheme_changed()


def test_metadata_form_edits_every_citation_field(qtbot):
    from desktop.core.model import Metadata, Source
    from desktop.ui.dialogs.metadata import MetadataDialog

    source = Source("Text.", Metadata(title="Old", kind="article-newspaper"), origin="a.txt")
    dialog = MetadataDialog(None, "a", source)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("webpage"))
    for name, value in (("outlet", "Example Wire"), ("title", "New"), ("authors", "Maria Silva; Li Wei"),
                        ("issued", "2023-03-22"), ("url", "https://example.com/x"),
                        ("accessed", "2024-01-05"), ("language", "en")):
        dialog.edits[name].setText(value)
    assert dialog.metadata() == Metadata(
        title="New", outlet="Example Wire", authors=("Maria Silva", "Li Wei"), issued="2023-03-22",
        url="https://example.com/x", accessed="2024-01-05", language="en", kind="webpage")
