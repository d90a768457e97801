"""``pipeline.compare_many``: two sources give the pairwise result; wordings are diffed against
the reference source; bad counts are refused."""

from __future__ import annotations

import pytest
from builders import source

from desktop.core.model import DiffKind, ParallaxError
from desktop.core.pipeline import compare, compare_many

A = [["The ministry said 12 people died in the floods on Monday."], ["Rescue teams reached the valley."]]
B = [["Officials said 14 people died in the floods on Monday."], ["Schools will reopen next week."]]
C = [["The ministry said 12 people died in the floods on Monday."], ["Rescue teams reached the valley."]]


def test_two_sources_give_the_groups_of_the_pairwise_comparison():
    (a, _), (b, _) = source(A), source(B)
    pairwise = compare(a, b)
    many = compare_many([a, b])
    linked = [v.fact for v in many.facts if len(v.fact.sources) == 2]
    expected = [(g.group.a, g.group.b) for g in pairwise.groups]
    assert [(f.passages(0), f.passages(1)) for f in linked] == expected


def test_wordings_are_diffed_against_the_reference_source():
    sources = [source(p)[0] for p in (A, B, C)]
    many = compare_many(sources, reference=1)
    flood = next(v for v in many.facts if len(v.fact.sources) == 3)
    assert flood.reference == 1
    by_source = {w.source: w for w in flood.wordings}
    assert by_source[1].differences == ()
    assert by_source[0].count(DiffKind.NUMBER) == 1  # 14 (reference) -> 12
    numbers = [d for d in by_source[2].differences if d.kind is DiffKind.NUMBER]
    assert [(d.a_text, d.b_text) for d in numbers] == [("14", "12")]


def test_a_fact_the_reference_does_not_report_is_diffed_against_its_first_source():
    sources = [source(p)[0] for p in (A, B, C)]
    many = compare_many(sources, reference=1)
    rescue = next(v for v in many.facts
                  if v.fact.sources == (0, 2) and v.fact.passages(0) == v.fact.passages(2) == (1,))
    assert rescue.reference == 0
    assert many.facts.index(rescue) in many.omitted_by(1)
    assert all(1 not in many.facts[k].fact.sources for k in many.omitted_by(1))


@pytest.mark.parametrize("count", [1, 13])
def test_a_comparison_holds_two_to_twelve_sources(count):
    with pytest.raises(ParallaxError, match="2 to 12 sources"):
        compare_many([source(A)[0]] * count)


def test_sources_whose_pairwise_work_is_over_the_limit_are_refused(monkeypatch):
    from desktop.core import limits
    from desktop.core.model import SourceError

    monkeypatch.setattr(limits, "MAX_PASSAGES", 2)  # two sources of 2 passages: work 4
    sources = [source(p)[0] for p in (A, B, C)]  # 2 passages each: work 12
    with pytest.raises(SourceError, match="3 sources have 6 passages in all"):
        compare_many(sources)


def test_a_pair_of_sources_shows_the_facts_both_report_with_their_verdicts():
    from dataclasses import replace

    from desktop.core.model import GroupStatus
    from desktop.core.pipeline import pair_of

    many = compare_many([source(p)[0] for p in (A, B, C)])
    rescue = next(k for k, v in enumerate(many.facts)
                  if v.fact.sources == (0, 2) and v.fact.passages(0) == v.fact.passages(2) == (1,))
    view = many.facts[rescue]
    rejected = replace(view, fact=replace(view.fact, status=GroupStatus.REJECTED))
    many = replace(many, facts=many.facts[:rescue] + (rejected,) + many.facts[rescue + 1:])
    pair = pair_of(many, 0, 2)
    shared = [v.fact for v in many.facts if {0, 2} <= set(v.fact.sources)]
    assert sorted((g.group.a, g.group.b, g.group.status) for g in pair.groups) == \
        sorted((f.passages(0), f.passages(2), f.status) for f in shared)
    assert GroupStatus.REJECTED in [g.group.status for g in pair.groups]
    assert pair.a is many.sources[0] and pair.b is many.sources[2]
    assert pair.run == many.runs[many.pairs.index((0, 2))]
    assert sorted(g.group.a for g in pair_of(many, 2, 0).groups) == sorted(f.passages(2) for f in shared)
