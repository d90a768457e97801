"""The same-fact reader's runtime options side by side (the numpy cross-encoder of ``reading``).

    .venv/bin/python benchmarks/reader_speed.py [--compare DIR ...]

Prints medians of 5 runs on 256 sentence pairs of news-facts-dev (the pairs the first trees rank
highest, what ``read_pairs`` reads):

- for each runtime of the shipped reader (onnxruntime's int8 graph, the default, and the numpy
  fallback that computes the same): milliseconds a pair at batch 1, 8 and 32 (length-sorted, as
  ``scores``), on one thread and on two (the default: the batches shared by two threads), their
  ratio, the cold load (fresh object; the OS file cache is warm), and numpy's time against
  onnxruntime's at the default batch on two threads;
- the seed pair: how many pairs the default floor and budget read, and ``align`` with and without
  the reader (models loaded), the difference being what reading costs a run;
- each ``--compare`` folder (another reader written by ``packaging/make_cross_encoder.py``, e.g. a
  3-layer one) at batch 32, its time against the shipped one's in the same run (< 1: faster).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _common import DEFAULT_BENCH_DIR, REPO, load_set, median_seconds

# numpy after _common, which loads desktop first: one OpenBLAS thread, as in the app
# isort: split
import numpy as np

from desktop.core.align import engine, samefact
from desktop.core.align.crossencoder import NUMPY, CrossEncoder
from desktop.core.align.models import READER
from desktop.core.align.reader_onnx import RUNTIME
from desktop.core.align.tuning import Tuning


def likely_pairs(bench: Path, count: int = 256) -> list[tuple[str, str]]:
    """The ``count`` sentence pairs of news-facts-dev the first trees rank highest."""
    model = samefact.load()
    ranked = []
    for ex in load_set(bench, "news-facts-dev"):
        pi, pj, x, _ = engine.training_rows(ex["sents_a"], ex["sents_b"])
        p = model.probability(x)
        ranked += [(float(p[r]), ex["sents_a"][pi[r]], ex["sents_b"][pj[r]]) for r in np.argsort(-p)[:16]]
    ranked.sort(key=lambda t: -t[0])
    return [(a, b) for _, a, b in ranked[:count]]


def per_pair_ms(reader: CrossEncoder, pairs: list[tuple[str, str]], batch: int, threads: int = 2) -> float:
    reader.scores(pairs[:batch], batch_size=batch)  # word pieces cached, as in a run
    seconds = median_seconds(lambda: reader.scores(pairs, batch_size=batch, threads=threads), 5)
    return 1000 * seconds / len(pairs)


def seed_texts() -> tuple[list[str], list[str]]:
    """The seed articles' passages, cut as the program cuts them (the default granularity)."""
    from desktop.core.model import AlignOptions
    from desktop.core.sources.loading import read_source
    from desktop.core.text import segment

    unit = AlignOptions().granularity
    files = sorted((REPO / "seeds").glob("*.txt"))
    a, b = ([p.text for p in segment.split(read_source(f), unit)] for f in files)
    return a, b


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH_DIR)
    ap.add_argument("--compare", type=Path, nargs="*", default=[])
    args = ap.parse_args(argv)
    pairs = likely_pairs(args.bench)
    default_ms = {}
    for runtime in (RUNTIME, NUMPY):
        start = time.perf_counter()
        shipped = CrossEncoder(READER.directory(), runtime)
        print(f"shipped reader on {shipped.runtime}: {shipped.max_pair_tokens} tokens a pair; "
              f"cold load {1000 * (time.perf_counter() - start):.0f} ms")
        for batch in (1, 8, 32):
            one, two = (per_pair_ms(shipped, pairs, batch, threads) for threads in (1, 2))
            print(f"  batch {batch:2d}: {one:5.1f} ms a pair on one thread, {two:5.1f} on two "
                  f"({one / two:.2f}x; {len(pairs)} pairs)")
            if batch == 8:
                default_ms[shipped.runtime] = two
    if len(default_ms) == 2:
        print(f"numpy against onnxruntime at batch 8 on two threads: "
              f"{default_ms[NUMPY] / default_ms[RUNTIME]:.2f}x the time")
    base = per_pair_ms(CrossEncoder(READER.directory()), pairs, 8)
    for folder in args.compare:
        other = CrossEncoder(folder)
        ms = per_pair_ms(other, pairs, 8)
        print(f"{folder} on {other.runtime}: {other.max_pair_tokens} tokens: {ms:5.1f} ms a pair "
              f"at batch 8; time against the shipped one {ms / base:.2f}x")
    a, b = seed_texts()
    result = engine.align(a, b)
    with_reader = median_seconds(lambda: engine.align(a, b), 5)
    without = median_seconds(lambda: engine.align(a, b, tuning=Tuning(read_pairs=False)), 5)
    print(f"seed pair: {result.run.pairs_read} of {result.run.pairs_to_read} likely pairs read "
          f"(floor {Tuning().reader_floor}, budget {Tuning().reader_budget}); "
          f"align {1000 * with_reader:.0f} ms "
          f"with the reader, {1000 * without:.0f} ms without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
