"""Keep the two panes scrolled to corresponding passages.

When one pane scrolls, the line at the middle of its view is located inside a group (or in the
gap between two groups); the other pane is scrolled so the same fraction of the corresponding
group (or gap) sits at its middle, as Meld does. Groups that cross (a passage moved) are left
out of the anchors so the mapping stays monotonic. A flag guards against the feedback loop the
second pane's scroll signal would otherwise start.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint

from desktop.core.model import Which
from desktop.ui.panes import SourcePane
from desktop.ui.sides import A, B, pair
from desktop.ui.viewindex import ViewIndex


@dataclass(frozen=True)
class Anchor:
    a0: int
    a1: int
    b0: int
    b1: int


def monotonic_anchors(spans: list[tuple[int, int, int, int]]) -> list[Anchor]:
    """Spans ordered by A whose B ranges also increase (crossing ones dropped, greedily)."""
    kept: list[Anchor] = []
    for a0, a1, b0, b1 in sorted(spans):
        if not kept or (a0 >= kept[-1].a1 and b0 >= kept[-1].b1):
            kept.append(Anchor(a0, a1, b0, b1))
    return kept


def segment(anchors: list[Anchor], pos: int, src: Which | str, end_src: int, end_dst: int
            ) -> tuple[tuple[int, bool], tuple[int, bool], tuple[int, bool], tuple[int, bool]]:
    """The source range around ``pos`` and its counterpart: ((offset, is_end), ...) x 4.

    ``src`` is the source scrolled (A or B). Inside an anchor the range is the anchor; between
    two anchors it is the gap from the previous one's end to the next one's start.
    """
    src = Which.coerce(src)
    ranges = [((x.a0, x.a1), (x.b0, x.b1)) for x in anchors]
    pairs = [(src.of(r), src.other.of(r)) for r in ranges]
    starts = [s[0] for s, _ in pairs]
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < pairs[i][0][1]:
        (s0, s1), (d0, d1) = pairs[i]
        return (s0, False), (s1, True), (d0, False), (d1, True)
    prev_s, prev_d = ((pairs[i][0][1], True), (pairs[i][1][1], True)) if i >= 0 else ((0, False), (0, False))
    if i + 1 < len(pairs):
        next_s, next_d = (pairs[i + 1][0][0], False), (pairs[i + 1][1][0], False)
    else:
        next_s, next_d = (end_src, True), (end_dst, True)
    return prev_s, next_s, prev_d, next_d


class ScrollSync(QObject):
    def __init__(self, pane_a: SourcePane, pane_b: SourcePane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panes = pair(pane_a, pane_b)
        self.enabled = True
        self._busy = False
        self._anchors: list[Anchor] = []
        self._index: ViewIndex | None = None
        pane_a.verticalScrollBar().valueChanged.connect(lambda _v: self.follow(A))
        pane_b.verticalScrollBar().valueChanged.connect(lambda _v: self.follow(B))

    def set_index(self, index: ViewIndex | None) -> None:
        self._index = index
        self._anchors = monotonic_anchors(index.spans) if index else []

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self.follow(A)

    def follow(self, src: Which | str) -> None:
        """Scroll the other pane to match ``src``'s position."""
        if self._busy or not self.enabled or self._index is None:
            return
        self._busy = True
        try:
            self._follow(Which.coerce(src))
        finally:
            self._busy = False

    def _follow(self, src: Which) -> None:
        dst = src.other
        s_pane, d_pane = self.panes[src], self.panes[dst]
        s_bar, d_bar = s_pane.verticalScrollBar(), d_pane.verticalScrollBar()
        if s_bar.value() <= s_bar.minimum():
            d_bar.setValue(d_bar.minimum())
            return
        if s_bar.value() >= s_bar.maximum():
            d_bar.setValue(d_bar.maximum())
            return
        middle = s_pane.viewport().height() // 2
        pos = s_pane.offset_at(QPoint(4, middle))
        ends = (self._index.offsets[src].length, self._index.offsets[dst].length)
        s0, s1, d0, d1 = segment(self._anchors, pos, src, *ends)
        y_s0, y_s1 = _y(s_pane, s0), _y(s_pane, s1)
        fraction = 0.0 if y_s1 <= y_s0 else min(max((middle - y_s0) / (y_s1 - y_s0), 0.0), 1.0)
        y_d0, y_d1 = _y(d_pane, d0), _y(d_pane, d1)
        target = y_d0 + fraction * (y_d1 - y_d0)
        d_bar.setValue(d_bar.value() + round(target - middle))


def _y(pane: SourcePane, point: tuple[int, bool]) -> int:
    offset, is_end = point
    return pane.y_bottom(offset) if is_end else pane.y_top(offset)
