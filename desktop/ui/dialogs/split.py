"""Choose which passages of a group move into a new group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Which
from desktop.core.project.state import Project
from desktop.ui.sides import A, B, Sides

OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel


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
            widget = QListWidget()
            widget.setAccessibleName(f"Passages of {side.letter} for the new group")
            widget.setWordWrap(True)
            for i in indices:
                p = project.passages(side)[i]
                item = QListWidgetItem(f"{p.locator}: {' '.join(p.text.split())[:160]}")
                item.setData(Qt.ItemDataRole.UserRole, i)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                widget.addItem(item)
            box.addWidget(widget)
            columns.addLayout(box)
            self.lists[side] = widget
        # A sensible default: the last passage of the longer side moves out.
        longer = self.lists[A if len(group.a) >= len(group.b) else B]
        if longer.count() > 1:
            longer.item(longer.count() - 1).setCheckState(Qt.CheckState.Checked)
        hint = QLabel("Checked passages form a new group; the others stay. A part left with passages on "
                      "one side only becomes unmatched.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(OK_CANCEL)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def parts(self) -> tuple[list[int], list[int]]:
        def checked(side: Which) -> list[int]:
            widget = self.lists[side]
            return [widget.item(r).data(Qt.ItemDataRole.UserRole) for r in range(widget.count())
                    if widget.item(r).checkState() == Qt.CheckState.Checked]
        return checked(A), checked(B)
