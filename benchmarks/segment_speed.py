"""Segmentation speed: 10,000 news sentences through ``segment.split``, against syntok.

Run: .venv/bin/python benchmarks/segment_speed.py
Prints medians of 5 runs; syntok (the precise alternative measured in ENVIRONMENT.md) runs on
the same text in the same process as the baseline. Also prints the sentence-boundary precision
and recall of both on the shared MultiNews and DEplain sets (gold sentences joined by spaces).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.core.model import Granularity  # noqa: E402
from desktop.core.sources.loading import source_from_text  # noqa: E402
from desktop.core.text.segment import split  # noqa: E402
from desktop.core.text.sentences import sentence_spans  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
if not SHARED.exists():
    SHARED = Path("/work/shared/benchmarks")


def news_sentences() -> list[str]:
    sentences: list[str] = []
    for line in (SHARED / "superpal-multinews-dev.jsonl").read_text().splitlines():
        record = json.loads(line)
        sentences += record["sents_a"] + record["sents_b"]
    return [s for s in sentences if s.strip()]


def build_text(sentences: list[str], count: int, per_paragraph: int = 3) -> str:
    chosen = [sentences[i % len(sentences)].strip() for i in range(count)]
    paragraphs = [" ".join(chosen[i:i + per_paragraph]) for i in range(0, count, per_paragraph)]
    return "\n\n".join(paragraphs)


def median_ms(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def syntok_split(text: str) -> int:
    """syntok per paragraph, as segment.split calls its splitter (one call on 1.5 MB is far slower)."""
    import syntok.segmenter as segmenter

    return sum(1 for block in text.split("\n\n") for paragraph in segmenter.analyze(block) for _ in paragraph)


def boundary_scores(path: Path, language: str) -> dict[str, tuple[float, float]]:
    import syntok.segmenter as segmenter

    scores: dict[str, list[int]] = {"parallax": [0, 0, 0], "syntok": [0, 0, 0]}
    for line in path.read_text().splitlines():
        record = json.loads(line)
        for sents in (record["sents_a"], record["sents_b"]):
            text, gold = "", set()
            for sentence in sents:
                text += (" " if text else "") + sentence
                gold.add(len(text))
            gold.discard(len(text))
            ours = {end for _, end in sentence_spans(text, language)}
            theirs = {s[-1].offset + len(s[-1].value) for p in segmenter.analyze(text) for s in p}
            for name, found in (("parallax", ours), ("syntok", theirs)):
                found = {_back(text, b) for b in found} - {len(text.rstrip())}
                scores[name][0] += len(found & gold)
                scores[name][1] += len(found - gold)
                scores[name][2] += len(gold - found)
    return {name: (tp / max(tp + fp, 1), tp / max(tp + fn, 1)) for name, (tp, fp, fn) in scores.items()}


def _back(text: str, boundary: int) -> int:
    while boundary > 0 and text[boundary - 1].isspace():
        boundary -= 1
    return boundary


def main() -> None:
    sentences = news_sentences()
    text = build_text(sentences, 10_000)
    source = source_from_text(text)
    split(source)  # warm-up
    passages = split(source)
    ours = median_ms(lambda: split(source))
    paragraphs = median_ms(lambda: split(source, Granularity.PARAGRAPH))
    theirs = median_ms(lambda: syntok_split(text))
    paragraph_count = text.count("\n\n") + 1
    print(f"input: {len(text):,} characters, 10,000 gold sentences in {paragraph_count:,} paragraphs")
    print(f"segment.split (sentences): {ours:8.1f} ms  -> {len(passages):,} passages")
    print(f"segment.split (paragraphs): {paragraphs:7.1f} ms")
    print(f"syntok baseline:           {theirs:8.1f} ms  (ratio syntok/parallax = {theirs / ours:.1f}x)")
    for name, language in (("superpal-multinews-dev.jsonl", "en"), ("deplain-web-dev.jsonl", "de")):
        for who, (precision, recall) in boundary_scores(SHARED / name, language).items():
            print(f"{name:30s} {who:9s} boundary P {precision:.3f} R {recall:.3f}")


if __name__ == "__main__":
    main()
