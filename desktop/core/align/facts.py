"""Facts across 2 to 12 sources: the pairwise aligner's groups reconciled into clusters.

``align_many(docs, tuning=...)`` aligns source pairs with the pairwise engine (``engine.align``)
and reconciles their groups into *facts*: clusters of passages, at most one contiguous run per
source, that report the same fact. Which pairs run is ``Tuning.source_pairs``: every pair
(``"all"``) or each source against the first (``"pivot"``); ``benchmarks/many_sources.py``
measures both.

Reconciling, not unioning: the groups are taken best score first, and a group joins the facts it
touches only if

- the merged fact keeps one contiguous run per source (a group whose passages would scatter a
  source's run stays a fact of its own), and
- the merged fact holds at most one pairwise group per source pair: two groups of the same two
  sources are two facts the pairwise engine kept apart (a lead linked to scattered body
  sentences), and chaining through a third source must not join them.

The comparison shares one budget of densely scored sentence pairs (``Tuning.dense_pairs``) among
its source pairs: above its share, a pair scores each passage's best candidates only (measured on
the news-facts pairs: k = 10 best partners lose nothing there). It shares the same-fact reader's
reads too (``Tuning.reader_budget_many``): three sources are read in full, more sources each
read a share, and their runs report the cut.

So with two sources the facts are exactly the pairwise groups, and every passage in no group is a
fact of its own source (what only that source says).
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from desktop.core.align.engine import Alignment, align, models_load, reader_loads
from desktop.core.align.tuning import DEFAULT_TUNING, Tuning
from desktop.core.model import EngineRun, Fact, Group

Progress = Callable[[float], None]


@dataclass(frozen=True)
class FactAlignment:
    """The facts of one run and how they were found (one ``EngineRun`` per aligned pair)."""

    facts: tuple[Fact, ...]
    pairs: tuple[tuple[int, int], ...]
    runs: tuple[EngineRun, ...]
    groups: tuple[tuple[Group, ...], ...] = ()  # each pair's own groups, in ``pairs`` order


def source_pairs(count: int, strategy: str) -> list[tuple[int, int]]:
    """The source pairs the pairwise engine aligns: every pair, or each source with the first."""
    if strategy == "pivot":
        return [(0, t) for t in range(1, count)]
    if strategy == "all":
        return list(combinations(range(count), 2))
    raise ValueError(f"unknown source-pair strategy {strategy!r} (all, pivot)")


def align_many(docs: Sequence[Sequence[str]], *, tuning: Tuning = DEFAULT_TUNING,
               progress: Progress | None = None) -> FactAlignment:
    """Facts of ``docs`` (each a list of passage texts); progress as in ``engine.align``."""
    pairs = source_pairs(len(docs), tuning.source_pairs)
    share = max(1, len(pairs))  # the run's budgets are shared by its source pairs
    each = replace(tuning, dense_pairs=tuning.dense_pairs // share, reader_share=share)
    forks = _forks(tuning.workers, len(pairs))
    if forks:  # the workers fill the cores: one reading thread each
        each = replace(each, reader_threads=1)
    tasks = [(docs[s], docs[t], each) for s, t in pairs]
    results = _in_processes(tasks, tuning.workers, progress) if forks else _here(tasks, progress)
    runs = [r.run for r in results]
    groups = [r.groups for r in results]
    facts = reconcile([len(d) for d in docs], list(zip(pairs, groups, strict=True)), tuning.fact_support)
    if progress is not None:
        progress(1.0)
    return FactAlignment(tuple(facts), tuple(pairs), tuple(runs), tuple(groups))


Task = tuple[Sequence[str], Sequence[str], Tuning]


def _here(tasks: list[Task], progress: Progress | None) -> list[Alignment]:
    out = []
    for n, (a, b, tuning) in enumerate(tasks):
        out.append(align(a, b, tuning=tuning, progress=_sub(progress, n / len(tasks), (n + 1) / len(tasks))))
    return out


def _forks(workers: int, count: int) -> bool:
    """Whether to align the pairs in forked worker processes: only on Linux, where a fork is
    cheap and inherits the loaded models (macOS frameworks and Windows do not fork safely)."""
    return workers > 1 and count > 1 and sys.platform.startswith("linux")


def _in_processes(tasks: list[Task], workers: int, progress: Progress | None) -> list[Alignment]:
    """The same results as ``_here``, computed by ``workers`` forked processes. The models load
    first, in this process, so that every worker inherits them instead of reading them again.
    A ``Cancelled`` raised by ``progress`` leaves the ``with``, which terminates the workers."""
    if models_load(tasks[0][2]) and tasks[0][2].read_pairs:
        reader_loads(tasks[0][2])
    out = []
    with multiprocessing.get_context("fork").Pool(min(workers, len(tasks))) as pool:
        for n, result in enumerate(pool.imap(_align_task, tasks)):
            out.append(result)
            if progress is not None:
                progress((n + 1) / len(tasks))
    return out


def _align_task(task: Task) -> Alignment:
    a, b, tuning = task
    return align(a, b, tuning=tuning)


@dataclass
class _Cluster:
    runs: dict[int, set[int]] = field(default_factory=dict)  # source -> passages
    pairs: set[tuple[int, int]] = field(default_factory=set)  # source pairs of its groups
    score: float = 0.0
    reason: str = ""


def reconcile(sizes: Sequence[int], aligned: Sequence[tuple[tuple[int, int], Sequence[Group]]],
              min_support: float = DEFAULT_TUNING.fact_support) -> list[Fact]:
    """Facts from pairwise groups (see the module docstring), plus one single-source fact per
    passage in no group; ordered by the first passage of the first reporting source."""
    support = _Support(aligned, min_support)
    links = [(g.score, pair, g) for pair, groups in aligned for g in groups]
    links.sort(key=lambda item: (-item[0], item[1], item[2].a, item[2].b))
    clusters: list[_Cluster] = []
    owner: dict[tuple[int, int], set[int]] = {}  # (source, passage) -> clusters holding it
    for score, (s, t), group in links:
        nodes = [(s, i) for i in group.a] + [(t, j) for j in group.b]
        merged = _Cluster({s: set(group.a), t: set(group.b)}, {(s, t)}, score, group.reason)
        touched = []
        for c in sorted({c for node in nodes for c in owner.get(node, ())}, key=lambda c: -clusters[c].score):
            joined = _merge([clusters[c], merged])  # the best-scored facts it touches first
            if joined is not None and support.agrees(clusters[c], merged):
                merged = joined
                touched.append(c)
        for c in touched:
            clusters[c] = _Cluster()  # emptied; its nodes move to the merged cluster
        clusters.append(merged)
        for source, passages in merged.runs.items():
            for p in passages:
                holders = owner.setdefault((source, p), set())
                holders.difference_update(touched)
                holders.add(len(clusters) - 1)
    facts = [_fact(c) for c in clusters if c.runs]
    for source, size in enumerate(sizes):
        facts.extend(Fact(((source, (p,)),), 0.0) for p in range(size) if (source, p) not in owner)
    facts.sort(key=lambda f: (f.members[0][0], f.members[0][1], len(f.members)))
    return facts


def _merge(parts: list[_Cluster]) -> _Cluster | None:
    """One cluster of ``parts``, or None when that breaks a source's run or repeats a source pair
    (a conflict: the group then joins only the facts it does not conflict with)."""
    out = _Cluster(score=max(p.score for p in parts), reason=max(parts, key=lambda p: p.score).reason)
    for part in parts:
        if out.pairs & part.pairs:
            return None
        out.pairs |= part.pairs
        for source, passages in part.runs.items():
            out.runs.setdefault(source, set()).update(passages)
    for passages in out.runs.values():
        if max(passages) - min(passages) + 1 != len(passages):
            return None
    return out


class _Support:
    """Whether the pairwise runs agree with joining two clusters: of the source pairs the
    engine compared between them, at least ``minimum`` linked some passage of one to the other.
    This stops chains (A-B linked, B-C linked, but the engine found A and C unrelated)."""

    def __init__(self, aligned: Sequence[tuple[tuple[int, int], Sequence[Group]]], minimum: float) -> None:
        self.minimum = minimum
        self.compared = {pair for pair, _ in aligned}
        self.linked: set[tuple[int, int, int, int]] = set()
        for (s, t), groups in aligned:
            for g in groups:
                self.linked.update((s, i, t, j) for i in g.a for j in g.b)

    def agrees(self, x: _Cluster, y: _Cluster) -> bool:
        votes = [self._linked(u, x.runs[u], v, y.runs[v])
                 for u in x.runs for v in y.runs if u != v and (min(u, v), max(u, v)) in self.compared]
        return not votes or sum(votes) >= self.minimum * len(votes)

    def _linked(self, u: int, us: set[int], v: int, vs: set[int]) -> bool:
        if u > v:
            u, us, v, vs = v, vs, u, us
        return any((u, i, v, j) in self.linked for i in us for j in vs)


def _fact(cluster: _Cluster) -> Fact:
    members = tuple((s, tuple(sorted(cluster.runs[s]))) for s in sorted(cluster.runs))
    return Fact(members, round(cluster.score, 4), cluster.reason)


def project(facts: Sequence[Fact], s: int, t: int) -> set[tuple[int, int]]:
    """The sentence pairs the facts link between sources ``s`` and ``t`` (for scoring)."""
    out: set[tuple[int, int]] = set()
    for fact in facts:
        for i in fact.passages(s):
            out.update((i, j) for j in fact.passages(t))
    return out


def _sub(progress: Progress | None, lo: float, hi: float) -> Progress | None:
    if progress is None:
        return None
    return lambda f: progress(lo + (hi - lo) * f)
