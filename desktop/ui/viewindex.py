"""Look-up tables the views need over one ``Project`` (built once per change, no Qt).

Which group holds a passage, which passage holds an offset, the span of a group on each side,
the tags of each group (from the notes touching its passages) and every difference in reading
order, for next/previous navigation.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from desktop.core.model import Difference, Passage, Which
from desktop.core.project.state import Project
from desktop.ui.offsets import OffsetMap
from desktop.ui.sides import SIDES, A, B, Sides


@dataclass(frozen=True)
class DiffRef:
    group: int
    index: int  # into the group's differences
    diff: Difference


class ViewIndex:
    def __init__(self, project: Project) -> None:
        comparison = project.comparison
        self.project = project
        self.offsets = Sides((side, OffsetMap(project.source(side).text)) for side in SIDES)
        self.passages = Sides((side, project.passages(side)) for side in SIDES)
        self._starts = Sides((side, [p.start for p in ps]) for side, ps in self.passages.items())
        self.group_of: Sides[list[int]] = Sides((side, [-1] * len(ps)) for side, ps in self.passages.items())
        for n, aligned in enumerate(comparison.groups):
            for side, indices in zip(SIDES, (aligned.group.a, aligned.group.b), strict=True):
                for i in indices:
                    self.group_of[side][i] = n
        self.spans = [(*self.span(A, g.group.a), *self.span(B, g.group.b)) for g in comparison.groups]
        self.group_tags = self._tags_by_group(project)
        self.diffs = sorted(
            (DiffRef(n, k, d) for n, g in enumerate(comparison.groups) for k, d in enumerate(g.differences)),
            key=lambda r: (r.diff.a_start, r.diff.b_start))
        self.kind_totals = Counter(r.diff.kind for r in self.diffs)

    def shade(self, n: int) -> int:
        """0 or 1: neighbouring groups alternate; stable when other groups are edited."""
        return min(self.project.comparison.groups[n].group.a) % 2

    def passage_at(self, side: Which | str, offset: int) -> int | None:
        """The passage containing ``offset`` (or ending right at it), if any."""
        starts = self._starts[side]
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return None
        passage = self.passages[side][i]
        return i if offset <= passage.end else None

    def span(self, side: Which | str, indices: tuple[int, ...] | list[int]) -> tuple[int, int]:
        """From the first passage's start to the last one's end."""
        passages = self.passages[side]
        return min(passages[i].start for i in indices), max(passages[i].end for i in indices)

    def group_span(self, n: int, side: Which | str) -> tuple[int, int]:
        a0, a1, b0, b1 = self.spans[n]
        return Which.coerce(side).of(((a0, a1), (b0, b1)))

    def all_tags(self) -> list[str]:
        return sorted({t for note in self.project.notes for t in note.tags}, key=str.casefold)

    def _tags_by_group(self, project: Project) -> list[tuple[str, ...]]:
        tags: list[list[str]] = [[] for _ in project.comparison.groups]
        for note in project.notes:
            if not note.tags:
                continue
            for i in self._touching(note.side, note.start, note.end):
                n = self.group_of[note.side][i]
                if n >= 0:
                    tags[n].extend(t for t in note.tags if t not in tags[n])
        return [tuple(t) for t in tags]

    def _touching(self, side: Which, start: int, end: int) -> list[int]:
        """Passages whose range meets [start, end) (at the position for an empty range)."""
        starts = self._starts[side]
        first = max(bisect_right(starts, start) - 1, 0)
        found = []
        for i in range(first, len(starts)):
            p: Passage = self.passages[side][i]
            if p.start >= max(end, start + 1):
                break
            if (p.start <= start < p.end) if start == end else (p.start < end and start < p.end):
                found.append(i)
        return found

    def notes_at(self, side: Which | str, offset: int) -> list[int]:
        side = Which.coerce(side)
        return [n for n, note in enumerate(self.project.notes)
                if note.side == side and note.start <= offset < max(note.end, note.start + 1)]
