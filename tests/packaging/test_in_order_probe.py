"""``benchmarks/in_order_probe.py``'s monotone pass on hand-made span cosines."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import in_order_probe as probe  # noqa: E402


def cosines() -> tuple[np.ndarray, np.ndarray]:
    """Two sentences of A, three of B; every span pair not set here has cosine 0."""
    one_to_b = np.zeros((2, probe.MAX_SPAN, 3))
    a_to_one = np.zeros((probe.MAX_SPAN, 2, 3))
    one_to_b[:, 0, :] = [[0.6, 0.2, 0.0], [0.0, 0.1, 0.8]]  # sentence against sentence
    one_to_b[0, 1, 0] = 0.7  # a0 against b0 b1
    one_to_b[1, 1, 1] = 0.75  # a1 against b1 b2
    a_to_one[1, 0, 2] = 0.55  # a0 a1 against b2
    return one_to_b, a_to_one


def test_the_best_in_order_units_by_hand():
    # Threshold (z = 0): the mean of the six 1:1 cosines, 1.7 / 6 = .283. Gains (gamma .5):
    # a0-b0b1 (.7 - .283) * 3 ** .5 = .722, a1-b2 (.8 - .283) * 2 ** .5 = .731: total 1.452,
    # against a0-b0 .448 + a1-b1b2 (.75 - .283) * 3 ** .5 = .808 (1.256) and a0a1-b2 .462.
    assert probe.best_units(*cosines(), z=0.0, gamma=0.5) == [([0], [0, 1]), ([1], [2])]


def test_nothing_above_the_threshold_leaves_every_sentence_unaligned():
    # z = 5: the threshold is .283 + 5 * .308 = 1.82, above every cosine.
    assert probe.best_units(*cosines(), z=5.0, gamma=0.5) == []
