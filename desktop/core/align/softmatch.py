"""Soft word overlap: how much of one passage's content words the other passage says too, in the
same or in related words ("killed" / "shot dead", "vehicle" / "car").

For each content word of passage x, the best cosine with any content word of passage y (word
vectors from the static embedding table); the mean over x's words is x's recall in y. It is the
word-matching idea of BERTScore with static vectors: cheap, order-free, and it sees the event
words that a sentence embedding averages away. Computed for the candidate pairs only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from desktop.core.align.evidence import binary_rows
from desktop.core.align.pairfeatures import pair_dots

MAX_WORD_PAIRS = 30_000_000  # word-similarity matrix entries at most (120 MB of float32)


def recall(words_a: Sequence[list[str]], words_b: Sequence[list[str]], pi: np.ndarray, pj: np.ndarray,
           vectors: Callable[[list[str]], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(A's recall in B, B's recall in A) for each candidate pair. ``words_a``/``words_b``: each
    passage's content words (``evidence.Evidence.words``); ``vectors`` gives unit rows."""
    words = (words_a, words_b)
    vocab = [sorted({w for ws in side for w in ws}) for side in words]
    rec_a, rec_b = np.zeros(len(pi)), np.zeros(len(pi))
    if not vocab[0] or not vocab[1] or len(pi) == 0:
        return rec_a, rec_b
    if len(vocab[0]) * len(vocab[1]) > MAX_WORD_PAIRS:
        return _exact_recall(words, pi, pj)
    index = [{w: k for k, w in enumerate(v)} for v in vocab]
    sim = vectors(vocab[0]) @ vectors(vocab[1]).T
    ids = [[np.array([index[s][w] for w in ws], dtype=np.int64) for ws in words[s]] for s in (0, 1)]
    order = np.argsort(pi, kind="stable")
    starts = np.flatnonzero(np.r_[True, pi[order][1:] != pi[order][:-1]])
    for lo, hi in zip(starts, np.r_[starts[1:], len(order)], strict=True):
        sel = order[lo:hi]
        rows = ids[0][int(pi[sel[0]])]
        cols = [ids[1][int(j)] for j in pj[sel]]
        sizes = np.array([len(c) for c in cols])
        if len(rows) == 0 or sizes.sum() == 0:
            continue
        block = sim[np.ix_(rows, np.concatenate(cols))]
        bounds = np.r_[0, np.cumsum(sizes)[:-1]]
        has = sizes > 0
        best_in_b = np.maximum.reduceat(block, bounds[has], axis=1)  # (words of a) x (pairs with words)
        rec_a[sel[has]] = best_in_b.mean(axis=0)
        best_in_a = block.max(axis=0)
        rec_b[sel[has]] = np.add.reduceat(best_in_a, bounds[has]) / sizes[has]
    return rec_a, rec_b


def _exact_recall(words: tuple[Sequence[list[str]], Sequence[list[str]]], pi: np.ndarray, pj: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The same figures with exact word matches only (documents too large for the word matrix):
    the words two passages share are counted by one sparse dot product of their word sets."""
    ids: dict[str, int] = {}
    sets = [[sorted({ids.setdefault(w, len(ids)) for w in ws}) for ws in side] for side in words]
    rows = [binary_rows(side) for side in sets]
    common = pair_dots(rows[0], rows[1], pi, pj)
    size_a, size_b = np.diff(rows[0].indptr)[pi], np.diff(rows[1].indptr)[pj]
    rec_a = np.divide(common, size_a, out=np.zeros(len(pi)), where=size_a > 0)
    rec_b = np.divide(common, size_b, out=np.zeros(len(pi)), where=size_b > 0)
    return rec_a, rec_b
