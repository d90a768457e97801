"""The notes dock in the many-source view (hand-made comparison of three sources): any source's
notes listed with its letter; selecting one shows its fact; edits go to the many-source history."""

from __future__ import annotations

from many_builders import tiny_many

from desktop.core.project import edits
from desktop.core.project.many import ManyProject
from desktop.ui.many_notes import ManyNotes, NotesOfMany
from desktop.ui.many_page import COVERAGE_TAB, PAIR_TAB, ManyPage
from desktop.ui.sidebar import NotesPanel

A, B, C = 0, 1, 2


def _with_notes() -> ManyProject:
    """A note on C's passage 2 ("Schools in Kyiv stay shut.", fact 3) and one on B's first (fact 0)."""
    project = ManyProject.new(tiny_many())
    start = project.source(C).text.index("Kyiv")
    note = edits.make_note(project, "c", start, start + 4, "which city?", ["place"])
    project = edits.add_note(project, note)
    first = project.passages(B)[0]
    return edits.add_note(project, edits.make_note(project, "b", first.start, first.start + 9, "who?"))


def test_the_panel_lists_notes_of_any_source_with_its_letter(qtbot):
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.set_index(NotesOfMany(_with_notes()))
    rows = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert len(rows) == 2
    assert rows[0].startswith("C ") and "Kyiv" in rows[0] and "which city?" in rows[0]
    assert rows[1].startswith("B ") and "who?" in rows[1]
    assert panel.buttons["Edit…"].isEnabled() and not panel.view.isHidden()


def test_selecting_a_note_shows_its_fact_even_when_filtered_out(qtbot):
    page, panel = ManyPage(), NotesPanel()
    qtbot.addWidget(page)
    qtbot.addWidget(panel)
    notes = ManyNotes(page, panel)
    project = _with_notes()
    page.show_project(project)
    notes.show(project)
    page.tabs.setCurrentIndex(PAIR_TAB)
    page.coverage.set_filter("only_in", C)  # fact 3 (A and C) is hidden
    assert 3 not in page.coverage.visible_facts()
    assert notes.activate(0)
    assert page.tabs.currentIndex() == COVERAGE_TAB
    assert page.coverage.current_fact() == 3 and page.detail.fact == 3
    assert "which city?" in page.detail.text()
    assert notes.activate(1) and page.coverage.current_fact() == 0
    assert not notes.activate(7)


def test_the_dock_stays_in_the_many_source_view_and_edits_its_notes(window):
    window.notes_dock.show()
    window.many.show_project(_with_notes(), saved=False)
    assert not window.notes_dock.isHidden()
    assert window.notes.model.rowCount() == 2
    window.notes.removeRequested.emit(1)  # the panel's Remove button, on the second note
    assert [n.text for n in window.many.project.notes] == ["which city?"]
    assert window.notes.model.rowCount() == 1
    window.act.undo.trigger()
    assert len(window.many.project.notes) == 2 and window.notes.model.rowCount() == 2
    window.notes.noteActivated.emit(0)
    assert window.many.page.coverage.current_fact() == 3
