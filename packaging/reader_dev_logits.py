"""After ``train_reader_dev.py``: the out-of-fold logits of news-facts-dev and the shipped reader.

    .venv/bin/python -m pip install onnx        # a development tool: the program never imports it
    .venv/bin/python packaging/reader_dev_logits.py TRAINED_DIR [--bench ../shared/benchmarks]

Each fold's reader (``TRAINED_DIR/fold{f}``) is stored as the program stores a reader (int8
matrices, ``make_cross_encoder.py``; its onnxruntime graph, ``make_reader_graph.py``) in
``TRAINED_DIR/int8-fold{f}``, and reads every sentence pair of the document pairs of its own fold,
which it never saw: ``benchmarks/gold/news-facts-dev-reader-oof.json`` keeps these logits (4
decimals), the data the second trees are fitted on (``benchmarks/fit_same_fact.py``) and the
reader of each held-out pair in ``benchmarks/align_quality.py``. The reader trained on all 31
pairs (``TRAINED_DIR/all``) is written to ``resources/models/same-fact-reader/``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import make_cross_encoder  # noqa: E402
import make_reader_graph  # noqa: E402
from train_reader_dev import FOLDS, SET, fold_count, fold_of  # noqa: E402

from desktop.core.align.crossencoder import GRAPH, CrossEncoder  # noqa: E402

OOF = REPO / "benchmarks" / "gold" / f"{SET}-reader-oof.json"
SHIPPED = REPO / "resources" / "models" / "same-fact-reader"


def store(trained: Path, out: Path) -> None:
    """A torch reader folder as the program's files: int8 weights, vocabulary, settings, graph."""
    make_cross_encoder.main([str(trained), "--out", str(out), "--max-pair-tokens", "96"])
    make_reader_graph.main(["--out", str(out / GRAPH)])


def every_pair(reader, docs: list[dict], batch_size: int = 8) -> dict[str, list[float]]:
    """Each document pair's logits of every (a, b) sentence pair, a-major, to 4 decimals
    (``reader``: a ``crossencoder.PairReader``)."""
    logits = {}
    for doc in docs:
        pairs = [(a, b) for a in doc["sents_a"] for b in doc["sents_b"]]
        logits[doc["id"]] = [round(float(v), 4) for v in reader.scores(pairs, batch_size=batch_size)]
    return logits


def write_table(path: Path, logits: dict[str, list[float]], folds: int, **about: str) -> None:
    """The logits file ``fit_same_fact.held_out_reader`` reads (``folds``: 0 when the reader saw
    no pair of the set; ``about``: more keys that say which reader it was)."""
    table = {"set": SET, "folds": folds, "order": "every (a, b), a-major", "logits": logits, **about}
    path.write_text(json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trained", type=Path)
    ap.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "benchmarks")
    ap.add_argument("--folds", type=int, default=FOLDS, help="as train_reader_dev.py was run with")
    args = ap.parse_args(argv)
    docs = [json.loads(line) for line in (args.bench / f"{SET}.jsonl").open(encoding="utf-8")]
    logits: dict[str, list[float]] = {}
    folds = fold_count(args.folds, len(docs))
    for fold in range(folds):
        stored = args.trained / f"int8-fold{fold}"
        store(args.trained / f"fold{fold}", stored)
        mine = [doc for k, doc in enumerate(docs) if fold_of(k, args.folds) == fold]
        logits.update(every_pair(CrossEncoder(stored), mine))
    write_table(OOF, logits, folds)
    print(f"{OOF}: {sum(map(len, logits.values()))} logits of {len(logits)} document pairs")
    store(args.trained / "all", SHIPPED)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
