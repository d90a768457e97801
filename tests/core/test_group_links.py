"""Tests of how same-fact links become groups (desktop.core.align.engine.group_links)."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.align.engine import group_links


def groups_of(links: list[tuple[int, int, float]]):
    pi, pj, p = (np.array(x) for x in zip(*links, strict=True)) if links else (np.zeros(0, int),) * 3
    return group_links(pi, pj, p)


def expanded(groups) -> set[tuple[int, int]]:
    return {(i, j) for a, b, _ in groups for i in a for j in b}


@pytest.mark.parametrize("links, expected", [
    # a contiguous run of A linked to the same consecutive B passages: one n:m group, best score
    ([(0, 0, 0.5), (0, 1, 0.6), (1, 0, 0.7), (1, 1, 0.55)], [([0, 1], [0, 1], 0.7)]),
    # one A passage linked to two B passages that are not consecutive: two groups
    ([(0, 0, 0.5), (0, 2, 0.6)], [([0], [0], 0.5), ([0], [2], 0.6)]),
    # two A passages with the same partner that are not consecutive: two groups
    ([(0, 3, 0.5), (2, 3, 0.6)], [([0], [3], 0.5), ([2], [3], 0.6)]),
    # consecutive A passages with different partners: separate groups
    ([(0, 0, 0.5), (1, 1, 0.6)], [([0], [0], 0.5), ([1], [1], 0.6)]),
    # 1:n with consecutive B passages, then a run split by B: [4, 5] joins, 7 stands alone
    ([(3, 4, 0.9), (3, 5, 0.8), (3, 7, 0.4)], [([3], [4, 5], 0.9), ([3], [7], 0.4)]),
    ([], []),
])
def test_links_become_groups(links, expected):
    groups = groups_of(links)
    assert [(a, b, pytest.approx(s)) for a, b, s in groups] == expected
    assert expanded(groups) == {(i, j) for i, j, _ in links}


def test_input_order_does_not_matter():
    links = [(1, 1, 0.7), (0, 0, 0.5), (1, 0, 0.6), (0, 1, 0.55), (5, 9, 0.8)]
    assert groups_of(links) == groups_of(sorted(links))
    assert groups_of(links) == [([0, 1], [0, 1], 0.7), ([5], [9], 0.8)]
