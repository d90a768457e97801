"""The ``read_pairs`` pass: a small cross-encoder reads the likeliest candidate pairs, and a second
set of trees decides them on the first trees' features plus what the reader says.

Why two stages: the reader costs milliseconds a pair, the first trees microseconds. The first
trees rank every candidate pair; the pairs at or above ``Tuning.reader_floor`` (where nearly all
same-fact links are) are read, most probable first, within ``Tuning.reader_budget`` (its share of
it in a many-source run, less for large documents). The budget counts *full reads*: a pair of
``max_pair_tokens`` word pieces costs one, a shorter pair its share (the reader's time grows with
the word pieces it reads), so a budget of 64 reads 64 long paragraph pairs or about 100 news
sentence pairs in the same time. A pair that is read is decided
by the second trees (``same-fact-read.json``, fitted on the reader's out-of-fold verdicts of the
development gold: ``benchmarks/fit_same_fact.py``); one that is not read keeps the first trees'
decision. A document pair whose budget was cut is still aligned, and the run says how many were
read (``EngineRun.pairs_read`` of the ``pairs_to_read`` a normal run reads): the JSON, the status
bar and the briefing report it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import numpy as np

from desktop.core.align import samefact
from desktop.core.align.crossencoder import CrossEncoder
from desktop.core.align.models import READER

READER_FEATURES = ("reader_logit", "reader_gap_row", "reader_gap_col")
"""What the second trees read besides the first trees' features: the reader's logit, and its gap
to the best logit of the same passage of A (row) and of B (column) among the pairs read. Tried
beside them and not kept (news-facts leave-one-pair-out, link level, ``benchmarks/reader_reads.py``;
.641 without): the logit's rank in its row and column (.643); the document pair's mean logit,
share of positive logits and mean of its best eight (.628). With the budget in full reads (.669
without, 2026-12-05): the logits of the diagonal neighbours (i-1, j-1) and (i+1, j+1) when read
(.671); how many positive logits the pair's row and column hold (.673, only-in .851 against
.846), both within the set's noise. A monotone constraint on the logit in the second trees (a
likelier verdict never lowers the probability): .673 at link level, but the engine's
``align_quality.py`` gave .746 / .607 / .670, only-in .841 against .755 / .602 / .670, .846, and
SuperPAL .621 against .630. For each pair, how like its B passage are the other B passages its
A passage reads positive against, and the same from B's side (a fact stated twice in one
article; static embeddings, 2026-12-05): .669, only-in .849, against .669, .846."""
UNREAD = -20.0  # a passage with no pair read has this as its best logit
TREES_FILE = READER.files[3]


@dataclass(frozen=True)
class Reading:
    """The rows that were read, the second trees' probabilities for them, and how many rows the
    budget of a normal run reads (whether the reading was *cut* is ``EngineRun.reading_cut``)."""

    rows: np.ndarray
    probability: np.ndarray
    normal: int
    runtime: str  # what ran the reader's layers: "onnxruntime" or "numpy" (``crossencoder``)


@cache
def load_reader() -> CrossEncoder:
    return CrossEncoder(READER.directory())


def preload() -> None:
    """Load the reader now. Making its onnxruntime session holds the interpreter lock for about
    80 ms, which in a worker thread would stall the workbench's window during the first
    alignment: the workbench calls this before its window shows. A reader that does not load is
    left to the run that needs it, which reports it (``engine.reader_loads``)."""
    with contextlib.suppress(OSError, ValueError, KeyError):
        load_reader()


def load_trees(path: Path | None = None) -> samefact.Trees:
    return samefact.load(path or READER.directory() / TREES_FILE)


def choose(p: np.ndarray, floor: float, budget: float, cost: Callable[[int], float] | None = None
           ) -> np.ndarray:
    """The rows to read, in row order: p >= floor, most probable first (ties by row), while their
    summed ``cost`` (of a row: its share of a full read, at most 1; None: 1 each) stays within
    ``budget``. Every row costing at most 1, a budget of k reads at least k rows (when there
    are), more when they are short.

    Tried and not kept (2026-12-05, ``benchmarks/reader_reads.py``'s harness): the pairs nearest
    the first trees' threshold first, rather than the likeliest, on the view that the reader
    changes a verdict there most. At link level, F1 .589 / .596 / .613 / .642 / .666 for 3 / 6 /
    12 / 32 / 64 full reads against .592 / .588 / .610 / .653 / .669 likeliest first: no better
    for the short shares of a many-source run either."""
    order, spent = _likeliest(p, floor, budget, cost)
    return _within(order, spent, budget)


T = TypeVar("T", float, np.ndarray)
_ROUNDING = 1e-9  # summed shares of a full read that reach the budget exactly stay within it


def _paid(spent: T, budget: float) -> T:
    """Which steps of a ``_likeliest`` walk ``budget`` pays for (a prefix)."""
    return spent <= budget + _ROUNDING


def _within(order: np.ndarray, spent: np.ndarray, budget: float) -> np.ndarray:
    """The rows of a ``_likeliest`` walk that ``budget`` pays for, in row order."""
    return np.sort(order[_paid(spent, budget)])


def _likeliest(p: np.ndarray, floor: float, budget: float, cost: Callable[[int], float] | None
               ) -> tuple[np.ndarray, np.ndarray]:
    """The rows at or above the floor, most probable first, as far as the first one past
    ``budget``, and the summed cost after each: every smaller budget takes a prefix of them."""
    above = np.flatnonzero(p >= floor)
    order = above[np.lexsort((above, -p[above]))]
    price = cost or (lambda _row: 1.0)
    spent: list[float] = []
    total = 0.0
    for row in order.tolist():
        total += price(row)
        spent.append(total)
        if not _paid(total, budget):
            break
    return order[:len(spent)], np.array(spent)


def read_cost(texts_a: Sequence[str], texts_b: Sequence[str], pi: np.ndarray, pj: np.ndarray
              ) -> Callable[[int], float]:
    """The cost of reading row k (``choose``): its word pieces as the reader cuts them, over the
    most it reads (``CrossEncoder.pair_pieces``). Computed row by row as ``choose`` asks, so
    only the passages of the likeliest pairs are cut into word pieces."""
    reader = load_reader()
    return lambda k: reader.pair_pieces(texts_a[pi[k]], texts_b[pj[k]]) / reader.max_pair_tokens


def reader_logits(texts_a: Sequence[str], texts_b: Sequence[str], pi: np.ndarray, pj: np.ndarray,
                  tick: Callable[[], None] = lambda: None, threads: int = 2) -> np.ndarray:
    """The reader's logit for each pair (A's passage first, as it was trained half the time).

    Tried and not kept (2026-12-05): each pair read in both orders and the two logits averaged.
    The shipped reader ranks the held-out news-facts-ecbtrain-2 pairs better so (average
    precision .658 for A first, .658 for B first, .669 averaged; 30,505 sentence pairs), but at
    the same budget it reads half the pairs, and at link level (second trees fitted in 5 folds
    there) every variant landed within .689-.696 F1: one order at 64 full reads .690, both at
    64 .695, both at 128 .694, one order at 96 .696, a second order only for the 16-32 full
    reads nearest the verdict .692-.696. Not worth the cost in time."""
    pairs = [(texts_a[i], texts_b[j]) for i, j in zip(pi.tolist(), pj.tolist(), strict=True)]
    return load_reader().scores(pairs, threads=threads, tick=tick)


def reader_features(pi: np.ndarray, pj: np.ndarray, logits: np.ndarray) -> np.ndarray:
    """``READER_FEATURES`` of the pairs read: (len(logits), 3)."""
    if len(logits) == 0:
        return np.zeros((0, len(READER_FEATURES)))
    best_a = np.full(int(pi.max()) + 1, UNREAD)
    best_b = np.full(int(pj.max()) + 1, UNREAD)
    np.maximum.at(best_a, pi, logits)
    np.maximum.at(best_b, pj, logits)
    return np.stack([logits, logits - best_a[pi], logits - best_b[pj]], 1).astype(np.float64)


def second_rows(x: np.ndarray, pi: np.ndarray, pj: np.ndarray, logits: np.ndarray) -> np.ndarray:
    """What the second trees read about the pairs read: the first trees' rows, then the reader's."""
    return np.hstack([x, reader_features(pi, pj, logits)])


def read_pairs(texts_a: Sequence[str], texts_b: Sequence[str], pi: np.ndarray, pj: np.ndarray,
               x: np.ndarray, p: np.ndarray, *, floor: float, budget: float, normal: float,
               trees: samefact.Trees, threads: int = 2, tick: Callable[[], None] = lambda: None
               ) -> Reading:
    """Read the likeliest pairs within ``budget`` (``choose``) and decide them with the second
    trees; ``normal`` is the budget of a run of its own at normal size."""
    order, spent = _likeliest(p, floor, max(budget, normal), read_cost(texts_a, texts_b, pi, pj))
    rows = _within(order, spent, budget)
    normal_count = int(_paid(spent, normal).sum())
    logits = reader_logits(texts_a, texts_b, pi[rows], pj[rows], tick, threads)
    return Reading(rows, trees.probability(second_rows(x[rows], pi[rows], pj[rows], logits)),
                   normal_count, load_reader().runtime)
