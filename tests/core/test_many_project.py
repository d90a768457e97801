"""ManyProject: look-ups by source, and the two-source project as its N = 2 case (both ways)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from projkit import many_project, project, release_v1_project

from desktop.core.model import DiffOp, GroupStatus, Note, ParallaxError, Which
from desktop.core.project.many import from_pair, mirrored, to_pair
from desktop.core.project.state import Project

A, B, C = Which.all(3)


def test_look_ups_take_a_which_a_letter_or_an_index():
    p = many_project()
    assert p.count == 3 and p.source(C) is p.source("c") is p.source(2) is p.comparison.sources[2]
    assert p.facts_for_passage(C, 1) == (3,) and p.facts_for_passage("b", 3) == (3,)
    assert p.facts_for_passage(A, 1) == (1,)
    with pytest.raises(ValueError, match="there is no source D: the project compares 3"):
        p.passages("d")
    with pytest.raises(IndexError):
        p.notes_for_passage(C, 9)


def test_a_note_spanning_two_passages_of_c_belongs_to_both_and_to_their_facts():
    p = many_project()
    first, second = p.passages(C)[0], p.passages(C)[1]
    note = Note("c", first.end - 3, second.start + 3, p.source(C).text[first.end - 3:second.start + 3], "x")
    p = replace(p, notes=(note,))
    assert note.side == C
    assert p.notes_for_passage(C, 0) == (0,) and p.notes_for_passage(C, 1) == (0,)
    assert p.notes_for_passage(A, 0) == () and p.notes_for_fact(0) == (0,) and p.notes_for_fact(3) == (0,)


def test_a_note_leads_to_the_fact_of_the_first_passage_it_touches():
    p = many_project()
    first, second = p.passages(C)[0], p.passages(C)[1]
    text = p.source(C).text
    spanning = Note("c", first.end - 3, second.start + 3, text[first.end - 3:second.start + 3], "x")
    inside = Note("c", second.start, second.start + 2, p.source(C).text[second.start:second.start + 2], "y")
    p = replace(p, notes=(spanning, inside))
    assert p.note_passages(0) == (0, 1) and p.note_passages(1) == (1,)
    assert p.fact_of_note(0) == p.facts_for_passage(C, 0)[0] == 0
    assert p.fact_of_note(1) == p.facts_for_passage(C, 1)[0] == 3


def test_a_two_source_project_converts_to_facts_and_back_unchanged():
    pair = release_v1_project()
    many = from_pair(pair)
    assert many.count == 2 and [v.reference for v in many.facts] == [0, 0, 0, 0]
    assert many.facts[1].wordings[1].differences == pair.comparison.groups[1].differences
    assert to_pair(many) == pair
    small = project(pairs=[((0,), (0,))], statuses={0: GroupStatus.CONFIRMED})
    converted = from_pair(small)
    assert [v.fact.members for v in converted.facts] == [((0, (0,)), (1, (0,))), ((0, (1,)),), ((0, (2,)),),
                                                         ((1, (1,)),), ((1, (2,)),), ((1, (3,)),)]
    assert converted.comparison.only_in(0) == (1, 2) and to_pair(converted) == small


def test_differences_against_b_are_turned_round_for_the_pair_view():
    pair = release_v1_project()
    many = from_pair(pair)
    view = many.facts[1]
    against_b = replace(view, reference=1, wordings=(replace(view.wordings[0], differences=tuple(
        mirrored(d) for d in view.wordings[1].differences)), replace(view.wordings[1], differences=())))
    flipped = replace(many, comparison=replace(many.comparison, reference=1,
                                               facts=(many.facts[0], against_b, *many.facts[2:])))
    assert to_pair(flipped).comparison.groups[1].differences == pair.comparison.groups[1].differences
    assert mirrored(mirrored(view.wordings[1].differences[0])) == view.wordings[1].differences[0]
    assert replace(view.wordings[1].differences[0], op=DiffOp.DELETE).op is not mirrored(
        replace(view.wordings[1].differences[0], op=DiffOp.DELETE)).op


def test_three_sources_do_not_make_a_pair():
    with pytest.raises(ParallaxError, match="compares 3 sources"):
        to_pair(many_project())
    assert isinstance(to_pair(from_pair(release_v1_project())), Project)


def test_which_operations_the_project_layer_uses():
    assert Which.coerce("C") == Which.coerce(2) == Which.coerce(C) == C
    assert Which.all(3) == (A, B, C) and A.other == B and B.other == A
    with pytest.raises(ValueError, match="not one of a pair"):
        _ = C.other
    with pytest.raises(TypeError, match="not a source: 1.5"):
        Which.coerce(1.5)
    with pytest.raises(ValueError, match="not a source letter"):
        Note("ab", 0, 0, "", "")
    assert Note("c", 0, 0, "", "").side == C and sorted([C, A, B]) == [A, B, C]
