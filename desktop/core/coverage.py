"""Coverage of a many-source comparison: whether and how each source reports each fact.

One ``Cell`` per (fact, source), shared by the terminal table and the briefing's coverage
figure, so that both mark the same cell the same way:

- ``R``: the fact's reference wording (the one the others are compared with),
- ``=``: the same words as the reference,
- ``n`` number, ``N`` name, ``q`` quote, ``w`` other wording, ``f`` case or punctuation only
  (every kind the source's differences hold, in that order: ``nw`` = a number and other words),
- blank: the source does not report the fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import DiffKind, FactView, ManyComparison

KIND_ORDER = (DiffKind.NUMBER, DiffKind.NAME, DiffKind.QUOTE, DiffKind.WORDING, DiffKind.FORMAT)
CODES = {DiffKind.NUMBER: "n", DiffKind.NAME: "N", DiffKind.QUOTE: "q", DiffKind.WORDING: "w",
         DiffKind.FORMAT: "f"}
REFERENCE = "R"
SAME = "="
LEGEND = ("R the wording the others are compared with; = same words; n number, N name, q quote, "
          "w other wording, f case or punctuation only differ; blank: not reported")


@dataclass(frozen=True)
class Cell:
    """How one source reports one fact: not at all, as the reference, or with differences of
    ``kinds`` (in ``KIND_ORDER``) against the reference."""

    reported: bool
    reference: bool = False
    kinds: tuple[DiffKind, ...] = ()

    @property
    def code(self) -> str:
        if not self.reported:
            return ""
        if self.reference:
            return REFERENCE
        return "".join(CODES[k] for k in self.kinds) or SAME

    @property
    def main(self) -> DiffKind | None:
        """The most telling kind of difference (a number before a name before a quote...)."""
        return self.kinds[0] if self.kinds else None


def cell(view: FactView, source: int) -> Cell:
    """How ``source`` reports the fact of ``view``."""
    if source == view.reference and source in view.fact.sources:
        return Cell(True, reference=True)
    for wording in view.wordings:
        if wording.source == source:
            present = {d.kind for d in wording.differences}
            return Cell(True, kinds=tuple(k for k in KIND_ORDER if k in present))
    return Cell(False)


def row(comparison: ManyComparison, fact: int) -> tuple[Cell, ...]:
    """The cells of one fact, one per source."""
    view = comparison.facts[fact]
    return tuple(cell(view, s) for s in range(len(comparison.sources)))


def shared(comparison: ManyComparison) -> tuple[int, ...]:
    """Indices of the facts reported by two or more sources (the rows of a coverage table;
    what a single source reports is listed per source, as ``only_in``)."""
    return tuple(k for k, view in enumerate(comparison.facts) if len(view.fact.sources) > 1)


def by_all(comparison: ManyComparison) -> tuple[int, ...]:
    """Indices of the facts every source reports."""
    count = len(comparison.sources)
    return tuple(k for k, view in enumerate(comparison.facts) if len(view.fact.sources) == count)
