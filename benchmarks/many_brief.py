"""How fast is the many-source PDF briefing? 8 sources x 40 facts (target <= 5 s).

A synthetic comparison (no engine: the facts are given, the wordings diffed by the real word
diff, ``pipeline.assemble_many``): 8 outlets, 40 facts each reported by 2 to 8 of them with
changed numbers, names and words, 3 passages per outlet no other reports, and 8 notes. Prints
the median time of ``build_many_briefing`` (all passes, annotations, fonts, the coverage figure),
its pages and size, the mean CPU time of a run (on a busy machine the wall time is longer), and as
the in-process baseline the two-source briefing of the same amount
of text (the first two outlets' 40 facts as groups), with the ratio.

    .venv/bin/python benchmarks/many_brief.py [--sources 8] [--facts 40] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from _common import median_seconds, source

from desktop.core.model import AlignOptions, Fact, Group, ManyComparison, Note, Which
from desktop.core.pipeline import assemble, assemble_many
from desktop.report.briefing import BriefingOptions, build_briefing
from desktop.report.many import build_many_briefing

OPTIONS = BriefingOptions(title="Benchmark briefing", analyst="Bench Mark", date="2024-01-01")
PLACES = ["Dorna", "Valea", "Moreni", "Sibiu", "Arad", "Turda", "Bistra", "Lugoj"]
NAMES = ["Ana Silva", "Marek Novak", "Ion Popa", "Elena Dima", "Radu Stan", "Mara Ilie"]
VERBS = ["said", "told reporters", "announced", "confirmed", "stated"]


def sentence(fact: int, outlet: int, rng: random.Random) -> str:
    """One outlet's wording of a fact: the same frame, some numbers, names and words changed."""
    number = 10 + fact + (rng.randint(1, 5) if rng.random() < 0.3 else 0)
    name = NAMES[fact % len(NAMES)] if rng.random() < 0.8 else NAMES[(fact + outlet) % len(NAMES)]
    verb = VERBS[0] if rng.random() < 0.6 else rng.choice(VERBS)
    return (f"On day {fact + 1} of the floods, {name} {verb} that {number} families in "
            f"{PLACES[fact % len(PLACES)]} had been moved to the school gym while rescue teams kept "
            f"working along the river and the water kept rising in the lower streets.")


def synthetic(sources: int, facts: int, seed: int = 7) -> tuple[ManyComparison, list[Note]]:
    rng = random.Random(seed)
    reporters = []
    for _ in range(facts):
        who = [s for s in range(sources) if rng.random() < 0.75]
        while len(who) < 2:
            who = sorted(set(who) | {rng.randrange(sources)})
        reporters.append(who)
    built, members = [], []
    for s in range(sources):
        sents = [sentence(k, s, rng) for k in range(facts) if s in reporters[k]]
        sents += [f"Only outlet {Which(s).letter} reports item {i}: the bridge at {PLACES[i]} reopened "
                  "to light traffic in the evening." for i in range(3)]
        paragraphs = [sents[i:i + 2] for i in range(0, len(sents), 2)]
        built.append(source(paragraphs, title=f"Floods, report {s + 1}", outlet=f"Outlet {Which(s).letter}",
                            issued="2024-05-06"))
    positions = [0] * sources
    for k in range(facts):
        runs = []
        for s in reporters[k]:
            runs.append((s, (positions[s],)))
            positions[s] += 1
        members.append(Fact(tuple(runs), 0.9 - k / 100, "numbers: 12"))
    for s in range(sources):
        members.extend(Fact(((s, (positions[s] + i,)),), 0.0) for i in range(3))
    comparison = assemble_many([b[0] for b in built], [b[1] for b in built], members, AlignOptions())
    notes = []
    for s in range(sources):
        text = built[s][0].text
        start = text.index("families")
        note = f"note on {Which(s).letter}"
        notes.append(Note(Which(s).key, start, start + 8, "families", note, ("count",)))
    return comparison, notes


def two_source(comparison: ManyComparison):  # noqa: ANN201 (Comparison)
    """The baseline: the first two outlets' shared facts as a two-source comparison."""
    groups = [Group(v.fact.passages(0), v.fact.passages(1), v.fact.score) for v in comparison.facts
              if v.fact.passages(0) and v.fact.passages(1)]
    return assemble(comparison.sources[0], comparison.sources[1], comparison.passages[0],
                    comparison.passages[1], groups, AlignOptions())


def pages(path: Path) -> int:
    return len(re.findall(rb"/Type /Page\b", path.read_bytes()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=int, default=8)
    ap.add_argument("--facts", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    comparison, notes = synthetic(args.sources, args.facts)
    wordings = sum(len(v.wordings) for v in comparison.facts if len(v.wordings) > 1)
    pair = two_source(comparison)
    with tempfile.TemporaryDirectory() as folder:
        out, base_out = Path(folder) / "many.pdf", Path(folder) / "two.pdf"
        cpu_start = time.process_time()
        many = median_seconds(lambda: build_many_briefing(comparison, out, options=OPTIONS, notes=notes),
                              args.runs)
        cpu = (time.process_time() - cpu_start) / args.runs
        base = median_seconds(lambda: build_briefing(pair, base_out, options=OPTIONS), args.runs)
        print(f"{args.sources} sources x {args.facts} facts ({wordings} wordings, {len(notes)} notes), "
              f"median of {args.runs}:")
        size = out.stat().st_size / 1024
        print(f"  many-source briefing: {many:6.2f} s, {pages(out)} pages, {size:.0f} KiB (target <= 5 s); "
              f"CPU time {cpu:.2f} s a run (wall time above it: other processes on the machine)")
        print(f"  baseline, two-source briefing of A and B ({len(pair.groups)} groups): {base:6.2f} s, "
              f"{pages(base_out)} pages  -> ratio {many / base:4.1f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
