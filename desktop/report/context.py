"""Everything the section builders share while one briefing's story is assembled."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.model import Comparison, Note, Passage, Source, Which
from desktop.report.annotations import Marks
from desktop.report.content import Shown
from desktop.report.options import BriefingOptions
from desktop.report.references import References

SIDES = Which.all(2)  # the briefing's two sources: A (left) and B (right)
A, B = SIDES


@dataclass
class Context:
    comparison: Comparison
    options: BriefingOptions
    notes: tuple[Note, ...]  # numbered N1.. in this order
    view: Shown
    refs: References
    width: float  # of the text frame, points
    marks: Marks = field(default_factory=Marks)
    shown_notes: set[int] = field(default_factory=set)  # notes already boxed in the body
    group_numbers: dict[int, int] = field(default_factory=dict)  # id(AlignedGroup) -> number

    def source(self, side: Which) -> Source:
        return side.of((self.comparison.a, self.comparison.b))

    def passages(self, side: Which) -> tuple[Passage, ...]:
        return side.of((self.comparison.passages_a, self.comparison.passages_b))

    @property
    def author(self) -> str:
        return self.options.analyst or "Analyst"
