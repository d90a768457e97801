"""Quality of the passage aligner on the shared development sets, scored by the shared score.py.

    .venv/bin/python benchmarks/align_quality.py [--bench DIR] [--sets a,b] [--no-loo]

Prints one table: unit-level, pair-level and only-in (sentence-level mean F1) figures per set;
under each run of a set with complete gold, the 95% intervals of its pair F1 and only-in when its
document pairs are drawn again with replacement (``_common.bootstrap_intervals``), which say how
much a difference between two runs can owe to the pairs a set happens to hold.

- news-facts-dev, **leave-one-pair-out**: for each of the 31 pairs, the first and the second
  same-fact trees are fitted on the other 30 (``fit_same_fact``: rows, reads, folds and thresholds
  chosen exactly as for the shipped models) and the held-out pair is aligned with them by the
  whole engine; predictions are pooled and scored. The reader (the cross-encoder) was trained on
  news-facts too (its stage 3, once without each pair): each pair is read by the reader that
  never saw it (``fit_same_fact.held_out_reader``, its logits stored in ``gold/``), and the second trees are
  fitted on such out-of-fold logits of the other 30. These are the figures the engine earns on
  data it was not fitted to.
- under every line, the same without the reader (``Tuning.read_pairs=False``): the first trees
  decide every pair, as the engine did before the reader; same models, same run.
- news-facts-dev, in-sample: the shipped model (fitted on all 31 pairs), for comparison.
- under each set's shipped-model line, its pairs that read as versions of one text, with the
  shipped models and with the version passes alone (``Tuning.facts_between_versions=False``).
- news-facts-ecbtrain-2 (``benchmarks/gold/``, 200 cross-outlet pairs of the ECB+ training topics,
  complete same-fact gold made by the team with the news-facts guidelines): the shipped models,
  which never saw it; the second out-of-sample figure of the same kind as news-facts (the
  reader was trained on other article pairs of the same topics: see ``benchmarks/gold/README.md``).
- news-facts-ecbtrain (200 more such pairs): the reader's training data, so in-sample for the
  reader (the trees never saw it).
- synthetic-news (``benchmarks/gold/``, 160 pairs of articles written by the team on invented
  events of 16 news domains, each pair as two outlets would report it, with complete gold by the
  guidelines): the shipped models, which never saw it; out of sample by topic as well as by pair.
- superpal-multinews-dev and deplain-web-dev (per domain): the shipped model, which saw neither
  set: thresholds and trees were fitted on news-facts only.

Needs scikit-learn for the leave-one-pair-out part (``pip install -e ".[fit]"``).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import DEFAULT_BENCH_DIR, Counts, bootstrap_intervals, load_set

from desktop.core.align import Tuning, align
from desktop.core.align.engine import VERSIONS

SETS = ("news-facts-dev", "news-facts-ecbtrain-2", "news-facts-ecbtrain", "synthetic-news",
        "superpal-multinews-dev", "deplain-web-dev")
OWN_GOLD = Path(__file__).resolve().parent / "gold"  # gold sets made by the team (see its README)


def gold_dir(bench: Path, name: str) -> Path:
    """Where a set's gold lies: the team's own sets in ``OWN_GOLD``, the rest in ``bench``."""
    return OWN_GOLD if (OWN_GOLD / f"{name}.jsonl").is_file() else bench
_LINE = re.compile(r"(unit|pair)-level P=([\d.]+) R=([\d.]+) F1=([\d.]+)")
_ONLY = re.compile(r"mean F1=([\d.]+)")


def predict(examples: list[dict], tuning: Tuning) -> list[dict]:
    out = []
    for ex in examples:
        result = align(ex["sents_a"], ex["sents_b"], tuning=tuning)
        out.append({"id": ex["id"], "mode": result.run.mode, "alignments": [
            {"a": list(g.a), "b": list(g.b), "score": g.score} for g in result.groups]})
    return out


def held_out_models(examples: list[dict], tmp: Path):
    """(example, files of the first and the second same-fact trees fitted on all the other
    examples), one by one: rows, reads, folds and thresholds chosen exactly as for the shipped
    models (``fit_same_fact``). Run it inside ``fit_same_fact.held_out_reader``: the reader's
    logits are then those of the fold reader that never saw the pair."""
    import fit_same_fact as fit

    rows = [fit.example_rows(ex) for ex in examples]
    logits = fit.ReaderLogits(examples)
    for k, ex in enumerate(examples):
        others = [t for t in range(len(rows)) if t != k]
        first = fit.fit_first(rows, others, f"all but {ex['id']}")
        second = fit.fit_second(rows, others, first, logits, f"all but {ex['id']}")
        paths = tmp / f"loo-{k}.json", tmp / f"loo-{k}-read.json"
        for data, path in zip((first, second), paths, strict=True):
            fit.write(data, path)
        print(f"  left out {ex['id']}: thresholds {first['fit']['threshold']:.2f}, "
              f"{second['fit']['threshold']:.2f}", file=sys.stderr, flush=True)
        yield ex, paths


def held_out(examples: list[dict], held, predict, logits: Path | None = None) -> list[dict]:
    """``predict(held())`` with each news-facts pair read by the fold reader that never saw it
    (the second trees of ``held()`` are fitted on such logits too); ``logits``: another reader's
    file of them (default: the shipped reader's, ``fit_same_fact.OOF``)."""
    import fit_same_fact as fit

    with fit.held_out_reader(examples, logits or fit.OOF):
        return predict(held())


def predict_leave_one_out(held_out: list[tuple[dict, tuple[Path, Path]]], *, read_pairs: bool = True
                          ) -> list[dict]:
    """Each pair aligned by the models fitted on the others (``held_out_models``)."""
    out = []
    for ex, (first, second) in held_out:
        out.extend(predict([ex], Tuning(same_fact_model=first, reader_model=second, read_pairs=read_pairs)))
    return out


def score(bench: Path, name: str, preds: list[dict], tmp: Path, keep: set[str] | None = None
          ) -> dict[str, tuple[float, ...] | float | None]:
    """Run the shared score.py on predictions (optionally only the examples in ``keep``)."""
    gold_path = gold_dir(bench, name) / f"{name}.jsonl"
    if keep is not None:
        lines = [line for line in gold_path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and json.loads(line)["id"] in keep]
        gold_path = tmp / f"{name}.subset.jsonl"
        gold_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        preds = [p for p in preds if p["id"] in keep]
    pred_path = tmp / f"{name}.pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    res = subprocess.run([sys.executable, str(bench / "score.py"), str(gold_path), str(pred_path)],
                         capture_output=True, text=True, check=True).stdout
    found: dict[str, tuple[float, ...] | float | None] = {"unit": None, "pair": None, "only": None}
    for line in res.splitlines():
        m = _LINE.match(line)
        if m:
            found[m.group(1)] = tuple(float(x) for x in m.groups()[1:])
        o = _ONLY.search(line)
        if o:
            found["only"] = float(o.group(1))
    return found


def fmt(prf) -> str:
    return "    -     -     -" if prf is None else f"{prf[0]:.3f} {prf[1]:.3f} {prf[2]:.3f}"


def row(label: str, s: dict, secs: float, modes: str) -> str:
    only = "    -" if s["only"] is None else f"{s['only']:.3f}"
    return f"{label:44s} {fmt(s['unit'])}  {fmt(s['pair'])}  {only}  {secs:6.1f}  {modes}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH_DIR)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--no-loo", action="store_true", help="skip the leave-one-pair-out run")
    ap.add_argument("--reader-logits", type=Path, metavar="JSON",
                    help="the leave-one-pair-out run reads news-facts-dev with another reader's "
                         "held-out logits (the format of gold/news-facts-dev-reader-oof.json)")
    args = ap.parse_args(argv)
    print(f"{'set / model':44s} {'unit P':>5s}     R    F1  {'pair P':>5s}     R    F1  only-in  secs  modes")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name in args.sets.split(","):
            examples = load_set(gold_dir(args.bench, name), name)
            runs = [("shipped model", lambda ex=examples: predict(ex, Tuning())),
                    ("  the same, first trees only (no reader)",
                     lambda ex=examples: predict(ex, Tuning(read_pairs=False)))]
            if name == "news-facts-dev" and not args.no_loo:
                held = functools.cache(lambda ex=examples: list(held_out_models(ex, tmp)))  # fitted once
                runs[:0] = [("LEAVE-ONE-PAIR-OUT",
                             lambda held=held, ex=examples: held_out(ex, held, predict_leave_one_out,
                                                                     args.reader_logits)),
                            ("  the same, first trees only (no reader)",
                             lambda held=held: predict_leave_one_out(held(), read_pairs=False))]
            for label, run in runs:
                start = time.perf_counter()
                preds = run()
                secs = time.perf_counter() - start
                modes = ", ".join(f"{m}: {sum(p['mode'] == m for p in preds)}"
                                  for m in sorted({p["mode"] for p in preds}))
                print(row(f"{name} {label}", score(args.bench, name, preds, tmp), secs, modes), flush=True)
                if all(ex.get("complete") for ex in examples):
                    print(intervals(examples, preds), flush=True)
                for dom in sorted({ex["domain"] for ex in examples if "domain" in ex}):
                    keep = {ex["id"] for ex in examples if ex.get("domain") == dom}
                    print(row(f"  {dom}", score(args.bench, name, preds, tmp, keep), 0.0, ""), flush=True)
                if label == "shipped model":
                    print_versions(args.bench, name, examples, preds, tmp)
    return 0


def intervals(examples: list[dict], preds: list[dict]) -> str:
    """The 95% bootstrap intervals of a run's pair F1 and only-in over the set's document pairs."""
    by_id = {p["id"]: p for p in preds}
    per = []
    for ex in examples:
        counts = Counts()
        counts.add(ex, [(g["a"], g["b"]) for g in by_id[ex["id"]]["alignments"]])
        per.append(counts)
    found = bootstrap_intervals(per)
    return "    95% interval over document pairs (bootstrap): " + ", ".join(
        f"{what} {lo:.3f}-{hi:.3f}" for what, (lo, hi) in found.items())


def print_versions(bench: Path, name: str, examples: list[dict], preds: list[dict], tmp: Path) -> None:
    """The pairs that read as versions of one text, with the shipped models and with the version
    passes alone (``Tuning.facts_between_versions=False``): what the same-fact links add there."""
    keep = {p["id"] for p in preds if p["mode"] == VERSIONS}
    if not keep:
        return
    alone = predict([ex for ex in examples if ex["id"] in keep], Tuning(facts_between_versions=False))
    for label, got in (("shipped model", preds), ("version passes alone", alone)):
        s = score(bench, name, got, tmp, keep)
        print(row(f"  {len(keep)} version pairs, {label}", s, 0.0, ""), flush=True)


if __name__ == "__main__":
    sys.exit(main())
