"""Plain-terminal rendering of a comparison: groups side by side in reading order, colours by kind."""

from __future__ import annotations

import os
from typing import IO

from desktop.core.model import AlignedGroup, Comparison, DiffKind, Passage, Source

RESET = "\x1b[0m"
# Deleted words red, inserted green; numbers and names bold and underlined so they stand out.
STYLE_DELETE = "\x1b[31m"
STYLE_INSERT = "\x1b[32m"
STRONG = {DiffKind.NUMBER: "\x1b[1;4m", DiffKind.NAME: "\x1b[1;4m", DiffKind.QUOTE: "\x1b[1m"}
DIM = "\x1b[2m"


def supports_color(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def print_comparison(comparison: Comparison, out: IO[str], *, color: bool) -> None:
    a, b = comparison.a, comparison.b
    out.write(f"A: {describe(a)}\nB: {describe(b)}\n")
    out.write(
        f"{len(comparison.passages_a)} passages in A, {len(comparison.passages_b)} in B; "
        f"{len(comparison.groups)} aligned groups; {len(comparison.only_a)} only in A; "
        f"{len(comparison.only_b)} only in B\n"
    )
    for number, aligned in enumerate(comparison.groups, start=1):
        out.write("\n")
        _print_group(number, aligned, comparison, out, color=color)
    for title, passages, indices in (
        ("Only in A", comparison.passages_a, comparison.only_a),
        ("Only in B", comparison.passages_b, comparison.only_b),
    ):
        if indices:
            out.write(f"\n{dim(title, color)}\n")
            for i in indices:
                out.write(f"  [{passages[i].locator}] {passages[i].text}\n")


def describe(source: Source) -> str:
    meta = source.metadata
    parts = [source.label]
    if meta.title and meta.title != source.label:
        parts.append(f"“{meta.title}”")
    if meta.authors:
        parts.append(", ".join(meta.authors))
    if meta.issued:
        parts.append(meta.issued)
    if source.origin:
        parts.append(f"({source.origin})")
    return " · ".join(parts)


def _print_group(number: int, aligned: AlignedGroup, comparison: Comparison, out: IO[str], *,
                 color: bool) -> None:
    group = aligned.group
    loc_a = "; ".join(comparison.passages_a[i].locator for i in group.a)
    loc_b = "; ".join(comparison.passages_b[j].locator for j in group.b)
    out.write(f"Group {number}  score {group.score:.2f}  A [{loc_a}]  ↔  B [{loc_b}]\n")
    if group.reason:
        out.write(f"  {dim(group.reason, color)}\n")
    spans_a = [(d.a_start, d.a_end, d.kind) for d in aligned.differences if d.a_end > d.a_start]
    spans_b = [(d.b_start, d.b_end, d.kind) for d in aligned.differences if d.b_end > d.b_start]
    out.write("  A: " + marked([comparison.passages_a[i] for i in group.a], comparison.a, spans_a,
                                 STYLE_DELETE, ("[-", "-]"), color) + "\n")
    out.write("  B: " + marked([comparison.passages_b[j] for j in group.b], comparison.b, spans_b,
                                 STYLE_INSERT, ("{+", "+}"), color) + "\n")
    notable = [d for d in aligned.differences if d.kind not in (DiffKind.WORDING, DiffKind.FORMAT)]
    if notable:
        out.write("  changed: " + "; ".join(" ".join(d.summary.split()) for d in notable) + "\n")


def marked(passages: list[Passage], source: Source, spans: list[tuple[int, int, DiffKind]], style: str,
            brackets: tuple[str, str], color: bool) -> str:
    """The passages' text with the spans marked by colour, or by brackets without colour."""
    pieces: list[str] = []
    for passage in passages:
        cursor = passage.start
        # A difference may run on into the next passage of the group: mark each passage's part.
        overlapping = sorted((max(s[0], passage.start), min(s[1], passage.end), s[2]) for s in spans
                             if s[0] < passage.end and s[1] > passage.start)
        for start, end, kind in overlapping:
            pieces.append(source.text[cursor:start])
            words = source.text[start:end]
            if color:
                pieces.append(f"{style}{STRONG.get(kind, '')}{words}{RESET}")
            else:
                pieces.append(f"{brackets[0]}{words}{brackets[1]}")
            cursor = end
        pieces.append(source.text[cursor:passage.end])
        pieces.append(" ")
    return "".join(pieces).strip()


def dim(text: str, color: bool) -> str:
    return f"{DIM}{text}{RESET}" if color else text
