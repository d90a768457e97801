"""A reader trained on what the first trees miss (measured 2026-12-05, not kept: it read
news-facts-dev no better than the stage-2 reader it started from; ``benchmarks/gold/README.md``).

    .venv/bin/python packaging/train_reader_residual.py examples EXAMPLES.jsonl   # needs .[fit]
    python packaging/train_reader_residual.py train EXAMPLES.jsonl STAGE2_DIR OUT_DIR --base MINILM_DIR
    .venv/bin/python benchmarks/reader_reads.py --logits LOGITS.json          # after reading the dev set

``train`` runs in the torch venv of ``train_cross_encoder.py``; STAGE2_DIR is a stored stage-2
reader (``git show 6ea9ac2:resources/models/same-fact-reader/...``), MINILM_DIR the fp32
all-MiniLM-L6-v2 folder. The dev logits are read as ``train_reader_mpnet.py read`` reads them
(``reader_dev_logits.every_pair``) after ``reader_dev_logits.store``.

The idea: the second trees decide the pairs the reader reads from the first trees' features and
the reader's logit, and what a larger reader adds is errors the first trees' features correct
(``README``: "Distilling the larger reader"). So train the reader on exactly the pairs the engine
reads, with the first trees' logit added to its own before the loss: it learns the residual.

Data: ``benchmarks/gold/news-facts-ecbtrain.jsonl`` (200 pairs, the stage-2 gold; no news-facts
pair). The first trees are fitted in 5 folds over its document pairs, so each pair's offset comes
from trees that never saw it; the pairs read are chosen as ``align`` chooses them
(``reading.choose`` at the default floor and budget): 15,451 examples holding 3,127 of the 3,242
gold links. One epoch from the stage-2 reader, as stage 2 trains (batch 32, 3e-5).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

GOLD = REPO / "benchmarks" / "gold" / "news-facts-ecbtrain.jsonl"
FOLDS = 5
CLIP = 1e-4  # probabilities kept inside [CLIP, 1 - CLIP] before their logit is taken


def read_examples(doc: dict, rows: tuple, probability: np.ndarray) -> list[dict]:
    """The pairs of one document pair that ``align`` would read, each with its label and the
    first trees' logit (``offset``)."""
    from desktop.core.align import reading
    from desktop.core.align.tuning import DEFAULT_TUNING

    pi, pj, _, y, _ = rows
    cost = reading.read_cost(doc["sents_a"], doc["sents_b"], pi, pj)
    read = reading.choose(probability, DEFAULT_TUNING.reader_floor, DEFAULT_TUNING.reader_budget, cost)
    p = np.clip(probability[read], CLIP, 1 - CLIP)
    offsets = np.log(p / (1 - p))
    return [{"a": doc["sents_a"][i], "b": doc["sents_b"][j], "y": int(label), "offset": float(o)}
            for i, j, label, o in zip(pi[read].tolist(), pj[read].tolist(), y[read].tolist(),
                                      offsets.tolist(), strict=True)]


def examples(out: Path, gold: Path = GOLD) -> None:
    """Every document pair's read pairs, offsets from the first trees of the folds without it."""
    import fit_same_fact as fit

    from desktop.core.align import samefact

    docs = [json.loads(line) for line in gold.open(encoding="utf-8")]
    rows = [fit.example_rows(doc) for doc in docs]
    probability: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for fold in range(FOLDS):
        keep = [k for k in range(len(docs)) if k % FOLDS != fold]
        trees = samefact.from_json(fit.fit_first(rows, keep, f"{gold.name}: folds without {fold}"))
        for k in range(fold, len(docs), FOLDS):
            probability[k] = trees.probability(rows[k][2])
    found = [e for k, doc in enumerate(docs) for e in read_examples(doc, rows[k], probability[k])]
    out.write_text("".join(json.dumps(e) + "\n" for e in found), encoding="utf-8")
    print(f"{out}: {len(found)} examples, {sum(e['y'] for e in found)} links", flush=True)


def train(data_file: Path, stage2: Path, out: Path, base: Path) -> None:
    from train_reader import dithered_torch_folder, one_epoch, seed_training

    seed_training()
    start = dithered_torch_folder(stage2, out.parent / f"{out.name}-start", base)
    data = []
    for line in data_file.open(encoding="utf-8"):
        e = json.loads(line)
        a, b = (e["a"], e["b"]) if random.random() < 0.5 else (e["b"], e["a"])
        data.append((a, b, float(e["y"]), e["offset"]))
    random.shuffle(data)
    one_epoch(start, data, out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="step", required=True)
    ex = sub.add_parser("examples")
    ex.add_argument("out", type=Path)
    ex.add_argument("--gold", type=Path, default=GOLD)
    tr = sub.add_parser("train")
    tr.add_argument("examples", type=Path)
    tr.add_argument("stage2", type=Path)
    tr.add_argument("out", type=Path)
    tr.add_argument("--base", type=Path, required=True, help="the fp32 all-MiniLM-L6-v2 folder")
    args = ap.parse_args(argv)
    if args.step == "examples":
        examples(args.out, args.gold)
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        train(args.examples, args.stage2, args.out, args.base)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
