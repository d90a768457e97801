"""The larger same-fact reader, all-mpnet-base-v2 read as a cross-encoder, run in onnxruntime:
measured, not shipped, and the teacher of a distilled MiniLM reader (``distil_reader.py``; not
kept).

The MiniLM reader trained on the gold alone stopped at pair F1 .670 on the news-facts pairs it
never saw. all-mpnet-base-v2 (12 layers, 768 wide, 110 M parameters; Apache-2.0, from the package
registry) with a one-logit head, trained once on the team's same-fact gold of 200 ECB+ training
article pairs (``train_reader_mpnet.py``; no news-facts pair in its training) lifts the engine
to .712 (``benchmarks/gold/README.md``, "A larger reader"), but reads a pair five times slower
and its graph is 114 MB: a teacher, not shipped.

Its graph (``reader-int8.onnx``, ``make_mpnet_graph.py``) reads word-piece ids and the
attention mask itself: the embeddings (a word-piece table stored as int8 with a scale per row),
MPNet's relative position buckets, twelve layers whose products are int8 (each token's
activations quantised over its own range, as the MiniLM graph does; 0.028 logit from float32 on
average over the 6,742 news-facts sentence pairs) and the head. The tokenizer is BERT's uncased
one (``minilm.WordPiece``: the same word pieces as the model's own tokenizer on every news-facts
sentence) with MPNet's marks, ``<s> a </s></s> b </s>``, and padding id 1 (the graph counts
positions from the ids, skipping padding).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.core.align import reader_onnx  # noqa: E402
from desktop.core.align.crossencoder import PairReader  # noqa: E402

GRAPH = "reader-int8.onnx"
MARKS = (("<s>",), ("</s>", "</s>"), ("</s>",))  # <s> a </s></s> b </s>
PADDING = 1


class MpnetReader(PairReader):
    """``scores(pairs)`` as ``CrossEncoder``'s, from the graph in ``model_dir``. Raises ImportError
    without onnxruntime, OSError or ValueError for missing or unreadable files."""

    def __init__(self, model_dir: Path) -> None:
        super().__init__(model_dir, MARKS)
        self.read = reader_onnx.load_pair_graph(model_dir / GRAPH)
        self.runtime = reader_onnx.RUNTIME

    def _logits(self, batch: list[tuple[list[int], int]]) -> np.ndarray:
        length = max(len(ids) for ids, _ in batch)
        ids = np.full((len(batch), length), PADDING, dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.int64)
        for row, (pieces, _) in enumerate(batch):
            ids[row, :len(pieces)] = pieces
            mask[row, :len(pieces)] = 1
        return self.read(ids, mask)
