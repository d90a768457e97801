"""The analyst's corrections of facts in the coverage view, and notes on any source's wording.

Each correction calls a pure function of ``desktop.core.project.corrections`` (or a note edit of
``edits``) and hands the new ``ManyProject`` to the many-source ``Document``, which makes it one
undoable step; a refused edit (``EditError``) is told in the status bar and nothing changes.
Fact indices shift after an edit (facts stay in reading order), so a fact is found again by one
of its passages (``ManyProject.facts_for_passage``) and stays selected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMenu

from desktop.core.model import GroupStatus, ParallaxError, Which
from desktop.core.project import corrections, edits
from desktop.core.project.many import ManyProject
from desktop.ui.coverage import clip
from desktop.ui.source_set import letter

if TYPE_CHECKING:
    from desktop.ui.many_ops import ManyController

Key = tuple[int, int]  # (source, passage): finds a fact again after the indices shifted
_VERDICTS = ((GroupStatus.CONFIRMED, "Confirm"), (GroupStatus.REJECTED, "Reject"),
             (GroupStatus.PROPOSED, "Mark as proposed"))


class FactEdits:
    def __init__(self, many: ManyController) -> None:
        self.many = many
        detail = many.page.detail
        detail.noteRequested.connect(self.add_note)
        detail.noteEditRequested.connect(self.edit_note)

    @property
    def project(self) -> ManyProject | None:
        return self.many.document.project

    def _apply(self, label: str, make: Callable[[ManyProject], ManyProject], keep: Key | None = None) -> bool:
        """``make`` the new project and push it as one undoable step; ``keep``: select the fact
        holding that passage afterwards."""
        project = self.project
        if project is None:
            return False
        try:
            new = make(project)
        except ParallaxError as exc:
            self.many.window.statusBar().showMessage(str(exc), 8000)
            QApplication.beep()
            return False
        self.many.document.apply(label, new)
        if keep is not None:
            self.select(keep)
        return True

    def select(self, key: Key) -> None:
        """Select the fact holding passage ``key`` (source, passage) in the coverage."""
        found = self.project.facts_for_passage(*key) if self.project is not None else ()
        if found:
            self.many.page.coverage.select_fact(found[0])

    def _key(self, fact: int) -> Key:
        source, run = self.project.facts[fact].fact.members[0]
        return source, run[0]

    # -- corrections ---------------------------------------------------------------------------

    def add_passage(self, fact: int, source: int, passage: int) -> bool:
        label = f"Add {letter(source)} passage {passage + 1} to fact {fact + 1}"
        return self._apply(label, lambda p: corrections.add_passage(p, fact, Which(source), passage),
                           (source, passage))

    def remove_passage(self, fact: int, source: int, passage: int) -> bool:
        keep = next(((s, run[0]) for s, run in self.project.facts[fact].fact.members if s != source), None)
        return self._apply(f"Remove {letter(source)} passage {passage + 1} from fact {fact + 1}",
                           lambda p: corrections.remove_passage(p, fact, Which(source), passage), keep)

    def take_out(self, fact: int, source: int) -> bool:
        """The fact without ``source``: its passages become what ``source`` alone reports."""
        members = dict(self.project.facts[fact].fact.members)
        keep = next(((s, run[0]) for s, run in members.items() if s != source), None)
        part = {Which(source): members.get(source, ())}
        return self._apply(f"Take {letter(source)} out of fact {fact + 1}",
                           lambda p: corrections.split(p, fact, part), keep)

    def merge(self, facts: Sequence[int]) -> bool:
        """Join the facts into one (each found again by a passage: indices shift after each merge)."""
        if len(facts) < 2:
            self.many.window.statusBar().showMessage("Select two or more facts in the table to merge them "
                                                     "(Ctrl+click or Shift+click).", 8000)
            return False
        keys = [self._key(f) for f in facts]

        def make(project: ManyProject) -> ManyProject:
            for key in keys[1:]:
                first = project.facts_for_passage(*keys[0])[0]
                project = corrections.merge(project, first, project.facts_for_passage(*key)[0])
            return project

        return self._apply(f"Merge {len(facts)} facts", make, keys[0])

    def split(self, fact: int) -> bool:
        from desktop.ui.dialogs.split_fact import SplitFactDialog

        dialog = SplitFactDialog(self.many.window, self.project, fact)
        return bool(dialog.exec()) and self.split_with(fact, dialog.part())

    def split_with(self, fact: int, part: Mapping[int, Sequence[int]]) -> bool:
        chosen = {Which(s): tuple(run) for s, run in part.items() if run}
        keep = next(((s, run[0]) for s, run in self.project.facts[fact].fact.members), None)
        return self._apply(f"Split fact {fact + 1}", lambda p: corrections.split(p, fact, chosen), keep)

    def set_status(self, facts: Sequence[int], status: GroupStatus) -> bool:
        if not facts:
            return False

        def make(project: ManyProject) -> ManyProject:
            for n in facts:
                project = corrections.set_status(project, n, status)
            return project

        verb = dict(_VERDICTS)[status]
        what = f"fact {facts[0] + 1}" if len(facts) == 1 else f"{len(facts)} facts"
        return self._apply(f"{verb} {what}", make, self._key(facts[0]))

    # -- notes ---------------------------------------------------------------------------------

    def add_note(self, fact: int, source: int) -> bool:
        """A note on ``source``'s wording of the fact (its passages from first to last)."""
        project = self.project
        run = project.facts[fact].fact.passages(source) if project is not None else ()
        if not run:
            return False
        passages = project.passages(source)
        start, end = passages[run[0]].start, passages[run[-1]].end
        from desktop.ui.dialogs.note_editor import NoteEditor

        dialog = NoteEditor(self.many.window, project.source(source).text[start:end], known_tags=self._tags())
        if not dialog.exec():
            return False
        text, tags = dialog.text(), dialog.tags()
        return self._apply(f"Add note on {letter(source)}", lambda p: edits.add_note(
            p, edits.make_note(p, Which(source), start, end, text, tags)), (source, run[0]))

    def edit_note(self, n: int) -> bool:
        project = self.project
        if project is None or not 0 <= n < len(project.notes):
            return False
        from desktop.ui.dialogs.note_editor import NoteEditor

        note = project.notes[n]
        dialog = NoteEditor(self.many.window, note.quote, text=note.text, tags=note.tags,
                            known_tags=self._tags())
        if not dialog.exec():
            return False
        text, tags = dialog.text(), dialog.tags()
        return self._apply("Edit note", lambda p: edits.edit_note(p, n, text=text, tags=tags),
                           self._note_key(n))

    def remove_note(self, n: int) -> bool:
        return self._apply("Remove note", lambda p: edits.remove_note(p, n), self._note_key(n))

    def _note_key(self, n: int) -> Key | None:
        note = self.project.notes[n]
        found = [i for i, p in enumerate(self.project.passages(note.side)) if p.start <= note.start < p.end]
        return (note.side.index, found[0]) if found else None

    def _tags(self) -> list[str]:
        return sorted({tag for note in self.project.notes for tag in note.tags})

    # -- the window's actions (toolbar, menu, shortcuts) on the selected facts --------------------

    def selected(self) -> list[int]:
        return self.many.page.coverage.selected_facts() if self.project is not None else []

    def run_action(self, name: str) -> None:
        """Alignment > Merge, Split, Confirm, Reject, Mark as Proposed and Edit > Add Note, in the
        coverage view: on the selected facts (a note: on the reference wording of the first)."""
        facts = self.selected()
        if not facts:
            self.many.window.statusBar().showMessage("Select a fact in the table first.", 5000)
            return
        if name == "merge":
            self.merge(facts)
        elif name == "split":
            self.split(facts[0])
        elif name == "add_note":
            self.add_note(facts[0], self.project.facts[facts[0]].reference)
        else:
            self.set_status(facts, GroupStatus(name))

    # -- the context menu ----------------------------------------------------------------------

    def fill_menu(self, menu: QMenu, fact: int, source: int) -> None:
        """Add the corrections that apply to ``fact`` (and to ``source``'s cell, -1: none)."""
        project = self.project
        if project is None:
            return
        if source >= 0:
            menu.addSeparator()
            self._source_actions(menu, fact, source)
        menu.addSeparator()
        selected = self.many.page.coverage.selected_facts()
        chosen = selected if fact in selected else [fact]
        if len(chosen) >= 2:
            menu.addAction(f"Merge the {len(chosen)} selected facts", lambda: self.merge(chosen))
        view = project.facts[fact]
        if sum(len(run) for _s, run in view.fact.members) >= 2:
            menu.addAction("Split this fact…", lambda: self.split(fact))
        what = "this fact" if len(chosen) == 1 else f"the {len(chosen)} selected facts"
        for status, verb in _VERDICTS:
            action = menu.addAction(f"{verb} {what}", lambda s=status: self.set_status(chosen, s))
            action.setEnabled(len(chosen) > 1 or view.fact.status is not status)
        self._note_actions(menu, fact)

    def _source_actions(self, menu: QMenu, fact: int, source: int) -> None:
        view, name = self.project.facts[fact], letter(source)
        run = view.fact.passages(source)
        count = len(self.project.passages(source))
        if run and len(view.fact.sources) > 1:
            menu.addAction(f"Take {name} out of this fact", lambda: self.take_out(fact, source))
        if len(run) > 1:
            for i in sorted({run[0], run[-1]}):
                menu.addAction(f"Remove {name} passage {i + 1} from this fact",
                               lambda _c=False, i=i: self.remove_passage(fact, source, i))
        if run:
            for i, where in ((run[0] - 1, "previous"), (run[-1] + 1, "next")):
                if 0 <= i < count:
                    menu.addAction(f"Add the {where} passage of {name} ({i + 1})",
                                   lambda _c=False, i=i: self.add_passage(fact, source, i))
            menu.addAction(f"Add a note on {name}'s wording…", lambda: self.add_note(fact, source))
        elif len(view.fact.sources) > 1 or view.fact.sources != (source,):
            sub = menu.addMenu(f"Add a passage of {name} to this fact")
            for passage in self.project.passages(source):
                sub.addAction(f"{passage.index + 1}. {clip(' '.join(passage.text.split()), 70)}",
                              lambda _c=False, i=passage.index: self.add_passage(fact, source, i))

    def _note_actions(self, menu: QMenu, fact: int) -> None:
        notes = self.project.notes_for_fact(fact)
        if not notes:
            return
        menu.addSeparator()
        for n in notes:
            note = self.project.notes[n]
            where = f"{note.side.letter} “{clip(' '.join(note.quote.split()), 30)}”"
            menu.addAction(f"Edit note on {where}…", lambda _c=False, n=n: self.edit_note(n))
            menu.addAction(f"Remove note on {where}", lambda _c=False, n=n: self.remove_note(n))
