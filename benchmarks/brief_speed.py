"""How fast is the PDF briefing? The seed pair, and a synthetic 1,000-group comparison.

Prints, for each, the median time of ``build_briefing`` (all passes, annotations, fonts),
its pages and file size, and as the in-process baseline the time reportlab takes to set the
same passages as plain paragraphs (one pass, no markup, no annotations), with the ratio.
Targets: seed briefing <= 2 s; 1,000 groups <= 30 s.

The seed comparison is computed by the engine first (not timed in the briefing figure; its
time is printed apart, the first run includes loading the similarity model). ``--hand-built``
uses the report tests' hand-made comparison instead of the engine.

    .venv/bin/python benchmarks/brief_speed.py [--groups 1000] [--runs 3] [--hand-built]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, median_seconds, source
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from desktop.core.model import (
    AlignedGroup,
    Comparison,
    Difference,
    DiffKind,
    DiffOp,
    Group,
    GroupStatus,
    Note,
    Passage,
    Source,
)
from desktop.paths import seed_files
from desktop.report.briefing import BriefingOptions, build_briefing
from desktop.report.styles import escape, stylesheet

OPTIONS = BriefingOptions(title="Benchmark briefing", analyst="Bench Mark", date="2024-01-01")


def plain_build(comparison: Comparison, path: Path) -> None:
    """The baseline: every passage as a plain Paragraph, one reportlab pass."""
    style = stylesheet()["passage"]
    story = [Paragraph(escape(p.text), style) for p in (*comparison.passages_a, *comparison.passages_b)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)


def pages(path: Path) -> int:
    return len(re.findall(rb"/Type /Page\b", path.read_bytes()))


def report(name: str, comparison: Comparison, notes: list[Note], runs: int, target: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out, plain = Path(folder) / "briefing.pdf", Path(folder) / "plain.pdf"
        brief = median_seconds(lambda: build_briefing(comparison, out, options=OPTIONS, notes=notes), runs)
        base = median_seconds(lambda: plain_build(comparison, plain), runs)
        verdict = "ok" if brief <= target else "OVER TARGET"
        print(f"{name}: {len(comparison.groups)} groups, {len(notes)} notes -> {pages(out)} pages, "
              f"{out.stat().st_size / 1024:.0f} KiB")
        print(f"  briefing   median {brief:6.2f} s over {runs} run(s)   target <= {target:g} s: {verdict}")
        print(f"  baseline   median {base:6.2f} s (plain paragraphs, one pass)   ratio {brief / base:5.1f}x")


def seed_case(hand_built: bool) -> tuple[Comparison, list[Note]]:
    if hand_built:
        sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "report")]
        from report_kit import sample

        comparison, notes = sample()
        return comparison, list(notes)
    from desktop.core.pipeline import compare
    from desktop.core.sources.loading import read_source

    a_path, b_path = seed_files()[:2]
    start = time.perf_counter()
    comparison = compare(read_source(a_path), read_source(b_path))
    print(f"(engine: comparing the seeds took {time.perf_counter() - start:.2f} s; not part of the figure)")
    notes = []
    for side, src in (("a", comparison.a), ("b", comparison.b)):
        words = src.text[src.body_start:].split()
        quote = " ".join(words[5:12])
        at = src.text.index(quote)
        notes.append(Note(side, at, at + len(quote), quote, "A benchmark note.", ("bench",)))
    return comparison, notes


def synthetic(groups: int, seed: int = 1) -> tuple[Comparison, list[Note]]:
    """``groups`` 1:1 groups of news-like sentences with a number, a name and a wording change,
    plus a fifth as many unmatched passages on each side and a note every 20 groups."""
    rng = random.Random(seed)
    vocab = re.findall(r"[A-Za-z’']+", " ".join(p.read_text(encoding="utf-8") for p in seed_files()))
    sents_a, sents_b, diffs = [], [], []
    for _ in range(groups):
        words = [rng.choice(vocab) for _ in range(rng.randint(18, 40))]
        a = words[:]
        b = words[:]
        a[2], b[2] = str(rng.randint(2, 90)), str(rng.randint(2, 90))
        a[5], b[5] = "Kyiv", "Kiev"
        b[9] = rng.choice(vocab)
        sents_a.append(" ".join(a) + ".")
        sents_b.append(" ".join(b) + ".")
        diffs.append((a, b))
    extra = groups // 5
    only_a = [" ".join(rng.choice(vocab) for _ in range(25)) + "." for _ in range(extra)]
    only_b = [" ".join(rng.choice(vocab) for _ in range(25)) + "." for _ in range(extra)]
    src_a, pa = _one_per_paragraph(sents_a + only_a, "Synthetic A")
    src_b, pb = _one_per_paragraph(sents_b + only_b, "Synthetic B")
    aligned = []
    for n, (a, b) in enumerate(diffs):
        found = []
        for k, kind in ((2, DiffKind.NUMBER), (5, DiffKind.NAME), (9, DiffKind.WORDING)):
            if a[k] == b[k]:
                continue
            ra, rb = _word_range(pa[n], a, k), _word_range(pb[n], b, k)
            found.append(Difference(DiffOp.REPLACE, kind, *ra, *rb, a[k], b[k]))
        status = GroupStatus.CONFIRMED if n % 7 == 0 else GroupStatus.PROPOSED
        group = Group((n,), (n,), 0.6 + 0.3 * rng.random(), "synthetic", status)
        aligned.append(AlignedGroup(group, tuple(found)))
    comparison = Comparison(src_a, src_b, pa, pb, tuple(aligned), tuple(range(groups, groups + extra)),
                            tuple(range(groups, groups + extra)))
    notes = []
    for n in range(0, groups, 20):
        p = pa[n]
        end = p.start + p.text.index(" ", 30) if len(p.text) > 40 else p.end
        notes.append(Note("a", p.start, end, src_a.text[p.start:end], f"Note on group {n + 1}.", ("bench",)))
    return comparison, notes


def _one_per_paragraph(paragraphs: list[str], outlet: str) -> tuple[Source, tuple[Passage, ...]]:
    return source([[p] for p in paragraphs], title=f"{outlet} report", outlet=outlet, issued="2024-01-01")


def _word_range(passage: Passage, words: list[str], k: int) -> tuple[int, int]:
    start = passage.start + len(" ".join(words[:k])) + (1 if k else 0)
    return start, start + len(words[k])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3,
                        help="runs of the seed case (the large case runs once)")
    parser.add_argument("--hand-built", action="store_true",
                        help="seed case: the tests' hand-made comparison instead of the engine's")
    args = parser.parse_args()
    comparison, notes = seed_case(args.hand_built)
    report("seed briefing", comparison, notes, args.runs, 2.0)
    comparison, notes = synthetic(args.groups)
    report(f"synthetic {args.groups}-group briefing", comparison, notes, 1, 30.0)


if __name__ == "__main__":
    main()
