"""Plain-terminal rendering of a comparison of three or more sources.

First a coverage table (one row per fact two or more sources report, one column per source,
``desktop.core.coverage`` codes in the cells), then each of those facts with every source's
wording: the reference wording with the words some source changes (numbers, names, quotes)
marked as deleted, every other wording with its own differing words marked as inserted, as
the two-source output marks B. Last, per source, what only it reports and what it omits.
"""

from __future__ import annotations

from typing import IO

from desktop.commands.terminal import STYLE_DELETE, STYLE_INSERT, describe, dim, marked
from desktop.core import coverage
from desktop.core.model import DiffKind, FactView, ManyComparison, Which, Wording

SNIPPET = 60  # characters of the reference wording shown beside a coverage row
NOTABLE = (DiffKind.NUMBER, DiffKind.NAME, DiffKind.QUOTE)


def print_many(comparison: ManyComparison, out: IO[str], *, color: bool) -> None:
    """The whole comparison: sources, coverage table, facts, only-in and omitted-by lists."""
    for n, source in enumerate(comparison.sources):
        out.write(f"{Which(n).letter}: {describe(source)}\n")
    out.write(summary_line(comparison) + "\n")
    rows = coverage.shared(comparison)
    out.write("\n" + dim(f"Coverage ({coverage.LEGEND})", color) + "\n")
    for line in coverage_lines(comparison, rows):
        out.write(line + "\n")
    for number, k in enumerate(rows, start=1):
        out.write("\n")
        _print_fact(number, comparison, comparison.facts[k], out, color=color)
    _print_per_source(comparison, {k: n for n, k in enumerate(rows, start=1)}, out, color=color)


def summary_line(comparison: ManyComparison) -> str:
    letters = [Which(n).letter for n in range(len(comparison.sources))]
    counts = ", ".join(f"{len(ps)} in {x}" for x, ps in zip(letters, comparison.passages, strict=True))
    only = "; ".join(f"{len(comparison.only_in(n))} only in {letter}" for n, letter in enumerate(letters))
    return (f"{len(letters)} sources, reference {letters[comparison.reference]}; passages: {counts}; "
            f"{len(coverage.shared(comparison))} facts reported by two or more sources "
            f"({len(coverage.by_all(comparison))} by all); {only}")


def coverage_lines(comparison: ManyComparison, rows: tuple[int, ...]) -> list[str]:
    """The table: a header of source letters, then one line per fact with its cells' codes and
    the start of its reference wording."""
    count = len(comparison.sources)
    cells = [coverage.row(comparison, k) for k in rows]
    widths = [max([1] + [len(r[s].code) for r in cells]) for s in range(count)]
    number_width = max(4, len(str(len(rows))))
    letters = "  ".join(Which(s).letter.ljust(w) for s, w in enumerate(widths))
    head = "fact".rjust(number_width) + "  " + letters
    lines = [head.rstrip()]
    for number, (k, row) in enumerate(zip(rows, cells, strict=True), start=1):
        codes = "  ".join(c.code.ljust(w) for c, w in zip(row, widths, strict=True))
        snippet = _snippet(comparison, comparison.facts[k])
        lines.append(f"{str(number).rjust(number_width)}  {codes}  {snippet}")
    if not rows:
        lines.append("(no fact is reported by two or more sources)")
    return lines


def _snippet(comparison: ManyComparison, view: FactView) -> str:
    passages = comparison.passages[view.reference]
    text = " ".join(" ".join(passages[i].text for i in view.fact.passages(view.reference)).split())
    return text if len(text) <= SNIPPET else text[:SNIPPET - 1].rstrip() + "…"


def _print_fact(number: int, comparison: ManyComparison, view: FactView, out: IO[str], *,
                color: bool) -> None:
    fact = view.fact
    reporters = " ".join(Which(s).letter for s in fact.sources)
    out.write(f"Fact {number}  score {fact.score:.2f}  reported by {reporters}  "
              f"(compared with {Which(view.reference).letter})\n")
    if fact.reason:
        out.write(f"  {dim(fact.reason, color)}\n")
    changed = [(d.a_start, d.a_end, d.kind) for w in view.wordings for d in w.differences
               if d.kind in NOTABLE and d.a_end > d.a_start]
    for wording in view.wordings:
        if wording.source == view.reference:
            spans, style, brackets = changed, STYLE_DELETE, ("[-", "-]")
        else:
            spans = [(d.b_start, d.b_end, d.kind) for d in wording.differences if d.b_end > d.b_start]
            style, brackets = STYLE_INSERT, ("{+", "+}")
        out.write(_wording_line(comparison, wording, merged(spans), style, brackets, color) + "\n")
        notable = [d for d in wording.differences if d.kind in NOTABLE]
        if notable:
            out.write("    changed: " + "; ".join(" ".join(d.summary.split()) for d in notable) + "\n")


def merged(spans: list[tuple[int, int, DiffKind]]) -> list[tuple[int, int, DiffKind]]:
    """Spans joined where they overlap (several sources change the same reference words); the
    joined span keeps the first kind."""
    out: list[tuple[int, int, DiffKind]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end), out[-1][2])
        else:
            out.append((start, end, kind))
    return out


def _wording_line(comparison: ManyComparison, wording: Wording, spans: list[tuple[int, int, DiffKind]],
                  style: str, brackets: tuple[str, str], color: bool) -> str:
    source = comparison.sources[wording.source]
    passages = [comparison.passages[wording.source][i] for i in wording.passages]
    where = "; ".join(p.locator for p in passages)
    head = f"  {Which(wording.source).letter} {source.label} [{where}]: "
    return head + marked(passages, source, spans, style, brackets, color)


def _print_per_source(comparison: ManyComparison, numbers: dict[int, int], out: IO[str], *,
                      color: bool) -> None:
    """Per source: the passages only it reports, and the facts every other source reports but it."""
    for s, source in enumerate(comparison.sources):
        letter = Which(s).letter
        only = comparison.only_in(s)
        if only:
            out.write(f"\n{dim(f'Only in {letter} ({source.label})', color)}\n")
            for k in only:
                for i in comparison.facts[k].fact.passages(s):
                    passage = comparison.passages[s][i]
                    out.write(f"  [{passage.locator}] {passage.text}\n")
        omitted = [numbers[k] for k in comparison.omitted_by(s) if k in numbers]
        if omitted:
            title = f"Omitted by {letter} ({source.label}), reported by every other source"
            out.write(f"\n{dim(title, color)}: fact{'s' if len(omitted) > 1 else ''} "
                      f"{', '.join(map(str, omitted))}\n")
