"""The side panels: the list of groups with its filters and the selected group's differences,
and the notes list."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import theme
from desktop.ui.models import (
    COLUMNS,
    DIFF_COLUMN,
    FILTERS,
    KINDS_ROLE,
    ROW_ROLE,
    DiffListModel,
    GroupFilter,
    GroupTableModel,
    NotesModel,
    Row,
)
from desktop.ui.viewindex import ViewIndex


class ChipDelegate(QStyledItemDelegate):
    """Draws the differences column as small coloured counts, one chip per kind."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        chips = index.data(KINDS_ROLE)
        if not chips:
            return super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        colours = theme.colours()
        metrics = option.fontMetrics
        height = metrics.height() + 2
        x = option.rect.left() + 4
        y = option.rect.top() + (option.rect.height() - height) / 2
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for kind, count in chips:
            text = str(count)
            width = max(metrics.horizontalAdvance(text) + 12, height + 4)
            rect = QRectF(x, y, width, height)
            painter.setPen(colours.kind(kind).darker(115))
            painter.setBrush(colours.kind(kind))
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(colours.kind_text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            x += width + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        chips = index.data(KINDS_ROLE) or []
        metrics = option.fontMetrics
        width = sum(max(metrics.horizontalAdvance(str(c)) + 12, metrics.height() + 6) + 4 for _k, c in chips)
        return QSize(max(width + 8, 90), option.fontMetrics.height() + 8)




class GroupPanel(QWidget):
    rowSelected = Signal(object)  # Row
    diffSelected = Signal(int)  # index into the selected group's differences

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = GroupTableModel(self)
        self.proxy = GroupFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show")
        for key, label in FILTERS:
            self.filter.addItem(label, key)
        self.filter.setToolTip("Which rows the list shows")
        self.tag = QComboBox()
        self.tag.setAccessibleName("Tag filter")
        self.tag.setToolTip("Only groups whose notes carry this tag")
        self.filter.currentIndexChanged.connect(self._refilter)
        self.tag.currentIndexChanged.connect(self._refilter)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Aligned groups")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(24)
        # Widths from the font, not ResizeToContents: that one measures every row (slow for 5k).
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(("8888", "¶88 s8–8", "¶88 s8–¶8 s8", "0.00", "88 88 88 8", "✓")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 18)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegateForColumn(DIFF_COLUMN, ChipDelegate(self.table))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.diff_title = QLabel("Differences")
        self.diff_title.setStyleSheet("font-weight: bold;")
        self.diff_detail = QLabel("")
        self.diff_detail.setWordWrap(True)
        self.diff_detail.setStyleSheet("color: palette(placeholder-text);")
        self.diff_detail.setAccessibleName("Why these passages are aligned")
        self.diffs = DiffListModel(self)
        self.diff_view = QListView()
        self.diff_view.setModel(self.diffs)
        self.diff_view.setAccessibleName("Differences of the selected group")
        self.diff_view.setUniformItemSizes(True)
        self.diff_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.diff_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.diff_view.selectionModel().currentChanged.connect(
            lambda cur, _prev: cur.isValid() and self.diffSelected.emit(cur.row()))
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show:"))
        filters.addWidget(self.filter, 2)
        filters.addWidget(QLabel("Tag:"))
        filters.addWidget(self.tag, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.addWidget(self.diff_title)
        bottom_layout.addWidget(self.diff_detail)
        bottom_layout.addWidget(self.diff_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        self._quiet = False

    def set_index(self, index: ViewIndex | None) -> None:
        self._quiet = True
        try:
            self.model.set_index(index)
            current = self.tag.currentData() or ""
            self.tag.blockSignals(True)
            self.tag.clear()
            self.tag.addItem("Any tag", "")
            for tag in index.all_tags() if index else []:
                self.tag.addItem(tag, tag)
            self.tag.setCurrentIndex(max(self.tag.findData(current), 0))
            self.tag.blockSignals(False)
            self.proxy.set_filter(self.filter.currentData(), self.tag.currentData() or "")
        finally:
            self._quiet = False

    def set_filter(self, mode: str, tag: str = "") -> None:
        self.filter.setCurrentIndex(max(self.filter.findData(mode), 0))
        self.tag.setCurrentIndex(max(self.tag.findData(tag), 0))

    def _refilter(self) -> None:
        self.proxy.set_filter(self.filter.currentData(), self.tag.currentData() or "")

    def visible_rows(self) -> list[Row]:
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]

    def first_visible(self, kind: str = "") -> Row | None:
        """The first row the list shows (of ``kind`` if given)."""
        for r in range(self.proxy.rowCount()):
            row = self.proxy.index(r, 0).data(ROW_ROLE)
            if not kind or row.kind == kind:
                return row
        return None

    def selected_rows(self) -> list[Row]:
        rows = self.table.selectionModel().selectedRows()
        return [r.data(ROW_ROLE) for r in sorted(rows, key=QModelIndex.row)]

    def select(self, kind: str, n: int) -> bool:
        """Select one row without re-announcing it; False if the filter hides it."""
        source_row = self.model.row_of(kind, n)
        if source_row < 0:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self._quiet = True
        try:
            if not proxy_index.isValid():
                self.table.clearSelection()
                return False
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(proxy_index, flags)
            self.table.scrollTo(proxy_index)
            return True
        finally:
            self._quiet = False

    def show_diffs(self, title: str, diffs, current: int | None = None, detail: str = "") -> None:
        self.diff_title.setText(title)
        self.diff_detail.setText(detail)
        self.diff_detail.setVisible(bool(detail))
        self.diffs.set_diffs(diffs)
        if current is not None:
            self.diff_view.selectionModel().blockSignals(True)
            self.diff_view.setCurrentIndex(self.diffs.index(current, 0))
            self.diff_view.selectionModel().blockSignals(False)

    def _selection_changed(self, *_args) -> None:
        if self._quiet:
            return
        current = self.table.selectionModel().currentIndex()
        rows = self.selected_rows()
        if current.isValid() and self.table.selectionModel().isRowSelected(current.row(), QModelIndex()):
            self.rowSelected.emit(current.data(ROW_ROLE))
        elif rows:
            self.rowSelected.emit(rows[0])


class NotesPanel(QWidget):
    noteActivated = Signal(int)
    addRequested = Signal()
    editRequested = Signal(int)
    removeRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = NotesModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Notes")
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.activated.connect(lambda i: self.noteActivated.emit(i.row()))
        self.view.clicked.connect(lambda i: self.noteActivated.emit(i.row()))
        self.view.doubleClicked.connect(lambda i: self.editRequested.emit(i.row()))
        buttons = QHBoxLayout()
        choices = (("Add…", "Add a note to the selected words or passage (Ctrl+Shift+N)",
                    self.addRequested.emit),
                   ("Edit…", "Edit the selected note", lambda: self._with_current(self.editRequested)),
                   ("Remove", "Remove the selected note", lambda: self._with_current(self.removeRequested)))
        self.buttons: dict[str, QPushButton] = {}
        for text, tip, slot in choices:
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            button.setEnabled(False)  # no comparison yet: nothing to annotate
            buttons.addWidget(button)
            self.buttons[text] = button
        buttons.addStretch(1)
        self.hint = QLabel("No notes yet.\n\nSelect words in a source (or a group in the list) and "
                           "press Ctrl+Shift+N to annotate them; tag notes to filter groups by tag.")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: palette(placeholder-text); padding: 12px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint, 1)
        layout.addLayout(buttons)
        self.view.hide()

    def set_index(self, index: ViewIndex | None) -> None:
        self.model.set_index(index)
        has_notes = self.model.rowCount() > 0
        self.view.setVisible(has_notes)
        self.hint.setVisible(not has_notes)
        self.buttons["Add…"].setEnabled(index is not None)
        for name in ("Edit…", "Remove"):
            self.buttons[name].setEnabled(has_notes)

    def current(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def _with_current(self, signal) -> None:
        row = self.current()
        if row is not None:
            signal.emit(row)
