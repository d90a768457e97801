"""The central view: a header over each source, the two panes with the gutter between them,
a find bar and a colour legend."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Difference, Source, Which
from desktop.core.sources.titles import titled
from desktop.ui import theme
from desktop.ui.gutter import Gutter
from desktop.ui.legend import chip_bar
from desktop.ui.panes import SourcePane
from desktop.ui.scroll_sync import ScrollSync
from desktop.ui.sides import SIDES, A, B, pair
from desktop.ui.viewindex import ViewIndex


class SourceHeader(QFrame):
    """"A  Outlet — Title" with date/author below, and a button to edit the details."""

    editRequested = Signal(object)  # the side (Which)

    def __init__(self, side: Which | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side = Which.coerce(side)
        badge = QLabel(side.letter)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setFixedSize(26, 26)
        self.badge = badge  # a pair of many sources shows its own letters here
        badge.setStyleSheet("QLabel { background: palette(highlight); color: palette(highlighted-text);"
                            " border-radius: 13px; font-weight: bold; }")
        self.title = QLabel("No source")
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel("")
        self.meta.setStyleSheet("color: palette(placeholder-text);")
        edit = QToolButton()
        edit.setText("Details…")
        edit.setToolTip(f"Edit the outlet, title, author, date and URL of source {side.letter}")
        edit.setAccessibleName(f"Edit details of source {side.letter}")
        edit.clicked.connect(lambda: self.editRequested.emit(self.side))
        edit.setEnabled(False)  # nothing to edit until a source is loaded
        self.edit_button = edit
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.title)
        text.addWidget(self.meta)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(badge)
        row.addLayout(text, 1)
        row.addWidget(edit)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.meta.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def show_source(self, source: Source | None, passages: int = 0) -> None:
        self.edit_button.setEnabled(source is not None)
        if source is None:
            self.title.setText("No source")
            self.meta.setText("")
            return
        source = titled(source)  # a project saved without a title: its headline or file name
        meta = source.metadata
        title = " — ".join(x for x in (meta.outlet, meta.title) if x) or source.label
        self.title.setText(title)
        origin = source.origin.replace("\\", "/").rsplit("/", 1)[-1] if source.origin else "pasted text"
        parts = [meta.issued, ", ".join(meta.authors), f"{passages} passages",
                 origin if origin != title else ""]
        self.meta.setText("  ·  ".join(p for p in parts if p))
        self.setToolTip(f"{title}\n{meta.url or source.origin}")


class FindBar(QFrame):
    """Ctrl+F: search both sources; Enter / F3 next, Shift+Enter / Shift+F3 previous."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in both sources")
        self.edit.setAccessibleName("Find text")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.matches: list[tuple[str, int, int]] = []  # (the source's key "a"/"b", start, end)
        self.current = -1
        buttons = []
        for text, tip, step in (("↑", "Previous match (Shift+F3)", -1), ("↓", "Next match (F3)", 1)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(lambda _c=False, s=step: self.step(s))
            buttons.append(button)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close the find bar (Esc)")
        close.setAccessibleName("Close find bar")
        close.clicked.connect(self.close_bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(QLabel("Find:"))
        row.addWidget(self.edit, 1)
        for button in buttons:
            row.addWidget(button)
        row.addWidget(self.count)
        row.addWidget(close)
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(lambda: self.step(1))
        QShortcut(QKeySequence("Shift+Return"), self.edit, lambda: self.step(-1))
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.workspace.show_find([])

    def search(self, text: str = "") -> None:
        text = self.edit.text()
        self.matches, self.current = [], -1
        index = self.workspace.index
        if text.strip() and index is not None:
            pattern = re.compile(re.escape(text), re.IGNORECASE)
            for side in SIDES:
                source = index.project.source(side)
                self.matches += [(side.key, m.start(), m.end()) for m in pattern.finditer(source.text)]
        self.workspace.show_find(self.matches)
        self._show_count()
        if self.matches:
            self.step(1)

    def step(self, delta: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + delta) % len(self.matches)
        side, start, end = self.matches[self.current]
        self.workspace.reveal(side, start, end, select=True)
        self._show_count()

    def _show_count(self) -> None:
        if not self.edit.text():
            self.count.setText("")
            return
        in_a = sum(1 for m in self.matches if m[0] == A.key)
        where = f"{self.current + 1} of {len(self.matches)}" if self.current >= 0 else f"{len(self.matches)}"
        in_b = len(self.matches) - in_a
        self.count.setText(f"{where}  (A {in_a}, B {in_b})" if self.matches else "No match")


class Workspace(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index: ViewIndex | None = None
        self.pane_a, self.pane_b = SourcePane(A), SourcePane(B)
        self.panes = pair(self.pane_a, self.pane_b)
        self.header_a, self.header_b = SourceHeader(A), SourceHeader(B)
        self.headers = pair(self.header_a, self.header_b)
        self.gutter = Gutter(self.pane_a, self.pane_b)
        self.sync = ScrollSync(self.pane_a, self.pane_b, self)
        self.find_bar = FindBar(self)
        grid = QGridLayout()
        grid.setSpacing(0)
        grid.addWidget(self.header_a, 0, 0)
        grid.addWidget(self.header_b, 0, 2)
        grid.addWidget(self.pane_a, 1, 0)
        grid.addWidget(self.gutter, 1, 1)
        grid.addWidget(self.pane_b, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addLayout(grid, 1)
        self.legend = legend_bar()
        layout.addWidget(self.legend)

    def set_index(self, index: ViewIndex | None) -> None:
        self.index = index
        for side, pane in self.panes.items():
            pane.show_index(index)
            self.headers[side].show_source(index.project.source(side) if index else None,
                                           len(index.passages[side]) if index else 0)
        self.gutter.set_index(index)
        self.sync.set_index(index)
        if self.find_bar.isVisible():
            self.find_bar.search()

    def refresh_colours(self) -> None:
        """After the system switched between light and dark: repaint every tint."""
        for pane in self.panes.values():
            pane.forget_text()
        new = legend_bar()
        self.layout().replaceWidget(self.legend, new)
        self.legend.deleteLater()
        self.legend = new
        self.set_index(self.index)

    def show_selection(self, passages: dict[Which, list[int]], diffs: list[Difference],
                       current: Difference | None, groups: set[int]) -> None:
        for side, pane in self.panes.items():
            pane.set_highlight(passages.get(side, []), diffs, current)
        self.gutter.set_selected(groups)

    def show_find(self, matches: list[tuple[str, int, int]]) -> None:
        for side, pane in self.panes.items():
            pane.set_find_matches([(s, e) for key, s, e in matches if key == side.key])

    def reveal(self, side: Which | str, start: int, end: int, *, select: bool = False) -> None:
        """Scroll ``side`` to [start, end) (the other pane follows if synced)."""
        pane = self.panes[side]
        pane.scroll_to(start, end)
        if select:
            pane.select_offsets(start, end)

    def reveal_both(self, a: tuple[int, int] | None, b: tuple[int, int] | None) -> None:
        """Scroll each pane to its range, without the sync fighting the second scroll."""
        was = self.sync.enabled
        self.sync.enabled = False
        try:
            if a:
                self.pane_a.scroll_to(*a)
            if b:
                self.pane_b.scroll_to(*b)
            if not a and b and was:
                self.sync.enabled = True
                self.sync.follow(B)
            elif a and not b and was:
                self.sync.enabled = True
                self.sync.follow(A)
        finally:
            self.sync.enabled = was


def legend_bar() -> QWidget:
    """Coloured chips naming each tint; each chip's tooltip explains it."""
    colours = theme.colours()
    chips = [("Aligned", colours.aligned[0], "aligned"),
             ("Aligned (alternate)", colours.aligned[1], "aligned_alt"),
             ("Selected", colours.selected, "selected"),
             ("Only one side", colours.unmatched, "unmatched"), ("Rejected", colours.rejected, "rejected")]
    chips += [(theme.KIND_LABELS[k], colours.kind(k), k) for k in colours.kinds]
    return chip_bar("Colour legend", "Colours:",
                    [(label, colour, theme.LEGEND[key]) for label, colour, key in chips])
