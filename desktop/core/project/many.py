"""A project of 2 to 12 sources: a ``ManyComparison`` plus the analyst's notes and settings.

Like the two-source ``Project``, a ``ManyProject`` is immutable: the corrections of facts
(``desktop.core.project.corrections``) and the note edits (``edits.add_note``, ``edits.edit_note``...,
which take either kind of project) return a new one, and the workbench keeps the old ones for undo.

Invariants the corrections keep (and ``storage`` checks or restores on load):

- every fact has at least one member; members are in source order, each with sorted passages;
- every passage of every source is in some fact: a passage no other source matches is a fact of
  its source alone (what only that source says), as ``align.facts.reconcile`` makes them;
- facts the engine or a correction made are in reading order (``reading_order``); a project
  converted from two sources keeps the order of its groups, then its single-source facts;
- each reporting source's wording is diffed against the fact's ``FactView.reference``;
- every note's ``quote`` is ``source.text[start:end]`` of its source (``Note.side``).

A two-source ``Project`` converts both ways (``from_pair``, ``to_pair``): its groups are the facts
both sources report, its unmatched passages the single-source facts. That is how the project file,
which holds N sources, serves the two-source workbench.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from desktop.core.model import (
    AlignedGroup,
    Comparison,
    Difference,
    DiffOp,
    Fact,
    FactView,
    Group,
    GroupStatus,
    ManyComparison,
    Note,
    ParallaxError,
    Passage,
    Source,
    Which,
    Wording,
)
from desktop.core.project.state import Project, ProjectSettings, notes_by_passage

A, B = Which.all(2)


@dataclass(frozen=True)
class ManyProject:
    """A comparison of N sources plus the analyst's work on it (verdicts live in ``Fact.status``)."""

    comparison: ManyComparison
    notes: tuple[Note, ...] = ()
    settings: ProjectSettings = field(default_factory=ProjectSettings)

    @classmethod
    def new(cls, comparison: ManyComparison, *, title: str = "", analyst: str = "", style: str = "apa"
            ) -> ManyProject:
        """A fresh project for a comparison, its settings taking the comparison's options."""
        return cls(comparison, (), ProjectSettings(title, analyst, style, comparison.options))

    # -- looking things up -------------------------------------------------------------------

    @property
    def count(self) -> int:
        """How many sources the project compares."""
        return len(self.comparison.sources)

    @property
    def facts(self) -> tuple[FactView, ...]:
        return self.comparison.facts

    def which(self, source: Which | str | int) -> Which:
        """``source`` (a ``Which``, its letter or its index) checked to be one of this project's."""
        which = Which.coerce(source)
        if which.index >= self.count:
            raise ValueError(f"there is no source {which.letter}: the project compares {self.count}")
        return which

    def source(self, which: Which | str | int) -> Source:
        return self.which(which).of(self.comparison.sources)

    def passages(self, which: Which | str | int) -> tuple[Passage, ...]:
        return self.which(which).of(self.comparison.passages)

    def facts_for_passage(self, which: Which | str | int, index: int) -> tuple[int, ...]:
        """Indices into ``comparison.facts`` of the facts holding passage ``index`` of ``which``
        (one, unless the aligner left facts that overlap)."""
        return self._facts_by_passage.get((self.which(which).index, index), ())

    def notes_for_passage(self, which: Which | str | int, index: int) -> tuple[int, ...]:
        """Indices into ``notes`` of the notes whose quoted words touch passage ``index``."""
        which = self.which(which)
        self.passages(which)[index]  # an IndexError for a passage that does not exist
        return self._notes_by_passage.get((which.index, index), ())

    def notes_for_fact(self, fact_index: int) -> tuple[int, ...]:
        """Indices of the notes on any passage of a fact, of any source."""
        fact = self.facts[fact_index].fact
        found: set[int] = set()
        for source, indices in fact.members:
            for index in indices:
                found.update(self.notes_for_passage(source, index))
        return tuple(sorted(found))

    def note_passages(self, n: int) -> tuple[int, ...]:
        """Indices of the passages (of the note's source) that note ``n``'s words touch."""
        side = self.notes[n].side.index
        return tuple(sorted(i for (s, i), found in self._notes_by_passage.items()
                            if s == side and n in found))

    def fact_of_note(self, n: int) -> int | None:
        """The fact holding the first passage note ``n`` touches (None: its words are in no
        passage, e.g. a heading), so that selecting a note can show the fact it is about."""
        passages = self.note_passages(n)
        facts = self.facts_for_passage(self.notes[n].side, passages[0]) if passages else ()
        return facts[0] if facts else None

    def reviewed_count(self) -> int:
        """How many facts reported by several sources carry a verdict (confirmed or rejected)."""
        return sum(1 for v in self.facts
                   if len(v.fact.members) > 1 and v.fact.status is not GroupStatus.PROPOSED)

    @cached_property
    def _facts_by_passage(self) -> dict[tuple[int, int], tuple[int, ...]]:
        found: dict[tuple[int, int], list[int]] = {}
        for n, view in enumerate(self.facts):
            for source, indices in view.fact.members:
                for i in indices:
                    found.setdefault((source, i), []).append(n)
        return {key: tuple(value) for key, value in found.items()}

    @cached_property
    def _notes_by_passage(self) -> dict[tuple[int, int], tuple[int, ...]]:
        return notes_by_passage(self.notes, list(self.comparison.passages))


def reading_order(views: Iterable[FactView]) -> list[FactView]:
    """Facts ordered as ``align.facts.reconcile`` orders them: by the first passages of their first
    source, a fact of more sources after one of fewer that starts at the same passages."""
    return sorted(views, key=lambda v: (v.fact.members[0][0], v.fact.members[0][1], len(v.fact.members)))


def single_fact(source: int, passages: Sequence[int], status: GroupStatus = GroupStatus.PROPOSED
                ) -> FactView:
    """A fact only ``source`` reports (no differences: nothing to compare it with)."""
    fact = Fact(((source, tuple(passages)),), 0.0, "", status)
    return FactView(fact, source, (Wording(source, tuple(passages)),))


def unmatched(passages: Sequence[tuple[Passage, ...]], facts: Iterable[Fact]) -> list[tuple[int, int]]:
    """(source, passage) of every passage in none of ``facts``, in source then text order."""
    used = {(s, i) for fact in facts for s, indices in fact.members for i in indices}
    return [(s, p.index) for s, ps in enumerate(passages) for p in ps if (s, p.index) not in used]


# -- two sources -------------------------------------------------------------------------------

def from_pair(project: Project) -> ManyProject:
    """The N-source project of a two-source one: each group a fact of A and B (diffed against A),
    each passage in no group a fact of its source alone."""
    c = project.comparison
    views = [_group_view(ag) for ag in c.groups]
    views += [single_fact(s, (i,)) for s, i in
              unmatched((c.passages_a, c.passages_b), (v.fact for v in views))]
    runs = () if c.run is None else (c.run,)
    many = ManyComparison((c.a, c.b), (c.passages_a, c.passages_b), tuple(views), 0, c.options, runs,
                          ((0, 1),) if runs else ())
    return ManyProject(many, project.notes, project.settings)


def to_pair(project: ManyProject) -> Project:
    """The two-source project of a ``ManyProject`` of two sources: facts of both are its groups
    (differences turned to run from A to B), single-source facts its unmatched passages."""
    c = project.comparison
    if project.count != 2:
        raise ParallaxError(f"This project compares {project.count} sources; the two-source view "
                            "needs exactly two.")
    groups = tuple(_group(view) for view in c.facts if len(view.fact.members) == 2)
    used = ({i for g in groups for i in g.group.a}, {j for g in groups for j in g.group.b})
    only = [tuple(i for i in range(len(ps)) if i not in taken)
            for ps, taken in zip(c.passages, used, strict=True)]
    comparison = Comparison(c.sources[0], c.sources[1], c.passages[0], c.passages[1], groups,
                            only[0], only[1], c.options, c.runs[0] if c.runs else None)
    return Project(comparison, project.notes, project.settings)


def mirrored(d: Difference) -> Difference:
    """The same difference seen from the other source: a deletion becomes an insertion."""
    op = {DiffOp.DELETE: DiffOp.INSERT, DiffOp.INSERT: DiffOp.DELETE}.get(d.op, d.op)
    return replace(d, op=op, a_start=d.b_start, a_end=d.b_end, b_start=d.a_start, b_end=d.a_end,
                   a_text=d.b_text, b_text=d.a_text)


def _group_view(aligned: AlignedGroup) -> FactView:
    g = aligned.group
    fact = Fact(((0, g.a), (1, g.b)), g.score, g.reason, g.status)
    return FactView(fact, 0, (Wording(0, g.a), Wording(1, g.b, aligned.differences)))


def _group(view: FactView) -> AlignedGroup:
    fact = view.fact
    group = Group(fact.passages(0), fact.passages(1), fact.score, fact.reason, fact.status)
    other = next(w for w in view.wordings if w.source != view.reference)
    if view.reference == 0:
        return AlignedGroup(group, other.differences)
    diffs = sorted((mirrored(d) for d in other.differences), key=lambda d: (d.a_start, d.b_start))
    return AlignedGroup(group, tuple(diffs))
