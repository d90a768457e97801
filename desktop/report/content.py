"""What the briefing shows, computed from a comparison (no reportlab here).

Rejected groups leave the briefing; the passages they held count as unmatched unless another
group shown still holds them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.model import AlignedGroup, Comparison, DiffKind, GroupStatus, Note, Passage, Which

KIND_ORDER = (DiffKind.NUMBER, DiffKind.NAME, DiffKind.QUOTE, DiffKind.WORDING, DiffKind.FORMAT)


@dataclass(frozen=True)
class Shown:
    """The groups in the briefing (in reading order) and the passages no shown group holds."""

    groups: tuple[AlignedGroup, ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    rejected: int


def shown(comparison: Comparison) -> Shown:
    groups = tuple(g for g in comparison.groups if g.group.status is not GroupStatus.REJECTED)
    used_a = {i for g in groups for i in g.group.a}
    used_b = {j for g in groups for j in g.group.b}
    return Shown(
        groups=groups,
        only_a=tuple(i for i in range(len(comparison.passages_a)) if i not in used_a),
        only_b=tuple(j for j in range(len(comparison.passages_b)) if j not in used_b),
        rejected=len(comparison.groups) - len(groups),
    )


@dataclass(frozen=True)
class Summary:
    """The cover's figures."""

    groups: int
    confirmed: int
    rejected: int
    passages_a: int
    passages_b: int
    aligned_a: int
    aligned_b: int
    share_a: float  # share of A's passage text that B covers (aligned passages, by characters)
    share_b: float
    kinds: dict[DiffKind, int]


def summarize(comparison: Comparison, view: Shown) -> Summary:
    kinds = dict.fromkeys(KIND_ORDER, 0)
    for g in view.groups:
        for d in g.differences:
            kinds[d.kind] = kinds.get(d.kind, 0) + 1
    only_a, only_b = set(view.only_a), set(view.only_b)
    return Summary(
        groups=len(view.groups),
        confirmed=sum(1 for g in view.groups if g.group.status is GroupStatus.CONFIRMED),
        rejected=view.rejected,
        passages_a=len(comparison.passages_a),
        passages_b=len(comparison.passages_b),
        aligned_a=len(comparison.passages_a) - len(only_a),
        aligned_b=len(comparison.passages_b) - len(only_b),
        share_a=_share(comparison.passages_a, only_a),
        share_b=_share(comparison.passages_b, only_b),
        kinds=kinds,
    )


def _share(passages: Sequence[Passage], unmatched: set[int]) -> float:
    total = sum(len(p.text) for p in passages)
    if not total:
        return 0.0
    return sum(len(p.text) for p in passages if p.index not in unmatched) / total


def percent(share: float) -> str:
    """"61 %"; shares above 0 but below 1 % show as "< 1 %", so nothing rounds to a false 0 or 100."""
    if 0 < share < 0.01:
        return "< 1 %"
    if 0.99 < share < 1:
        return "> 99 %"
    return f"{round(share * 100)} %"


def touches(note: Note, passage: Passage) -> bool:
    """True when the note's words meet the passage (an empty note counts at its position)."""
    if note.start == note.end:
        return passage.start <= note.start < passage.end
    return note.start < passage.end and passage.start < note.end


def notes_on(notes: Sequence[Note], side: Which, passages: Sequence[Passage]) -> list[int]:
    """Indices of the notes on source ``side`` touching any of ``passages``, in text order."""
    return [n for n, note in enumerate(notes)
            if note.side == side and any(touches(note, p) for p in passages)]


def ordered_notes(notes: Sequence[Note]) -> tuple[Note, ...]:
    """Notes numbered as the reader meets them: by source (A before B), then by position."""
    return tuple(sorted(notes, key=lambda n: (n.side, n.start, n.end)))


def clip(text: str, limit: int) -> tuple[str, int]:
    """``text`` cut to at most ``limit`` characters (at a space when one is near the limit) and
    how many characters were left out: a passage or note longer than the layout can take."""
    if len(text) <= limit:
        return text, 0
    space = text.rfind(" ", max(limit - 200, 1), limit + 1)
    shown = text[:space if space > 0 else limit].rstrip()
    return shown, len(text) - len(shown)


def short(text: str, limit: int = 70) -> str:
    """One line of at most ``limit`` characters (outline entries, headers)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
