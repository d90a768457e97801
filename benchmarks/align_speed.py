"""Speed and memory of the passage aligner on synthetic news-like documents.

    .venv/bin/python benchmarks/align_speed.py              # 1k, 5k, 10k sentences per side
    .venv/bin/python benchmarks/align_speed.py --n 10000    # one size, in this process
    /usr/bin/time -v .venv/bin/python benchmarks/align_speed.py --n 10000   # whole process

Document A is built from a fixed Zipf-distributed vocabulary (content words, function words,
capitalised names, numbers) with a seeded RNG; B is a shuffled copy of A in which a fifth of
the sentences are reworded (a third of their words replaced), a tenth dropped and a tenth new.
Each size runs in its own subprocess so that its peak RSS (``resource.getrusage``) is its own;
the table gives the median of ``--repeat`` runs of ``align`` alone, the peak RSS, the growth
of the time against the previous size, and what n log n growth would predict.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import statistics
import subprocess
import sys
import time

from _common import REPO

from desktop.core.align import align

_FUNCTION_TEXT = ("the a of to in and that for on with as by at from is was were has have had said "
                  "will would its their his her after before over about more than not but also")
FUNCTION = _FUNCTION_TEXT.split()


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    syll = ["ka", "lo", "mi", "ten", "ra", "vo", "sel", "dar", "an", "po", "ri", "gu", "na", "ber",
            "tor", "fi", "le", "mus", "sta", "qua", "zen", "ol", "pre", "tic"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syll) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Generator:
    """Seeded news-like sentences."""

    def __init__(self, seed: int = 7, vocab: int = 30_000, names: int = 3_000) -> None:
        self.rng = random.Random(seed)
        self.words = _vocabulary(self.rng, vocab)
        self.rng.shuffle(self.words)  # Zipf rank independent of spelling
        self.names = [w.capitalize() for w in _vocabulary(random.Random(seed + 1), names)]
        self.cum = list(_cumulative([1.0 / (k + 10) for k in range(len(self.words))]))

    def word(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.rng.choice(FUNCTION)
        if r < 0.42:
            return self.rng.choice(self.names)
        if r < 0.45:
            return str(self.rng.choice([self.rng.randint(2, 99), self.rng.randint(100, 99_999)]))
        return self.rng.choices(self.words, cum_weights=self.cum)[0]

    def sentence(self) -> str:
        n = self.rng.randint(10, 32)
        toks = [self.rng.choice(self.names)] + [self.word() for _ in range(n)]
        return " ".join(toks) + "."

    def reword(self, sentence: str) -> str:
        toks = sentence.rstrip(".").split()
        for k in range(len(toks)):
            if self.rng.random() < 0.33:
                toks[k] = self.word()
        return " ".join(toks) + "."


def _cumulative(weights: list[float]):
    total = 0.0
    for w in weights:
        total += w
        yield total


def documents(n: int, seed: int = 7) -> tuple[list[str], list[str], set[tuple[int, int]]]:
    """A, B and the true pairs (index in A, index in B) of B's copies of A's sentences."""
    gen = Generator(seed)
    a = [gen.sentence() for _ in range(n)]
    b: list[tuple[int, str]] = []
    for i, s in enumerate(a):
        r = gen.rng.random()
        if r < 0.1:
            continue  # dropped
        b.append((i, gen.reword(s) if r < 0.3 else s))
    b += [(-1, gen.sentence()) for _ in range(n // 10)]
    gen.rng.shuffle(b)
    truth = {(i, j) for j, (i, _) in enumerate(b) if i >= 0}
    return a, [s for _, s in b], truth


def run_one(n: int, repeat: int) -> dict:
    a, b, truth = documents(n)
    times, groups = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        groups = align(a, b)
        times.append(time.perf_counter() - start)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = {(i, j) for g in groups for i in g.a for j in g.b}
    return {"n": n, "median_s": statistics.median(times), "peak_rss_mb": rss_mb, "groups": len(groups),
            "sentences_b": len(b), "recall": len(found & truth) / len(truth),
            "precision": len(found & truth) / max(len(found), 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, help="one size only, in this process")
    ap.add_argument("--sizes", default="1000,5000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.n:
        res = run_one(args.n, args.repeat)
        if args.json:
            print(json.dumps(res))
        else:
            print(f"n={res['n']} x {res['sentences_b']}: median {res['median_s']:.3f} s, "
                  f"peak RSS {res['peak_rss_mb']:.0f} MB, {res['groups']} groups, "
                  f"pair P {res['precision']:.3f} R {res['recall']:.3f}")
        return 0
    print(f"{'n':>6s} {'B':>6s} {'median s':>9s} {'peak MB':>8s} {'groups':>7s} {'pair P':>6s} {'R':>5s} "
          f"{'growth':>7s} {'nlogn':>6s}")
    prev = None
    for n in (int(x) for x in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--n", str(n), "--repeat", str(args.repeat),
                              "--json"], capture_output=True, text=True, check=True, cwd=REPO)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        growth = nlogn = ""
        if prev:
            growth = f"{res['median_s'] / prev['median_s']:.2f}"
            nlogn = f"{n * math.log(n) / (prev['n'] * math.log(prev['n'])):.2f}"
        print(f"{n:6d} {res['sentences_b']:6d} {res['median_s']:9.3f} {res['peak_rss_mb']:8.0f} "
              f"{res['groups']:7d} {res['precision']:6.3f} {res['recall']:5.3f} {growth:>7s} {nlogn:>6s}",
              flush=True)
        prev = res
    return 0


if __name__ == "__main__":
    sys.exit(main())
