"""Turning scored sentence pairs into groups: anchors, n:m growth, support links, coverage links.

Side 0 is document A, side 1 is document B; the passes treat both sides alike, so the result
does not depend on which document is A (up to ties). All passes are driven by the candidate
pairs of ``align_index`` (never by a dense matrix) and by positions only locally: a sentence
joins a neighbouring sentence's group, never a group chosen by global position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from desktop.core.align.candidates import Pairs
from desktop.core.align.lexical import Space, containment, cosine, merged
from desktop.core.align.tuning import Tuning


@dataclass
class _Group:
    members: tuple[set[int], set[int]]
    stage: str  # the pass that created it
    extra: bool = False  # a coverage link, may share passages with other groups


class Grouper:
    """Mutable state of one alignment: groups and which group each sentence is in."""

    def __init__(self, space: Space, pairs: Pairs, tuning: Tuning, tick: Callable[[], None]) -> None:
        self.space, self.t, self.tick = space, tuning, tick
        n = (space.a.n, space.b.n)
        self.score: dict[tuple[int, int], float] = {}
        cands: tuple[list[list[tuple[float, int]]], ...] = tuple([[] for _ in range(k)] for k in n)
        for i, j, s in zip(pairs.i.tolist(), pairs.j.tolist(), pairs.s.tolist(), strict=True):
            if s <= 0.0:
                continue
            self.score[(i, j)] = s
            cands[0][i].append((-s, j))
            cands[1][j].append((-s, i))
        for side, lists in enumerate(cands):
            here, there = max(n[side], 1), max(n[1 - side], 1)
            for x, lst in enumerate(lists):
                # Equal scores (a sentence repeated in a document) go to the partner at the closest
                # relative position, so the second copy pairs with the second copy.
                lst.sort(key=lambda c, at=x / here: (c[0], abs(at - c[1] / there), c[1]))
        self.cands = cands
        self.best = tuple([(-c[0][0] if c else 0.0) for c in side] for side in cands)
        self.group_of: tuple[list[int], list[int]] = ([-1] * n[0], [-1] * n[1])
        self.groups: list[_Group] = []
        self.anchor_pairs: list[tuple[int, int]] = []
        self.threshold = tuning.threshold
        self.how: tuple[dict[int, tuple[int, str]], dict[int, tuple[int, str]]] = ({}, {})  # diagnostics
        self._vec: tuple[dict[int, dict[int, float]], dict[int, dict[int, float]]] = ({}, {})

    # -- helpers -------------------------------------------------------------------------
    def s(self, side: int, x: int, y: int) -> float:
        return self.score.get((x, y) if side == 0 else (y, x), 0.0)

    def top(self, side: int, x: int) -> tuple[float, int] | None:
        c = self.cands[side][x]
        return (-c[0][0], c[0][1]) if c else None

    def vec(self, side: int, members: set[int] | list[int]) -> dict[int, float]:
        rows = self.space.side(side)
        if len(members) == 1:
            (x,) = members
            got = self._vec[side].get(x)
            if got is None:
                got = self._vec[side][x] = merged(rows, [x])
            return got
        return merged(rows, sorted(members))

    def content(self, side: int, x: int) -> dict[int, float]:
        """x's vector without stopword keys (for containment, where "the" proves nothing)."""
        stop = self.space.stop
        return {f: w for f, w in self.vec(side, [x]).items() if not stop[f]}

    def new_group(self, i: int, j: int, stage: str) -> None:
        self.group_of[0][i] = self.group_of[1][j] = len(self.groups)
        self.groups.append(_Group(({i}, {j}), stage))
        self.how[0][i] = self.how[1][j] = (len(self.how[0]) + len(self.how[1]), stage)

    def join(self, side: int, x: int, g: int, stage: str) -> None:
        self.groups[g].members[side].add(x)
        self.group_of[side][x] = g
        self.how[side][x] = (len(self.how[0]) + len(self.how[1]), stage)

    def adjacent(self, side: int, x: int, g: int) -> bool:
        members = self.groups[g].members[side]
        return (x - 1) in members or (x + 1) in members

    # -- passes ----------------------------------------------------------------------------
    def anchors(self) -> None:
        """Mutual best partners above the threshold become 1:1 groups. The threshold rises with
        the documents' own scale (``anchor_scale`` times the median mutual-best score): between
        near-verbatim versions a weak mutual best is a sentence the other version dropped."""
        mutual = []
        for i in range(len(self.cands[0])):
            if i % 512 == 511:
                self.tick()
            top = self.top(0, i)
            if top is None:
                continue
            back = self.top(1, top[1])
            if back is not None and back[1] == i:
                mutual.append((i, top[1], top[0]))
        scale = sorted(s for _, _, s in mutual)[len(mutual) // 2] if mutual else 0.0
        self.threshold = max(self.t.threshold, min(self.t.anchor_scale * scale, self.t.anchor_cap))
        for i, j, s in mutual:
            if s >= self.threshold:
                self.new_group(i, j, "anchor")
                self.anchor_pairs.append((i, j))
        self.tick()

    def grow(self) -> None:
        """Repeat the local passes until nothing changes."""
        changed = True
        while changed:
            changed = self._attach() | self._sandwich() | self._link() | self._gap()
            self.tick()

    def free(self, side: int) -> list[int]:
        return [x for x, g in enumerate(self.group_of[side]) if g < 0]

    def _attach(self) -> bool:
        """A free sentence next to a group joins it when its best partner is in that group and
        the merged sentences cover the other side better (contiguous n:m splits/merges)."""
        changed = False
        for side, x, top in self._free_with_partner():
            other = 1 - side
            g = self.group_of[other][top[1]]
            if g < 0 or self.groups[g].extra or not self.adjacent(side, x, g):
                continue
            grp = self.groups[g].members
            vy = self.vec(other, grp[other])
            if containment(self.content(side, x), vy) < self.t.attach_containment:
                continue
            vx = self.vec(side, grp[side])
            vxx = self.vec(side, grp[side] | {x})
            if cosine(vxx, vy) - cosine(vx, vy) <= self.t.attach_gain:
                continue
            self.join(side, x, g, "attach")
            changed = True
        return changed

    def _sandwich(self) -> bool:
        """A free sentence between two sentences of the same group belongs to it."""
        changed = False
        for side in (0, 1):
            go = self.group_of[side]
            for x in range(1, len(go) - 1):
                if go[x] < 0 and go[x - 1] >= 0 and go[x - 1] == go[x + 1]:
                    self.join(side, x, go[x - 1], "sandwich")
                    changed = True
        return changed

    def _link(self) -> bool:
        """A free sentence whose best partner is alone in its group on the other side, and close
        to that partner's own best, joins the group if it explains content of the partner that
        the group does not yet (n:1 support by sentences that are not neighbours)."""
        changed = False
        for side, x, (sc, y) in self._free_with_partner():
            other = 1 - side
            if sc < self.threshold or sc < self.t.relative * self.best[other][y]:
                continue
            g = self.group_of[other][y]
            if g >= 0 and len(self.groups[g].members[other]) == 1 and self._gain(side, x, other, y, g):
                self.join(side, x, g, "support")
                changed = True
        return changed

    def _free_with_partner(self) -> Iterator[tuple[int, int, tuple[float, int]]]:
        """(side, sentence, its best partner) for each free sentence that has one, side A first.

        Lazy on purpose: the caller joins sentences while iterating, and a side's free list is
        taken when that side starts (so side B sees the joins made on side A)."""
        for side in (0, 1):
            for n, x in enumerate(self.free(side)):
                if n % 256 == 255:
                    self.tick()
                top = self.top(side, x)
                if top is not None:
                    yield side, x, top

    def _gain(self, side: int, x: int, other: int, y: int, g: int) -> bool:
        """Does x explain content of y that y's group partners do not (a coverage link)?"""
        cy = self.content(other, y)
        total = sum(cy.values())
        if total <= 0:
            return False
        have = self.vec(side, self.groups[g].members[side])
        vx = self.vec(side, [x])
        new = sum(w for f, w in cy.items() if f in vx and f not in have)
        return new / total >= self.t.support_gain

    def _gap(self) -> bool:
        """A free sentence between two groups whose other sides are adjacent joins the one
        whose other side contains more of its content (local order, not global position)."""
        if self.t.gap_containment > 1.0:
            return False
        changed = False
        for side in (0, 1):
            other = 1 - side
            go = self.group_of[side]
            n = len(go)
            for x in range(n):
                if go[x] >= 0:
                    continue
                if x % 256 == 255:
                    self.tick()
                p, q = x - 1, x + 1
                while p >= 0 and go[p] < 0:
                    p -= 1
                while q < n and go[q] < 0:
                    q += 1
                if p < 0 or q >= n or go[p] == go[q]:
                    continue
                gp, gq = self.groups[go[p]], self.groups[go[q]]
                if gp.extra or gq.extra or min(gq.members[other]) - max(gp.members[other]) != 1:
                    continue
                cx = self.content(side, x)
                cp = containment(cx, self.vec(other, gp.members[other]))
                cq = containment(cx, self.vec(other, gq.members[other]))
                if max(cp, cq) < self.t.gap_containment:
                    continue
                self.join(side, x, go[p] if cp >= cq else go[q], "gap")
                changed = True
        return changed

    def coverage(self) -> None:
        """Extra 1:1 links between sentences of different groups (a summary sentence supported by
        several scattered sentences). A link needs a score close to the best of one side, not
        far from the best of the other, and must explain content of *both* sentences that their
        partners so far do not. These groups may share passages with others."""
        if not self.t.coverage or self.median_anchor() >= self.t.coverage_below:
            return
        t = self.t
        partners: tuple[dict[int, set[int]], dict[int, set[int]]] = ({}, {})
        for grp in self.groups:
            for side in (0, 1):
                for x in grp.members[side]:
                    partners[side].setdefault(x, set()).update(grp.members[1 - side])
        todo = []
        for (i, j), sc in self.score.items():
            if sc < t.coverage_threshold or j in partners[0].get(i, ()):
                continue
            r, c = sc / self.best[0][i], sc / self.best[1][j]
            if max(r, c) >= t.coverage_relative and min(r, c) >= t.relative:
                todo.append((-sc, i, j))
        todo.sort()
        for n, (_, i, j) in enumerate(todo):
            if n % 256 == 255:
                self.tick()
            if self._near(i, j) > t.coverage_near:
                continue
            if (self._new_content(0, i, j, partners[0].get(i, set())) < t.coverage_new
                    or self._new_content(1, j, i, partners[1].get(j, set())) < t.coverage_new):
                continue
            if not self._merge_free(i, j):
                self.groups.append(_Group(({i}, {j}), "coverage", extra=True))
            partners[0].setdefault(i, set()).add(j)
            partners[1].setdefault(j, set()).add(i)
        self.tick()

    def _near(self, i: int, j: int) -> int:
        """How far (in sentences) the link lands from the partners i and j already have."""
        d = 1 << 30
        for side, x, y in ((0, i, j), (1, j, i)):
            g = self.group_of[side][x]
            if g >= 0:
                d = min(d, min(abs(y - z) for z in self.groups[g].members[1 - side]))
        return d

    def _merge_free(self, i: int, j: int) -> bool:
        """A link from a grouped sentence to a free neighbour of its partners extends that group."""
        for side, x, y in ((0, i, j), (1, j, i)):
            g = self.group_of[side][x]
            if g >= 0 and self.group_of[1 - side][y] < 0 and self.adjacent(1 - side, y, g) \
                    and len(self.groups[g].members[side]) == 1:
                self.join(1 - side, y, g, "coverage-merge")
                return True
        return False

    def median_anchor(self) -> float:
        """How verbatim the two documents are: the median score of the anchors."""
        scores = sorted(self.s(0, i, j) for (i, j) in self.anchor_pairs)
        return scores[len(scores) // 2] if scores else 0.0

    def _new_content(self, side: int, x: int, y: int, have: set[int]) -> float:
        """Share of x's content found in y but in none of x's partners ``have``."""
        cx = self.content(side, x)
        total = sum(cx.values())
        if total <= 0:
            return 0.0
        vy = self.vec(1 - side, [y])
        old = [self.vec(1 - side, [z]) for z in have]
        return sum(w for f, w in cx.items() if f in vy and not any(f in o for o in old)) / total


def median_anchor(pairs: Pairs, n_a: int, n_b: int, tuning: Tuning) -> float:
    """``Grouper.median_anchor()`` after ``Grouper.anchors()``, vectorised: the mode of a run is
    decided before any group is built (between independent reports none of them is needed).
    The same partners win: best score, then the closest relative position, then the lower index."""
    keep = pairs.s > 0.0
    i, j, s = pairs.i[keep], pairs.j[keep], pairs.s[keep]
    top_a, best_a = _top_partner(i, j, s, max(n_a, 1), max(n_b, 1), n_a)
    top_b, _ = _top_partner(j, i, s, max(n_b, 1), max(n_a, 1), n_b)
    rows = np.flatnonzero(top_a >= 0)
    mutual = sorted(best_a[rows[top_b[top_a[rows]] == rows]].tolist())
    if not mutual:
        return 0.0
    scale = mutual[len(mutual) // 2]
    threshold = max(tuning.threshold, min(tuning.anchor_scale * scale, tuning.anchor_cap))
    anchors = [x for x in mutual if x >= threshold]
    return anchors[len(anchors) // 2] if anchors else 0.0


def _top_partner(x: np.ndarray, y: np.ndarray, s: np.ndarray, here: int, there: int, size: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence x: its best partner y in the order of ``Grouper.cands`` (-1 when it has none)
    and that partner's score."""
    order = np.lexsort((y, np.abs(x / here - y / there), -s, x))
    first = order[np.r_[True, x[order][1:] != x[order][:-1]]] if len(order) else order
    top, best = np.full(size, -1, dtype=np.int64), np.zeros(size)
    top[x[first]], best[x[first]] = y[first], s[first]
    return top, best
