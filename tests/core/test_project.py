"""Project: look-ups by passage and group."""

from __future__ import annotations

import pytest
from projkit import comparison, project

from desktop.core.model import GroupStatus, Note, Which
from desktop.core.project.state import Project, ProjectSettings


def test_new_takes_the_comparison_options_and_settings():
    c = comparison(groups=[((0,), (0,))])
    p = Project.new(c, title="T", analyst="Ann", style="mla")
    assert p.settings == ProjectSettings("T", "Ann", "mla", c.options)
    assert p.notes == ()


def test_groups_for_passage_finds_the_group_index_or_nothing():
    p = project([((0, 1), (1,)), ((2,), (2, 3))])
    assert p.groups_for_passage("a", 1) == (0,)
    assert p.groups_for_passage("b", 3) == (1,)
    assert p.groups_for_passage("b", 0) == ()  # unmatched
    overlapping = project([((0,), (0,)), ((0,), (1,)), ((1,), (1,))])
    assert overlapping.groups_for_passage("a", 0) == (0, 1)
    assert overlapping.groups_for_passage("b", 1) == (1, 2)


def test_notes_for_passage_and_group_use_overlap():
    p = project()
    a = p.comparison.a
    second = p.comparison.passages_a[1]
    across = Note("a", second.start - 5, second.start + 4, a.text[second.start - 5:second.start + 4], "x")
    inside = Note("a", second.start, second.start + 4, "They", "y")
    on_b = Note("b", 0, 2, "Xi", "z")
    at_end = Note("a", second.end, second.end, "", "empty note right after the passage")
    p = Project(p.comparison, (across, inside, on_b, at_end), p.settings)
    assert p.notes_for_passage("a", 0) == (0,)
    assert p.notes_for_passage("a", 1) == (0, 1)
    assert p.notes_for_passage("b", 0) == (2,)
    assert p.notes_for_passage("a", 2) == ()
    assert p.notes_for_group(1) == (0, 1)  # group a1-b1


def test_bad_side_is_refused_and_reviewed_count_counts_verdicts():
    p = project(statuses={0: GroupStatus.CONFIRMED, 2: GroupStatus.REJECTED})
    assert p.reviewed_count() == 2
    with pytest.raises(ValueError, match="sources A and B, not C"):
        p.groups_for_passage("c", 0)
    with pytest.raises(ValueError, match="not a source letter"):
        p.source("ab")
    assert p.source(Which(1)) is p.source("b") is p.comparison.b
    assert p.groups_for_passage(Which(0), 0) == p.groups_for_passage("a", 0) == (0,)
