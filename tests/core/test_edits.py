"""Edits: every correction returns a new project, and only changed groups are diffed again."""

from __future__ import annotations

from dataclasses import replace

import pytest
from projkit import A_PARAS, comparison, patch_diff, project, source

from desktop.core.model import (
    AlignOptions,
    DiffOp,
    Granularity,
    Group,
    GroupStatus,
    Metadata,
    Note,
    Passage,
    Which,
)
from desktop.core.project import edits
from desktop.core.project.edits import EditError
from desktop.core.project.state import Project


@pytest.fixture
def diffed(monkeypatch):
    """The groups the word differ was asked to diff (a fake stands in for worddiff)."""
    return patch_diff(monkeypatch)


def pairs(p: Project) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [(ag.group.a, ag.group.b, ag.group.status.value) for ag in p.comparison.groups]


# -- link / unlink -----------------------------------------------------------------------------

def test_link_dissolves_a_group_left_one_sided_and_confirms_the_link(diffed):
    before = project()
    after = edits.link(before, [0], [3])
    assert pairs(after) == [((0,), (3,), "confirmed"), ((1,), (1,), "proposed"), ((2,), (2,), "proposed")]
    linked = after.comparison.groups[0]
    assert linked.group.reason == edits.LINKED and linked.group.score == 1.0
    assert after.comparison.only_a == () and after.comparison.only_b == (0,)
    assert diffed == [((0,), (3,))]  # only the new group was diffed
    assert after.comparison.groups[1] is before.comparison.groups[1]  # untouched group kept as is
    assert pairs(before)[0] == ((0,), (0,), "proposed")  # the old project is unchanged (undo)


def test_link_shrinks_a_group_that_keeps_both_sides(diffed):
    p = project([((0, 1), (0, 1)), ((2,), (2,))], statuses={0: GroupStatus.CONFIRMED})
    after = edits.link(p, [1], [3])
    assert pairs(after) == [((0,), (0, 1), "confirmed"), ((1,), (3,), "confirmed"), ((2,), (2,), "proposed")]
    assert after.comparison.groups[0].group.reason == "reason 0"  # a shrunk group keeps its reason
    assert sorted(diffed) == [((0,), (0, 1)), ((1,), (3,))]


def test_link_takes_a_passage_out_of_every_overlapping_group(diffed):
    p = project([((0,), (0,)), ((0,), (1,)), ((1,), (1,))])
    after = edits.link(p, [0], [3])
    assert pairs(after) == [((0,), (3,), "confirmed"), ((1,), (1,), "proposed")]
    assert after.comparison.only_b == (0, 2)


def test_link_needs_both_sides_and_existing_passages(diffed):
    p = project()
    with pytest.raises(EditError, match="each source"):
        edits.link(p, [0], [])
    with pytest.raises(EditError, match="no passage 9"):
        edits.link(p, [9], [0])


def test_unlink_frees_the_passages_without_diffing(diffed):
    after = edits.unlink(project(), 1)
    assert pairs(after) == [((0,), (0,), "proposed"), ((2,), (2,), "proposed")]
    assert after.comparison.only_a == (1,) and after.comparison.only_b == (1, 3)
    assert diffed == []
    with pytest.raises(EditError, match="no group 5"):
        edits.unlink(after, 5)


# -- merge / split / status --------------------------------------------------------------------

def test_merge_joins_two_groups(diffed):
    after = edits.merge(project(), 0, 1)
    assert pairs(after) == [((0, 1), (0, 1), "confirmed"), ((2,), (2,), "proposed")]
    merged = after.comparison.groups[0].group
    assert merged.reason == edits.MERGED and merged.score == 0.5  # the lower score
    assert diffed == [((0, 1), (0, 1))]
    with pytest.raises(EditError, match="two different"):
        edits.merge(after, 0, 0)


def test_split_makes_two_confirmed_groups(diffed):
    merged = project([((0, 1), (0, 1)), ((2,), (2,))])
    after = edits.split(merged, 0, [1], [0])
    assert pairs(after) == [((0,), (1,), "confirmed"), ((1,), (0,), "confirmed"), ((2,), (2,), "proposed")]
    assert {ag.group.reason for ag in after.comparison.groups[:2]} == {edits.SPLIT}
    assert {ag.group.score for ag in after.comparison.groups[:2]} == {0.5}


def test_split_with_a_one_sided_part_detaches_those_passages(diffed):
    merged = project([((0, 1), (0, 1)), ((2,), (2,))])
    after = edits.split(merged, 0, [1], [])
    assert pairs(after) == [((0,), (0, 1), "confirmed"), ((2,), (2,), "proposed")]
    assert after.comparison.only_a == (1,)


def test_split_refuses_foreign_or_all_passages(diffed):
    merged = project([((0, 1), (0, 1)), ((2,), (2,))])
    with pytest.raises(EditError, match="passages of the group"):
        edits.split(merged, 0, [2], [0])
    with pytest.raises(EditError, match="not all"):
        edits.split(merged, 0, [0, 1], [0, 1])
    with pytest.raises(EditError, match="not all"):
        edits.split(merged, 0, [], [])


def test_set_status_keeps_the_differences(diffed):
    before = project()
    after = edits.set_status(before, 2, "rejected")
    assert after.comparison.groups[2].group.status is GroupStatus.REJECTED
    assert after.comparison.groups[2].differences is before.comparison.groups[2].differences
    assert edits.set_status(after, 2, GroupStatus.CONFIRMED).comparison.groups[2].group.status \
        is GroupStatus.CONFIRMED
    assert diffed == []
    with pytest.raises(EditError, match="Unknown group status"):
        edits.set_status(before, 0, "maybe")


# -- notes -------------------------------------------------------------------------------------

def test_add_edit_remove_note():
    p = project()
    note = edits.make_note(p, "a", 0, 5, "who met whom", ["framing", " framing", ""])
    assert note.quote == "Putin" and note.tags == ("framing",)
    p1 = edits.add_note(p, note)
    p2 = edits.add_note(p1, Note("b", 0, 2, "", "quote filled in"))
    assert p2.notes[1].quote == "Xi"
    p3 = edits.edit_note(p2, 0, text="changed", tags=["omission"])
    assert p3.notes[0] == Note("a", 0, 5, "Putin", "changed", ("omission",))
    assert p2.notes[0].text == "who met whom"  # old project unchanged
    p4 = edits.remove_note(p3, 0)
    assert [n.text for n in p4.notes] == ["quote filled in"]
    with pytest.raises(EditError, match="no note 3"):
        edits.remove_note(p4, 3)


def test_add_note_refuses_a_wrong_quote_or_range():
    p = project()
    with pytest.raises(EditError, match="does not match"):
        edits.add_note(p, Note("a", 0, 5, "Xi", "x"))
    with pytest.raises(EditError, match="outside source"):
        edits.add_note(p, Note("a", 0, 10_000, "", "x"))


def test_passage_note_covers_the_passage_and_is_found_by_group():
    p = project()
    note = edits.passage_note(p, "b", 1, "numbers differ", ("factual discrepancy",))
    assert note.quote == "They signed 14 deals."
    p = edits.add_note(p, note)
    assert p.notes_for_group(1) == (0,)


# -- sources and settings ----------------------------------------------------------------------

def test_set_metadata_and_update_settings():
    p = project()
    meta = Metadata(title="Новости", outlet="ТАСС", authors=("Мария Иванова",))
    p2 = edits.update_settings(edits.set_metadata(p, "b", meta), title="Briefing 2", style="mla")
    assert p2.comparison.b.metadata == meta and p2.comparison.b.text == p.comparison.b.text
    assert p2.settings.title == "Briefing 2" and p2.settings.style == "mla"


def test_swap_mirrors_everything_and_twice_is_identity():
    p = edits.add_note(edits.set_status(project([((0,), (0, 1)), ((2,), (2,))]), 0, "confirmed"),
                       Note("a", 0, 5, "Putin", "n"))
    s = edits.swap(p)
    assert s.comparison.a == p.comparison.b and s.comparison.passages_a == p.comparison.passages_b
    assert pairs(s) == [((0, 1), (0,), "confirmed"), ((2,), (2,), "proposed")]
    d_old, d_new = p.comparison.groups[0].differences[0], s.comparison.groups[0].differences[0]
    assert (d_new.a_start, d_new.a_text, d_new.b_text) == (d_old.b_start, d_old.b_text, d_old.a_text)
    assert s.notes[0].side == Which(1)
    assert s.comparison.only_a == (3,) and s.comparison.only_b == (1,)
    assert edits.swap(s) == p


def test_swap_turns_deletions_into_insertions():
    p = project()
    g = p.comparison.groups[0]
    deletion = replace(g.differences[0], op=DiffOp.DELETE)
    p = replace(p, comparison=replace(p.comparison, groups=(replace(g, differences=(deletion,)),
                                                            *p.comparison.groups[1:])))
    assert edits.swap(p).comparison.groups[0].differences[0].op is DiffOp.INSERT


# -- realign -----------------------------------------------------------------------------------

def reviewed_project() -> Project:
    """a0-b0 confirmed, a1-b1 rejected, a2-b2 proposed; notes on a2 and on b3."""
    p = project(statuses={0: GroupStatus.CONFIRMED, 1: GroupStatus.REJECTED})
    p = edits.add_note(p, edits.passage_note(p, "a", 2, "shorter in B", ["omission"]))
    return edits.add_note(p, edits.make_note(p, "b", *_span(p, "b", "Protests"), "only B"))


def _span(p: Project, side: str, words: str) -> tuple[int, int]:
    text = p.source(side).text
    return text.index(words), text.index(words) + len(words)


def test_realign_keeps_verdicts_and_drops_proposals_already_judged(diffed):
    p = reviewed_project()
    new = comparison(groups=[Group((0,), (0,), 0.9, "new"), Group((1,), (1,), 0.8, "new"),
                             Group((0,), (3,), 0.3, "new"), Group((2,), (2,), 0.4, "new")])
    problems: list[str] = []
    after = edits.realign(p, new, problems=problems)
    assert pairs(after) == [((0,), (0,), "confirmed"), ((0,), (3,), "proposed"),
                            ((1,), (1,), "rejected"), ((2,), (2,), "proposed")]
    assert after.comparison.groups[0].group.score == 0.5  # the verdict's group, not the new proposal
    assert after.comparison.groups[0].differences == p.comparison.groups[0].differences
    assert after.comparison.groups[3].group.score == 0.4  # the new proposal replaces the old one
    assert after.comparison.only_b == ()
    assert after.notes == p.notes and problems == []
    assert diffed == []  # everything could be reused


def test_realign_keeps_manual_links_exclusive_and_takes_the_new_options(diffed):
    p = edits.link(project(), [2], [3])
    options = AlignOptions(threshold=0.3)
    new = comparison(groups=[((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((1,), (3,))], options=options)
    after = edits.realign(p, new)
    # a2-b2 lost a2 to the manual link; a1-b3 keeps a1 and becomes empty on B: both dissolve
    assert pairs(after) == [((0,), (0,), "proposed"), ((1,), (1,), "proposed"), ((2,), (3,), "confirmed")]
    assert after.comparison.only_b == (2,)
    assert after.settings.options == options and after.settings.title == p.settings.title


def test_realign_on_an_edited_source_moves_groups_and_notes(diffed):
    p = reviewed_project()
    edited_a = [["Breaking news."], A_PARAS[0]]  # a new first paragraph; "The talks..." is gone
    new = comparison(edited_a, None, groups=[((1,), (0,)), ((2,), (1,))])
    problems: list[str] = []
    after = edits.realign(p, new, problems=problems)
    assert pairs(after) == [((1,), (0,), "confirmed"), ((2,), (1,), "rejected")]
    # the kept groups coincide with the new proposals: their fresh differences are taken
    assert [ag.differences for ag in after.comparison.groups] == [ag.differences for ag in new.groups]
    assert diffed == []
    assert [n.text for n in after.notes] == ["only B"]  # the note on "The talks..." is gone
    assert after.notes[0] == p.notes[1]
    assert len(problems) == 1 and "The talks lasted two days." in problems[0]


def test_realign_reanchors_a_note_whose_words_moved(diffed):
    p = reviewed_project()
    p = edits.add_note(p, edits.make_note(p, "a", *_span(p, "a", "12 agreements"), "number"))
    new = comparison([["Breaking news."], *A_PARAS], None, groups=[((2,), (0,))])
    after = edits.realign(p, new)
    moved = [n for n in after.notes if n.text == "number"][0]
    assert new.a.text[moved.start:moved.end] == "12 agreements"
    assert moved.start == p.notes[2].start + len("Breaking news.\n\n")
    # a0-b0 (confirmed) is now a1-b0, which no proposal had: its differences are computed anew
    assert ((1,), (0,)) in diffed


def test_realign_reports_a_confirmed_group_whose_passages_vanished(diffed):
    p = reviewed_project()
    paragraphs = comparison(groups=[((0,), (0,))],
                            options=AlignOptions(granularity=Granularity.PARAGRAPH))
    a, pa = source([["Putin met Xi in Moscow. They signed 12 agreements."], ["The talks lasted two days."]])
    new = replace(paragraphs, a=replace(paragraphs.a, text=a.text), passages_a=pa)
    problems: list[str] = []
    after = edits.realign(p, new, problems=problems)
    assert GroupStatus.CONFIRMED not in {ag.group.status for ag in after.comparison.groups}
    assert any("confirmed group" in m and "para. 1, sent. 1" in m for m in problems)


def test_realign_follows_swapped_sources(diffed):
    p = reviewed_project()
    swapped = edits.swap(p).comparison
    new = replace(swapped, groups=(), only_a=tuple(range(4)), only_b=tuple(range(3)))
    after = edits.realign(p, new)
    assert pairs(after) == [((0,), (0,), "confirmed"), ((1,), (1,), "rejected")]
    assert {n.side for n in after.notes if n.text == "only B"} == {Which(0)}


# -- the real pipeline -------------------------------------------------------------------------

def test_link_through_the_real_word_differ():
    p = edits.link(project(), [1], [1])
    diffs = p.comparison.groups[1].differences
    assert diffs, "12 agreements vs 14 deals must differ"
    a, b = p.comparison.a.text, p.comparison.b.text
    for d in diffs:
        assert a[d.a_start:d.a_end] == d.a_text and b[d.b_start:d.b_end] == d.b_text
    assert any("12" in d.a_text and "14" in d.b_text for d in diffs)


def test_passage_invariant_holds_in_the_fixture():
    _, passages = source([["Ab.", "Cd."], ["Ef."]])
    assert passages[2] == Passage(2, 9, 12, "Ef.", 2, 1)


def test_realign_the_seeds_with_other_options_keeps_the_work(seed_comparison):
    from desktop.core.pipeline import compare

    p = Project.new(seed_comparison)
    p = edits.set_status(p, 0, "confirmed")
    confirmed = p.comparison.groups[0].group
    p = edits.link(p, [p.comparison.only_a[0]], [p.comparison.only_b[0]])
    manual = next(ag.group for ag in p.comparison.groups if ag.group.reason == edits.LINKED)
    p = edits.add_note(p, edits.passage_note(p, "b", 1, "check this", ["framing"]))
    stricter = compare(seed_comparison.a, seed_comparison.b, AlignOptions(threshold=0.25))
    problems: list[str] = []
    after = edits.realign(p, stricter, problems=problems)
    kept = {(ag.group.a, ag.group.b, ag.group.status) for ag in after.comparison.groups}
    assert (confirmed.a, confirmed.b, GroupStatus.CONFIRMED) in kept
    assert (manual.a, manual.b, GroupStatus.CONFIRMED) in kept
    assert after.notes == p.notes and problems == []
    assert after.settings.options.threshold == 0.25
