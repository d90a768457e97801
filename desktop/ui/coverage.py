"""The coverage view of a many-source comparison: rows are facts, columns are sources.

Each source's cell says whether it reports the fact and how its wording differs from the
reference wording, coloured with the difference colours of the side-by-side view. The table
sorts (by fact order, by how many sources report a fact, by a source's reading order) and
filters ("reported by all but X", "only in X", "numbers differ", free text).

The view only shows and announces: selecting a fact, asking for two sources side by side, a
right click on a cell (``contextRequested``: the controller builds the menu, where the
corrections of facts will plug in).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import DiffKind
from desktop.core.sources.titles import titled
from desktop.ui import theme
from desktop.ui.coverage_index import (
    ABSENT,
    ANY,
    CELL_KINDS,
    FILTERS,
    NEEDS_SOURCE,
    REFERENCE,
    SAME,
    Cell,
    CoverageIndex,
)
from desktop.ui.legend import chip_bar
from desktop.ui.models import short_locator
from desktop.ui.source_set import letter

_ROOT = QModelIndex()
FACT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
CELL_ROLE = Qt.ItemDataRole.UserRole + 3
FIRST_SOURCE_COLUMN = 2
_LAST = 10**9  # sorts a source's missing facts after the ones it reports
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole,
                    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole,
                    FACT_ROLE, SORT_ROLE, CELL_ROLE})

# Short enough for twelve source columns; the colour says the same, the tooltip says more.
CELL_TEXT = {REFERENCE: "ref", SAME: "same", ABSENT: "", DiffKind.NUMBER.value: "num",
             DiffKind.NAME.value: "name", DiffKind.QUOTE.value: "quote", DiffKind.WORDING.value: "word",
             DiffKind.FORMAT.value: "format"}
CELL_WORDS = {REFERENCE: "reference wording", SAME: "same wording", ABSENT: "not reported",
              **{k.value: f"{theme.KIND_LABELS[k].lower()} differs" for k in DiffKind}}
CELL_LEGEND = {
    REFERENCE: "The reference wording of the fact: the others are compared with it.",
    SAME: "Same wording as the reference (case or punctuation aside).",
    ABSENT: "Blank: this source does not report the fact.",
    **{k.value: theme.LEGEND[k] for k in DiffKind},
}


def cell_colour(kind: str) -> QColor | None:
    """The tint of a cell: the difference colours of the side-by-side view; none when absent."""
    colours = theme.colours()
    if kind == ABSENT:
        return None
    if kind == REFERENCE:
        return colours.selected
    if kind == SAME:
        return colours.aligned[0]
    return colours.kind(DiffKind(kind))


def source_name(comparison, source: int) -> str:
    """"Wire A — Summit": outlet and title (or file name) of a source."""
    shown = titled(comparison.sources[source])
    meta = shown.metadata
    return " — ".join(x for x in (meta.outlet, meta.title) if x) or shown.label


def clip(text: str, limit: int = 220) -> str:
    """``text`` on one line, cut to ``limit`` characters (at a word when there is one near)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + "…"


class CoverageModel(QAbstractTableModel):
    """Facts x sources over a ``CoverageIndex``; columns: #, sources reporting, one per source,
    the reference wording."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.index_: CoverageIndex | None = None
        self.colours = {kind: cell_colour(kind) for kind in CELL_KINDS}
        self.text_colour = theme.colours().kind_text
        self._rows = self._columns = 0

    def set_index(self, index: CoverageIndex | None) -> None:
        self.beginResetModel()
        self.index_ = index
        self._rows = len(index) if index is not None else 0  # asked for thousands of times: kept
        self._columns = index.size + FIRST_SOURCE_COLUMN + 1 if index is not None else 0
        self.colours = {kind: cell_colour(kind) for kind in CELL_KINDS}  # light or dark, as now
        self.text_colour = theme.colours().kind_text
        self.endResetModel()

    def source_of_column(self, column: int) -> int | None:
        """The source a column shows, or None for the other columns."""
        source = column - FIRST_SOURCE_COLUMN
        return source if self.index_ is not None and 0 <= source < self.index_.size else None

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._columns

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or self.index_ is None:
            return None
        source = self.source_of_column(section)
        if source is None:
            names = {0: ("#", "Fact number, in reading order of the first source that reports it"),
                     1: ("Sources", "How many sources report the fact")}
            title, tip = names.get(section, ("Reference wording", "The fact in the reference wording"))
            return {Qt.ItemDataRole.DisplayRole: title, Qt.ItemDataRole.ToolTipRole: tip}.get(role)
        is_reference = source == self.index_.comparison.reference
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{letter(source)} ★" if is_reference else letter(source)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = " (the reference source)" if is_reference else ""
            return f"{letter(source)}: {source_name(self.index_.comparison, source)}{where}"
        if role == Qt.ItemDataRole.FontRole and is_reference:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or self.index_ is None or not index.isValid():  # a cell asks ~10 roles
            return None
        fact, column = index.row(), index.column()
        if role == FACT_ROLE:
            return fact
        source = self.source_of_column(column)
        if source is not None:
            return self._cell_data(fact, source, role)
        return self._fact_data(fact, column, role)

    def _fact_data(self, fact: int, column: int, role: int):
        vi = self.index_
        count = vi.reporting(fact)
        if role == SORT_ROLE:
            return (fact, count)[column] if column < 2 else vi.snippets[fact].casefold()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return fact + 1
            if column == 1:
                return f"{count}/{vi.size}"
            return vi.snippets[fact]
        if role == Qt.ItemDataRole.TextAlignmentRole and column < 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column > 1:
            return html.escape(clip(vi.reference_text(fact), 600))
        return None

    def _cell_data(self, fact: int, source: int, role: int):
        cell: Cell = self.index_.cells[fact][source]
        if role == CELL_ROLE:
            return cell
        if role == SORT_ROLE:
            return cell.passages[0] if cell.passages else _LAST
        if role == Qt.ItemDataRole.DisplayRole:
            return CELL_TEXT[cell.kind]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.colours[cell.kind]
        if role == Qt.ItemDataRole.ForegroundRole and cell.reported:
            return self.text_colour
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{letter(source)}: {CELL_WORDS[cell.kind]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(fact, source, cell)
        return None

    def _cell_tooltip(self, fact: int, source: int, cell: Cell) -> str:
        vi = self.index_
        name = html.escape(source_name(vi.comparison, source))
        if not cell.reported:
            return f"<b>{letter(source)}</b> {name}<br><i>does not report this fact</i>"
        where = short_locator(vi.comparison.passages[source], cell.passages)
        wording = vi.wording(fact, source)
        shown = wording.differences[:8] if wording else ()
        diffs = "".join(f"<br>• {html.escape(d.summary)}" for d in shown)
        return (f"<b>{letter(source)}</b> {name}, {where}<br><i>{html.escape(CELL_LEGEND[cell.kind])}</i>"
                f"<br>“{html.escape(clip(vi.texts[fact][source]))}”{diffs}")


class CoverageFilter(QSortFilterProxyModel):
    """Keeps the facts one filter (``coverage_index.FILTERS``) and the free text let through."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.mode, self.source, self.text = "all", ANY, ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, mode: str, source: int = ANY, text: str = "") -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self.mode, self.source, self.text = mode, source, text.strip()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.mode, self.source, self.text = mode, source, text.strip()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        index = self.sourceModel().index_
        return index is not None and index.matches(source_row, self.mode, self.source, self.text)


class CoverageView(QWidget):
    """The filter bar over the coverage table."""

    factSelected = Signal(int)  # fact index, -1 when none
    pairRequested = Signal(int, int, int)  # left source, right source, fact to show (-1: none)
    contextRequested = Signal(int, int, QPoint)  # fact, source (-1: not a source column), global pos

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CoverageModel(self)
        self.proxy = CoverageFilter(self)
        self.proxy.setSourceModel(self.model)
        self._quiet = False
        self._build_filters()
        self._build_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.table, 1)

    def _build_filters(self) -> None:
        self.mode = QComboBox()
        self.mode.setAccessibleName("Show facts")
        for key, label, _needs in FILTERS:
            self.mode.addItem(label, key)
        self.source = QComboBox()
        self.source.setAccessibleName("Source of the filter")
        self.source.setToolTip("The source the filter names")
        for combo in (self.mode, self.source):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.find = QLineEdit()
        self.find.setPlaceholderText("Find words in any wording")
        self.find.setAccessibleName("Find words in the facts")
        self.find.setClearButtonEnabled(True)
        self.shown = QLabel("")
        self.shown.setAccessibleName("Facts shown")
        for signal in (self.mode.currentIndexChanged, self.source.currentIndexChanged, self.find.textChanged):
            signal.connect(self._refilter)
        row = QHBoxLayout()
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(QLabel("Show:"))
        row.addWidget(self.mode, 2)
        row.addWidget(self.source, 1)
        row.addWidget(self.find, 3)
        row.addWidget(self.shown)
        self.filter_row = row

    def _build_table(self) -> None:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName("Coverage: facts by source")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.doubleClicked.connect(self._double_clicked)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.horizontalHeader().setHighlightSections(False)
        self.table = table

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, metrics.horizontalAdvance("8888") + 18)
        header.resizeSection(1, metrics.horizontalAdvance("Sources") + 24)
        for column in range(FIRST_SOURCE_COLUMN, self.model.columnCount() - 1):
            header.resizeSection(column, metrics.horizontalAdvance("quote") + 14)
        if self.model.columnCount():
            header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)

    # -- content -------------------------------------------------------------------------------

    def show_index(self, index: CoverageIndex | None) -> None:
        """Show a comparison's facts; the selected fact stays selected if it is still there."""
        keep = self._current_members()
        columns = self.model.columnCount()
        self._quiet = True
        try:
            self.model.set_index(index)
            self._fill_sources(index)
            self._size_columns()
            if self.model.columnCount() != columns:  # other sources: a source column means another
                self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
            self._refilter()
        finally:
            self._quiet = False
        found = self._fact_with(keep, index) if keep is not None else None
        if found is not None:
            self.select_fact(found)
        else:
            self.factSelected.emit(-1)

    def _fill_sources(self, index: CoverageIndex | None) -> None:
        current = self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem("any source", ANY)
        for s in range(index.size if index else 0):
            self.source.addItem(f"{letter(s)}  {source_name(index.comparison, s)}", s)
        self.source.setCurrentIndex(max(self.source.findData(current), 0))
        self.source.blockSignals(False)

    def set_filter(self, mode: str, source: int = ANY, text: str = "") -> None:
        """Choose a filter as the analyst would (the combo boxes and the find field follow)."""
        for widget in (self.mode, self.source, self.find):
            widget.blockSignals(True)
        self.mode.setCurrentIndex(max(self.mode.findData(mode), 0))
        self.source.setCurrentIndex(max(self.source.findData(source), 0))
        self.find.setText(text)
        for widget in (self.mode, self.source, self.find):
            widget.blockSignals(False)
        self._refilter()

    def _refilter(self, *_args) -> None:
        mode = self.mode.currentData()
        self.source.setEnabled(mode in NEEDS_SOURCE)
        source = self.source.currentData() if mode in NEEDS_SOURCE else ANY
        self.proxy.set_filter(mode, ANY if source is None else source, self.find.text())
        total = self.model.rowCount()
        self.shown.setText(f"{self.proxy.rowCount()} of {total} facts" if total else "")

    def visible_facts(self) -> list[int]:
        return [self.proxy.index(r, 0).data(FACT_ROLE) for r in range(self.proxy.rowCount())]

    # -- selection -----------------------------------------------------------------------------

    def select_fact(self, fact: int) -> bool:
        """Select a fact's row (and announce it); False when the filter hides it."""
        proxy_index = self.proxy.mapFromSource(self.model.index(fact, 0))
        if not proxy_index.isValid():
            return False
        self.table.selectRow(proxy_index.row())
        self.table.scrollTo(proxy_index)
        return True

    def current_fact(self) -> int:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), _ROOT):
            rows = self.table.selectionModel().selectedRows()
            return rows[0].data(FACT_ROLE) if rows else -1
        return index.data(FACT_ROLE)

    def selected_facts(self) -> list[int]:
        """The selected facts in fact order (a merge of facts will act on them)."""
        return sorted(r.data(FACT_ROLE) for r in self.table.selectionModel().selectedRows())

    def _selection_changed(self, *_args) -> None:
        if not self._quiet:
            self.factSelected.emit(self.current_fact())

    def _current_members(self):
        fact = self.current_fact()
        index = self.model.index_
        return index.comparison.facts[fact].fact.members if index is not None and fact >= 0 else None

    @staticmethod
    def _fact_with(members, index: CoverageIndex | None) -> int | None:
        if index is None:
            return None
        return next((k for k, v in enumerate(index.comparison.facts) if v.fact.members == members), None)

    # -- requests ------------------------------------------------------------------------------

    def _double_clicked(self, proxy_index: QModelIndex) -> None:
        """Double click on a source's cell: that source and the fact's reference side by side."""
        fact = proxy_index.data(FACT_ROLE)
        source = self.model.source_of_column(proxy_index.column())
        view = self.model.index_.comparison.facts[fact]
        if source is None or source not in view.fact.sources:
            return
        other = view.reference if source != view.reference else next(
            (s for s in view.fact.sources if s != source), None)
        if other is not None:
            self.pairRequested.emit(min(source, other), max(source, other), fact)

    def _context_menu(self, point: QPoint) -> None:
        proxy_index = self.table.indexAt(point)
        if not proxy_index.isValid():
            return
        source = self.model.source_of_column(proxy_index.column())
        self.contextRequested.emit(proxy_index.data(FACT_ROLE), -1 if source is None else source,
                                   self.table.viewport().mapToGlobal(point))


def coverage_legend() -> QWidget:
    """Coloured chips naming each cell tint; each chip's tooltip explains it."""
    kinds = (REFERENCE, SAME, *(k.value for k in DiffKind if k is not DiffKind.FORMAT), ABSENT)
    chips = [(CELL_WORDS[kind].replace(" differs", "").capitalize(), cell_colour(kind), CELL_LEGEND[kind])
             for kind in kinds]
    return chip_bar("Coverage colours", "Cells:", chips)
