"""The notes dock in the many-source view: the window's ``NotesPanel`` lists a ``ManyProject``'s
notes (each with its source's letter), and selecting one shows the fact it is about in the
coverage and the fact detail. Adding, editing and removing go to ``fact_ops`` there, as the
detail's links do; with two sources the panel serves the two-source workbench as before.

The panel's model reads a ``ViewIndex``; ``NotesOfMany`` offers the three things it uses
(``project.notes``, ``passages`` by source, ``passage_at``) for a project of any size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.model import Passage, Which
from desktop.core.project.many import ManyProject
from desktop.ui.many_page import COVERAGE_TAB, ManyPage
from desktop.ui.sidebar import NotesPanel

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class NotesOfMany:
    """What ``NotesModel`` reads of a ``ViewIndex``, for a ``ManyProject``."""

    def __init__(self, project: ManyProject) -> None:
        self.project = project
        self.passages: dict[Which, tuple[Passage, ...]] = {
            Which(k): ps for k, ps in enumerate(project.comparison.passages)}

    def passage_at(self, side: Which | str, offset: int) -> int | None:
        """The passage of ``side`` holding ``offset`` (or ending right at it), for the locator."""
        for passage in self.passages.get(Which.coerce(side), ()):
            if passage.start <= offset <= passage.end:
                return passage.index
        return None


class ManyNotes:
    """Keeps the notes panel on the many-source project and reveals a selected note's fact."""

    def __init__(self, page: ManyPage, panel: NotesPanel) -> None:
        self.page = page
        self.panel = panel

    def show(self, project: ManyProject | None) -> None:
        self.panel.set_index(NotesOfMany(project) if project is not None else None)

    def activate(self, n: int) -> bool:
        """Select the fact note ``n`` is about in the coverage (its wordings show beside it); a
        filter hiding that fact is cleared. False when the note is on no fact."""
        project = self.page.project
        if project is None or not 0 <= n < len(project.notes):
            return False
        fact = project.fact_of_note(n)
        if fact is None:
            return False
        self.page.tabs.setCurrentIndex(COVERAGE_TAB)
        if not self.page.coverage.select_fact(fact):
            self.page.coverage.set_filter("all")
            self.page.coverage.select_fact(fact)
        return True


def connect_notes(window: MainWindow) -> None:
    """The notes panel's requests go to the project on screen: many sources or two."""
    notes, many, edits = window.notes, window.many, window.edits

    def activated(n: int) -> None:
        if not many.active:
            window.jump_to_note(n)
        elif not many.notes.activate(n):
            window.statusBar().showMessage("That note's words are in no fact.", 5000)

    notes.noteActivated.connect(activated)
    notes.addRequested.connect(lambda: many.facts.run_action("add_note") if many.active else edits.add_note())
    notes.editRequested.connect(lambda n: many.facts.edit_note(n) if many.active else edits.edit_note(n))
    notes.removeRequested.connect(
        lambda n: many.facts.remove_note(n) if many.active else edits.remove_note(n))
