"""Choose which passages of a group move into a new group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Which
from desktop.core.project.state import Project
from desktop.ui.dialogs.common import hint_over, passage_item, passage_list
from desktop.ui.sides import A, B, Sides


class SplitDialog(QDialog):
    def __init__(self, parent: QWidget | None, project: Project, n: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Split group {n + 1}")
        group = project.comparison.groups[n].group
        self.lists: Sides[QListWidget] = Sides()
        columns = QHBoxLayout()
        for side, indices in ((A, group.a), (B, group.b)):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"Source {side.letter}"))
            widget = passage_list(f"Passages of {side.letter} for the new group")
            for i in indices:
                widget.addItem(passage_item(project.passages(side)[i], i))
            box.addWidget(widget)
            columns.addLayout(box)
            self.lists[side] = widget
        # A sensible default: the last passage of the longer side moves out.
        longer = self.lists[A if len(group.a) >= len(group.b) else B]
        if longer.count() > 1:
            longer.item(longer.count() - 1).setCheckState(Qt.CheckState.Checked)
        hint_over(self, "Checked passages form a new group; the others stay. A part left with passages on "
                        "one side only becomes unmatched.", columns)
        self.resize(760, 420)

    def parts(self) -> tuple[list[int], list[int]]:
        def checked(side: Which) -> list[int]:
            widget = self.lists[side]
            return [widget.item(r).data(Qt.ItemDataRole.UserRole) for r in range(widget.count())
                    if widget.item(r).checkState() == Qt.CheckState.Checked]
        return checked(A), checked(B)
