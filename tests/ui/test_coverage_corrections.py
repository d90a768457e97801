"""The analyst's corrections of facts in the coverage view (hand-made comparison of three
sources, no aligner): each from the fact's context menu, each one undoable step; notes on any
source's wording from the fact detail; the split dialog on its own."""

from __future__ import annotations

import pytest
from many_builders import tiny_many
from PySide6.QtCore import QItemSelectionModel, Qt

from desktop.core.model import GroupStatus
from desktop.ui.dialogs.split_fact import SplitFactDialog

A, B, C = 0, 1, 2


@pytest.fixture
def many(window):
    window.many.show_comparison(tiny_many())
    return window.many


def _members(many):
    return [view.fact.members for view in many.project.facts]


def _action(menu, text):
    for action in menu.actions():
        if action.text() == text:
            return action
        if action.menu() is not None:
            found = _action(action.menu(), text)
            if found is not None:
                return found
    return None


def _trigger(many, fact, source, text):
    action = _action(many.fact_menu(fact, source), text)
    assert action is not None, text
    assert action.isEnabled()
    action.trigger()


def _undo_all(window, many):
    stack = many.document.undo_stack
    labels = [stack.text(i) for i in range(stack.count())]
    while stack.canUndo():
        window.act.undo.trigger()  # the window's Undo acts on the many-source history
    return labels


def test_adding_a_passage_of_another_source_to_a_fact(window, many):
    original = many.project
    _trigger(many, 1, C, "2. Putin visited the region.")
    assert ((A, (1,)), (B, (1,)), (C, (1,))) in _members(many)
    assert ((C, (1,)),) not in _members(many)  # C's passage left the fact of C alone
    fact = many.project.facts_for_passage(C, 1)[0]
    assert many.page.coverage.current_fact() == fact  # the corrected fact stays selected
    assert many.project.facts[fact].fact.status is GroupStatus.CONFIRMED
    assert window.isWindowModified()
    assert _undo_all(window, many) == ["Add C passage 2 to fact 2"]
    assert many.project is original


def test_taking_a_source_out_and_removing_an_end_passage(window, many):
    _trigger(many, 0, B, "Take B out of this fact")
    assert ((A, (0,)), (C, (0,))) in _members(many)
    assert ((B, (0,)),) in _members(many)  # what B alone reports now
    fact = many.project.facts_for_passage(A, 1)[0]  # A1, B1
    _trigger(many, fact, A, "Add the next passage of A (3)")
    fact = many.project.facts_for_passage(A, 1)[0]
    assert many.project.facts[fact].fact.members == ((A, (1, 2)), (B, (1,)))
    _trigger(many, fact, A, "Remove A passage 2 from this fact")
    fact = many.project.facts_for_passage(A, 2)[0]
    assert many.project.facts[fact].fact.members == ((A, (2,)), (B, (1,)))
    assert _undo_all(window, many) == ["Take B out of fact 1", "Add A passage 3 to fact 2",
                                       "Remove A passage 2 from fact 2"]
    assert _members(many) == [v.fact.members for v in tiny_many().facts]


def test_merging_the_selected_facts(window, many):
    table, coverage = many.page.coverage.table, many.page.coverage
    model = table.selectionModel()
    for fact in (1, 3):
        index = coverage.proxy.mapFromSource(coverage.model.index(fact, 0))
        model.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert coverage.selected_facts() == [1, 3]
    _trigger(many, 3, -1, "Merge the 2 selected facts")
    merged = many.project.facts[many.project.facts_for_passage(A, 1)[0]].fact
    assert merged.members == ((A, (1, 2)), (B, (1,)), (C, (2,)))
    assert merged.reason == "merged by analyst"
    assert _undo_all(window, many) == ["Merge 2 facts"]


def test_a_lone_fact_is_refused_in_the_status_bar(window, many):
    assert many.facts.merge([1]) is False
    assert "Select two or more facts" in window.statusBar().currentMessage()
    assert many.facts.add_passage(3, C, 0) is False  # C passage 1 is away from C passage 3
    assert "not next to" in window.statusBar().currentMessage()
    assert many.document.undo_stack.count() == 0


def test_splitting_a_fact_through_the_dialog(window, many, monkeypatch):
    monkeypatch.setattr(SplitFactDialog, "exec", lambda self: 1)
    monkeypatch.setattr(SplitFactDialog, "part", lambda self: {A: [0], B: [0]})
    _trigger(many, 0, -1, "Split this fact…")
    assert ((A, (0,)), (B, (0,))) in _members(many)
    assert ((C, (0,)),) in _members(many)
    assert _undo_all(window, many) == ["Split fact 1"]


def test_split_dialog_lists_every_passage_of_the_fact(qtbot):
    from desktop.core.project.many import ManyProject

    dialog = SplitFactDialog(None, ManyProject.new(tiny_many()), 0)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3
    assert dialog.list.item(1).text().startswith("B ")
    dialog.check(C, 0)
    assert dialog.part() == {C: [0]}
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.part() == {A: [0], C: [0]}


def test_confirm_and_reject_each_undoable(window, many):
    _trigger(many, 0, -1, "Confirm this fact")
    assert many.project.facts[0].fact.status is GroupStatus.CONFIRMED
    assert not _action(many.fact_menu(0, -1), "Confirm this fact").isEnabled()
    _trigger(many, 3, C, "Reject this fact")
    assert many.project.facts[3].fact.status is GroupStatus.REJECTED
    assert many.project.reviewed_count() == 2
    assert _undo_all(window, many) == ["Confirm fact 1", "Reject fact 4"]
    assert many.project.reviewed_count() == 0


def test_another_reference_is_one_undoable_step(window, many, qtbot):
    with qtbot.waitSignal(window.ready, timeout=30000):
        _trigger(many, 0, C, "Make C the reference")
    assert many.comparison.reference == C
    assert window.counts.text().startswith("3 sources (reference C)")
    assert _undo_all(window, many) == ["Reference: source C"]
    assert many.comparison.reference == A
    assert window.counts.text().startswith("3 sources (reference A)")


def test_a_note_on_a_sources_wording_from_the_detail(window, many, monkeypatch):
    from desktop.ui.dialogs import note_editor

    monkeypatch.setattr(note_editor.NoteEditor, "exec", lambda self: 1)
    monkeypatch.setattr(note_editor.NoteEditor, "text", lambda self: "Only C names the city.")
    monkeypatch.setattr(note_editor.NoteEditor, "tags", lambda self: ("place",))
    many.page.coverage.select_fact(3)
    detail = many.page.detail
    detail._link(_url(f"addnote:{C}"))
    [note] = many.project.notes
    assert note.side.index == C and note.quote == "Schools in Kyiv stay shut."
    assert "Only C names the city." in detail.text() and "[place]" in detail.text()
    monkeypatch.setattr(note_editor.NoteEditor, "text", lambda self: "Kyiv: only here.")
    detail._link(_url("note:0"))
    assert many.project.notes[0].text == "Kyiv: only here."
    _trigger(many, 3, -1, "Remove note on C “Schools in Kyiv stay shut.”")
    assert many.project.notes == ()
    assert _undo_all(window, many) == ["Add note on C", "Edit note", "Remove note"]
    assert "Kyiv: only here" not in detail.text()


def _url(text):
    from PySide6.QtCore import QUrl

    return QUrl(text)


def test_notes_and_verdicts_survive_adding_a_source(window, many, qtbot, monkeypatch):
    from builders import source

    from desktop.ui.dialogs import note_editor

    monkeypatch.setattr(note_editor.NoteEditor, "exec", lambda self: 1)
    monkeypatch.setattr(note_editor.NoteEditor, "text", lambda self: "Only C names the city.")
    assert many.facts.add_note(3, C)
    assert many.facts.set_status([0], GroupStatus.CONFIRMED)
    fourth, _ = source([["Officials said 14 people died.", "Schools stay shut."]], outlet="Post D")
    with qtbot.waitSignal(window.ready, timeout=60000):
        many.add([fourth])
    assert len(many.comparison.sources) == 4
    [note] = many.project.notes
    assert note.side.index == C and note.text == "Only C names the city."
    assert many.project.facts[many.project.facts_for_passage(A, 0)[0]].fact.status is GroupStatus.CONFIRMED
    assert many.document.undo_stack.text(many.document.undo_stack.index() - 1) == "Add 1 source"
    window.act.undo.trigger()
    assert len(many.comparison.sources) == 3 and len(many.project.notes) == 1


def test_the_window_actions_act_on_the_selected_facts(window, many):
    assert not window.act.confirm.isEnabled()  # nothing selected
    many.page.coverage.select_fact(3)
    assert window.act.confirm.isEnabled() and not window.act.merge.isEnabled()
    window.act.reject.trigger()
    assert many.project.facts[3].fact.status is GroupStatus.REJECTED
    coverage = many.page.coverage
    index = coverage.proxy.mapFromSource(coverage.model.index(1, 0))
    coverage.table.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert window.act.merge.isEnabled()
    window.act.merge.trigger()
    assert many.project.facts[many.project.facts_for_passage(A, 1)[0]].fact.members == (
        (A, (1, 2)), (B, (1,)), (C, (2,)))
    assert _undo_all(window, many) == ["Reject fact 4", "Merge 2 facts"]


def test_realigning_with_other_options_keeps_the_work(window, many, qtbot, monkeypatch):
    from desktop.core.model import AlignOptions
    from desktop.ui.dialogs import note_editor, realign

    monkeypatch.setattr(note_editor.NoteEditor, "exec", lambda self: 1)
    monkeypatch.setattr(note_editor.NoteEditor, "text", lambda self: "Only C names the city.")
    assert many.facts.add_note(3, C)
    monkeypatch.setattr(realign.RealignDialog, "exec", lambda self: 1)
    monkeypatch.setattr(realign.RealignDialog, "options", lambda self: AlignOptions(ignore_case=True))
    assert window.act.realign.isEnabled()
    with qtbot.waitSignal(window.ready, timeout=60000):
        window.act.realign.trigger()
    assert many.project.settings.options.ignore_case and many.comparison.options.ignore_case
    assert [n.text for n in many.project.notes] == ["Only C names the city."]
    assert _undo_all(window, many) == ["Add note on C", "Re-align"]
