"""Everything the section builders share while one briefing's story is assembled."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.model import Comparison, Note, Passage, Source
from desktop.report.annotations import Marks
from desktop.report.content import Shown
from desktop.report.options import BriefingOptions
from desktop.report.references import References


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

    def source(self, side: str) -> Source:
        return self.comparison.a if side == "a" else self.comparison.b

    def passages(self, side: str) -> tuple[Passage, ...]:
        return self.comparison.passages_a if side == "a" else self.comparison.passages_b

    @property
    def author(self) -> str:
        return self.options.analyst or "Analyst"
