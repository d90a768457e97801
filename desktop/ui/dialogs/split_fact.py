"""Choose which passages of a fact (of any of its sources) move into a new fact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.project.many import ManyProject
from desktop.ui.source_set import letter

OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
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
            for i in run:
                p = project.passages(source)[i]
                item = QListWidgetItem(f"{letter(source)} {p.locator}: {' '.join(p.text.split())[:160]}")
                item.setData(_KEY, (source, i))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.list.addItem(item)
        hint = QLabel("Checked passages form a new fact; the others stay. A part left with one source "
                      "only becomes what that source alone reports.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(OK_CANCEL)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
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
