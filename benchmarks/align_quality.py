"""Quality of the passage aligner on the three development sets (see ../shared/benchmarks).

    .venv/bin/python benchmarks/align_quality.py [--bench DIR] [--opt NAME=VALUE ...] [--fast]

Runs ``desktop.core.align.align`` with its defaults (or ``--opt`` overrides, e.g.
``--opt threshold=0.15 --opt coverage=False``) on every document pair, writes predictions in the
score.py format to a temporary directory, scores them with the shared ``score.py`` (same
python, subprocess) and prints one table: unit-level and pair-level P/R/F1 per set, DEplain per
domain, and the runtime. ``--fast`` scores in-process instead (a copy of score.py's metric, for
tuning sweeps); ``--sets`` limits the sets.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import DEFAULT_BENCH_DIR, SETS, Counts, fmt, load_set

from desktop.core.align import align


def parse_opts(items: list[str]) -> dict:
    opts = {}
    for item in items:
        name, _, value = item.partition("=")
        try:
            opts[name] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            opts[name] = value
    return opts


def predict(examples: list[dict], opts: dict) -> list[dict]:
    out = []
    for ex in examples:
        groups = align(ex["sents_a"], ex["sents_b"], **opts)
        out.append({"id": ex["id"], "alignments": [
            {"a": list(g.a), "b": list(g.b), "score": g.score} for g in groups]})
    return out


def run_score(bench: Path, name: str, examples: list[dict], preds: list[dict], tmp: Path) -> tuple:
    """Score with the shared score.py; returns (unit prf or None, pair prf)."""
    gold = bench / f"{name}.jsonl"
    pred_path = tmp / f"{name}.pred.jsonl"
    with pred_path.open("w", encoding="utf-8") as f:
        for line in preds:
            f.write(json.dumps(line) + "\n")
    res = subprocess.run([sys.executable, str(bench / "score.py"), str(gold), str(pred_path)],
                         capture_output=True, text=True, check=True)
    unit = pair = None
    for line in res.stdout.splitlines():
        m = re.match(r"(unit|pair)-level P=([\d.]+) R=([\d.]+) F1=([\d.]+)", line)
        if m:
            prf = tuple(float(x) for x in m.groups()[1:])
            if m.group(1) == "unit":
                unit = prf
            else:
                pair = prf
    return unit, pair


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH_DIR)
    ap.add_argument("--opt", action="append", default=[], help="align() keyword, NAME=VALUE")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--fast", action="store_true", help="score in-process (tuning)")
    args = ap.parse_args(argv)
    opts = parse_opts(args.opt)
    print(f"options: {opts or 'defaults'}")
    print(f"{'set':26s} {'unit P':>6s} {'R':>5s} {'F1':>5s}   {'pair P':>6s} {'R':>5s} {'F1':>5s}  seconds")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets.split(","):
            examples = load_set(args.bench, name)
            start = time.perf_counter()
            preds = predict(examples, opts)
            secs = time.perf_counter() - start
            if args.fast:
                tot = Counts()
                for ex, p in zip(examples, preds, strict=True):
                    tot.add(ex, [(g["a"], g["b"]) for g in p["alignments"]])
                unit, pair = tot.unit(), tot.pair()
            else:
                unit, pair = run_score(args.bench, name, examples, preds, Path(tmp))
            print(f"{name:26s} {fmt(unit)}   {fmt(pair)}  {secs:6.2f}")
            domains = sorted({ex["domain"] for ex in examples if "domain" in ex})
            for dom in domains:
                c = Counts()
                for ex, p in zip(examples, preds, strict=True):
                    if ex.get("domain") == dom:
                        c.add(ex, [(g["a"], g["b"]) for g in p["alignments"]])
                print(f"  {name.split('-')[0]}/{dom:18s} {fmt(c.unit())}   {fmt(c.pair())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
