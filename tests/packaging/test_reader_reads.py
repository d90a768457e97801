"""``benchmarks/reader_reads.py``'s figures: link-level P/R/F1 and the sentence-level only-in
figure, on a hand-computed pair."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import reader_reads  # noqa: E402


def test_figures_of_one_pair_by_hand():
    # A has 2 sentences, B 3. Gold: (0,0), (1,2). Predicted: (0,0), (0,1).
    example = {"sents_a": ["a0", "a1"], "sents_b": ["b0", "b1", "b2"], "gold": [[0, 0], [1, 2]],
               "complete": True}
    pi = np.array([0, 0, 0, 1, 1, 1])
    pj = np.array([0, 1, 2, 0, 1, 2])
    gold = np.array([1, 0, 0, 0, 0, 1], dtype=np.int8)
    pred = np.array([True, True, False, False, False, False])
    line = reader_reads.figures([example], [(pi, pj, None, gold, False)], [pred])
    # Links: tp 1, fp 1, fn 1 -> P .5, R .5, F1 .5.
    # Sentences linked, gold: a0 a1 | b0 b2; predicted: a0 | b0 b1.
    # "linked": gold 4, predicted 3, both 2 -> 4/7; "only in one": gold 1 (b1), predicted 2
    # (a1, b2), both 0 -> 0. Mean 2/7 = .286.
    assert line == "P 0.500 R 0.500 F1 0.500 only-in 0.286"

