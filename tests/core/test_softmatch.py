"""Tests of the soft word recall (desktop.core.align.softmatch) on hand-made word lists."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.align import softmatch


def unit_vectors(words: list[str]) -> np.ndarray:
    """A vector per word: "car" and "vehicle" point the same way, every other word its own way."""
    axis = {"car": 0, "vehicle": 0, "killed": 1, "police": 2, "fire": 3, "rain": 4}
    out = np.zeros((len(words), 5), dtype=np.float32)
    for k, w in enumerate(words):
        out[k, axis[w]] = 1.0
    return out


WORDS_A = [["police", "killed", "police"], [], ["car", "fire"]]
WORDS_B = [["vehicle", "fire", "rain"], ["police"]]
PI, PJ = np.array([0, 0, 2, 2, 1]), np.array([0, 1, 0, 1, 1])


def test_recall_with_related_words():
    rec_a, rec_b = softmatch.recall(WORDS_A, WORDS_B, PI, PJ, unit_vectors)
    # a0 in b0: police 0, killed 0, police 0; a0 in b1: 1, 0, 1 (mean 2/3); a2 in b0: car~vehicle 1, fire 1
    assert rec_a.tolist() == pytest.approx([0.0, 2 / 3, 1.0, 0.0, 0.0])
    assert rec_b.tolist() == pytest.approx([0.0, 1.0, 2 / 3, 0.0, 0.0])


def test_exact_recall_counts_the_distinct_words_both_passages_have(monkeypatch):
    monkeypatch.setattr(softmatch, "MAX_WORD_PAIRS", 0)  # too large for the word matrix
    rec_a, rec_b = softmatch.recall(WORDS_A, WORDS_B, PI, PJ, unit_vectors)
    # distinct words: a0 {police, killed}, a2 {car, fire}; b0 {vehicle, fire, rain}, b1 {police}
    assert rec_a.tolist() == [0.0, 1 / 2, 1 / 2, 0.0, 0.0]
    assert rec_b.tolist() == [0.0, 1.0, 1 / 3, 0.0, 0.0]
