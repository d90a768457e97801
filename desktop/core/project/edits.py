"""The analyst's corrections as pure functions: each takes a ``Project`` and returns a new one.

The workbench keeps the projects it replaced for undo/redo. Group indices are positions in
``project.comparison.groups``; groups stay ordered by their first passages, so indices shift
after an edit (``project.groups_for_passage`` finds a group again).

Decisions (documented here because the UI and the briefing rely on them):

- The aligner may propose overlapping groups (a passage in several). A link is exclusive:
  ``link`` takes its passages out of every group that held them; a group left without passages
  on one side is dissolved and its other passages become unmatched (unless another group holds
  them). Shrunk groups keep their status, score and reason; their differences are recomputed.
- Groups the analyst makes (``link``, ``merge``, ``split``) are CONFIRMED. A manual link scores
  1.0 (the analyst's certainty, not a measured similarity); a merged group keeps the lower of
  the two scores; split parts keep the score of the group they came from.
- ``unlink`` forgets a group; re-aligning may propose it again. ``set_status(..., REJECTED)``
  keeps it stored, and re-aligning keeps that verdict.
- Differences of changed groups are recomputed through ``compare.assemble``; unchanged groups
  keep theirs.
- Sources are ``Which(0)`` (A) and ``Which(1)`` (B); their letters are accepted. The note edits
  take a two-source ``Project`` or a ``ManyProject`` (notes on any of its sources); the corrections
  of facts of N sources are in ``desktop.core.project.corrections``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TypeVar

from desktop.core.model import (
    AlignedGroup,
    Comparison,
    Difference,
    Group,
    GroupStatus,
    ManyComparison,
    Metadata,
    Note,
    ParallaxError,
    Passage,
    Which,
)
from desktop.core.project.anchor import AmbiguousQuote, find_quote, reanchor
from desktop.core.project.many import ManyProject, mirrored
from desktop.core.project.state import SIDES, Project, check_side

LINKED = "linked by analyst"
MERGED = "merged by analyst"
SPLIT = "split by analyst"
CORRECTED = "corrected by analyst"  # a fact a passage was added to or removed from (``corrections``)
MANUAL_REASONS = frozenset({LINKED, MERGED, SPLIT, CORRECTED})
MANUAL_SCORE = 1.0
A, B = SIDES

AnyProject = TypeVar("AnyProject", Project, ManyProject)


class EditError(ParallaxError):
    """An edit that cannot be made (the message says why, for the status bar)."""


# -- alignment corrections ---------------------------------------------------------------------

def link(project: Project, a: Iterable[int], b: Iterable[int]) -> Project:
    """Link passages of A with passages of B as one CONFIRMED group "linked by analyst"."""
    a_idx, b_idx = _indices(project, A, a), _indices(project, B, b)
    if not a_idx or not b_idx:
        raise EditError("A link needs at least one passage of each source.")
    items = _take_out(project.comparison.groups, set(a_idx), set(b_idx))
    items.append(Group(a_idx, b_idx, MANUAL_SCORE, LINKED, GroupStatus.CONFIRMED))
    return _with_groups(project, items)


def unlink(project: Project, group_index: int) -> Project:
    """Remove a group: its passages become unmatched."""
    _group(project, group_index)
    items: list[AlignedGroup | Group] = list(project.comparison.groups)
    del items[group_index]
    return _with_groups(project, items)


def merge(project: Project, i: int, j: int) -> Project:
    """Join two groups into one CONFIRMED group "merged by analyst"."""
    first, second = _group(project, i).group, _group(project, j).group
    if i == j:
        raise EditError("Choose two different groups to merge.")
    merged = Group(tuple(sorted({*first.a, *second.a})), tuple(sorted({*first.b, *second.b})),
                   min(first.score, second.score), MERGED, GroupStatus.CONFIRMED)
    items = [g for n, g in enumerate(project.comparison.groups) if n not in (i, j)]
    return _with_groups(project, [*items, merged])


def split(project: Project, group_index: int, a_part: Iterable[int], b_part: Iterable[int]) -> Project:
    """Split a group in two: (a_part, b_part) and the rest, both CONFIRMED "split by analyst".

    A piece left with passages on one side only does not stay a group: its passages become
    unmatched (so ``split(p, g, [a2], [])`` detaches passage a2 from its group).
    """
    group = _group(project, group_index).group
    a_set, b_set = set(_indices(project, A, a_part)), set(_indices(project, B, b_part))
    if not a_set <= set(group.a) or not b_set <= set(group.b):
        raise EditError("A split can only use passages of the group being split.")
    if not (a_set or b_set) or (a_set == set(group.a) and b_set == set(group.b)):
        raise EditError("Choose some, but not all, passages of the group for the new part.")
    pieces = [(sorted(a_set), sorted(b_set)),
              ([i for i in group.a if i not in a_set], [j for j in group.b if j not in b_set])]
    items: list[AlignedGroup | Group] = [g for n, g in enumerate(project.comparison.groups)
                                         if n != group_index]
    items += [Group(tuple(pa), tuple(pb), group.score, SPLIT, GroupStatus.CONFIRMED)
              for pa, pb in pieces if pa and pb]
    return _with_groups(project, items)


def set_status(project: Project, group_index: int, status: GroupStatus | str) -> Project:
    """Mark a group proposed, confirmed or rejected; its differences are kept as they are."""
    aligned = _group(project, group_index)
    groups = list(project.comparison.groups)
    groups[group_index] = AlignedGroup(replace(aligned.group, status=verdict(status, "group")),
                                       aligned.differences)
    return replace(project, comparison=replace(project.comparison, groups=tuple(groups)))


# -- notes -------------------------------------------------------------------------------------

def make_note(project: Project | ManyProject, side: Which | str, start: int, end: int, text: str = "",
              tags: Iterable[str] = ()) -> Note:
    """A note on ``source(side).text[start:end]`` (the quote is filled in from the source)."""
    which = _source_of(project, side)
    source_text = project.source(which).text
    if not 0 <= start <= end <= len(source_text):
        raise EditError(f"The note's range {start}-{end} is outside source {which.letter}.")
    return Note(which, start, end, source_text[start:end], text, _tags(tags))


def passage_note(project: Project | ManyProject, side: Which | str, index: int, text: str = "",
                 tags: Iterable[str] = ()) -> Note:
    """A note on a whole passage; a note on a group or a fact is a note on one of its passages."""
    passage = _passage(project, _source_of(project, side), index)
    return make_note(project, side, passage.start, passage.end, text, tags)


def add_note(project: AnyProject, note: Note) -> AnyProject:
    """Append a note; an empty ``quote`` is filled in from the source, a wrong one is refused."""
    made = make_note(project, note.side, note.start, note.end, note.text, note.tags)
    if note.quote and note.quote != made.quote:
        raise EditError("The note's quote does not match the words at its position.")
    return replace(project, notes=(*project.notes, made))


def edit_note(project: AnyProject, index: int, *, text: str | None = None,
              tags: Iterable[str] | None = None) -> AnyProject:
    """Change a note's text and/or tags (its anchor stays)."""
    note = _note(project, index)
    changed = replace(note, text=note.text if text is None else text,
                      tags=note.tags if tags is None else _tags(tags))
    notes = list(project.notes)
    notes[index] = changed
    return replace(project, notes=tuple(notes))


def remove_note(project: AnyProject, index: int) -> AnyProject:
    _note(project, index)
    return replace(project, notes=project.notes[:index] + project.notes[index + 1:])


# -- sources and settings ----------------------------------------------------------------------

def set_metadata(project: AnyProject, side: Which | str, metadata: Metadata) -> AnyProject:
    """Replace a source's metadata (its text, passages and differences are unchanged)."""
    which = _source_of(project, side)
    changed = replace(project.source(which), metadata=metadata)
    if isinstance(project, ManyProject):
        sources = tuple(changed if k == which.index else s for k, s in enumerate(project.comparison.sources))
        return replace(project, comparison=replace(project.comparison, sources=sources))
    return replace(project, comparison=replace(project.comparison, **{which.key: changed}))


def update_settings(project: AnyProject, **changes: object) -> AnyProject:
    """Change fields of ``ProjectSettings`` (title, analyst, style, options)."""
    return replace(project, settings=replace(project.settings, **changes))


def swap(project: Project) -> Project:
    """Exchange sources A and B, with their passages, groups, differences and notes.

    Differences are mirrored (a deletion becomes an insertion) rather than recomputed.
    """
    c = project.comparison
    groups = [AlignedGroup(replace(ag.group, a=ag.group.b, b=ag.group.a),
                           tuple(sorted((mirrored(d) for d in ag.differences),
                                        key=lambda d: (d.a_start, d.b_start))))
              for ag in c.groups]
    swapped = replace(c, a=c.b, b=c.a, passages_a=c.passages_b, passages_b=c.passages_a)
    notes = tuple(replace(n, side=n.side.other) for n in project.notes)
    return replace(project, comparison=_ordered(swapped, groups), notes=notes)


# -- re-alignment ------------------------------------------------------------------------------

def realign(project: Project, new_comparison: Comparison, *, problems: list[str] | None = None
            ) -> Project:
    """Adopt a fresh comparison of the same (or edited) sources, keeping the analyst's work.

    Kept: groups with a verdict (CONFIRMED or REJECTED) and groups the analyst made (link,
    merge, split), when all their passages still exist (same words at the same offsets, or
    found again by quotation when a source's text changed). Groups the analyst made take their
    passages out of the new proposals, as ``link`` does; a new proposal within a kept group
    (the same pairing, already judged) is dropped; other proposals stay, overlaps included.
    Notes are re-anchored by quotation and position. If the new comparison has the sources the
    other way round, sides are mapped accordingly. What could not be kept is described in
    ``problems`` (when a list is given) and left out.
    """
    old = project.comparison
    swapped = (new_comparison.a.text != old.a.text and new_comparison.a.text == old.b.text
               and new_comparison.b.text == old.a.text)
    origin = {side: side.other if swapped else side for side in SIDES}  # new source -> old source
    maps = {side: passage_map(project.passages(origin[side]), project.source(origin[side]).text,
                               new_comparison, side) for side in SIDES}
    reusable = _reusable_differences(old, new_comparison, swapped, maps)
    kept: list[AlignedGroup | Group] = []
    for aligned in old.groups:
        group = aligned.group
        if group.status is GroupStatus.PROPOSED and group.reason not in MANUAL_REASONS:
            continue
        members = (group.a, group.b)
        new_a = [maps[A].get(i) for i in origin[A].of(members)]
        new_b = [maps[B].get(j) for j in origin[B].of(members)]
        if None in new_a or None in new_b:
            _report(problems, f"A {group.status.value} group ({_where(project, group)}) was not "
                              "kept: some of its passages are no longer there.")
            continue
        moved = replace(group, a=tuple(sorted(new_a)), b=tuple(sorted(new_b)))
        diffs = reusable.get(aligned.group)
        kept.append(AlignedGroup(moved, diffs) if diffs is not None else moved)
    manual = [_members(g) for g in kept if _members(g).reason in MANUAL_REASONS]
    claimed_a = {i for g in manual for i in g.a}
    claimed_b = {j for g in manual for j in g.b}
    fresh = {(ag.group.a, ag.group.b): ag.differences for ag in new_comparison.groups}
    kept = [AlignedGroup(g, fresh[(g.a, g.b)]) if isinstance(g, Group) and (g.a, g.b) in fresh else g
            for g in kept]
    judged: dict[int, list[Group]] = {}  # passage of A -> kept groups holding it
    for g in map(_members, kept):
        for i in g.a:
            judged.setdefault(i, []).append(g)
    proposals = [g for g in _take_out(new_comparison.groups, claimed_a, claimed_b)
                 if not _judged(_members(g), judged)]
    items = proposals + kept
    notes = reanchor_notes(project.notes, new_comparison, origin, problems)
    settings = replace(project.settings, options=new_comparison.options)
    return _with_groups(Project(new_comparison, notes, settings), items)


def _judged(proposal: Group, judged: dict[int, list[Group]]) -> bool:
    """True when a kept group holds all of the proposal's passages (the pairing was judged)."""
    return any(set(proposal.a) <= set(k.a) and set(proposal.b) <= set(k.b)
               for k in judged.get(proposal.a[0], ()))


def passage_map(old_passages: tuple[Passage, ...], old_text: str, new: Comparison | ManyComparison,
                 side: Which) -> dict[int, int]:
    """Old passage index -> new passage index of source ``side``, for passages whose words are still
    there (at the same offsets, or found again by quotation when the source's text changed)."""
    new_text = _texts(new)[side.index]
    by_range = {(p.start, p.end): p.index for p in _passage_lists(new)[side.index]}
    mapping: dict[int, int] = {}
    for p in old_passages:
        span: tuple[int, int] | None = (p.start, p.end)
        if new_text != old_text:
            try:
                span = find_quote(new_text, p.text, near=p.start)
            except AmbiguousQuote:  # cannot happen with near, kept for safety
                span = None
        if span in by_range:
            mapping[p.index] = by_range[span]
    return mapping


def _reusable_differences(old: Comparison, new: Comparison, swapped: bool,
                          maps: dict[Which, dict[int, int]]) -> dict[Group, tuple[Difference, ...]]:
    """Old groups whose differences are still valid: same texts and diff options, and all their
    passages still there (with unchanged texts, passages are mapped by identical ranges)."""
    same = (not swapped and old.a.text == new.a.text and old.b.text == new.b.text
            and old.options.ignore_case == new.options.ignore_case
            and old.options.ignore_punctuation == new.options.ignore_punctuation)
    if not same:
        return {}
    return {ag.group: ag.differences for ag in old.groups
            if all(i in maps[A] for i in ag.group.a) and all(j in maps[B] for j in ag.group.b)}


def reanchor_notes(notes: Iterable[Note], new: Comparison | ManyComparison, origin: dict[Which, Which],
                   problems: list[str] | None) -> tuple[Note, ...]:
    """The notes moved onto the new comparison's sources (``origin``: new source -> old source) by
    quotation and position; notes whose words are gone, or whose source is, are reported and left out."""
    new_side = {old: new_ for new_, old in origin.items()}
    texts = _texts(new)
    kept: list[Note] = []
    for note in notes:
        side = new_side.get(note.side)
        moved = None if side is None else reanchor(replace(note, side=side), side.of(texts))
        if moved is None:
            _report(problems, f"The note on “{note.quote[:60]}” was removed: those words are no "
                              "longer in the source.")
        else:
            kept.append(moved)
    return tuple(kept)


def _texts(comparison: Comparison | ManyComparison) -> tuple[str, ...]:
    if isinstance(comparison, ManyComparison):
        return tuple(s.text for s in comparison.sources)
    return comparison.a.text, comparison.b.text


def _passage_lists(comparison: Comparison | ManyComparison) -> tuple[tuple[Passage, ...], ...]:
    if isinstance(comparison, ManyComparison):
        return comparison.passages
    return comparison.passages_a, comparison.passages_b


# -- helpers -----------------------------------------------------------------------------------

def _with_groups(project: Project, items: list[AlignedGroup | Group]) -> Project:
    """The project with these groups; bare ``Group`` items get their differences computed."""
    changed = [g for g in items if isinstance(g, Group)]
    ready = [g for g in items if isinstance(g, AlignedGroup)]
    comparison = project.comparison
    if changed:
        ready += _assemble(comparison, changed)
    return replace(project, comparison=_ordered(comparison, ready))


def _assemble(comparison: Comparison, groups: list[Group]) -> tuple[AlignedGroup, ...]:
    # Imported here: the pipeline pulls in the aligner, which the project file and the
    # workbench's start-up do not need.
    from desktop.core.pipeline import assemble

    c = comparison
    return assemble(c.a, c.b, c.passages_a, c.passages_b, groups, c.options).groups


def _ordered(comparison: Comparison, groups: list[AlignedGroup]) -> Comparison:
    """Groups in ``assemble``'s order, and the unmatched passages recomputed."""
    groups = sorted(groups, key=lambda ag: (min(ag.group.a), min(ag.group.b)))
    used_a = {i for ag in groups for i in ag.group.a}
    used_b = {j for ag in groups for j in ag.group.b}
    return replace(comparison, groups=tuple(groups),
                   only_a=tuple(i for i in range(len(comparison.passages_a)) if i not in used_a),
                   only_b=tuple(j for j in range(len(comparison.passages_b)) if j not in used_b))


def _take_out(groups: Iterable[AlignedGroup], a: set[int], b: set[int]) -> list[AlignedGroup | Group]:
    """The groups without passages ``a``/``b``; shrunk ones as bare ``Group``s (to re-diff)."""
    items: list[AlignedGroup | Group] = []
    for aligned in groups:
        group = aligned.group
        if not (a & set(group.a) or b & set(group.b)):
            items.append(aligned)
            continue
        rest_a = tuple(i for i in group.a if i not in a)
        rest_b = tuple(j for j in group.b if j not in b)
        if rest_a and rest_b:
            items.append(replace(group, a=rest_a, b=rest_b))
    return items


def _members(item: AlignedGroup | Group) -> Group:
    return item.group if isinstance(item, AlignedGroup) else item


def _indices(project: Project | ManyProject, side: Which, values: Iterable[int]) -> tuple[int, ...]:
    count = len(project.passages(side))
    indices = tuple(sorted(set(values)))
    for i in indices:
        if not 0 <= i < count:
            raise EditError(f"Source {side.letter} has no passage {i} (it has {count}).")
    return indices


def _source_of(project: Project | ManyProject, side: Which | str) -> Which:
    """``side`` checked to be a source of ``project`` (a letter is accepted)."""
    if isinstance(project, ManyProject):
        return project.which(side)
    return check_side(side)


def _passage(project: Project | ManyProject, side: Which, index: int) -> Passage:
    return project.passages(side)[_indices(project, side, [index])[0]]


def verdict(status: GroupStatus | str, what: str) -> GroupStatus:
    """``status`` as a ``GroupStatus``; an unknown one is an ``EditError`` naming ``what`` it was for
    (a group, a fact)."""
    try:
        return GroupStatus(status)
    except ValueError:
        raise EditError(f"Unknown {what} status {status!r}.") from None


def _group(project: Project, index: int) -> AlignedGroup:
    groups = project.comparison.groups
    if not 0 <= index < len(groups):
        raise EditError(f"There is no group {index} (there are {len(groups)}).")
    return groups[index]


def _note(project: Project | ManyProject, index: int) -> Note:
    if not 0 <= index < len(project.notes):
        raise EditError(f"There is no note {index} (there are {len(project.notes)}).")
    return project.notes[index]


def _tags(tags: Iterable[str]) -> tuple[str, ...]:
    if isinstance(tags, str):
        tags = [tags]
    out: list[str] = []
    for tag in tags:
        tag = tag.strip()
        if tag and tag not in out:
            out.append(tag)
    return tuple(out)


def _where(project: Project, group: Group) -> str:
    def loc(side: Which, indices: tuple[int, ...]) -> str:
        return "; ".join(project.passages(side)[i].locator for i in indices)
    return f"A {loc(A, group.a)} ↔ B {loc(B, group.b)}"


def _report(problems: list[str] | None, message: str) -> None:
    if problems is not None:
        problems.append(message)


__all__ = [
    "EditError", "LINKED", "MERGED", "SPLIT", "CORRECTED", "MANUAL_REASONS",
    "link", "unlink", "merge", "split", "set_status", "make_note", "passage_note", "add_note",
    "edit_note", "remove_note", "set_metadata", "update_settings", "swap", "realign", "reanchor_notes",
    "passage_map",
]
