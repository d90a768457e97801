"""The analyst's project: a comparison with its corrections, the notes and the settings.

A ``Project`` is immutable. Every change (``desktop.core.project.edits``) returns a new one, so the
workbench keeps old projects for undo/redo and the PDF can be built from a snapshot while the
analyst keeps working.

Invariants the edit functions keep (and ``storage`` checks on load):

- every group has at least one passage on each side (a passage may sit in several groups:
  the aligner proposes overlapping groups when one sentence reports what several others do);
- ``comparison.groups`` are ordered by their first passage of A, then of B (as
  ``compare.assemble`` orders them), so a group index changes when groups are added or removed;
- every note's ``quote`` is ``source.text[start:end]`` of its source.

Sources are ``Which(0)`` (A) and ``Which(1)`` (B); the look-ups also take their letters ("a", "b"),
which the workbench still passes.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from desktop.core.model import AlignOptions, Comparison, GroupStatus, Note, Passage, Source, Which

SIDES = Which.all(2)
_BY_LETTER = {side.key: side for side in SIDES}
CITATION_STYLES = ("apa", "chicago", "mla")


@dataclass(frozen=True)
class ProjectSettings:
    """What the analyst chose for this project.

    ``options`` are the alignment options the next re-alignment uses; ``comparison.options``
    records the ones the current comparison was computed with (they differ while the analyst
    is trying other settings).
    """

    title: str = ""
    analyst: str = ""
    style: str = "apa"  # citation style: apa, chicago or mla
    options: AlignOptions = field(default_factory=AlignOptions)


@dataclass(frozen=True)
class Project:
    """A comparison plus the analyst's work on it (verdicts live in ``Group.status``)."""

    comparison: Comparison
    notes: tuple[Note, ...] = ()
    settings: ProjectSettings = field(default_factory=ProjectSettings)

    @classmethod
    def new(cls, comparison: Comparison, *, title: str = "", analyst: str = "", style: str = "apa"
            ) -> Project:
        """A fresh project for a comparison, its settings taking the comparison's options."""
        return cls(comparison, (), ProjectSettings(title, analyst, style, comparison.options))

    # -- looking things up -------------------------------------------------------------------

    def source(self, side: Which | str) -> Source:
        """Source A (``Which(0)``) or B (``Which(1)``)."""
        return check_side(side).of((self.comparison.a, self.comparison.b))

    def passages(self, side: Which | str) -> tuple[Passage, ...]:
        return check_side(side).of((self.comparison.passages_a, self.comparison.passages_b))

    def groups_for_passage(self, side: Which | str, index: int) -> tuple[int, ...]:
        """Indices into ``comparison.groups`` of the groups holding passage ``index`` of ``side``.

        Empty for an unmatched passage; several when the aligner proposed overlapping groups.
        """
        return self._groups_by_passage.get((check_side(side).index, index), ())

    def notes_for_passage(self, side: Which | str, index: int) -> tuple[int, ...]:
        """Indices into ``notes`` of the notes whose quoted words touch passage ``index``.

        A note spanning two passages belongs to both. Indices (not notes) so that the result
        feeds ``edits.edit_note`` / ``edits.remove_note``; ``project.notes[i]`` gives the note.
        """
        side = check_side(side)
        self.passages(side)[index]  # an IndexError for a passage that does not exist
        return self._notes_by_passage.get((side.index, index), ())

    @cached_property
    def _groups_by_passage(self) -> dict[tuple[int, int], tuple[int, ...]]:
        """(source index, passage) -> group indices, built once per project (views ask per passage)."""
        found: dict[tuple[int, int], list[int]] = {}
        for n, aligned in enumerate(self.comparison.groups):
            for side, indices in enumerate((aligned.group.a, aligned.group.b)):
                for i in indices:
                    found.setdefault((side, i), []).append(n)
        return {key: tuple(value) for key, value in found.items()}

    @cached_property
    def _notes_by_passage(self) -> dict[tuple[int, int], tuple[int, ...]]:
        return notes_by_passage(self.notes, [self.passages(side) for side in SIDES])

    def notes_for_group(self, group_index: int) -> tuple[int, ...]:
        """Indices of the notes on any passage of a group (a note on a group is one of these)."""
        group = self.comparison.groups[group_index].group
        found: set[int] = set()
        for side, indices in zip(SIDES, (group.a, group.b), strict=True):
            for index in indices:
                found.update(self.notes_for_passage(side, index))
        return tuple(sorted(found))

    def reviewed_count(self) -> int:
        """How many groups carry a verdict (confirmed or rejected)."""
        return sum(1 for g in self.comparison.groups if g.group.status is not GroupStatus.PROPOSED)


def check_side(side: Which | str) -> Which:
    """``side`` as a source of a pair (A or B); its letter is accepted."""
    which = _BY_LETTER.get(side) if isinstance(side, str) else side  # views ask per passage: no parsing
    if not isinstance(which, Which) or which.index > 1:
        which = Which.coerce(side)
        raise ValueError(f"a pair has sources A and B, not {which.letter}")
    return which


def notes_by_passage(notes: tuple[Note, ...], passages: list[tuple[Passage, ...]]
                     ) -> dict[tuple[int, int], tuple[int, ...]]:
    """(source index, passage) -> indices of the notes whose words touch it, for any number of
    sources (``passages[k]`` are those of source k); a note spanning two passages belongs to both."""
    found: dict[tuple[int, int], list[int]] = {}
    starts = [[p.start for p in ps] for ps in passages]
    for n, note in enumerate(notes):
        side = note.side
        if side.index >= len(passages):
            continue
        ps = side.of(passages)
        # passages are in text order: start from the last one beginning at or before the note
        first = max(bisect_right(side.of(starts), note.start) - 1, 0)
        for passage in ps[first:]:
            if passage.start > note.end:
                break
            if _overlaps(note, passage.start, passage.end):
                found.setdefault((side.index, passage.index), []).append(n)
    return {key: tuple(value) for key, value in found.items()}


def _overlaps(note: Note, start: int, end: int) -> bool:
    """True when the note's range meets [start, end); an empty note counts at its position."""
    if note.start == note.end:
        return start <= note.start < end
    return note.start < end and start < note.end
