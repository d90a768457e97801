"""Many-source comparisons: is a pair aligned as well inside N sources as alone, and how fast.

    .venv/bin/python benchmarks/many_sources.py [--bench DIR] [--max-sources 12] [--runs 3]

Quality. Each news-facts pair taken from ECB+ (30 of 31; the seed pair has no sub-topic) is
aligned three ways and scored on its gold (pair-level micro P/R/F1, pooled):
- *pairwise*: the two articles alone (``facts.align_many`` on two sources = the pairwise engine);
- *N-way, all pairs* and *N-way, pivot*: the two articles plus the other articles of their ECB+
  sub-topic (``ecbplus-dev-docs.jsonl``), up to ``--max-sources`` in all, and the resulting facts
  projected onto the two (``facts.project``).
All three use, for each pair, a same-fact model fitted on the other 30 news-facts pairs
(leave-one-pair-out, as ``align_quality.py``; needs ``.[fit]``), so the figures are out of
sample; ``--in-sample`` uses the shipped model instead (fitted on these pairs) for a quick run.

Speed. 8 sources of 100 sentences (ECB+ dev sentences in order): ``parallax align-batch`` on one
N-way line, whole process (start, models, 28 pairwise runs, reconciling), median of ``--runs``;
and the in-process time of each strategy beside a single pairwise 100 x 100 run as the baseline.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from _common import DEFAULT_BENCH_DIR, REPO, load_set, median_seconds, prf

from desktop.core.align import facts as many
from desktop.core.align.engine import align
from desktop.core.align.tuning import DEFAULT_TUNING, Tuning


def subtopic_docs(bench: Path) -> dict[str, list[str]]:
    """ECB+ document name -> its sentences, for every development document."""
    out = {}
    with open(bench / "ecbplus-dev-docs.jsonl", encoding="utf-8") as f:
        for line in f:
            for doc in json.loads(line)["docs"]:
                out[doc["doc"]] = doc["sents"]
    return out


def subtopics(bench: Path) -> dict[str, list[str]]:
    out = {}
    with open(bench / "ecbplus-dev-docs.jsonl", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            for doc in record["docs"]:
                out[doc["doc"]] = [d["doc"] for d in record["docs"]]
    return out


def cases(bench: Path, max_sources: int) -> list[tuple[dict, list[list[str]]]]:
    """(gold pair, its documents: A, B, then the sub-topic's other articles)."""
    texts, topic = subtopic_docs(bench), subtopics(bench)
    out = []
    for ex in load_set(bench, "news-facts-dev"):
        if not ex["source"].startswith("ECB+ "):
            continue
        name_a, name_b = ex["source"].split()[1].split("__")
        if texts.get(name_a) != ex["sents_a"] or texts.get(name_b) != ex["sents_b"]:
            raise SystemExit(f"{ex['id']}: its sentences differ from ecbplus-dev-docs")
        others = [d for d in topic[name_a] if d not in (name_a, name_b)][: max_sources - 2]
        out.append((ex, [ex["sents_a"], ex["sents_b"], *[texts[d] for d in others]]))
    return out


def score(found: list[set], gold: list[set]) -> tuple[float, float, float]:
    """Pooled pair-level (P, R, F1)."""
    return prf(sum(len(f & g) for f, g in zip(found, gold, strict=True)),
               sum(len(f - g) for f, g in zip(found, gold, strict=True)),
               sum(len(g - f) for f, g in zip(found, gold, strict=True)))


def runs(docs: list[list[str]], tuning: Tuning) -> dict[str, set]:
    """The gold pair's links three ways: alone, inside all its sources, through a pivot."""
    pivot = replace(tuning, source_pairs="pivot")
    # The pivot is a third article: the pair is then linked only through it, as most pairs are.
    return {"pairwise (2 sources)": many.project(many.align_many(docs[:2], tuning=tuning).facts, 0, 1),
            "N-way, all pairs": many.project(many.align_many(docs, tuning=tuning).facts, 0, 1),
            "N-way, pivot pairs": many.project(
                many.align_many([docs[2], docs[0], docs[1], *docs[3:]], tuning=pivot).facts, 1, 2)}


def quality(bench: Path, max_sources: int, loo: bool) -> None:
    data = cases(bench, max_sources)
    tunings = {ex["id"]: DEFAULT_TUNING for ex, _ in data}
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        if loo:  # and each news-facts pair read by the fold reader that never saw it
            from align_quality import held_out_models
            from fit_same_fact import held_out_reader

            news = load_set(bench, "news-facts-dev")
            stack.enter_context(held_out_reader(news))
            models = held_out_models(news, Path(tmp))
            tunings.update({ex["id"]: Tuning(same_fact_model=first, reader_model=second)
                            for ex, (first, second) in models})
        found = [runs(docs, tunings[ex["id"]]) for ex, docs in data]
    gold = [{tuple(p) for p in ex["gold"]} for ex, _ in data]
    sizes = [len(docs) for _, docs in data]
    model = "each pair's model fitted on the other 30 pairs (leave-one-pair-out)" if loo \
        else "the shipped model (fitted on these pairs: in-sample)"
    print(f"news-facts pairs inside their ECB+ sub-topic: {len(data)} pairs, "
          f"{min(sizes)}-{max(sizes)} sources (median {statistics.median(sizes):g}); {model}")
    print(f"{'run':<24} {'P':>6} {'R':>6} {'F1':>6}")
    for name in found[0]:
        p, r, f1 = score([f[name] for f in found], gold)
        print(f"{name:<24} {p:6.3f} {r:6.3f} {f1:6.3f}")


def eight_by_hundred(bench: Path) -> list[list[str]]:
    sents = [s for doc in subtopic_docs(bench).values() for s in doc]
    return [sents[k * 100:(k + 1) * 100] for k in range(8)]


def speed(bench: Path, runs: int) -> None:
    docs = eight_by_hundred(bench)
    base = median_seconds(lambda: align(docs[0], docs[1]), runs)
    print(f"\n8 sources x 100 sentences, in process (median of {runs}):")
    print(f"  one pairwise 100 x 100 run (baseline): {base:6.2f} s")
    for strategy in ("all", "pivot"):
        tuning = replace(DEFAULT_TUNING, source_pairs=strategy)
        t = median_seconds(lambda tuning=tuning: many.align_many(docs, tuning=tuning), runs)
        print(f"  N-way, {strategy + ' pairs':<10} {t:6.2f} s  ({t / base:4.1f} x baseline)")
    with tempfile.TemporaryDirectory() as tmp:
        line = Path(tmp) / "in.jsonl"
        line.write_text(json.dumps({"id": "8x100", "docs": docs}) + "\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "desktop", "align-batch", str(line), "-o", str(Path(tmp) / "out.jsonl")]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, cwd=REPO)
            times.append(time.perf_counter() - start)
    print(f"  whole process, parallax align-batch (default strategy): {statistics.median(times):6.2f} s "
          "(target <= 3 s)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH_DIR)
    ap.add_argument("--max-sources", type=int, default=12)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--in-sample", action="store_true",
                    help="score with the shipped model instead of leave-one-pair-out models (quick)")
    args = ap.parse_args(argv)
    if not args.skip_quality:
        quality(args.bench, args.max_sources, loo=not args.in_sample)
    speed(args.bench, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
