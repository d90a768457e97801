"""How fast the analyst's project operations are on a large project (5,000 x 5,000 sentences).

Prints medians of: save, load, a manual link (one group re-diffed by the real word differ), a
status change, looking up every passage's groups and notes, re-aligning onto the same comparison,
swapping sides, and loading 200 notes from NOTES.json. The baseline is writing the two texts
to a file in the same process, so the ratios say what the database and fsyncs add.

Run: .venv/bin/python benchmarks/project_speed.py [--sentences 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from _common import median_seconds, source

from desktop.core.model import AlignedGroup, Comparison, Difference, DiffKind, DiffOp, Group, Passage, Source
from desktop.core.project import edits
from desktop.core.project.anchor import load_notes_json
from desktop.core.project.state import Project
from desktop.core.project.storage import load_project, save_project

WORDS = ("Putin", "met", "Xi", "in", "Moscow", "and", "they", "signed", "agreements", "on", "energy",
         "trade", "and", "security")


def build(n: int) -> Project:
    """Two sources of ``n`` sentences, 10 per paragraph, aligned 1:1 with one number changed."""
    def side(number: int) -> tuple[Source, tuple[Passage, ...]]:
        sentences = [f"{' '.join(WORDS[(i + k) % len(WORDS)] for k in range(12))} {number + i}."
                     for i in range(n)]
        return source([sentences[p:p + 10] for p in range(0, n, 10)])

    a, pa = side(1000)
    b, pb = side(2000)
    groups = []
    for i in range(n):
        p, q = pa[i], pb[i]
        d = Difference(DiffOp.REPLACE, DiffKind.NUMBER, p.end - 5, p.end - 1, q.end - 5, q.end - 1,
                       a.text[p.end - 5:p.end - 1], b.text[q.end - 5:q.end - 1])
        groups.append(AlignedGroup(Group((i,), (i,), 0.8, "numbers"), (d,)))
    project = Project.new(Comparison(a, b, pa, pb, tuple(groups), (), ()))
    for i in range(0, n, n // 100):
        project = edits.add_note(project, edits.passage_note(project, "a", i, "note", ["framing"]))
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    project = build(args.sentences)
    n, repeat = args.sentences, args.repeat
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.parallax"
        raw = Path(tmp) / "raw.txt"

        def baseline() -> None:
            with open(raw, "w", encoding="utf-8") as f:
                f.write(project.comparison.a.text + project.comparison.b.text)
                f.flush()
                os.fsync(f.fileno())

        base = median_seconds(baseline, repeat)
        save = median_seconds(lambda: save_project(project, path), repeat)
        load = median_seconds(lambda: load_project(path), repeat)
        size = path.stat().st_size
        notes_path = Path(tmp) / "NOTES.json"
        notes_path.write_text(json.dumps([
            {"source": "a", "quote": project.comparison.passages_a[i].text, "note": "n"}
            for i in range(0, n, max(1, n // 200))]), "utf-8")
        sources = {"a": project.comparison.a, "b": project.comparison.b}
        notes = median_seconds(lambda: load_notes_json(notes_path, sources), repeat)
    link = median_seconds(lambda: edits.link(project, [n // 2], [n // 2 + 1]), repeat)
    status = median_seconds(lambda: edits.set_status(project, n // 2, "confirmed"), repeat)

    def lookups() -> None:
        fresh = edits.set_status(project, 0, "rejected")  # a new project: caches start empty
        for side in ("a", "b"):
            for i in range(n):
                fresh.groups_for_passage(side, i)
                fresh.notes_for_passage(side, i)

    lookup = median_seconds(lookups, repeat)
    realign = median_seconds(lambda: edits.realign(project, project.comparison), repeat)
    swap = median_seconds(lambda: edits.swap(project), repeat)
    print(f"project of {n} x {n} sentences, {n} groups, {len(project.notes)} notes; medians of {repeat}")
    print(f"  baseline (write both texts + fsync): {base * 1000:8.1f} ms")
    print(f"  save_project:  {save * 1000:8.1f} ms  ({save / base:.1f}x baseline), file {size / 1e6:.2f} MB")
    print(f"  load_project:  {load * 1000:8.1f} ms  ({load / base:.1f}x baseline)")
    print(f"  link (1 group re-diffed by worddiff): {link * 1000:8.1f} ms")
    print(f"  set_status:    {status * 1000:8.1f} ms")
    print(f"  groups_for_passage + notes_for_passage, all {2 * n} passages: {lookup * 1000:8.1f} ms")
    print(f"  realign onto the same comparison: {realign * 1000:8.1f} ms")
    print(f"  swap:          {swap * 1000:8.1f} ms")
    print(f"  load_notes_json, {len(range(0, n, max(1, n // 200)))} notes: {notes * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
