"""The analyst's corrections of facts of N sources, as pure functions: each takes a ``ManyProject``
and returns a new one (the workbench keeps the old ones for undo, as for the two-source group
edits of ``desktop.core.project.edits``, whose note and metadata edits take a ``ManyProject`` too).

Fact indices are positions in ``project.facts``; facts stay in reading order, so indices shift
after an edit (``project.facts_for_passage`` finds a fact again). Decisions:

- A fact holds one run of consecutive passages per source. An edit that would cut a run in two
  (add a passage away from the run, remove one from its middle, merge or split into scattered
  passages) is refused with a message (``EditError``). A run the engine left scattered may be
  edited as long as it gets no more scattered.
- A passage added to a fact leaves the other facts that held it (a link is exclusive, as
  ``edits.link``); if that would cut another fact's run, the addition is refused.
- A fact left with passages of one source only is dissolved: its passages, in no other fact,
  become facts of their source alone (what only that source says), as unmatched passages are.
- Facts the analyst changes are CONFIRMED with reasons ``CORRECTED`` (a passage added or removed),
  ``MERGED`` or ``SPLIT``, all in ``edits.MANUAL_REASONS``; they keep their score (a merge the
  lower one; linking passages no fact held scores ``MANUAL_SCORE``). Their wordings are diffed
  again against the reference source (``pipeline.assemble_many``); other facts keep theirs.
- ``realign`` keeps facts with a verdict and facts the analyst made whose passages are still
  there; confirmed and analyst-made facts take their passages out of the new proposals, and a
  proposal inside a kept fact (already judged) is dropped. Notes are re-anchored by quotation in
  the source they were on (sources are matched by text, else by position).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from desktop.core.model import Fact, FactView, GroupStatus, ManyComparison, Which
from desktop.core.project.edits import (
    CORRECTED,
    MANUAL_REASONS,
    MANUAL_SCORE,
    MERGED,
    SPLIT,
    EditError,
    passage_map,
    reanchor_notes,
    verdict,
)
from desktop.core.project.many import ManyProject, reading_order, single_fact, unmatched

Members = dict[int, tuple[int, ...]]
Item = FactView | Fact  # a fact whose wordings are known, or one to diff


# -- corrections -------------------------------------------------------------------------------

def add_passage(project: ManyProject, fact_index: int, source: Which | str | int, passage: int
                ) -> ManyProject:
    """Add passage ``passage`` of ``source`` to a fact (taking it out of any other fact)."""
    view, which = _fact(project, fact_index), _source(project, source, passage)
    members, s = _members(view.fact), which.index
    if passage in members.get(s, ()):
        raise EditError(f"Passage {passage} of {which.letter} is already in this fact.")
    if set(members) == {s}:
        raise EditError(f"This fact is reported by {which.letter} alone: add a passage of another "
                        "source to link it.")
    run = tuple(sorted((*members.get(s, ()), passage)))
    if _scatters(members.get(s, ()), run):
        raise EditError(f"Passage {passage} of {which.letter} is not next to the fact's passages of "
                        f"{which.letter} ({_span(members[s])}): a fact holds one run of consecutive "
                        "passages per source.")
    others = [v for n, v in enumerate(project.facts) if n != fact_index]
    for other in others:
        held = other.fact.passages(s)
        if passage in held and _scatters(held, tuple(i for i in held if i != passage)):
            raise EditError(f"Passage {passage} of {which.letter} is inside the run of another fact "
                            f"({which.letter} {_span(held)}): take it out of that fact first.")
    items = _take_out(others, {(s, passage)})
    items.append(_fact_of({**members, s: run}, view.fact.score, CORRECTED))
    return _with_facts(project, items)


def remove_passage(project: ManyProject, fact_index: int, source: Which | str | int, passage: int
                   ) -> ManyProject:
    """Take passage ``passage`` of ``source`` out of a fact; in no other fact, it becomes a fact of
    its source alone. A fact left with one source is dissolved."""
    view, which = _fact(project, fact_index), _source(project, source, passage)
    members, s = _members(view.fact), which.index
    run = members.get(s, ())
    if passage not in run:
        raise EditError(f"Passage {passage} of {which.letter} is not in this fact.")
    rest = tuple(i for i in run if i != passage)
    if _scatters(run, rest):
        raise EditError(f"Passage {passage} of {which.letter} is inside the fact's run "
                        f"({which.letter} {_span(run)}): remove passages from an end of the run, "
                        "or split the fact.")
    if rest:
        members[s] = rest
    else:
        del members[s]
    if not members:
        raise EditError(f"Passage {passage} of {which.letter} is the whole fact: it stays a fact of "
                        "its own (reject it to leave it out of the briefing).")
    items: list[Item] = [v for n, v in enumerate(project.facts) if n != fact_index]
    if len(members) > 1:
        items.append(_fact_of(members, view.fact.score, CORRECTED))
    return _with_facts(project, items)


def merge(project: ManyProject, i: int, j: int) -> ManyProject:
    """Join two facts into one CONFIRMED fact "merged by analyst"."""
    first, second = _fact(project, i).fact, _fact(project, j).fact
    if i == j:
        raise EditError("Choose two different facts to merge.")
    a, b = _members(first), _members(second)
    merged = {s: tuple(sorted({*a.get(s, ()), *b.get(s, ())})) for s in sorted({*a, *b})}
    for s, run in merged.items():
        if _scatters(a.get(s, ()), run) and _scatters(b.get(s, ()), run):
            raise EditError(f"Merged, the passages of {Which(s).letter} ({_span(run)}) would not be "
                            "consecutive: a fact holds one run of consecutive passages per source.")
    if len(merged) < 2:
        raise EditError(f"Both facts are reported by {Which(next(iter(merged))).letter} alone: merge "
                        "facts of different sources.")
    scores = [f.score for f in (first, second) if len(f.members) > 1]
    items: list[Item] = [v for n, v in enumerate(project.facts) if n not in (i, j)]
    items.append(_fact_of(merged, min(scores, default=MANUAL_SCORE), MERGED))
    return _with_facts(project, items)


def split(project: ManyProject, fact_index: int, part: Mapping[Which | str | int, Iterable[int]]
          ) -> ManyProject:
    """Split a fact in two: ``part`` (source -> some of its passages in the fact) and the rest,
    both CONFIRMED "split by analyst"; a piece of one source is dissolved (its passages are
    reported by that source alone)."""
    view = _fact(project, fact_index)
    members = _members(view.fact)
    chosen: Members = {}
    for key, values in part.items():
        which = _which(project, key)
        picked = tuple(sorted(set(values)))
        if not set(picked) <= set(members.get(which.index, ())):
            raise EditError("A split can only use passages of the fact being split.")
        if picked:
            chosen[which.index] = picked
    rest = {s: tuple(i for i in run if i not in chosen.get(s, ())) for s, run in members.items()}
    rest = {s: run for s, run in rest.items() if run}
    if not chosen or not rest:
        raise EditError("Choose some, but not all, passages of the fact for the new part.")
    for piece in (chosen, rest):
        for s, run in piece.items():
            if _scatters(members[s], run):
                raise EditError(f"The split would leave passages of {Which(s).letter} ({_span(run)}) apart: "
                                "a fact holds one run of consecutive passages per source.")
    items: list[Item] = [v for n, v in enumerate(project.facts) if n != fact_index]
    items += [_fact_of(piece, view.fact.score, SPLIT) for piece in (chosen, rest) if len(piece) > 1]
    return _with_facts(project, items)


def set_status(project: ManyProject, fact_index: int, status: GroupStatus | str) -> ManyProject:
    """Confirm, reject or reopen a fact; its wordings are kept as they are."""
    view = _fact(project, fact_index)
    facts = list(project.facts)
    facts[fact_index] = replace(view, fact=replace(view.fact, status=verdict(status, "fact")))
    return replace(project, comparison=replace(project.comparison, facts=tuple(facts)))


def set_reference(project: ManyProject, source: Which | str | int) -> ManyProject:
    """Compare every fact's wordings with another source (the analyst's reference)."""
    which = project.which(source)
    c = replace(project.comparison, reference=which.index)
    views = _assemble(c, [v.fact for v in c.facts])
    return replace(project, comparison=replace(c, facts=tuple(views)))


# -- re-alignment ------------------------------------------------------------------------------

def realign(project: ManyProject, new: ManyComparison, *, problems: list[str] | None = None
            ) -> ManyProject:
    """Adopt a fresh comparison of the same (or edited) sources, keeping the analyst's work (see
    the module docstring); what could not be kept is described in ``problems``."""
    origin = _origins(project.comparison, new)  # new source -> old source
    maps = {t: passage_map(project.passages(s), project.source(s).text, new, t) for t, s in origin.items()}
    back = {s.index: t.index for t, s in origin.items()}
    kept: list[Fact] = []
    for view in project.facts:
        fact = view.fact
        if len(fact.members) < 2 or not _analysts(fact, GroupStatus.CONFIRMED, GroupStatus.REJECTED):
            continue
        moved = _moved(fact, back, maps)
        if moved is None:
            _report(problems, f"A {fact.status.value} fact ({_where(project, fact)}) was not kept: some "
                              "of its passages are no longer there.")
        else:
            kept.append(moved)
    claims = {(s, i) for f in kept if _analysts(f, GroupStatus.CONFIRMED)
              for s, run in f.members for i in run}
    proposals = [p for p in _take_out(new.facts, claims) if not _judged(_as_fact(p), kept)]
    notes = reanchor_notes(project.notes, new, origin, problems)
    fresh = ManyProject(new, notes, replace(project.settings, options=new.options))
    return _with_facts(fresh, [*proposals, *kept])


def _origins(old: ManyComparison, new: ManyComparison) -> dict[Which, Which]:
    """New source -> old source: the old source with the same text, else the one at its position."""
    free = list(range(len(old.sources)))
    origin: dict[Which, Which] = {}
    for t, source in enumerate(new.sources):
        same = [s for s in free if old.sources[s].text == source.text]
        if same:
            origin[Which(t)] = Which(same[0])
            free.remove(same[0])
    for t in range(len(new.sources)):
        if Which(t) not in origin and t in free:
            origin[Which(t)] = Which(t)
            free.remove(t)
    return origin


def _analysts(fact: Fact, *statuses: GroupStatus) -> bool:
    """True for a fact the analyst made, or gave one of ``statuses``."""
    return fact.reason in MANUAL_REASONS or fact.status in statuses


def _moved(fact: Fact, back: dict[int, int], maps: dict[Which, dict[int, int]]) -> Fact | None:
    """The fact on the new comparison's sources and passages; None when some are gone."""
    members = []
    for s, run in fact.members:
        if s not in back:
            return None
        mapped = [maps[Which(back[s])].get(i) for i in run]
        if None in mapped:
            return None
        members.append((back[s], tuple(sorted(i for i in mapped if i is not None))))
    return replace(fact, members=tuple(sorted(members)))


def _judged(proposal: Fact, kept: list[Fact]) -> bool:
    """True when a kept fact holds all of the proposal's passages (that pairing was judged)."""
    return any(all(set(run) <= set(k.passages(s)) for s, run in proposal.members) for k in kept)


# -- helpers -----------------------------------------------------------------------------------

def _with_facts(project: ManyProject, items: list[Item]) -> ManyProject:
    """The project with these facts (bare ``Fact`` items diffed), a fact of its own for every
    passage in none, in reading order."""
    c = project.comparison
    views = [i for i in items if isinstance(i, FactView)]
    views += _assemble(c, [i for i in items if isinstance(i, Fact)])
    views += [single_fact(s, (i,)) for s, i in unmatched(c.passages, (v.fact for v in views))]
    return replace(project, comparison=replace(c, facts=tuple(reading_order(views))))


def _assemble(c: ManyComparison, facts: list[Fact]) -> list[FactView]:
    # Imported here: the pipeline pulls in the aligner, which the project file does not need.
    from desktop.core.pipeline import assemble_many

    if not facts:
        return []
    return list(assemble_many(c.sources, c.passages, facts, c.options, reference=c.reference).facts)


def _take_out(views: Iterable[FactView], claimed: set[tuple[int, int]]) -> list[Item]:
    """The facts without the ``claimed`` (source, passage): shrunk ones as bare ``Fact``s (to diff
    again), those left with one source dissolved."""
    items: list[Item] = []
    for view in views:
        members = _members(view.fact)
        left = {s: tuple(i for i in run if (s, i) not in claimed) for s, run in members.items()}
        left = {s: run for s, run in left.items() if run}
        if left == members:
            items.append(view)
        elif len(left) > 1:
            items.append(replace(view.fact, members=tuple(sorted(left.items()))))
    return items


def _as_fact(item: Item) -> Fact:
    return item.fact if isinstance(item, FactView) else item


def _fact_of(members: Members, score: float, reason: str) -> Fact:
    return Fact(tuple(sorted(members.items())), score, reason, GroupStatus.CONFIRMED)


def _members(fact: Fact) -> Members:
    return dict(fact.members)


def _runs(indices: Iterable[int]) -> int:
    """How many runs of consecutive passages ``indices`` form (0 for none)."""
    ordered = sorted(set(indices))
    return sum(1 for n, i in enumerate(ordered) if n == 0 or ordered[n - 1] != i - 1)


def _scatters(before: Iterable[int], after: Iterable[int]) -> bool:
    """True when ``after`` forms more runs than ``before`` (at least one): a run was cut or
    a passage added away from it."""
    return _runs(after) > max(1, _runs(before))


def _span(indices: tuple[int, ...]) -> str:
    if indices and _runs(indices) == 1 and len(indices) > 1:
        return f"{indices[0]}–{indices[-1]}"
    return ", ".join(map(str, indices))


def _fact(project: ManyProject, index: int) -> FactView:
    facts = project.facts
    if not 0 <= index < len(facts):
        raise EditError(f"There is no fact {index} (there are {len(facts)}).")
    return facts[index]


def _which(project: ManyProject, source: Which | str | int) -> Which:
    try:
        return project.which(source)
    except (TypeError, ValueError) as exc:
        raise EditError(f"Not a source of this project: {exc}.") from None


def _source(project: ManyProject, source: Which | str | int, passage: int) -> Which:
    which = _which(project, source)
    count = len(project.passages(which))
    if not 0 <= passage < count:
        raise EditError(f"Source {which.letter} has no passage {passage} (it has {count}).")
    return which


def _where(project: ManyProject, fact: Fact) -> str:
    return " ↔ ".join(f"{Which(s).letter} " + "; ".join(project.passages(s)[i].locator for i in run)
                      for s, run in fact.members)


def _report(problems: list[str] | None, message: str) -> None:
    if problems is not None:
        problems.append(message)


__all__ = ["add_passage", "remove_passage", "merge", "split", "set_status", "set_reference", "realign"]
