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
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from desktop.core.align.models import SAME_FACT

FILE_NAME = SAME_FACT.files[0]
BLOCK_ROWS = 1_024  # pairs walked at once: their (trees x tests x pairs) values take ~12 MB


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
        """P(same fact) for each row of ``x`` (columns in ``self.features`` order), in blocks of
        ``BLOCK_ROWS`` rows so that the walk's arrays stay small."""
        if len(x) == 0:
            return np.zeros(0)
        nan = bool(np.isnan(x).any())
        blocks = range(0, len(x), BLOCK_ROWS)
        return np.concatenate([self._block(x[lo:lo + BLOCK_ROWS], nan) for lo in blocks])

    @cached_property
    def complete(self) -> _Complete:
        return _complete(self)

    @cached_property
    def distinct_tests(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(feature, threshold) of each distinct test of the complete trees (a few hundred of
        their thousands of nodes: trees reuse splits, and padding nodes share one), and the
        distinct test of each node, shaped like ``complete.feature``."""
        c = self.complete
        pairs = np.column_stack([c.feature.ravel().astype(np.float64), c.threshold.ravel()])
        distinct, node_test = np.unique(pairs, axis=0, return_inverse=True)
        return distinct[:, 0].astype(np.int64), distinct[:, 1].copy(), node_test.reshape(c.feature.shape)

    def _block(self, x: np.ndarray, nan: bool) -> np.ndarray:
        """Every test of every tree at once, read from the feature columns (one gather of whole
        rows of ``x.T``), then one branch bit per level: the leaf of a pair in a tree is its
        branch bits read as a binary number (1: right). ``nan``: whether ``x`` holds a NaN."""
        c = self.complete
        if nan:
            columns = np.ascontiguousarray(x.T)[c.feature]  # (trees, tests, pairs)
            tests = columns <= c.threshold[:, :, None]
            tests = np.where(np.isnan(columns), c.missing_left[:, :, None], tests)
        else:  # each distinct (feature, threshold) test once, then spread to the nodes that make it
            feature, threshold, node_test = self.distinct_tests
            tests = (np.ascontiguousarray(x.T)[feature] <= threshold[:, None])[node_test]
        bits: list[np.ndarray] = []
        leaf = np.zeros((c.feature.shape[0], len(x)), dtype=np.min_scalar_type(2 ** c.depth - 1))
        for level in range(c.depth):
            first = 2 ** level - 1
            go_left = _reached([tests[:, k] for k in range(first, 2 * first + 1)], bits)
            bits.append(go_left)
            leaf = 2 * leaf + ~go_left
        # Leaf values summed per pair along a contiguous row, as numpy sums them (pairwise).
        offsets = np.arange(c.value.shape[0]) * c.value.shape[1]
        raw = self.baseline + c.value.ravel()[np.ascontiguousarray(leaf.T) + offsets].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


def _reached(tests: list[np.ndarray], bits: list[np.ndarray]) -> np.ndarray:
    """The outcome of the test each pair reaches on one level (its nodes left to right), given the
    branch bits (went left) of the levels above."""
    if not bits:
        return tests[0]
    half = len(tests) // 2
    return np.where(bits[0], _reached(tests[:half], bits[1:]), _reached(tests[half:], bits[1:]))


@dataclass(frozen=True)
class _Complete:
    """The trees as complete binary trees of one depth, nodes in level order (children of node p
    at 2p+1 and 2p+2): a leaf above the bottom becomes splits that always go left (threshold +inf,
    NaN left) over copies of its value, so every pair takes exactly ``depth`` steps."""

    depth: int
    feature: np.ndarray  # (trees, 2^depth - 1)
    threshold: np.ndarray
    missing_left: np.ndarray
    value: np.ndarray  # (trees, 2^depth)


def _complete(trees: Trees) -> _Complete:
    n = trees.feature.shape[0]

    def depth(t: int, node: int) -> int:
        if trees.leaf[t, node]:
            return 0
        return 1 + max(depth(t, trees.left[t, node]), depth(t, trees.right[t, node]))
    d = max((depth(t, 0) for t in range(n)), default=0)
    inner = 2 ** d - 1
    out = _Complete(d, np.zeros((n, inner), dtype=np.int64), np.full((n, inner), np.inf),
                    np.ones((n, inner), dtype=bool), np.zeros((n, 2 ** d)))

    def fill(t: int, node: int, pos: int, level: int) -> None:
        if trees.leaf[t, node]:
            lo = hi = pos
            for _ in range(d - level):
                lo, hi = 2 * lo + 1, 2 * hi + 2
            out.value[t, lo - inner:hi - inner + 1] = trees.value[t, node]
            return
        out.feature[t, pos] = trees.feature[t, node]
        out.threshold[t, pos] = trees.threshold[t, node]
        out.missing_left[t, pos] = trees.missing_left[t, node]
        fill(t, trees.left[t, node], 2 * pos + 1, level + 1)
        fill(t, trees.right[t, node], 2 * pos + 2, level + 1)
    for t in range(n):
        fill(t, 0, 0, 0)
    return out


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
