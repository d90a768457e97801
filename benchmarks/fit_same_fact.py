"""Fit the same-fact model on the news-facts development gold and write it where the program reads it.

    .venv/bin/python benchmarks/fit_same_fact.py [--bench DIR] [--out FILE] [--reader-only]

The reader was trained on news-facts-dev too (stage 3, ``packaging/train_reader_dev.py``), so its
own verdicts on these pairs are in-sample: the second trees are fitted on the out-of-fold logits
of ``gold/news-facts-dev-reader-oof.json`` instead (each pair read by the fold reader that did
not see it; ``held_out_reader``), the verdicts they will meet on new articles.

Needs scikit-learn (``pip install -e ".[fit]"``), a development tool only: the program reads the
trees with numpy (``desktop/core/align/samefact.py``). Rows are made by the engine's own code
(``engine.training_rows``), so what is fitted is exactly what ``align`` scores. Pairs that read
as versions of one text are fitted on too (the version passes align them, but their same-fact
links teach the model; measured +.013 pair F1 leave-one-pair-out). The decision threshold is
chosen on out-of-fold predictions (5 folds by document pair): the highest pair-level F1 whose
precision is at least ``MIN_PRECISION``. Deterministic: the same data gives the same bytes.

``benchmarks/align_quality.py`` uses ``fit_rows``/``export`` for its leave-one-pair-out figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from _common import DEFAULT_BENCH_DIR, load_set

from desktop.core.align import engine, pairfeatures, reading, samefact
from desktop.core.align.tuning import DEFAULT_TUNING

PARAMS = {"max_depth": 3, "learning_rate": 0.05, "max_iter": 200, "l2_regularization": 1.0,
          "min_samples_leaf": 40, "random_state": 0}
MIN_PRECISION = 0.75
FOLDS = 5
SET = "news-facts-dev"
OOF = Path(__file__).resolve().parent / "gold" / f"{SET}-reader-oof.json"


@contextlib.contextmanager
def held_out_reader(examples: list[dict], path: Path = OOF) -> Iterator[None]:
    """While active, the engine's reader gives each sentence pair of ``examples`` the logit of the
    fold reader that never saw it (``path``, written by ``packaging/reader_dev_logits.py``) and
    reads any other pair itself."""
    table = json.loads(path.read_text(encoding="utf-8"))["logits"]
    known: dict[tuple[str, str], float] = {}
    for ex in examples:
        row, m = table[ex["id"]], len(ex["sents_b"])
        for i, a in enumerate(ex["sents_a"]):
            for j, b in enumerate(ex["sents_b"]):
                known[(a, b)] = row[i * m + j]
    real = reading.reader_logits

    def lookup(texts_a, texts_b, pi, pj, tick=lambda: None, threads=2):
        keys = [(texts_a[i], texts_b[j]) for i, j in zip(pi.tolist(), pj.tolist(), strict=True)]
        out = np.array([known.get(key, np.nan) for key in keys], dtype=np.float32)
        missing = np.isnan(out)
        if missing.any():
            out[missing] = real(texts_a, texts_b, pi[missing], pj[missing], tick, threads)
        return out

    reading.reader_logits = lookup
    try:
        yield
    finally:
        reading.reader_logits = real


def example_rows(ex: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, bool]:
    """(pi, pj, X, y, versions) of one gold document pair."""
    pi, pj, x, versions = engine.training_rows(ex["sents_a"], ex["sents_b"])
    gold = {tuple(p) for p in ex["gold"]}
    y = np.array([(i, j) in gold for i, j in zip(pi.tolist(), pj.tolist(), strict=True)], dtype=np.int8)
    return pi, pj, x, y, versions


def fit_rows(parts: list[tuple[np.ndarray, np.ndarray]]):
    """A fitted classifier on the (X, y) of several document pairs."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    # One thread: the histograms' sums then run in one order, so the same rows give the same bits
    # (with OpenMP threads the last bits of the split thresholds vary from run to run).
    with threadpool_limits(limits=1):
        return HistGradientBoostingClassifier(**PARAMS).fit(x, y)


def choose_threshold(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[float, dict]:
    """The threshold with the best out-of-fold F1 at precision >= MIN_PRECISION, and its figures."""
    probs: list[np.ndarray] = [np.zeros(0)] * len(parts)
    for fold in range(FOLDS):
        train = [p for k, p in enumerate(parts) if k % FOLDS != fold]
        model = fit_rows(train)
        for k, p in enumerate(parts):
            if k % FOLDS == fold:
                probs[k] = model.predict_proba(p[0])[:, 1]
    p = np.concatenate(probs)
    y = np.concatenate([part[1] for part in parts]).astype(bool)
    best = (0.5, {"precision": 0.0, "recall": 0.0, "f1": 0.0})
    for t in np.round(np.arange(0.20, 0.91, 0.01), 2):
        pred = p >= t
        tp, fp, fn = int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if prec >= MIN_PRECISION and f1 > best[1]["f1"]:
            best = (float(t), {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4)})
    return best


def export(model, threshold: float, fit: dict, features: tuple[str, ...] = pairfeatures.FEATURES) -> dict:
    """The fitted trees as the JSON that ``samefact.from_json`` reads."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append({
            "feature": nodes["feature_idx"].astype(int).tolist(),
            "threshold": [float(v) for v in nodes["num_threshold"]],
            "left": nodes["left"].astype(int).tolist(),
            "right": nodes["right"].astype(int).tolist(),
            "missing_left": nodes["missing_go_to_left"].astype(bool).tolist(),
            "leaf": nodes["is_leaf"].astype(bool).tolist(),
            "value": [float(v) for v in nodes["value"]],
        })
    return {"format": "parallax-trees", "version": 1, "features": list(features),
            "baseline": float(np.ravel(model._baseline_prediction)[0]), "trees": trees,
            "fit": {"threshold": threshold, **fit}}


class ReaderLogits:
    """The same-fact reader's logits of (document pair, A passage, B passage), each computed once:
    the leave-one-pair-out folds read mostly the same pairs."""

    def __init__(self, examples: list[dict]) -> None:
        self.examples = examples
        self.known: dict[tuple[int, int, int], float] = {}

    def __call__(self, k: int, pi: np.ndarray, pj: np.ndarray) -> np.ndarray:
        keys = [(k, i, j) for i, j in zip(pi.tolist(), pj.tolist(), strict=True)]
        todo = sorted({key for key in keys if key not in self.known})
        if todo:
            ex = self.examples[k]
            new = reading.reader_logits(ex["sents_a"], ex["sents_b"], np.array([t[1] for t in todo]),
                                        np.array([t[2] for t in todo]))
            self.known.update(zip(todo, new.tolist(), strict=True))
        return np.array([self.known[key] for key in keys], dtype=np.float32)


def fit_first(rows: list, keep: list[int], data: str) -> dict:
    """The first trees (the 54 pair features) on the document pairs ``keep``, as JSON."""
    parts = [(rows[k][2], rows[k][3]) for k in keep]
    threshold, cv = choose_threshold(parts)
    fit = {"data": data, "params": PARAMS,
           "cross_validation": {"folds": FOLDS, "min_precision": MIN_PRECISION, **cv}}
    return export(fit_rows(parts), threshold, fit)


def read_part(rows: list, k: int, probability: np.ndarray, logits: ReaderLogits,
              floor: float = DEFAULT_TUNING.reader_floor, budget: int = DEFAULT_TUNING.reader_budget,
              *, pairs: bool = False) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """The rows of pair ``k`` the reader reads (chosen from the first trees' ``probability`` as
    ``align`` chooses them: ``budget`` full reads; ``pairs``: ``budget`` pairs, the rule before
    2026-12-05) and the second trees' (X, y) of them."""
    pi, pj, x, y, _ = rows[k]
    ex = logits.examples[k]
    cost = None if pairs else reading.read_cost(ex["sents_a"], ex["sents_b"], pi, pj)
    read = reading.choose(probability, floor, budget, cost)
    got = logits(k, pi[read], pj[read])
    return read, (reading.second_rows(x[read], pi[read], pj[read], got), y[read])


def fit_second(rows: list, keep: list[int], first: dict, logits: ReaderLogits, data: str) -> dict:
    """The second trees, on the pairs the reader reads in ``keep`` (chosen by ``first`` exactly as
    ``align`` chooses them: ``reading.choose`` with the default floor and budget), as JSON."""
    trees = samefact.from_json(first)
    parts = [read_part(rows, k, trees.probability(rows[k][2]), logits)[1] for k in keep]
    threshold, cv = choose_threshold(parts)
    fit = {"data": data, "params": PARAMS, "reads": {"floor": DEFAULT_TUNING.reader_floor,
                                                     "budget": DEFAULT_TUNING.reader_budget},
           "cross_validation": {"folds": FOLDS, "min_precision": MIN_PRECISION, **cv}}
    features = (*pairfeatures.FEATURES, *reading.READER_FEATURES)
    return export(fit_rows(parts), threshold, fit, features)


def build(examples: list[dict], first: dict | None = None) -> tuple[dict, dict]:
    """The first and the second trees, fitted on every example (the first ones only when not
    given: ``--reader-only`` keeps the shipped ones)."""
    rows = [example_rows(ex) for ex in examples]
    everything = list(range(len(rows)))
    data = f"{SET}: all {len(rows)} document pairs"
    first = first or fit_first(rows, everything, data)
    return first, fit_second(rows, everything, first, ReaderLogits(examples), data)


def write(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH_DIR)
    ap.add_argument("--out", type=Path, default=samefact.default_path())
    ap.add_argument("--reader-out", type=Path, default=reading.READER.directory() / reading.TREES_FILE)
    ap.add_argument("--reader-only", action="store_true",
                    help="refit the second trees only, on the reads of the first trees in --out "
                         "(after a change of the reader)")
    args = ap.parse_args(argv)
    first = json.loads(args.out.read_text(encoding="utf-8")) if args.reader_only else None
    examples = load_set(args.bench, SET)
    with held_out_reader(examples):
        models = build(examples, first)
    for data, path in zip(models, (args.out, args.reader_out), strict=True):
        write(data, path)
        cv = data["fit"]["cross_validation"]
        print(f"{path}: {len(data['trees'])} trees, threshold {data['fit']['threshold']:.2f} "
              f"(out-of-fold P={cv['precision']:.3f} R={cv['recall']:.3f} F1={cv['f1']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
