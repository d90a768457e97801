"""How many pairs the same-fact reader should read: the reader's floor and budget against
news-facts-dev, leave-one-pair-out, at link level.

    .venv/bin/python benchmarks/reader_reads.py [--settings 0.02:64,0.02:128,0.15:64] [--logits JSON]

Each setting is FLOOR:BUDGET (default: the shipped ``Tuning`` values); the budget counts full
reads (``reading.choose``: a pair of 96 word pieces costs one, a shorter pair its share), or
pairs with ``--pairs`` (the rule before 2026-12-05).

For each left-out document pair: the first trees fitted on the other 30 pairs rank its sentence
pairs; ``reading.choose`` picks the pairs to read at the given floor and budget; each is read by
the stage-3 fold reader that never saw it (the out-of-fold logits of
``gold/news-facts-dev-reader-oof.json``, as in ``align_quality.py``; ``--logits``: another
reader's); the second trees fitted on
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
import sys
from pathlib import Path

import fit_same_fact as fit
import numpy as np
from _common import DEFAULT_BENCH_DIR, Counts, load_set

from desktop.core.align import samefact
from desktop.core.align.tuning import DEFAULT_TUNING


def first_trees(rows: list) -> list[tuple[np.ndarray, float]]:
    """Each pair's first-trees probabilities and threshold, from the trees fitted on the others."""
    out = []
    for k in range(len(rows)):
        model = fit.fit_first(rows, [t for t in range(len(rows)) if t != k], "all but one")
        out.append((samefact.from_json(model).probability(rows[k][2]), model["fit"]["threshold"]))
        print(f"  first trees without pair {k}", file=sys.stderr, flush=True)
    return out


def decide(rows: list, first: list, logits: fit.ReaderLogits, floor: float, budget: int,
           pairs: bool = False) -> list[np.ndarray]:
    """Each pair's predicted links (a boolean per row) at this floor and budget."""
    reads, parts = zip(*(fit.read_part(rows, k, first[k][0], logits, floor, budget, pairs=pairs)
                         for k in range(len(rows))), strict=True)
    out = []
    for k in range(len(rows)):
        others = [parts[t] for t in range(len(rows)) if t != k]
        threshold, _ = fit.choose_threshold(others)
        pred = first[k][0] >= first[k][1]
        pred[reads[k]] = fit.fit_rows(others).predict_proba(parts[k][0])[:, 1] >= threshold
        out.append(pred)
    return out


def figures(examples: list[dict], rows: list, preds: list[np.ndarray]) -> str:
    """Pooled link-level P / R / F1 and only-in, counted as score.py counts them (``Counts``)."""
    counts = Counts()
    for ex, (pi, pj, *_), pred in zip(examples, rows, preds, strict=True):
        counts.add(ex, [([i], [j]) for i, j in zip(pi[pred].tolist(), pj[pred].tolist(), strict=True)])
    prec, rec, f1 = counts.pair()
    return f"P {prec:.3f} R {rec:.3f} F1 {f1:.3f} only-in {counts.only_in():.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", default=DEFAULT_BENCH_DIR)
    ap.add_argument("--settings", default=f"{DEFAULT_TUNING.reader_floor}:{DEFAULT_TUNING.reader_budget}",
                    help="comma-separated FLOOR:BUDGET pairs")
    ap.add_argument("--pairs", action="store_true", help="count the budget in pairs, not full reads")
    ap.add_argument("--logits", type=Path, default=fit.OOF, metavar="JSON",
                    help="another reader's logits of every news-facts-dev sentence pair (as "
                         "packaging/reader_dev_logits.py writes them)")
    args = ap.parse_args(argv)
    examples = load_set(args.bench, fit.SET)
    rows = [fit.example_rows(ex) for ex in examples]
    logits = fit.ReaderLogits(examples)  # each pair read once, by the fold reader that never saw it
    first = first_trees(rows)
    with fit.held_out_reader(examples, args.logits):
        for setting in args.settings.split(","):
            floor, budget = float(setting.split(":")[0]), int(setting.split(":")[1])
            preds = decide(rows, first, logits, floor, budget, args.pairs)
            unit = "pairs" if args.pairs else "full reads"
            print(f"floor {floor:.2f} budget {budget:3d} {unit}: {figures(examples, rows, preds)}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
