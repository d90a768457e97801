"""The list of a comparison's sources: letter, name and origin, the reference marked with a star;
buttons to add sources, remove one and make one the reference; a double click or the context
menu asks for a source's details (metadata) or a citation of it. It only asks (signals); the
controller decides and re-aligns."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import MAX_SOURCES
from desktop.core.sources.titles import titled
from desktop.ui.source_set import SourceSet, letter


def _entry(sources: SourceSet, k: int) -> tuple[str, str]:
    """The row text and tooltip of source ``k``."""
    source = titled(sources.sources[k])
    meta = source.metadata
    name = " — ".join(x for x in (meta.outlet, meta.title) if x) or source.label
    star = "  ★ reference" if k == sources.reference else ""
    origin = source.origin.replace("\\", "/").rsplit("/", 1)[-1] if source.origin else "pasted text"
    details = "  ·  ".join(x for x in (meta.issued, origin) if x)
    tip = f"{name}\n{source.origin or 'pasted text'}"
    if k == sources.reference:
        tip += "\nThe reference: every other source's wording is compared with it."
    return f"{letter(k)}   {name}{star}\n      {details}", tip


class SourceList(QWidget):
    addRequested = Signal()
    removeRequested = Signal(int)
    referenceRequested = Signal(int)
    detailsRequested = Signal(int)
    citeRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sources = SourceSet()
        self.title = QLabel("Sources")
        self.title.setStyleSheet("font-weight: bold;")
        self.view = QListWidget()
        self.view.setAccessibleName("Sources of the comparison")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.currentRowChanged.connect(lambda _row: self._refresh_buttons())
        self.view.itemDoubleClicked.connect(lambda item: self.detailsRequested.emit(self.view.row(item)))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, tip, slot in (
                ("add", "Add…", f"Add source files to the comparison (up to {MAX_SOURCES} sources)",
                 self.addRequested.emit),
                ("remove", "Remove", "Take the selected source out of the comparison (Delete)", self._remove),
                ("reference", "Make reference", "Compare every other source with the selected one",
                 self._reference)):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(lambda _c=False, s=slot: s())
            row.addWidget(button)
            self.buttons[name] = button
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view, self._remove)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self._refresh_buttons()

    def show_sources(self, sources: SourceSet) -> None:
        """List ``sources``; the selected row stays where it was when it still exists."""
        current = self.view.currentRow()
        self.sources = sources
        self.view.clear()
        for k in range(len(sources)):
            text, tip = _entry(sources, k)
            item = QListWidgetItem(text)
            item.setToolTip(tip)
            if k == sources.reference:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.view.addItem(item)
        self.title.setText(f"Sources ({len(sources)} of at most {MAX_SOURCES})")
        if len(sources):
            self.view.setCurrentRow(min(max(current, 0), len(sources) - 1))
        self._refresh_buttons()

    def current(self) -> int:
        return self.view.currentRow()

    def select(self, k: int) -> None:
        self.view.setCurrentRow(k)

    def source_menu(self, k: int) -> QMenu:
        """Details and citation of source ``k`` (the list's right-click menu)."""
        menu = QMenu(self)
        menu.addAction(f"Details of Source {letter(k)}…", lambda: self.detailsRequested.emit(k))
        menu.addAction(f"Copy Citation of {letter(k)}", lambda: self.citeRequested.emit(k))
        return menu

    def _context_menu(self, point: QPoint) -> None:
        k = self.view.indexAt(point).row()
        if 0 <= k < len(self.sources):
            self.source_menu(k).popup(self.view.viewport().mapToGlobal(point))

    def _remove(self) -> None:
        if self.buttons["remove"].isEnabled():
            self.removeRequested.emit(self.current())

    def _reference(self) -> None:
        if self.buttons["reference"].isEnabled():
            self.referenceRequested.emit(self.current())

    def _refresh_buttons(self) -> None:
        k = self.current()
        chosen = 0 <= k < len(self.sources)
        self.buttons["remove"].setEnabled(chosen and len(self.sources) > 2)
        self.buttons["reference"].setEnabled(chosen and k != self.sources.reference)
        self.buttons["add"].setEnabled(len(self.sources) < MAX_SOURCES)
