"""The strip between the panes: a band links each group's passages in A to those in B (as Meld
draws its chunks), so the eye follows a passage across even when the sources order it
differently. Passages only one side has get a short mark at that side's edge.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.model import GroupStatus
from desktop.ui import theme
from desktop.ui.panes import SourcePane
from desktop.ui.sides import A, B
from desktop.ui.viewindex import ViewIndex


class Gutter(QWidget):
    groupClicked = Signal(int)

    def __init__(self, pane_a: SourcePane, pane_b: SourcePane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pane_a, self.pane_b = pane_a, pane_b
        self.index: ViewIndex | None = None
        self.selected: set[int] = set()
        self._paths: list[tuple[int, QPainterPath]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName("Alignment bands")
        self.setToolTip("Bands link aligned passages of A (left) and B (right); "
                        "click one to select its group.")
        for pane in (pane_a, pane_b):
            pane.verticalScrollBar().valueChanged.connect(self.update)
            pane.layoutChanged.connect(self.update)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(56, 100)

    def set_index(self, index: ViewIndex | None) -> None:
        self.index = index
        self.selected = set()
        self.update()

    def set_selected(self, groups: set[int]) -> None:
        self.selected = set(groups)
        self.update()

    def _y_map(self, pane: SourcePane) -> int:
        """Add this to a pane's viewport y to get a gutter y."""
        top = self.window()
        return pane.viewport().mapTo(top, QPoint(0, 0)).y() - self.mapTo(top, QPoint(0, 0)).y()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        index = self.index
        if index is None:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = theme.colours()
        width = self.width()
        dy_a, dy_b = self._y_map(self.pane_a), self._y_map(self.pane_b)
        vis_a, vis_b = self.pane_a.visible_offsets(), self.pane_b.visible_offsets()
        self._paths = []
        selected_paths = []
        for n, aligned in enumerate(index.project.comparison.groups):
            a0, a1 = index.group_span(n, A)
            b0, b1 = index.group_span(n, B)
            if a1 < vis_a[0] and b1 < vis_b[0] or a0 > vis_a[1] and b0 > vis_b[1]:
                continue  # neither end visible
            if not (_meets(a0, a1, vis_a) or _meets(b0, b1, vis_b)):
                continue
            ya0, ya1 = _ys(self.pane_a, a0, a1, vis_a, dy_a)
            yb0, yb1 = _ys(self.pane_b, b0, b1, vis_b, dy_b)
            path = _band(width, ya0, ya1, yb0, yb1)
            self._paths.append((n, path))
            if n in self.selected:
                selected_paths.append(path)
                continue
            if aligned.group.status is GroupStatus.REJECTED:
                fill = QColor(colours.rejected)
            else:
                fill = QColor(colours.aligned[index.shade(n)])
            painter.fillPath(path, fill.darker(104))
            painter.strokePath(path, QPen(fill.darker(135), 1))
        for path in selected_paths:
            painter.fillPath(path, colours.selected)
            painter.strokePath(path, QPen(colours.selected_edge, 1.5))
        self._paint_unmatched(painter, index, colours, width, dy_a, dy_b)
        painter.end()

    def _paint_unmatched(self, painter: QPainter, index: ViewIndex, colours: theme.Colours, width: int,
                         dy_a: int, dy_b: int) -> None:
        mark = colours.unmatched.darker(130)
        comparison = index.project.comparison
        for side, pane, x, dy in ((A, self.pane_a, 0, dy_a), (B, self.pane_b, width - 6, dy_b)):
            visible = pane.visible_offsets()
            only = side.of((comparison.only_a, comparison.only_b))
            for i in only:
                p = index.passages[side][i]
                if _meets(p.start, p.end, visible):
                    y0, y1 = pane.y_top(p.start) + dy, pane.y_bottom(p.end) + dy
                    painter.fillRect(QRectF(x, y0, 6, max(y1 - y0, 3)), mark)

    def group_at(self, point: QPointF) -> int | None:
        for n, path in reversed(self._paths):
            if path.contains(point):
                return n
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802
        n = self.group_at(event.position())
        if n is not None and event.button() == Qt.MouseButton.LeftButton:
            self.groupClicked.emit(n)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        n = self.group_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if n is not None else Qt.CursorShape.ArrowCursor)


def _ys(pane: SourcePane, start: int, end: int, visible: tuple[int, int], dy: int) -> tuple[int, int]:
    """Gutter y of [start, end) in ``pane``; an end below the view is pinned just under it
    (asking Qt where far text sits would lay out everything in between)."""
    below = pane.viewport().height() + 12 + dy
    top = pane.y_top(start) + dy if start <= visible[1] else below
    bottom = pane.y_bottom(end) + dy if end <= visible[1] else below + 4
    return top, bottom


def _meets(start: int, end: int, visible: tuple[int, int]) -> bool:
    return start <= visible[1] and end >= visible[0]


def _band(width: float, ya0: float, ya1: float, yb0: float, yb1: float) -> QPainterPath:
    """A ribbon from [ya0, ya1] on the left edge to [yb0, yb1] on the right, with S-curves."""
    mid = width / 2
    path = QPainterPath(QPointF(0, ya0))
    path.cubicTo(QPointF(mid, ya0), QPointF(mid, yb0), QPointF(width, yb0))
    path.lineTo(QPointF(width, yb1))
    path.cubicTo(QPointF(mid, yb1), QPointF(mid, ya1), QPointF(0, ya1))
    path.closeSubpath()
    return path
