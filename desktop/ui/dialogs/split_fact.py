"""Choose which passages of a fact (of any of its sources) move into a new fact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.project.many import ManyProject
from desktop.ui.dialogs.common import ok_cancel, passage_item
from desktop.ui.source_set import letter

_KEY = Qt.ItemDataRole.UserRole


class SplitFactDialog(QDialog):
    """One checkable line per passage of the fact, by source; ``part()`` is what was checked."""

    def __init__(self, parent: QWidget | None, project: ManyProject, fact: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Split fact {fact + 1}")
        self.list = QListWidget()
        self.list.setAccessibleName("Passages for the new fact")
        self.list.setWordWrap(True)
        for source, run in project.facts[fact].fact.members:
            passages = project.passages(source)
            for i in run:
                self.list.addItem(passage_item(passages[i], (source, i), f"{letter(source)} "))
        hint = QLabel("Checked passages form a new fact; the others stay. A part left with one source "
                      "only becomes what that source alone reports.")
        hint.setWordWrap(True)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def check(self, source: int, passage: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(_KEY) == (source, passage):
                self.list.item(row).setCheckState(Qt.CheckState.Checked)

    def part(self) -> dict[int, list[int]]:
        chosen: dict[int, list[int]] = {}
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                source, i = item.data(_KEY)
                chosen.setdefault(source, []).append(i)
        return chosen
