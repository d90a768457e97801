"""The document: snapshots on an undo stack, the modified flag, and the bundled fonts."""

from __future__ import annotations

from desktop.core.project import edits


def test_modified_follows_saves_and_undo(qapp, project):
    from desktop.ui.document import Document

    doc = Document()
    changes = []
    doc.projectChanged.connect(lambda new, old: changes.append((new, old)))
    doc.reset(project, "/tmp/p.parallax")
    assert not doc.modified
    doc.edit("Confirm group", edits.set_status, 0, "confirmed")
    assert doc.modified and doc.undo_stack.undoText() == "Confirm group"
    doc.undo_stack.undo()
    assert doc.project is project and not doc.modified  # back at the saved state
    doc.undo_stack.redo()
    doc.mark_saved("/tmp/q.parallax")
    assert not doc.modified and doc.path == "/tmp/q.parallax"
    assert [new is not None for new, _old in changes] == [True, True, True, True]
    doc.reset(project, saved=False)
    assert doc.modified and doc.undo_stack.count() == 0


def test_bundled_fonts_are_registered_as_fallbacks(qapp):
    from PySide6.QtGui import QFont

    from desktop.ui import theme

    families = theme.install_fonts()
    assert {"DejaVu Sans", "Droid Sans Fallback"} <= set(families)
    font = theme.with_fallbacks(QFont("Some Missing Font"))
    assert font.families()[0] == "Some Missing Font" and "DejaVu Sans" in font.families()
