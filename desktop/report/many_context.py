"""What the sections of a many-source briefing share while its story is assembled, and the
choices computed from the comparison (which facts are shown, how they are numbered)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors

from desktop.core.model import GroupStatus, ManyComparison, Note, Passage, Source, Which
from desktop.report.annotations import Marks
from desktop.report.content import touches
from desktop.report.options import BriefingOptions
from desktop.report.references import References

# One colour per source (A..L), dark enough for white letters and for text on white.
SOURCE_COLORS = tuple(colors.HexColor(h) for h in (
    "#1f5f99", "#a4561b", "#2e7d4f", "#7b3f98", "#b0303f", "#00727a",
    "#6b6b16", "#3f4fb5", "#8a4b2e", "#a0336e", "#466b7a", "#5a5a5a",
))


def source_color(source: int) -> colors.Color:
    return SOURCE_COLORS[source % len(SOURCE_COLORS)]


def note_source(note: Note) -> int:
    """The source a note is on: its ``side`` is a letter ("a".."l") or a ``Which``."""
    side = note.side
    return side.index if isinstance(side, Which) else Which.parse(side).index


def ordered_notes(notes: Sequence[Note]) -> tuple[Note, ...]:
    """Notes numbered as the reader meets them: by source, then by position."""
    return tuple(sorted(notes, key=lambda n: (note_source(n), n.start, n.end)))


@dataclass
class ManyContext:
    comparison: ManyComparison
    options: BriefingOptions
    notes: tuple[Note, ...]  # numbered N1.. in this order
    refs: References
    width: float  # of the text frame, points
    facts: tuple[int, ...] = ()  # the facts two or more sources report, shown in this order
    numbers: dict[int, int] = field(default_factory=dict)  # fact index -> its 1-based number
    marks: Marks = field(default_factory=Marks)
    shown_notes: set[int] = field(default_factory=set)  # notes already boxed in the body

    @classmethod
    def of(cls, comparison: ManyComparison, options: BriefingOptions, notes: Sequence[Note], width: float
           ) -> ManyContext:
        """Rejected facts leave the briefing; facts of one source are listed under that source."""
        facts = tuple(k for k, view in enumerate(comparison.facts)
                      if view.fact.status is not GroupStatus.REJECTED and len(view.fact.sources) > 1)
        return cls(comparison, options, ordered_notes(notes), References(comparison.sources, options.style),
                   width, facts, {k: n for n, k in enumerate(facts, start=1)})

    def number(self, fact: int) -> int:
        """The 1-based number a shown fact has in the briefing."""
        return self.numbers[fact]

    def source(self, index: int) -> Source:
        return self.comparison.sources[index]

    def passages(self, index: int) -> tuple[Passage, ...]:
        return self.comparison.passages[index]

    def notes_on(self, source: int, passages: Sequence[Passage]) -> list[int]:
        """Indices of the notes on ``source`` touching any of ``passages``, in text order."""
        return [n for n, note in enumerate(self.notes)
                if note_source(note) == source and any(touches(note, p) for p in passages)]

    def reports(self, source: int) -> int:
        """How many shown facts ``source`` reports."""
        return sum(1 for k in self.facts if source in self.comparison.facts[k].fact.sources)

    def only_in(self, source: int) -> tuple[int, ...]:
        """Passages of ``source`` no other source reports (in no shown fact of two sources)."""
        used = {i for k in self.facts for i in self.comparison.facts[k].fact.passages(source)}
        return tuple(i for i in range(len(self.passages(source))) if i not in used)

    def omitted_by(self, source: int) -> tuple[int, ...]:
        """Shown facts every other source reports and ``source`` does not."""
        shown = set(self.facts)
        return tuple(k for k in self.comparison.omitted_by(source) if k in shown)

    @property
    def author(self) -> str:
        return self.options.analyst or "Analyst"
