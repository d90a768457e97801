"""How well each sentence embedding finds same-fact sentence pairs, by cosine alone.

For every article pair of a gold set every sentence pair gets the cosine of its two vectors; the
figures are about the score, not the aligner built on it:

- ``F1 in``: the best pair-level F1 of one threshold over all pairs of the set (in-sample);
- ``F1 lopo``: leave-one-pair-out: each article pair is predicted with the threshold that is best
  on the others, the counts are pooled (news-facts only: its gold is complete);
- ``AP``: average precision of the pooled ranking (threshold-free ranking quality).

superpal's gold lists only sentences that align at all, so its F1 is over the pairs of those.

    python benchmarks/embed_quality.py [--save DIR] [--static OTHER.safetensors ...]

``--save DIR`` writes each set's vectors per model (DIR/SET.MODEL.npy, rows = for each pair its
``sents_a`` then its ``sents_b``, offsets in DIR/SET.index.json).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from _common import DEFAULT_BENCH_DIR, minilm_weights  # puts the repository on sys.path

from desktop.core.align import static as static_embed
from desktop.core.align.minilm import MiniLM

SETS = ("news-facts-dev", "superpal-multinews-dev")
Embed = Callable[[Sequence[str]], np.ndarray]


def load_set(name: str, bench_dir: Path = DEFAULT_BENCH_DIR) -> list[dict]:
    with (bench_dir / f"{name}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def flat_texts(rows: list[dict]) -> tuple[list[str], list[dict]]:
    """All sentences of a set in row order (A then B per pair) and each pair's offsets."""
    texts: list[str] = []
    index = []
    for row in rows:
        a, b = row["sents_a"], row["sents_b"]
        index.append({"id": row["id"], "a": [len(texts), len(texts) + len(a)],
                      "b": [len(texts) + len(a), len(texts) + len(a) + len(b)]})
        texts += a + b
    return texts, index


def pair_scores(rows: list[dict], vectors: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per article pair: the cosines of all sentence pairs (flat) and their gold labels."""
    _, index = flat_texts(rows)
    out = []
    for row, at in zip(rows, index, strict=True):
        sims = vectors[slice(*at["a"])] @ vectors[slice(*at["b"])].T
        gold = np.zeros(sims.shape, dtype=bool)
        for i, j in row["gold"]:
            gold[i, j] = True
        if row.get("complete") is not True:  # superpal: only sentences that align at all
            keep_a, keep_b = gold.any(axis=1), gold.any(axis=0)
            sims, gold = sims[keep_a][:, keep_b], gold[keep_a][:, keep_b]
        out.append((sims.ravel(), gold.ravel()))
    return out


def best_threshold(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """(best F1, its threshold): predict ``score >= threshold``."""
    order = np.argsort(-scores, kind="stable")
    hits = np.cumsum(gold[order])
    predicted = np.arange(1, len(order) + 1)
    f1 = 2 * hits / (predicted + gold.sum())
    best = int(f1.argmax())
    return float(f1[best]), float(scores[order][best])


def average_precision(scores: np.ndarray, gold: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = gold[order]
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision[hits].sum() / max(1, hits.sum()))


def lopo_f1(per_pair: list[tuple[np.ndarray, np.ndarray]]) -> float:
    tp = fp = fn = 0
    for k, (scores, gold) in enumerate(per_pair):
        rest = [p for m, p in enumerate(per_pair) if m != k]
        _, threshold = best_threshold(np.concatenate([s for s, _ in rest]),
                                      np.concatenate([g for _, g in rest]))
        predicted = scores >= threshold
        tp += int((predicted & gold).sum())
        fp += int((predicted & ~gold).sum())
        fn += int((~predicted & gold).sum())
    return 2 * tp / max(1, 2 * tp + fp + fn)


def evaluate(rows: list[dict], vectors: np.ndarray, lopo: bool) -> dict[str, float]:
    per_pair = pair_scores(rows, vectors)
    scores = np.concatenate([s for s, _ in per_pair])
    gold = np.concatenate([g for _, g in per_pair])
    f1, threshold = best_threshold(scores, gold)
    out = {"F1 in": f1, "thr": threshold, "AP": average_precision(scores, gold)}
    if lopo:
        out["F1 lopo"] = lopo_f1(per_pair)
    return out


def trigram_tfidf(rows: list[dict]) -> np.ndarray:
    """Character-trigram TF-IDF rows (IDF over the two documents of each pair), unit length;
    returned in ``flat_texts`` order, zero-padded to a common width per pair (only the dot
    products inside a pair are meaningful)."""
    blocks = []
    for row in rows:
        texts = row["sents_a"] + row["sents_b"]
        grams = [Counter(_trigrams(t)) for t in texts]
        df = Counter(g for c in grams for g in c)
        vocab = {g: k for k, g in enumerate(sorted(df))}
        idf = np.array([math.log((1 + len(texts)) / (1 + df[g])) + 1 for g in sorted(df)])
        m = np.zeros((len(texts), len(vocab)))
        for r, c in enumerate(grams):
            for g, n in c.items():
                m[r, vocab[g]] = n * idf[vocab[g]]
        blocks.append(m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12))
    width = max(b.shape[1] for b in blocks)
    return np.vstack([np.pad(b, ((0, 0), (0, width - b.shape[1]))) for b in blocks])


def _trigrams(text: str) -> list[str]:
    s = " " + " ".join(text.lower().split()) + " "
    return [s[k:k + 3] for k in range(len(s) - 2)]


def models(extra: Sequence[Path] = ()) -> dict[str, Embed]:
    """MiniLM (the fp32 transformer the static model is distilled from, when its package is
    installed), the shipped static model and any ``extra`` ones."""
    directory = minilm_weights()
    out: dict[str, Embed] = {}
    if directory is not None:
        out["minilm"] = MiniLM(directory).embed
    for path in [static_embed.default_path(), *extra]:
        if path.is_file():
            out[path.name.removesuffix(".safetensors")] = static_embed.StaticEmbedder.load(path).embed
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="write the vectors here (.npy per set and model)")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--static", type=Path, nargs="*", default=[],
                        help="more static model files (make_static_model.py --dims N)")
    args = parser.parse_args(argv)
    embedders = models(args.static)
    print(f"{'set':24} {'model':24} {'F1 in':>6} {'thr':>5} {'F1 lopo':>7} {'AP':>5}")
    for name in SETS:
        rows = load_set(name, args.bench_dir)
        texts, index = flat_texts(rows)
        results = {"char-3gram tfidf": trigram_tfidf(rows)}
        for label, embed in embedders.items():
            results[label] = embed(texts)
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                np.save(args.save / f"{name}.{label}.npy", results[label].astype(np.float32))
                (args.save / f"{name}.index.json").write_text(json.dumps(index), encoding="utf-8")
        for label, vectors in results.items():
            m = evaluate(rows, vectors, lopo=name == "news-facts-dev")
            lopo = f"{m['F1 lopo']:7.3f}" if "F1 lopo" in m else f"{'-':>7}"
            print(f"{name:24} {label:24} {m['F1 in']:6.3f} {m['thr']:5.2f} {lopo} {m['AP']:5.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
