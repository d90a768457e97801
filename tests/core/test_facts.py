"""Facts across many sources: pairwise groups reconciled by hand-checked rules (``align.facts``)."""

from __future__ import annotations

import pytest

from desktop.core.align.facts import align_many, project, reconcile, source_pairs
from desktop.core.model import Fact, FactView, ManyComparison, Which
from desktop.core.model import Group as G


def g(a: tuple[int, ...], b: tuple[int, ...], score: float) -> G:
    return G(a, b, score)


def members(facts: list[Fact]) -> list[tuple]:
    return [f.members for f in facts]


def test_two_sources_give_exactly_the_pairwise_groups_and_the_unmatched_passages():
    facts = reconcile([3, 4], [((0, 1), [g((0,), (0,), .9), g((0,), (2,), .8), g((1,), (1,), .7)])])
    assert members(facts) == [
        ((0, (0,)), (1, (0,))),
        ((0, (0,)), (1, (2,))),  # a lead linked to scattered sentences: two facts, not one
        ((0, (1,)), (1, (1,))),
        ((0, (2,)),),
        ((1, (3,)),),
    ]


def test_a_link_confirmed_by_every_compared_pair_joins_three_sources():
    aligned = [((0, 1), [g((0,), (0,), .9)]), ((1, 2), [g((0,), (1,), .8)]), ((0, 2), [g((0,), (1,), .7)])]
    facts = reconcile([1, 1, 2], aligned)
    assert members(facts)[0] == ((0, (0,)), (1, (0,)), (2, (1,)))
    assert facts[0].score == .9


def test_a_chain_whose_ends_the_engine_found_unrelated_stays_apart():
    # A0-B0 and B0-C1 are linked, but A and C were compared and A0-C1 was not linked.
    aligned = [((0, 1), [g((0,), (0,), .9)]), ((1, 2), [g((0,), (1,), .8)]), ((0, 2), [])]
    facts = reconcile([1, 1, 2], aligned)
    assert ((0, (0,)), (1, (0,))) in members(facts)
    assert ((1, (0,)), (2, (1,))) in members(facts)
    assert project(facts, 0, 2) == set()
    assert reconcile([1, 1, 2], aligned, min_support=0.0)[0].members == ((0, (0,)), (1, (0,)), (2, (1,)))


def test_a_join_that_would_scatter_a_sources_run_is_refused():
    # B0 and B2 are not neighbours: one fact cannot hold both.
    aligned = [((0, 1), [g((0,), (0,), .9)]), ((0, 2), [g((0,), (0,), .8)]), ((1, 2), [g((2,), (0,), .7)])]
    facts = reconcile([1, 3, 1], aligned, min_support=0.0)
    for fact in facts:
        runs = fact.passages(1)
        assert not runs or max(runs) - min(runs) + 1 == len(runs)


def test_source_pairs_all_and_pivot():
    assert source_pairs(3, "all") == [(0, 1), (0, 2), (1, 2)]
    assert source_pairs(3, "pivot") == [(0, 1), (0, 2)]
    with pytest.raises(ValueError, match="unknown"):
        source_pairs(3, "ring")


def test_align_many_on_empty_and_one_passage_sources_never_fails():
    result = align_many([[], ["Only one sentence here."], []])
    assert [f.members for f in result.facts] == [((1, (0,)),)]
    assert result.pairs == ((0, 1), (0, 2), (1, 2))


def test_which_letters_and_parsing():
    assert Which(0).letter == "A" and Which(2).key == "c"
    assert Which.parse("b") == Which(1) and Which(1).of(("x", "y")) == "y"
    with pytest.raises(ValueError):
        Which.parse("ab")
    with pytest.raises(ValueError):
        Which(-1)


def test_only_in_and_omitted_by():
    def view(*members: tuple[int, tuple[int, ...]]) -> FactView:
        return FactView(Fact(tuple(members), 0.5), members[0][0], ())

    facts = (view((0, (0,)), (1, (0,)), (2, (0,))), view((1, (1,)), (2, (1,))), view((2, (2,)),))
    many = ManyComparison(sources=(None,) * 3, passages=((), (), ()), facts=facts)  # type: ignore[arg-type]
    assert many.only_in(2) == (2,)
    assert many.omitted_by(0) == (1,)  # B and C report it, A does not
    assert many.omitted_by(2) == ()
    assert many.reported_by(1) == (0, 1)


def test_forked_workers_give_the_same_facts_as_one_process():
    from dataclasses import replace

    from desktop.core.align.tuning import DEFAULT_TUNING

    docs = [["The storm hit the coast on Monday.", "Two bridges collapsed."],
            ["Two bridges collapsed after the storm.", "The mayor asked for help."],
            ["The mayor asked the state for help.", "A storm hit the coast Monday."]]
    alone = align_many(docs)
    forked = align_many(docs, tuning=replace(DEFAULT_TUNING, workers=2))
    assert forked.facts == alone.facts and forked.runs == alone.runs
