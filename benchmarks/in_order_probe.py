"""Measured, not kept: a monotone n:m pass for rewrites that keep their original's order.

    .venv/bin/python benchmarks/in_order_probe.py [--bench DIR]

DEplain-web's bible pairs (a passage and its plain-language retelling, German) are aligned in
order, one standard sentence to several plain ones; the engine, which the models cannot read
German for, aligns them with its lexical passes and scores unit F1 .304. This probe aligns them
the way sentence aligners for translations do (a dynamic programme over spans in order, as
Vecalign, Thompson & Koehn 2019): one sentence of a side against up to ``MAX_SPAN`` contiguous
sentences of the other, or skipped, the span pair scored by the character n-gram TF-IDF cosine of
the span's joined text. A span pair gains ``(cosine - threshold) * sentences ** gamma``; the
threshold calibrates itself on each document pair (the mean of its sentence-pair cosines plus
``z`` standard deviations), so only ``z`` and ``gamma`` are chosen, on the language-learner pairs,
and the bible figure is the one it earns on pairs it was not tuned on.

It prints both domains' unit F1 at every setting, the bible figure at the setting chosen on the
language-learner pairs, and then the question that keeps the pass out of the engine: whether a
rule could tell such rewrites from independent news reports. It prints, per set, the share of
each side's sentences the monotone pass places in a unit (the smaller side's share), and the same
share in the gold. Needs scikit-learn (``pip install -e ".[fit]"``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from _common import DEFAULT_BENCH_DIR, Counts, load_set
from align_quality import gold_dir

MAX_SPAN = 9  # sentences of one side against one of the other (the bible gold holds a 1:9 unit)
SETTINGS = [(z, gamma) for gamma in (0.5, 1.0) for z in (0.5, 1.0, 1.5, 2.0, 2.5)]
SMALL = 6000
NEWS_SETS = ("news-facts-dev", "news-facts-ecbtrain-2", "synthetic-news", "superpal-multinews-dev")
Unit = tuple[list[int], list[int]]


def span_cosines(a: list[str], b: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``one_to_b[i, k-1, j]``: cosine of sentence ``i`` of ``a`` with ``b[j:j+k]`` joined;
    ``a_to_one[k-1, i, j]``: of ``a[i:i+k]`` joined with sentence ``j`` of ``b``."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # a development tool only

    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit(a + b)
    ones_a, ones_b = vec.transform(a), vec.transform(b)
    n, m = len(a), len(b)
    one_to_b = np.full((n, MAX_SPAN, m), np.nan)
    a_to_one = np.full((MAX_SPAN, n, m), np.nan)
    for k in range(1, MAX_SPAN + 1):
        if k <= m:
            spans = vec.transform([" ".join(b[j:j + k]) for j in range(m - k + 1)])
            one_to_b[:, k - 1, :m - k + 1] = (ones_a @ spans.T).toarray()
        if k <= n:
            spans = vec.transform([" ".join(a[i:i + k]) for i in range(n - k + 1)])
            a_to_one[k - 1, :n - k + 1, :] = (spans @ ones_b.T).toarray()
    return one_to_b, a_to_one


def best_units(one_to_b: np.ndarray, a_to_one: np.ndarray, z: float, gamma: float) -> list[Unit]:
    """The dynamic programme over ``span_cosines``; a sentence in no unit is skipped free."""
    ones = one_to_b[:, 0, :]
    threshold = ones.mean() + z * ones.std()
    n, m = ones.shape
    best = np.full((n + 1, m + 1), -np.inf)
    best[0, 0] = 0.0
    step: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        for j in range(m + 1):
            moves = [(best[i - 1, j], (1, 0))] if i else []
            moves += [(best[i, j - 1], (0, 1))] if j else []
            for k in range(1, MAX_SPAN + 1):
                if i >= 1 and j >= k:
                    gain = (one_to_b[i - 1, k - 1, j - k] - threshold) * (1 + k) ** gamma
                    moves.append((best[i - 1, j - k] + gain, (1, k)))
                if k > 1 and i >= k and j >= 1:
                    gain = (a_to_one[k - 1, i - k, j - 1] - threshold) * (k + 1) ** gamma
                    moves.append((best[i - k, j - 1] + gain, (k, 1)))
            if moves:
                best[i, j], step[(i, j)] = max(moves, key=lambda move: move[0])
    return _trace(step, n, m)


def _trace(step: dict[tuple[int, int], tuple[int, int]], n: int, m: int) -> list[Unit]:
    units: list[Unit] = []
    i, j = n, m
    while i or j:
        ka, kb = step[(i, j)]
        if ka and kb:
            units.append((list(range(i - ka, i)), list(range(j - kb, j))))
        i, j = i - ka, j - kb
    return units[::-1]


Read = tuple[dict, tuple[np.ndarray, np.ndarray]]  # a document pair and its span cosines


def read_all(examples: list[dict]) -> list[Read]:
    """Each document pair with its span cosines, computed once for every setting."""
    return [(ex, span_cosines(ex["sents_a"], ex["sents_b"])) for ex in examples]


def unit_f1(pairs: list[Read], z: float, gamma: float) -> float:
    counts = Counts()
    for ex, cosines in pairs:
        counts.add(ex, best_units(*cosines, z, gamma))
    return counts.unit()[2]


def covered(pairs: list[Read], z: float, gamma: float) -> tuple[list[float], list[float]]:
    """Per document pair, the smaller side's share of sentences in a unit: the pass's, the gold's."""
    found, gold = [], []
    for ex, cosines in pairs:
        n, m = len(ex["sents_a"]), len(ex["sents_b"])
        units = best_units(*cosines, z, gamma)
        in_a, in_b = {i for u in units for i in u[0]}, {j for u in units for j in u[1]}
        found.append(min(len(in_a) / n, len(in_b) / m))
        gold.append(min(len({i for i, _ in ex["gold"]}) / n, len({j for _, j in ex["gold"]}) / m))
    return found, gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH_DIR)
    args = ap.parse_args(argv)
    deplain = load_set(args.bench, "deplain-web-dev")
    learner = read_all([ex for ex in deplain if ex["domain"] == "language learner"])
    bible = read_all([ex for ex in deplain if ex["domain"] == "bible"])
    print(f"{'z':>4s} {'gamma':>5s}  language learner  bible   (unit F1 of the monotone pass alone)")
    scores = {setting: (unit_f1(learner, *setting), unit_f1(bible, *setting)) for setting in SETTINGS}
    for (z, gamma), (learner_f1, bible_f1) in scores.items():
        print(f"{z:4.1f} {gamma:5.1f}  {learner_f1:16.3f}  {bible_f1:.3f}")
    z, gamma = max(SETTINGS, key=lambda setting: scores[setting][0])
    print(f"chosen on the language-learner pairs: z={z}, gamma={gamma}; bible unit F1 "
          f"{scores[(z, gamma)][1]:.3f}\n")
    print("smaller side's share of sentences in a unit, per document pair: "
          "the pass (median, range); gold median")
    rows = [("bible", bible), ("language learner", learner)]
    for name in NEWS_SETS:  # the first 60 pairs of at most SMALL sentence pairs (the programme is slow)
        examples = load_set(gold_dir(args.bench, name), name)
        small = [ex for ex in examples if len(ex["sents_a"]) * len(ex["sents_b"]) <= SMALL][:60]
        rows.append((name, read_all(small)))
    for name, pairs in rows:
        found, gold = covered(pairs, z, gamma)
        spread = f"{np.median(found):.2f} ({min(found):.2f}-{max(found):.2f})"
        print(f"  {name:24s} {len(found):3d} pairs  {spread};  gold {np.median(gold):.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
