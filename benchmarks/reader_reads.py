"""How many pairs the same-fact reader should read: the reader's floor and budget against
news-facts-dev, leave-one-pair-out, at link level.

    .venv/bin/python benchmarks/reader_reads.py [--settings 0.02:64,0.02:128,0.15:64]

Each setting is FLOOR:BUDGET (default: the shipped ``Tuning`` values).

For each left-out document pair: the first trees fitted on the other 30 pairs rank its sentence
pairs; ``reading.choose`` picks the pairs to read at the given floor and budget; each is read by
the stage-3 fold reader that never saw it (the out-of-fold logits of
``gold/news-facts-dev-reader-oof.json``, as in ``align_quality.py``); the second trees fitted on
the other 30 pairs' reads (their threshold chosen as ``fit_same_fact`` chooses it) decide the
pairs read, the first trees the rest. Printed: link-level precision, recall, F1 over all links,
and the sentence-level only-in figure (mean F1 of "linked" and "only in one source").

Differences from ``align_quality.py``'s run, for speed (one first-trees fit per left-out pair,
shared by every setting): links, not the engine's groups (groups add contiguous and coverage
links, so the engine's pair F1 is about .02 higher); the other pairs' reads are chosen by their own
leave-one-out first trees rather than by the trees fitted on the 30. Use it to compare settings;
quote ``align_quality.py`` for the engine. Needs ``.[fit]`` (scikit-learn); on 2 cores about
2 minutes for one setting, 6 for seven.
"""

from __future__ import annotations

import argparse
import json
import sys

import fit_same_fact as fit
import numpy as np
from _common import DEFAULT_BENCH_DIR, load_set

from desktop.core.align import reading, samefact
from desktop.core.align.tuning import DEFAULT_TUNING


def first_trees(rows: list) -> list[tuple[np.ndarray, float]]:
    """Each pair's first-trees probabilities and threshold, from the trees fitted on the others."""
    out = []
    for k in range(len(rows)):
        model = fit.fit_first(rows, [t for t in range(len(rows)) if t != k], "all but one")
        out.append((samefact.from_json(model).probability(rows[k][2]), model["fit"]["threshold"]))
        print(f"  first trees without pair {k}", file=sys.stderr, flush=True)
    return out


def decide(rows: list, first: list, logits: list[np.ndarray], floor: float, budget: int
           ) -> list[np.ndarray]:
    """Each pair's predicted links (a boolean per row) at this floor and budget."""
    reads, parts = [], []
    for k, (pi, pj, x, y, _) in enumerate(rows):
        read, _ = reading.choose(first[k][0], floor, budget)
        reads.append(read)
        parts.append((reading.second_rows(x[read], pi[read], pj[read], logits[k][read]), y[read]))
    out = []
    for k in range(len(rows)):
        others = [parts[t] for t in range(len(rows)) if t != k]
        threshold, _ = fit.choose_threshold(others)
        pred = first[k][0] >= first[k][1]
        pred[reads[k]] = fit.fit_rows(others).predict_proba(parts[k][0])[:, 1] >= threshold
        out.append(pred)
    return out


def figures(examples: list[dict], rows: list, preds: list[np.ndarray]) -> str:
    y = np.concatenate([r[3] for r in rows]).astype(bool)
    p = np.concatenate(preds)
    tp, fp, fn = int((p & y).sum()), int((p & ~y).sum()), int((~p & y).sum())
    prec, rec = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    gold_side, pred_side = [], []
    for ex, (pi, pj, _, yk, _), pk in zip(examples, rows, preds, strict=True):
        for idx, n in ((pi, len(ex["sents_a"])), (pj, len(ex["sents_b"]))):
            gold_side.append(np.isin(np.arange(n), idx[yk.astype(bool)]))
            pred_side.append(np.isin(np.arange(n), idx[pk]))
    g, q = np.concatenate(gold_side), np.concatenate(pred_side)
    only = (f1(g, q) + f1(~g, ~q)) / 2
    return f"P {prec:.3f} R {rec:.3f} F1 {f1(y, p):.3f} only-in {only:.3f}"


def f1(truth: np.ndarray, pred: np.ndarray) -> float:
    both = truth.sum() + pred.sum()
    return float(2 * (truth & pred).sum() / both) if both else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", default=DEFAULT_BENCH_DIR)
    ap.add_argument("--settings", default=f"{DEFAULT_TUNING.reader_floor}:{DEFAULT_TUNING.reader_budget}",
                    help="comma-separated FLOOR:BUDGET pairs")
    args = ap.parse_args(argv)
    examples = load_set(args.bench, fit.SET)
    rows = [fit.example_rows(ex) for ex in examples]
    table = json.loads(fit.OOF.read_text(encoding="utf-8"))["logits"]
    logits = [np.asarray(table[ex["id"]], dtype=np.float32)[pi * len(ex["sents_b"]) + pj]
              for ex, (pi, pj, *_) in zip(examples, rows, strict=True)]
    first = first_trees(rows)
    for setting in args.settings.split(","):
        floor, budget = float(setting.split(":")[0]), int(setting.split(":")[1])
        preds = decide(rows, first, logits, floor, budget)
        print(f"floor {floor:.2f} budget {budget:3d}: {figures(examples, rows, preds)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
