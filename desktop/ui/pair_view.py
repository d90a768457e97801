"""Any two sources of a many-source comparison side by side: the two-source view (panes, link
bands, legend) over their pairwise comparison, with "left" and "right" choosers above it.

Read-only: clicking a passage or a band selects its group and tints its word differences, as in
the two-source workbench. The comparison itself is computed by the controller (in the
background, cached) when the analyst picks a pair.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from desktop.core.model import Comparison, Which
from desktop.core.project.state import Project
from desktop.ui.sides import A, B
from desktop.ui.source_set import letter
from desktop.ui.viewindex import ViewIndex
from desktop.ui.workspace import Workspace


def narrow(combo: QComboBox, letters: int = 14) -> None:
    """A combo box as wide as the layout allows, not as its longest source name."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)


class PairView(QWidget):
    pairChosen = Signal(int, int)  # left source, right source (different)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = QComboBox(), QComboBox()
        self.left.setAccessibleName("Left source")
        self.right.setAccessibleName("Right source")
        for combo in (self.left, self.right):
            narrow(combo)
        swap = QToolButton()
        swap.setText("⇄")
        swap.setToolTip("Exchange left and right")
        swap.setAccessibleName("Exchange left and right")
        swap.clicked.connect(self._swap)
        self.note = QLabel("")
        self.note.setAccessibleName("Pair summary")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(QLabel("Left:"))
        row.addWidget(self.left, 1)
        row.addWidget(swap)
        row.addWidget(QLabel("Right:"))
        row.addWidget(self.right, 1)
        row.addWidget(self.note, 2)
        self.workspace = Workspace(self)
        for side, header in self.workspace.headers.items():
            header.edit_button.hide()
            self.workspace.panes[side].setPlaceholderText("Choose two sources above.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.workspace, 1)
        self.index: ViewIndex | None = None
        self.shown: tuple[int, int] | None = None
        self.selected = -1
        for combo in (self.left, self.right):
            combo.currentIndexChanged.connect(lambda _i: self._chosen())
        for pane in self.workspace.panes.values():
            pane.passageClicked.connect(self._passage_clicked)
        self.workspace.gutter.groupClicked.connect(self.select_group)

    # -- choosing ------------------------------------------------------------------------------

    def set_sources(self, names: list[str]) -> None:
        """Offer ``names`` (one per source, in order); keep the chosen pair if it still exists."""
        old = self.choice()
        for combo in (self.left, self.right):
            combo.blockSignals(True)
            combo.clear()
            for k, name in enumerate(names):
                combo.addItem(f"{letter(k)}  {name}", k)
        pair = old if max(old) < len(names) and old[0] != old[1] else (0, min(1, len(names) - 1))
        self.left.setCurrentIndex(pair[0])
        self.right.setCurrentIndex(pair[1])
        for combo in (self.left, self.right):
            combo.blockSignals(False)

    def choice(self) -> tuple[int, int]:
        return self.left.currentIndex(), self.right.currentIndex()

    def _swap(self) -> None:
        left, right = self.choice()
        self.set_choice(right, left)
        self._chosen()

    def set_choice(self, left: int, right: int) -> None:
        """Select a pair without announcing it (the controller already computes it)."""
        for combo, k in ((self.left, left), (self.right, right)):
            combo.blockSignals(True)
            combo.setCurrentIndex(k)
            combo.blockSignals(False)

    def _chosen(self) -> None:
        left, right = self.choice()
        if left < 0 or right < 0:
            return
        if left == right:
            self.note.setText("Choose two different sources.")
            return
        self.pairChosen.emit(left, right)

    # -- showing -------------------------------------------------------------------------------

    def show_pending(self, left: int, right: int) -> None:
        self.note.setText(f"Aligning {letter(left)} and {letter(right)}…")

    def clear(self) -> None:
        self.index, self.shown, self.selected = None, None, -1
        self.workspace.set_index(None)
        self.note.setText("")

    def show_comparison(self, comparison: Comparison, left: int, right: int,
                        reveal: tuple[int, ...] = ()) -> None:
        """Show the pair's comparison; ``reveal``: passages of the left source to select and
        scroll to (the fact the analyst came from)."""
        self.set_choice(left, right)
        self.index = ViewIndex(Project.new(comparison))
        self.shown, self.selected = (left, right), -1
        self.workspace.set_index(self.index)
        self.workspace.headers[A].badge.setText(letter(left))
        self.workspace.headers[B].badge.setText(letter(right))
        self.note.setText(f"{letter(left)} ↔ {letter(right)}: {len(comparison.groups)} groups · "
                          f"only {letter(left)} {len(comparison.only_a)} · "
                          f"only {letter(right)} {len(comparison.only_b)}")
        in_left = self.index.group_of[A]
        group = in_left[reveal[0]] if reveal and reveal[0] < len(in_left) else -1
        if group >= 0:
            self.select_group(group)
        elif reveal:
            passage = self.index.passages[A][reveal[0]]
            self.workspace.show_selection({A: list(reveal)}, [], None, set())
            self.workspace.reveal(A, passage.start, passage.end)

    def select_group(self, n: int) -> None:
        if self.index is None or not 0 <= n < len(self.index.project.comparison.groups):
            return
        self.selected = n
        aligned = self.index.project.comparison.groups[n]
        self.workspace.show_selection({A: list(aligned.group.a), B: list(aligned.group.b)},
                                      list(aligned.differences), None, {n})
        self.workspace.reveal_both(self.index.group_span(n, A), self.index.group_span(n, B))

    def _passage_clicked(self, side: Which | str, i: int) -> None:
        if self.index is None:
            return
        side = Which.coerce(side)
        n = self.index.group_of[side][i]
        if n >= 0:
            self.select_group(n)
        else:
            self.selected = -1
            self.workspace.show_selection({side: [i]}, [], None, set())
