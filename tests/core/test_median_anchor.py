"""The vectorised median anchor score (groups.median_anchor) decides the mode of a run exactly as
the grouper's anchors would: the same mutual best partners, ties broken the same way."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from desktop.core.align import groups
from desktop.core.align.candidates import Pairs
from desktop.core.align.tuning import DEFAULT_TUNING


def grouper_median(pairs: Pairs, n: int, m: int) -> float:
    space = SimpleNamespace(a=SimpleNamespace(n=n), b=SimpleNamespace(n=m))
    grouper = groups.Grouper(space, pairs, DEFAULT_TUNING, lambda: None)  # type: ignore[arg-type]
    grouper.anchors()
    return grouper.median_anchor()


def test_by_hand_ties_go_to_the_closest_relative_position():
    # A0 and A2 both score 0.5 with B1. B1 stands at 1/3, A0 at 0 and A2 at 2/3: a third apart
    # each (A0 a hair closer in floating point, and the lower index besides), so B1's best is A0.
    # A2's best is B1 but B1's is A0: no anchor. A1-B2 0.3 is mutual. Mutual scores: 0.5, 0.3.
    pairs = Pairs(np.array([0, 1, 2]), np.array([1, 2, 1]), np.array([0.5, 0.3, 0.5]))
    # scale = 0.5 (the upper median), threshold max(0.12, min(0.25 * 0.5, 0.3)) = 0.125: both anchor
    assert groups.median_anchor(pairs, 3, 3, DEFAULT_TUNING) == 0.5 == grouper_median(pairs, 3, 3)


@pytest.mark.parametrize("seed", range(40))
def test_same_median_as_the_grouper_on_random_pairs_with_many_ties(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 25)), int(rng.integers(1, 25))
    keys = np.unique(rng.integers(0, n * m, int(rng.integers(0, n * m + 1))))
    s = rng.choice([0.0, 0.1, 0.2, 0.5, 0.9, 1.0], len(keys))
    pairs = Pairs(keys // m, keys % m, s)
    assert groups.median_anchor(pairs, n, m, DEFAULT_TUNING) == grouper_median(pairs, n, m)
