"""Choose which passages of a fact (of any of its sources) move into a new fact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from desktop.core.project.many import ManyProject
from desktop.ui.dialogs.common import hint_over, passage_item, passage_list
from desktop.ui.source_set import letter

_KEY = Qt.ItemDataRole.UserRole


class SplitFactDialog(QDialog):
    """One checkable line per passage of the fact, by source; ``part()`` is what was checked."""

    def __init__(self, parent: QWidget | None, project: ManyProject, fact: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Split fact {fact + 1}")
        self.list = passage_list("Passages for the new fact")
        for source, run in project.facts[fact].fact.members:
            passages = project.passages(source)
            for i in run:
                self.list.addItem(passage_item(passages[i], (source, i), f"{letter(source)} "))
        hint_over(self, "Checked passages form a new fact; the others stay. A part left with one source "
                        "only becomes what that source alone reports.", self.list)
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
