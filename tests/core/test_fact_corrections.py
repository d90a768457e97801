"""Corrections of facts of N sources: each returns a new project (the old one is the undo),
refuses what would scatter a source's run, and re-diffs only the facts it changed."""

from __future__ import annotations

import pytest
from projkit import A_PARAS, B_PARAS, C_PARAS, many_project, patch_diff

from desktop.core.model import GroupStatus, Metadata, Which
from desktop.core.project import corrections as fix
from desktop.core.project import edits
from desktop.core.project.edits import EditError
from desktop.core.project.many import ManyProject

A, B, C = Which.all(3)
CONFIRMED, REJECTED = GroupStatus.CONFIRMED, GroupStatus.REJECTED
RUNS = [{0: (0, 1, 2), 1: (0, 1)}, {1: (2,), 2: (0,)}]  # A's run 0-2 with B's 0-1; B2 with C0


@pytest.fixture
def diffed(monkeypatch):
    """(reference passages, source passages) of each wording the word differ was asked to diff."""
    return patch_diff(monkeypatch)


def members(p: ManyProject) -> list[tuple[tuple[int, tuple[int, ...]], ...]]:
    return [v.fact.members for v in p.facts]


def verdicts(p: ManyProject) -> list[tuple[str, str]]:
    return [(v.fact.status.value, v.fact.reason) for v in p.facts]


# -- add and remove a passage ------------------------------------------------------------------

def test_adding_a_passage_moves_it_and_dissolves_a_fact_left_with_one_source(diffed):
    before = many_project()
    diffed.clear()
    after = fix.add_passage(before, 1, C, 1)  # C's protests sentence joins the agreements
    assert members(after) == [((0, (0,)), (1, (0,)), (2, (0,))), ((0, (1,)), (1, (1,)), (2, (1,))),
                              ((0, (2,)), (1, (2,)), (2, (2,))), ((1, (3,)),)]
    assert verdicts(after)[1] == ("confirmed", edits.CORRECTED) and after.facts[1].fact.score == 0.6
    assert after.comparison.only_in(1) == (3,)  # B3 lost its partner: fact 3, B's alone
    assert diffed == [((1,), (1,)), ((1,), (1,))]  # only the changed fact: B and C against A
    assert after.facts[0] is before.facts[0]
    assert before == many_project()  # the old project is unchanged: undo is keeping it


def test_adding_links_a_passage_no_other_source_matched(diffed):
    p = fix.remove_passage(many_project(), 1, B, 1)  # the agreements: A1 and B1 alone now
    assert members(p)[1] == ((0, (1,)),) and members(p)[3] == ((1, (1,)),)
    linked = fix.add_passage(p, 1, "b", 1)
    assert members(linked) == members(many_project())
    assert verdicts(linked)[1] == ("confirmed", edits.CORRECTED)


def test_adding_refuses_what_would_scatter_a_run(diffed):
    p = many_project()
    with pytest.raises(EditError, match="Passage 0 of A is not next to the fact's passages of A"):
        fix.add_passage(p, 2, A, 0)
    with pytest.raises(EditError, match="already in this fact"):
        fix.add_passage(p, 0, A, 0)
    with pytest.raises(EditError, match="has no passage 9"):
        fix.add_passage(p, 0, C, 9)
    with pytest.raises(EditError, match="Not a source of this project: there is no source D"):
        fix.add_passage(p, 0, Which(3), 0)
    with pytest.raises(EditError, match="no fact 9"):
        fix.add_passage(p, 9, A, 0)
    runs = many_project(RUNS)
    with pytest.raises(EditError, match=r"Passage 1 of A is inside the run of another fact \(A 0–2\)"):
        fix.add_passage(runs, 1, A, 1)
    alone = runs.facts_for_passage(C, 1)[0]
    with pytest.raises(EditError, match="reported by C alone"):
        fix.add_passage(runs, alone, C, 2)


def test_removing_a_passage_leaves_it_a_fact_of_its_own(diffed):
    p = many_project()
    diffed.clear()
    after = fix.remove_passage(p, 0, B, 0)
    assert members(after) == [((0, (0,)), (2, (0,))), ((0, (1,)), (1, (1,))),
                              ((0, (2,)), (1, (2,)), (2, (2,))), ((1, (0,)),), ((1, (3,)), (2, (1,)))]
    assert after.comparison.only_in(1) == (3,)  # fact 3: B0, which B alone reports now
    assert verdicts(after)[0] == ("confirmed", edits.CORRECTED)
    assert diffed == [((0,), (0,))]  # C against A


def test_removing_from_an_end_of_a_run_only(diffed):
    runs = many_project(RUNS)
    with pytest.raises(EditError, match=r"inside the fact's run \(A 0–2\)"):
        fix.remove_passage(runs, 0, A, 1)
    after = fix.remove_passage(runs, 0, A, 0)
    assert members(after)[:2] == [((0, (0,)),), ((0, (1, 2)), (1, (0, 1)))]
    with pytest.raises(EditError, match="Passage 3 of B is not in this fact"):
        fix.remove_passage(runs, 1, B, 3)
    alone = runs.facts_for_passage(C, 1)[0]
    with pytest.raises(EditError, match="is the whole fact"):
        fix.remove_passage(runs, alone, C, 1)


def test_removing_the_second_source_dissolves_the_fact(diffed):
    p = many_project()
    diffed.clear()
    after = fix.remove_passage(p, 3, C, 1)
    assert members(after)[3:] == [((1, (3,)),), ((2, (1,)),)]
    assert diffed == []


# -- merge, split, verdicts --------------------------------------------------------------------

def test_merge_joins_two_facts(diffed):
    p = many_project()
    diffed.clear()
    after = fix.merge(p, 0, 1)
    assert members(after)[0] == ((0, (0, 1)), (1, (0, 1)), (2, (0,)))
    assert verdicts(after)[0] == ("confirmed", edits.MERGED) and after.facts[0].fact.score == 0.5
    assert len(after.facts) == 3 and diffed == [((0, 1), (0, 1)), ((0, 1), (0,))]


def test_merge_with_a_single_source_fact_keeps_the_fact_score(diffed):
    p = fix.remove_passage(many_project(), 0, B, 0)
    single = p.facts_for_passage(B, 0)[0]
    after = fix.merge(p, 0, single)
    assert members(after)[0] == ((0, (0,)), (1, (0,)), (2, (0,))) and after.facts[0].fact.score == 0.5


def test_merge_refusals(diffed):
    p = many_project()
    with pytest.raises(EditError, match=r"the passages of B \(1, 3\) would not be consecutive"):
        fix.merge(p, 1, 3)
    with pytest.raises(EditError, match="two different facts"):
        fix.merge(p, 1, 1)
    q = fix.remove_passage(p, 1, B, 1)  # A1 and B1 alone
    q = fix.remove_passage(q, q.facts_for_passage(B, 0)[0], B, 0)  # B0 alone
    with pytest.raises(EditError, match="Both facts are reported by B alone"):
        fix.merge(q, q.facts_for_passage(B, 0)[0], q.facts_for_passage(B, 1)[0])


def test_split_makes_two_confirmed_facts_and_dissolves_a_one_source_piece(diffed):
    runs = many_project(RUNS)
    after = fix.split(runs, 0, {A: [2], "b": [1]})
    assert members(after)[:2] == [((0, (0, 1)), (1, (0,))), ((0, (2,)), (1, (1,)))]
    assert {verdicts(after)[0], verdicts(after)[1]} == {("confirmed", edits.SPLIT)}
    assert {after.facts[0].fact.score, after.facts[1].fact.score} == {0.5}
    detached = fix.split(many_project(), 0, {C: [0]})
    assert members(detached)[0] == ((0, (0,)), (1, (0,))) and ((2, (0,)),) in members(detached)


def test_split_refusals(diffed):
    runs = many_project(RUNS)
    with pytest.raises(EditError, match=r"would leave passages of A \(0, 2\) apart"):
        fix.split(runs, 0, {A: [1]})
    with pytest.raises(EditError, match="passages of the fact being split"):
        fix.split(runs, 0, {C: [0]})
    with pytest.raises(EditError, match="not all"):
        fix.split(runs, 0, {A: [0, 1, 2], B: [0, 1]})
    with pytest.raises(EditError, match="not all"):
        fix.split(runs, 0, {})
    with pytest.raises(EditError, match="Not a source"):
        fix.split(runs, 0, {"z": [0]})


def test_confirm_reject_and_reopen_keep_the_wordings(diffed):
    before = many_project()
    diffed.clear()
    confirmed = fix.set_status(before, 1, "confirmed")
    rejected = fix.set_status(confirmed, 3, REJECTED)
    assert verdicts(rejected)[1][0] == "confirmed" and verdicts(rejected)[3][0] == "rejected"
    assert rejected.facts[1].wordings == before.facts[1].wordings and rejected.reviewed_count() == 2
    assert fix.set_status(rejected, 3, "proposed").reviewed_count() == 1
    assert diffed == [] and before.reviewed_count() == 0
    with pytest.raises(EditError, match="Unknown fact status 'maybe'"):
        fix.set_status(before, 0, "maybe")


def test_another_reference_source_rediffs_every_wording(diffed):
    after = fix.set_reference(many_project(), C)
    assert after.comparison.reference == 2
    assert [v.reference for v in after.facts] == [2, 0, 2, 2]  # C does not report fact 1
    assert after.facts[0].wordings[0].differences[0].a_text == "Путин"  # A's wording against C's
    assert after.facts[0].wordings[2].differences == ()


# -- notes and details on any source -----------------------------------------------------------

def test_notes_and_details_on_source_c(diffed):
    p = many_project()
    start = p.source(C).text.index("Протесты")
    noted = edits.add_note(p, edits.make_note(p, C, start, start + 8, "small", ["protests"]))
    assert noted.notes[0].side == C and noted.notes[0].quote == "Протесты"
    assert noted.notes_for_passage("c", 1) == (0,) and noted.notes_for_fact(3) == (0,)
    edited = edits.edit_note(noted, 0, tags=["omission"])
    assert edited.notes[0].tags == ("omission",) and noted.notes[0].tags == ("protests",)
    assert edits.remove_note(edited, 0).notes == ()
    renamed = edits.set_metadata(p, C, Metadata(outlet="ТАСС"))
    assert renamed.source(C).label == "ТАСС" and p.source(C).label == "Outlet C"
    with pytest.raises(EditError, match="outside source C"):
        edits.make_note(p, C, 0, 10_000)
    with pytest.raises(ValueError, match="no source D"):
        edits.make_note(p, "d", 0, 1)


# -- re-alignment ------------------------------------------------------------------------------

def test_realign_keeps_verdicts_and_reanchors_notes_on_an_edited_source(diffed):
    p = many_project(statuses={0: CONFIRMED, 3: REJECTED})
    start = p.source(C).text.index("Протесты")
    p = edits.add_note(p, edits.make_note(p, C, start, start + 8, "small"))
    edited_c = [["Срочно.", *C_PARAS[0]], C_PARAS[1]]  # a sentence before: C's passages move by one
    proposals = [{0: (0,), 1: (0,)}, {0: (1,), 1: (1,), 2: (1,)}, {1: (3,), 2: (2,)}]
    new = many_project(proposals, paras=[A_PARAS, B_PARAS, edited_c]).comparison
    problems: list[str] = []
    after = fix.realign(p, new, problems=problems)
    assert members(after) == [((0, (0,)), (1, (0,)), (2, (1,))), ((0, (1,)), (1, (1,))),
                              ((0, (2,)),), ((1, (2,)),), ((1, (3,)), (2, (2,))), ((2, (0,)),), ((2, (3,)),)]
    assert [v.fact.status.value for v in after.facts][:5] == ["confirmed", "proposed", "proposed", "proposed",
                                                             "rejected"]
    moved = after.notes[0]
    assert moved.side == C and moved.quote == "Протесты" and moved.start == start + len("Срочно. ")
    assert problems == []


def test_realign_follows_reordered_sources_and_reports_what_is_gone(diffed):
    p = many_project(statuses={2: CONFIRMED})
    p = edits.add_note(p, edits.passage_note(p, C, 0, "lead of C"))
    p = edits.add_note(p, edits.passage_note(p, A, 2, "talks"))
    new = many_project([{0: (0,), 1: (0,)}], paras=[C_PARAS, A_PARAS[:1], B_PARAS]).comparison
    problems: list[str] = []
    after = fix.realign(p, new, problems=problems)  # C is now first; A lost its second paragraph
    assert [n.side for n in after.notes] == [Which(0)] and after.notes[0].text == "lead of C"
    assert len(problems) == 2
    assert "confirmed fact (A para. 2, sent. 1 ↔ B para. 2, sent. 1 ↔ C para. 2, sent. 1)" in problems[0]
    assert "“The talks lasted two days.” was removed" in problems[1]
    assert members(after)[0] == ((0, (0,)), (1, (0,)))
