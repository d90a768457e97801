"""How fast is the word diff? Two long texts, about 10% of their words changed.

Prints the median time of ``diff.words.diff_texts`` (tokenising, diff-match-patch, classification)
and, as the in-process baseline, of ``difflib.SequenceMatcher(autojunk=False)`` on the word
lists, with their ratio. Target: <= 0.2 s for a 5,000-word pair.

    .venv/bin/python benchmarks/diff_speed.py [--words 5000] [--change 0.1] [--runs 7] [--seed 1]
"""

from __future__ import annotations

import argparse
import difflib
import random
import re

from _common import median_seconds

from desktop.core.diff import kinds, words
from desktop.paths import seed_files


def vocabulary() -> list[str]:
    """Words of the sample articles, with their natural frequencies (repeats kept)."""
    words: list[str] = []
    for path in seed_files():
        words += re.findall(r"\w+", path.read_text(encoding="utf-8"))
    return words


def make_text(rng: random.Random, vocab: list[str], n: int) -> list[str]:
    """``n`` words drawn from ``vocab``, with commas and sentence ends sprinkled in as real text has."""
    out: list[str] = []
    for _ in range(n):
        word = rng.choice(vocab)
        roll = rng.random()
        out.append(word + ("." if roll < 0.05 else "," if roll < 0.1 else ""))
    return out


def mutate(rng: random.Random, vocab: list[str], words: list[str], rate: float) -> list[str]:
    """A copy of ``words`` with about ``rate`` of them replaced (60%), deleted (20%) or preceded
    by an inserted word (20%)."""
    out: list[str] = []
    for word in words:
        if rng.random() >= rate:
            out.append(word)
            continue
        roll = rng.random()
        if roll < 0.6:
            out.append(rng.choice(vocab))
        elif roll < 0.8:
            out.extend([rng.choice(vocab), word])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--change", type=float, default=0.1, help="fraction of words changed")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    vocab = vocabulary()
    words_a = make_text(rng, vocab, args.words)
    words_b = mutate(rng, vocab, words_a, args.change)
    text_a, text_b = " ".join(words_a), " ".join(words_b)

    def ours_once() -> list:
        kinds.facts.cache_clear()  # time the whole work: no facts cached from the run before
        return words.diff_texts(text_a, text_b)

    diffs = ours_once()
    ours = median_seconds(ours_once, args.runs)
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    base = median_seconds(
        lambda: difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes(), args.runs)
    changed = sum(1 for op in matcher.get_opcodes() if op[0] != "equal")

    print(f"texts: {len(words_a)} vs {len(words_b)} words, {args.change:.0%} changed "
          f"(seed {args.seed}, median of {args.runs} runs)")
    print(f"worddiff.diff_texts:               {ours * 1000:8.1f} ms  ({len(diffs)} differences)")
    print(f"difflib SequenceMatcher, no junk:  {base * 1000:8.1f} ms  ({changed} changed blocks)")
    print(f"ratio diff_texts / difflib:        {ours / base:8.2f}")
    print(f"target <= 200 ms: {'met' if ours <= 0.2 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
