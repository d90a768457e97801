"""The one adapter around the same-fact model: gradient-boosted trees read with numpy.

The model says how likely two passages are to report at least one same specific fact (the
news-facts guidelines). It is fitted by ``benchmarks/fit_same_fact.py`` (scikit-learn's
HistGradientBoostingClassifier, a development tool only) on the rows of ``pairfeatures`` and
stored as plain JSON in ``resources/models/same-fact/`` so that the program needs neither
scikit-learn nor pickle: prediction is a walk down each tree, vectorised over the pairs.

File format: ``{"format": "parallax-trees", "version": 1, "features": [...], "baseline": b,
"trees": [{"feature": [...], "threshold": [...], "left": [...], "right": [...],
"missing_left": [...], "leaf": [...], "value": [...]}, ...], "fit": {...}}``; node 0 is the root;
a pair goes left when its feature is <= threshold (NaN: by ``missing_left``); the probability is
the logistic of ``baseline`` plus the leaf values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from desktop.core.align.models import SAME_FACT

FILE_NAME = SAME_FACT.files[0]


@dataclass(frozen=True)
class Trees:
    """A fitted ensemble: node arrays of shape (trees, nodes), padded with leaves."""

    features: tuple[str, ...]
    baseline: float
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    missing_left: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    fit: dict

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(same fact) for each row of ``x`` (columns in ``self.features`` order)."""
        if len(x) == 0:
            return np.zeros(0)
        n_trees = self.feature.shape[0]
        node = np.zeros((len(x), n_trees), dtype=np.int64)
        tree = np.arange(n_trees)[None, :]
        rows = np.arange(len(x))[:, None]
        for _ in range(self.feature.shape[1]):
            at_leaf = self.leaf[tree, node]
            if at_leaf.all():
                break
            value = x[rows, self.feature[tree, node]]
            go_left = np.where(np.isnan(value), self.missing_left[tree, node],
                               value <= self.threshold[tree, node])
            step = np.where(go_left, self.left[tree, node], self.right[tree, node])
            node = np.where(at_leaf, node, step)
        raw = self.baseline + self.value[tree, node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


def from_json(data: dict) -> Trees:
    if data.get("format") != "parallax-trees" or data.get("version") != 1:
        raise ValueError("not a parallax-trees model (format/version)")
    trees = data["trees"]
    width = max((len(t["feature"]) for t in trees), default=1)

    def stack(key: str, fill, dtype) -> np.ndarray:
        out = np.full((len(trees), width), fill, dtype=dtype)
        for k, t in enumerate(trees):
            out[k, :len(t[key])] = t[key]
        return out
    return Trees(tuple(data["features"]), float(data["baseline"]),
                 stack("feature", 0, np.int64), stack("threshold", 0.0, np.float64),
                 stack("left", 0, np.int64), stack("right", 0, np.int64),
                 stack("missing_left", True, bool), stack("leaf", True, bool),
                 stack("value", 0.0, np.float64), dict(data.get("fit", {})))


def default_path() -> Path:
    return SAME_FACT.directory() / FILE_NAME


@cache
def load(path: Path | None = None) -> Trees:
    """The shipped model (or the one in ``path``), read once."""
    target = path or default_path()
    try:
        return from_json(json.loads(target.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{target}: cannot read the same-fact model ({error})") from error
