"""What the coverage view shows of a ``ManyComparison``, computed once per comparison (no Qt).

Per fact and source a ``Cell``: whether the source reports the fact and how its wording differs
from the fact's reference wording, summed up by the kind that matters most to an analyst
(number > name > quote > wording; case or punctuation alone counts as the same wording). Also
the wording texts (for the detail panel and the free-text filter) and the filters themselves,
so the Qt models stay thin.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from desktop.core.model import DiffKind, FactView, ManyComparison, Wording

ABSENT, REFERENCE, SAME = "absent", "reference", "same"
RANKED = (DiffKind.NUMBER, DiffKind.NAME, DiffKind.QUOTE, DiffKind.WORDING)
CELL_KINDS = (REFERENCE, SAME, *(k.value for k in RANKED), ABSENT)

# (key, label, whether the filter needs a source); ``matches`` implements each key.
FILTERS = (
    ("all", "All facts", False),
    ("shared", "Reported by two or more", False),
    ("all_but", "Reported by all but…", True),
    ("only_in", "Only in…", True),
    ("reported_by", "Reported by…", True),
    ("numbers", "Numbers differ", False),
    ("names", "Names differ", False),
    ("quotes", "Quotes differ", False),
    ("changed", "Any wording differs", False),
)
_KINDS = tuple(DiffKind)
NEEDS_SOURCE = {key for key, _label, needs in FILTERS if needs}
ANY = -1  # "any source" for the filters that name one
_KIND_FILTERS = {"numbers": DiffKind.NUMBER, "names": DiffKind.NAME, "quotes": DiffKind.QUOTE}


@dataclass(frozen=True)
class Cell:
    """How one source reports one fact. ``kind`` is one of ``CELL_KINDS``; ``counts`` are the
    word differences against the reference by kind (format-only ones included)."""

    kind: str
    passages: tuple[int, ...] = ()
    counts: tuple[tuple[DiffKind, int], ...] = ()

    @property
    def reported(self) -> bool:
        return self.kind != ABSENT


def cell_of(view: FactView, source: int) -> Cell:
    wording = next((w for w in view.wordings if w.source == source), None)
    if wording is None:
        return Cell(ABSENT)
    found = Counter(d.kind for d in wording.differences)
    counts = tuple((k, found[k]) for k in _KINDS if found[k])
    if source == view.reference:
        return Cell(REFERENCE, wording.passages, counts)
    ranked = next((k.value for k in RANKED if found[k]), SAME)
    return Cell(ranked, wording.passages, counts)


class CoverageIndex:
    """Cells, wording texts and filter tests of one comparison."""

    def __init__(self, comparison: ManyComparison) -> None:
        self.comparison = comparison
        self.size = len(comparison.sources)
        self.cells = [tuple(cell_of(view, s) for s in range(self.size)) for view in comparison.facts]
        self.texts = [tuple(self._text(view, s) for s in range(self.size)) for view in comparison.facts]
        self._folded = ["\n".join(texts).casefold() for texts in self.texts]
        self.reporters = [view.fact.sources for view in comparison.facts]
        self.snippets = [" ".join(texts[view.reference][:400].split())
                         for texts, view in zip(self.texts, comparison.facts, strict=True)]
        self._kinds = [{d.kind for w in view.wordings for d in w.differences} for view in comparison.facts]

    def __len__(self) -> int:
        return len(self.cells)

    def reporting(self, fact: int) -> int:
        """How many sources report ``fact``."""
        return len(self.reporters[fact])

    def position(self, fact: int, source: int) -> int | None:
        """The first passage of ``source`` in ``fact`` (its place in that source), or None."""
        passages = self.cells[fact][source].passages
        return passages[0] if passages else None

    def wording(self, fact: int, source: int) -> Wording | None:
        return next((w for w in self.comparison.facts[fact].wordings if w.source == source), None)

    def reference_text(self, fact: int) -> str:
        return self.texts[fact][self.comparison.facts[fact].reference]

    def _text(self, view: FactView, source: int) -> str:
        """The source's words for the fact, as written (first passage start to last passage end)."""
        indices = view.fact.passages(source)
        if not indices:
            return ""
        passages = self.comparison.passages[source]
        start, end = passages[indices[0]].start, passages[indices[-1]].end
        return self.comparison.sources[source].text[start:end]

    def matches(self, fact: int, mode: str, source: int = ANY, text: str = "") -> bool:
        """Whether ``fact`` passes the filter ``mode`` (a ``FILTERS`` key, with ``source`` for
        those that name one) and contains ``text`` in some source's wording (any case)."""
        if text and text.casefold() not in self._folded[fact]:
            return False
        reporters = self.reporters[fact]
        if mode == "all":
            return True
        if mode == "shared":
            return len(reporters) >= 2
        if mode in NEEDS_SOURCE:
            return self._matches_source(reporters, mode, source)
        if mode in _KIND_FILTERS:
            return _KIND_FILTERS[mode] in self._kinds[fact]
        if mode == "changed":
            return any(k is not DiffKind.FORMAT for k in self._kinds[fact])
        raise ValueError(f"unknown coverage filter {mode!r}")

    def _matches_source(self, reporters: tuple[int, ...], mode: str, source: int) -> bool:
        others = self.size - 1
        if mode == "all_but":
            if source == ANY:
                return len(reporters) == others
            return source not in reporters and len(reporters) == others
        if mode == "only_in":
            return len(reporters) == 1 and (source == ANY or reporters == (source,))
        return source == ANY or source in reporters  # reported_by
