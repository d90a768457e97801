"""Order-free candidate generation: an inverted-index join instead of a dense n x m matrix.

Two sentences are candidates when they share a feature. The join multiplies the posting lists
of each feature (cost df_a * df_b); the cheapest features are joined until ``budget`` products,
so rare, informative features (names, numbers, content words) always take part, while very
frequent ones ("the", "der") only add their share to pairs that are already candidates. When
everything fits in the budget (every realistic article pair) the scores are the exact cosines
of all pairs that share anything. Large inputs keep the ``top_k`` best partners of every
sentence on either side, then complete their scores exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from desktop.core.align.lexical import Rows, Space

JOIN_BUDGET = 3_000_000  # products computed by the join at most (about 100 MB of temporaries)
PAIR_LIMIT = 400_000  # above this many candidate pairs, keep only each sentence's best partners
TOP_K = 8
_CHUNK = 250_000  # join products per step, so progress is reported often


@dataclass
class Pairs:
    """Candidate pairs with their exact cosine; sorted by (i, j)."""

    i: np.ndarray
    j: np.ndarray
    s: np.ndarray


def candidate_pairs(space: Space, *, budget: int = JOIN_BUDGET, top_k: int = TOP_K,
                    tick: Callable[[], None] | None = None) -> Pairs:
    a, b = space.a, space.b
    if a.n == 0 or b.n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Pairs(empty, empty, np.zeros(0))
    nf = space.n_features
    df_a = np.bincount(a.indices, minlength=nf)
    df_b = np.bincount(b.indices, minlength=nf)
    cost = df_a * df_b
    joined = _joinable(cost, budget)
    keys, dots = _join(a, b, joined, df_b, tick)
    pi, pj = keys // b.n, keys % b.n
    if not joined.all() or len(keys) > PAIR_LIMIT:
        keep = best_partners(pi, pj, dots, top_k) if len(keys) > PAIR_LIMIT else slice(None)
        pi, pj, dots = pi[keep], pj[keep], dots[keep]
        if not joined.all():
            dots = dots + _complete(a, b, ~joined, pi, pj)
    return Pairs(pi, pj, np.clip(dots, 0.0, 1.0))


def _joinable(cost: np.ndarray, budget: int) -> np.ndarray:
    if int(cost.sum()) <= budget:
        return np.ones(len(cost), dtype=bool)
    order = np.lexsort((np.arange(len(cost)), cost))  # cheapest first, ties by id
    take = np.cumsum(cost[order]) <= budget
    joined = np.zeros(len(cost), dtype=bool)
    joined[order[take]] = True
    return joined


def _join(a: Rows, b: Rows, joined: np.ndarray, df_b: np.ndarray,
          tick: Callable[[], None] | None) -> tuple[np.ndarray, np.ndarray]:
    """Sum of w_a * w_b over joined features, for every pair sharing one: (keys i*nb+j, dots)."""
    # B's postings grouped by feature.
    b_rows = b.row_ids()
    order_b = np.argsort(b.indices, kind="stable")
    b_feat_sorted = b.indices[order_b]
    b_start = np.searchsorted(b_feat_sorted, np.arange(len(df_b)))
    a_rows = a.row_ids()
    sel = joined[a.indices] & (df_b[a.indices] > 0)
    ea_row, ea_feat, ea_w = a_rows[sel], a.indices[sel], a.data[sel]
    reps = df_b[ea_feat]
    # Chunks of about _CHUNK products that never split a row of A, so that each chunk's keys
    # (i * nb + j) are a sorted range of their own and the chunks need no merging.
    bounds = np.searchsorted(np.cumsum(reps), np.arange(_CHUNK, int(reps.sum()), _CHUNK), side="right")
    row_start = np.flatnonzero(np.r_[True, ea_row[1:] != ea_row[:-1]])
    bounds = np.unique(row_start[np.searchsorted(row_start, bounds, side="right") - 1])
    bounds = bounds[bounds > 0]
    all_keys, all_dots = [], []
    for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(reps)], strict=True):
        r = reps[lo:hi]
        total = int(r.sum())
        if total == 0:
            continue
        src = np.repeat(np.arange(lo, hi), r)
        offset = np.arange(total) - np.repeat(np.cumsum(r) - r, r)
        pos = order_b[b_start[ea_feat[src]] + offset]
        keys = ea_row[src] * b.n + b_rows[pos]
        dots = ea_w[src] * b.data[pos]
        uk, inv = np.unique(keys, return_inverse=True)
        all_keys.append(uk)
        all_dots.append(np.bincount(inv, weights=dots, minlength=len(uk)))
        if tick:
            tick()
    if not all_keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(all_keys), np.concatenate(all_dots)


def best_partners(pi: np.ndarray, pj: np.ndarray, s: np.ndarray, k: int) -> np.ndarray:
    """Mask of pairs among the k best of their row or of their column (ties: lower index)."""
    keep = np.zeros(len(s), dtype=bool)
    for major in (pi, pj):
        # One stable float sort: by sentence, then best score first (pairs come sorted by (i, j)).
        order = np.argsort(major * 2.0 + (1.0 - s), kind="stable")
        sorted_major = major[order]
        at = np.arange(len(order))
        # where each sentence's run starts (what a search of sorted_major for itself finds)
        first = np.maximum.accumulate(np.where(np.r_[True, sorted_major[1:] != sorted_major[:-1]], at, 0))
        keep[order[at - first < k]] = True
    return keep


def _complete(a: Rows, b: Rows, rest: np.ndarray, pi: np.ndarray, pj: np.ndarray) -> np.ndarray:
    """Sum of w_a * w_b over the features left out of the join, for the given pairs."""
    nf = len(rest)
    b_sel = rest[b.indices]
    b_keys = b.row_ids()[b_sel] * nf + b.indices[b_sel]  # sorted: rows ascending, features sorted
    b_vals = b.data[b_sel]
    a_sel = rest[a.indices]
    a_rows, a_feat, a_w = a.row_ids()[a_sel], a.indices[a_sel], a.data[a_sel]
    a_ptr = np.zeros(a.n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a_rows, minlength=a.n), out=a_ptr[1:])
    counts = a_ptr[pi + 1] - a_ptr[pi]
    total = int(counts.sum())
    if total == 0 or len(b_keys) == 0:
        return np.zeros(len(pi))
    pair = np.repeat(np.arange(len(pi)), counts)
    entry = a_ptr[pi][pair] + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    want = pj[pair] * nf + a_feat[entry]
    pos = np.minimum(np.searchsorted(b_keys, want), len(b_keys) - 1)
    hit = b_keys[pos] == want
    return np.bincount(pair[hit], weights=a_w[entry[hit]] * b_vals[pos[hit]], minlength=len(pi))
