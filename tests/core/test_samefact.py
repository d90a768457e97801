"""Tests of the same-fact model reader (desktop.core.align.samefact) on a hand-written model."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from desktop.core.align import samefact
from desktop.core.align.pairfeatures import FEATURES

# Tree 1 (3 nodes): x <= 1 -> +1.0 else -1.0; a missing x goes left.
# Tree 2 (5 nodes): y <= 0 -> -0.5, else (x <= 3 -> +2.0 else +0.25); a missing y goes right,
# a missing x at node 2 goes left.
MODEL = {
    "format": "parallax-trees", "version": 1, "features": ["x", "y"], "baseline": -0.5,
    "trees": [
        {"feature": [0, 0, 0], "threshold": [1.0, 0.0, 0.0], "left": [1, 0, 0], "right": [2, 0, 0],
         "missing_left": [True, False, False], "leaf": [False, True, True], "value": [0.0, 1.0, -1.0]},
        {"feature": [1, 0, 0, 0, 0], "threshold": [0.0, 0.0, 3.0, 0.0, 0.0], "left": [1, 0, 3, 0, 0],
         "right": [2, 0, 4, 0, 0], "missing_left": [False, False, True, False, False],
         "leaf": [False, True, False, True, True], "value": [0.0, -0.5, 0.0, 2.0, 0.25]},
    ],
    "fit": {"threshold": 0.4},
}


def logistic(raw: float) -> float:
    return 1.0 / (1.0 + math.exp(-raw))


def test_probabilities_by_hand():
    trees = samefact.from_json(MODEL)
    x = np.array([
        [0.0, -1.0],  # +1.0 - 0.5:          raw -0.5 + 0.5 = 0
        [1.0, 0.0],   # on both thresholds: left, left: same as above
        [2.0, 1.0],   # -1.0 + 2.0:          raw 0.5
        [5.0, 1.0],   # -1.0 + 0.25:         raw -1.25
    ])
    assert trees.probability(x) == pytest.approx([0.5, 0.5, logistic(0.5), logistic(-1.25)])
    assert trees.features == ("x", "y") and trees.fit == {"threshold": 0.4}


def test_missing_values_follow_missing_left():
    trees = samefact.from_json(MODEL)
    x = np.array([
        [np.nan, np.nan],  # tree 1 left (+1.0); tree 2 right, then left at node 2 (+2.0): raw 2.5
        [np.nan, -1.0],    # +1.0 - 0.5: raw 0
        [5.0, np.nan],     # -1.0; tree 2 right, x > 3: +0.25: raw -1.25
    ])
    assert trees.probability(x) == pytest.approx([logistic(2.5), 0.5, logistic(-1.25)])


def test_rows_without_missing_values_score_the_same_in_either_walk():
    """Without a NaN the distinct tests are computed once and spread to the nodes; with one, every
    node is tested: the rows without NaN get the same bits either way."""
    trees = samefact.from_json(MODEL)
    x = np.random.default_rng(0).normal(scale=3.0, size=(50, 2)).round(1)
    with_nan = np.vstack([x, [[np.nan, np.nan]]])
    assert trees.probability(x).tobytes() == trees.probability(with_nan)[:-1].tobytes()


def test_no_rows_no_probabilities():
    assert samefact.from_json(MODEL).probability(np.zeros((0, 2))).shape == (0,)


@pytest.mark.parametrize("change", [{"format": "sklearn"}, {"version": 2}, {"format": None}])
def test_other_formats_are_refused(change):
    with pytest.raises(ValueError, match="not a parallax-trees model"):
        samefact.from_json({**MODEL, **change})


@pytest.mark.parametrize("content", ["{not json", json.dumps({**MODEL, "version": 3}),
                                     json.dumps({k: v for k, v in MODEL.items() if k != "trees"})])
def test_a_bad_model_file_is_one_clear_error_naming_the_file(tmp_path, content):
    path = tmp_path / "broken-model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken-model\.json: cannot read the same-fact model"):
        samefact.load(path)


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match=r"absent\.json: cannot read the same-fact model"):
        samefact.load(tmp_path / "absent.json")


def test_a_written_model_file_is_read(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(MODEL), encoding="utf-8")
    assert samefact.load(path).probability(np.array([[2.0, 1.0]])) == pytest.approx([logistic(0.5)])


def test_the_shipped_model_reads_the_current_features():
    model = samefact.load()
    assert model.features == FEATURES
    assert 0.0 < model.fit["threshold"] < 1.0
    p = model.probability(np.zeros((2, len(FEATURES))))
    assert p.shape == (2,) and ((p > 0.0) & (p < 1.0)).all()
