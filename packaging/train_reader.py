"""Stage 2 of the same-fact reader: the stage-1 cross-encoder (``train_cross_encoder.py``, ECB+
same-event pairs) trained further on same-fact gold (torch; a development tool, never part of the
program).

    python packaging/train_reader.py STAGE1_DIR OUT_DIR     # the torch venv of train_cross_encoder.py
    .venv/bin/python packaging/make_cross_encoder.py OUT_DIR --max-pair-tokens 96
    .venv/bin/python benchmarks/fit_same_fact.py            # the second trees read its verdicts

The shipped reader went on to a stage 3 on news-facts-dev (``train_reader_dev.py``).

Data: ``benchmarks/gold/news-facts-ecbtrain.jsonl``: 200 pairs of ECB+ *training* articles with
complete same-fact gold made by the team with the news-facts guidelines (none in news-facts, whose
articles come from the ECB+ development topics, nor in ``news-facts-ecbtrain-2``, the held-out
check), in the order of ``reader-train-order.txt`` (the annotation order the shipped weights were
trained in). Examples: every gold link; per link two hard negatives (the unlinked pairs with the
highest static cosine, the aligner's typical false link) and one random negative; each put in a
random order (the aligner's sides are symmetric): 13,117 examples. One epoch, batch 32, AdamW at
3e-5 with a tenth of warm-up then linear decay, 96 tokens a pair, all 6 layers; two threads, about
15 minutes here. Measured and not shipped: the first 3 layers only, 64 tokens (half the cost a
pair), trained the same way on 954 more pairs, read news-facts at average precision .36 against
.63 for this one. Seeds are fixed; torch's CPU kernels make it reproducible to rounding, not byte
for byte.

A second stage-2 epoch on the 754 pairs of ``same-fact-more.jsonl`` (measured, not shipped;
``benchmarks/gold/README.md`` has the figures), from the stored stage-2 reader
(``git show 6ea9ac2:resources/models/same-fact-reader/{cross-encoder.safetensors,vocab.txt}``)::

    python packaging/train_reader.py STAGE2_DIR OUT_DIR --gold benchmarks/gold/same-fact-more.jsonl \
        --order file --stored MINILM_DIR      # 41,927 examples, about 36 minutes here
    .venv/bin/python packaging/make_cross_encoder.py OUT_DIR --out STAGE2B_DIR --max-pair-tokens 96
    python packaging/train_reader_dev.py STAGE2B_DIR STAGE3_DIR --base MINILM_DIR
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from train_cross_encoder import fine_tune, load_model  # noqa: E402

from desktop.core.align import static  # noqa: E402
from desktop.core.align.crossencoder import WEIGHTS, dequantised  # noqa: E402
from desktop.core.align.safetensors_io import read_safetensors  # noqa: E402

GOLD = REPO / "benchmarks" / "gold" / "news-facts-ecbtrain.jsonl"
ORDER = Path(__file__).resolve().parent / "reader-train-order.txt"
LAYERS = 6
MAX_LENGTH = 96
BATCH = 32
LEARNING_RATE = 3e-5


def pair_examples(doc: dict, seed: int) -> list[tuple[str, str, float]]:
    """The links of one document pair and their negatives (see the module docstring)."""
    a, b = doc["sents_a"], doc["sents_b"]
    cos = (static.embed(a) @ static.embed(b).T).ravel()
    pi, pj = np.divmod(np.arange(len(a) * len(b)), len(b))
    gold = {tuple(p) for p in doc["gold"]}
    y = np.array([(i, j) in gold for i, j in zip(pi.tolist(), pj.tolist(), strict=True)])
    pos, neg = np.flatnonzero(y), np.flatnonzero(~y)
    hard = neg[np.argsort(-cos[neg])][:2 * len(pos) + 2]
    rest = np.setdiff1d(neg, hard)
    easy = rest[np.random.default_rng(seed).permutation(len(rest))[:len(pos) + 1]]
    out = []
    for r in np.concatenate([pos, hard, easy]):
        first, second = a[pi[r]], b[pj[r]]
        if random.random() < 0.5:
            first, second = second, first
        out.append((first, second, float(y[r])))
    return out


def examples(path: Path, order: Path | None = ORDER) -> list[tuple[str, str, float]]:
    """The examples of every pair in ``path``, taken in the id order of the file ``order`` (None:
    the gold file's own order), then shuffled."""
    docs = {doc["id"]: doc for doc in map(json.loads, path.open(encoding="utf-8"))}
    data: list[tuple[str, str, float]] = []
    for key in (order.read_text(encoding="utf-8").split() if order else docs):
        data.extend(pair_examples(docs[key], len(data)))
    random.shuffle(data)
    return data


def dithered_torch_folder(stage2: Path, out: Path, base_config: Path) -> Path:
    """A transformers folder of a stored (int8) reader, its matrices moved off the int8 grid: the
    start of stage 3 (``train_reader_dev.py``, which says why) and of a second stage-2 epoch
    (``--stored``)."""
    raw = read_safetensors(stage2 / WEIGHTS)
    weights = dequantised(raw)
    rng = np.random.default_rng(0)
    for name in sorted(raw):
        if name.endswith(".q"):
            base = name[:-2]
            noise = rng.random(weights[base].shape, dtype=np.float32) - np.float32(0.5)
            weights[base] = weights[base] + noise * raw[base + ".scale"]
    from safetensors.numpy import save_file

    out.mkdir(parents=True, exist_ok=True)
    save_file({(k if k.startswith("classifier.") else "bert." + k): np.ascontiguousarray(v, dtype=np.float32)
               for k, v in weights.items()}, str(out / "model.safetensors"))
    config = json.loads((base_config / "config.json").read_text(encoding="utf-8"))
    config.update(num_labels=1, architectures=["BertForSequenceClassification"],
                  id2label={"0": "LABEL_0"}, label2id={"LABEL_0": 0})
    (out / "config.json").write_text(json.dumps(config), encoding="utf-8")
    for name in ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copyfile(base_config / name, out / name)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stage1", type=Path, help="the stage-1 torch folder (with --stored: a stored reader)")
    ap.add_argument("out", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--order", help="a file of pair ids, the training order, or 'file' for the gold "
                                    "file's own order (default: reader-train-order.txt)")
    ap.add_argument("--stored", type=Path, metavar="MINILM_DIR",
                    help="STAGE1 is a stored int8 reader (resources/models/same-fact-reader): start "
                         "from it moved off the int8 grid, with MINILM_DIR's config and tokenizer")
    args = ap.parse_args(argv)
    start = args.stage1
    if args.stored:
        start = dithered_torch_folder(args.stage1, args.out.parent / f"{args.out.name}-start", args.stored)
    order = None if args.order == "file" else Path(args.order or ORDER)
    seed_training()
    data = examples(args.gold, order)
    print("examples", len(data), "same fact", int(sum(y for *_, y in data)), flush=True)
    one_epoch(start, data, args.out)
    return 0


def seed_training() -> None:
    """The random state every reader training starts from (two threads, as on these machines)."""
    import torch

    torch.manual_seed(0)
    random.seed(0)
    torch.set_num_threads(2)


def one_epoch(start: Path, data: list, out: Path) -> None:
    """One epoch of the MiniLM reader in ``start`` over ``data`` with stage 2's settings, saved in
    ``out`` (``train_cross_encoder.fine_tune``)."""
    tok, model = load_model(start, LAYERS)
    fine_tune(tok, model, data, out, lr=LEARNING_RATE, max_length=MAX_LENGTH, factor=warm_then_decay,
              batch_size=BATCH)


def warm_then_decay(step: int, steps: int) -> float:
    """Rises linearly over the first tenth of the steps, while decaying linearly to 0 at the end."""
    return min(1.0, (step + 1) / (0.1 * steps)) * (steps - step) / steps


if __name__ == "__main__":
    raise SystemExit(main())
