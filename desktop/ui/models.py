"""Thin Qt models over the core's lists: groups (with unmatched passages), differences, notes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from desktop.core.model import DiffKind, GroupStatus, Passage, Which
from desktop.ui import theme
from desktop.ui.sides import A, B
from desktop.ui.viewindex import ViewIndex

_ROOT = QModelIndex()
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

KIND_COLUMNS = (DiffKind.NUMBER, DiffKind.NAME, DiffKind.QUOTE, DiffKind.WORDING)
KINDS_ROLE = Qt.ItemDataRole.UserRole + 3
COLUMNS = ("#", "A", "B", "Score", "Differences", "✓", "Tags")
DIFF_COLUMN, STATUS_COLUMN, TAGS_COLUMN = 4, 5, 6
COLUMN_TIPS = (
    "Group number, in reading order of A",
    "Where the passages are in source A (paragraph, sentence)",
    "Where the passages are in source B (paragraph, sentence)",
    "How similar the aligner found the passages (1.00 = linked by the analyst)",
    "Word differences by kind: orange numbers, purple names, green quotes, yellow other wording",
    "Verdict: ✓ confirmed, ✗ rejected, blank = proposed by the aligner",
    "Tags of the notes on these passages",
)
STATUS_MARK = {GroupStatus.PROPOSED: "", GroupStatus.CONFIRMED: "✓", GroupStatus.REJECTED: "✗"}


@dataclass(frozen=True)
class Row:
    kind: str  # "group", or the key of the only source holding the passage: "a" (A), "b" (B)
    n: int  # group index, or passage index of that side
    order: float  # reading order along A

    @classmethod
    def only(cls, side: Which | str, n: int, order: float = 0.0) -> Row:
        """The row of passage ``n`` of ``side``, a passage no group holds."""
        return cls(Which.coerce(side).key, n, order)

    @property
    def side(self) -> Which | None:
        """The source of an unmatched passage's row; None for a group's row."""
        return None if self.kind == "group" else Which.parse(self.kind)


def short_locator(passages: tuple[Passage, ...], indices: tuple[int, ...] | list[int]) -> str:
    """"¶3 s2", "¶3 s2–3", "¶3 s2–¶4 s1" for the passages ``indices``; passages that do not
    follow each other are listed, not spanned: "¶2 s1, ¶9 s2" (a range would claim ¶3–¶8 too)."""
    runs: list[tuple[int, int]] = []
    for i in sorted(set(indices)):
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return ", ".join(_span(passages[lo], passages[hi]) for lo, hi in runs)


def _span(first: Passage, last: Passage) -> str:
    text = f"¶{first.paragraph} s{first.sentence}"
    if last is first:
        return text
    if last.paragraph == first.paragraph:
        return f"{text}–{last.sentence}"
    return f"{text}–¶{last.paragraph} s{last.sentence}"


class GroupTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.index_: ViewIndex | None = None
        self.rows: list[Row] = []

    def set_index(self, index: ViewIndex | None) -> None:
        self.beginResetModel()
        self.index_ = index
        self.rows = _rows(index) if index else []
        self._where = {(row.kind, row.n): r for r, row in enumerate(self.rows)}
        self._cells: dict[tuple[int, int], tuple] = {}  # (row, role) -> values by column, built on demand
        self.endResetModel()

    def row_of(self, kind: str, n: int) -> int:
        return self._where.get((kind, n), -1)

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TIPS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.index_ is None:
            return None
        row, col = self.rows[index.row()], index.column()
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            key = (index.row(), role)
            cells = self._cells.get(key)
            if cells is None:
                get = self._group_data if row.kind == "group" else self._unmatched_data
                target = row.n if row.kind == "group" else row
                cells = self._cells[key] = tuple(get(target, c, role) for c in range(len(COLUMNS)))
            return cells[col]
        if row.kind == "group":
            return self._group_data(row.n, col, role)
        return self._unmatched_data(row, col, role)

    def _group_data(self, n: int, col: int, role: int):
        vi = self.index_
        aligned = vi.project.comparison.groups[n]
        group = aligned.group
        counts = [(k, aligned.count(k)) for k in KIND_COLUMNS]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.AccessibleTextRole):
            sort = role == SORT_ROLE
            if col == 0:
                return n + 1
            if col in (1, 2):
                indices = group.a if col == 1 else group.b
                return min(indices) if sort else short_locator(vi.passages["ab"[col - 1]], indices)
            if col == 3:
                return group.score if sort else f"{group.score:.2f}"
            if col == DIFF_COLUMN:
                if sort:
                    return sum(c for _k, c in counts)
                return ", ".join(f"{c} {theme.KIND_LABELS[k].lower()}" for k, c in counts if c)
            if col == STATUS_COLUMN:
                shown = role == Qt.ItemDataRole.DisplayRole
                return STATUS_MARK[group.status] if shown else group.status.value
            return ", ".join(vi.group_tags[n])
        if role == KINDS_ROLE and col == DIFF_COLUMN:
            return [(k, c) for k, c in counts if c]
        if role == Qt.ItemDataRole.ForegroundRole:
            if group.status is GroupStatus.REJECTED:
                return QColor(128, 128, 128)
            if col == STATUS_COLUMN:
                return theme.colours().confirmed
        if role == Qt.ItemDataRole.FontRole and group.status is GroupStatus.REJECTED:
            font = QFont()
            font.setStrikeOut(col in (1, 2))
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (DIFF_COLUMN, TAGS_COLUMN):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._group_tooltip(n)
        return None

    def _group_tooltip(self, n: int) -> str:
        vi = self.index_
        aligned = vi.project.comparison.groups[n]
        a = " ".join(vi.passages[A][i].text for i in aligned.group.a)
        b = " ".join(vi.passages[B][j].text for j in aligned.group.b)
        diffs = "".join(f"<br>• {_esc(d.summary)}" for d in aligned.differences[:8])
        reason = f"<br><i>{_esc(aligned.group.reason)}</i>" if aligned.group.reason else ""
        return (f"<b>Group {n + 1}</b> ({aligned.group.status.value}, score {aligned.group.score:.2f})"
                f"{reason}<br><b>A:</b> {_esc(_clip(a))}<br><b>B:</b> {_esc(_clip(b))}{diffs}")

    def _unmatched_data(self, row: Row, col: int, role: int):
        vi = self.index_
        side = row.side
        own, other = 1 + side.index, 1 + side.other.index  # the locator columns of A and B
        passage = vi.passages[side][row.n]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            sort = role == SORT_ROLE
            if col == 0:
                return row.order + 1 if sort else ""
            if col == own:
                return row.n if sort else short_locator(vi.passages[side], [row.n])
            if col == other:
                return -1 if sort else f"only in {side.letter}"
            if col == 3:
                return -1.0 if sort else ""
            return -1 if sort else ""
        if role == Qt.ItemDataRole.BackgroundRole and col in (1, 2):
            return theme.colours().unmatched
        if role == Qt.ItemDataRole.ForegroundRole and col in (1, 2):
            return theme.colours().kind_text
        if role == Qt.ItemDataRole.FontRole and col == other:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"<b>Only in {side.letter}</b>, {passage.locator}: {_esc(_clip(passage.text))}"
                    f"<br><i>{theme.LEGEND['unmatched']}</i>")
        return None


def _rows(vi: ViewIndex) -> list[Row]:
    comparison = vi.project.comparison
    rows = [Row("group", n, float(min(g.group.a))) for n, g in enumerate(comparison.groups)]
    rows += [Row.only(A, i, i + 0.25) for i in comparison.only_a]
    anchor = -1.0  # a B-only passage sorts after the group that precedes it in B
    for j, n in enumerate(vi.group_of[B]):
        if n >= 0:
            anchor = float(min(comparison.groups[n].group.a))
        else:
            rows.append(Row.only(B, j, anchor + 0.5))
    rows.sort(key=lambda r: (r.order, r.kind != "group", r.n))
    return rows


FILTERS = (
    ("all", "All groups and unmatched passages"),
    ("changed", "Groups with differences"),
    ("number", "Number changes"),
    ("name", "Name changes"),
    ("quote", "Quote changes"),
    ("unmatched", "Unmatched passages"),
    ("proposed", "Not yet reviewed"),
    ("rejected", "Rejected groups"),
)
_KIND_FILTER = {"number": DiffKind.NUMBER, "name": DiffKind.NAME, "quote": DiffKind.QUOTE}


class GroupFilter(QSortFilterProxyModel):
    """Shows the rows one filter (and, optionally, one tag) keeps."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.mode = "all"
        self.tag = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, mode: str, tag: str = "") -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self.mode, self.tag = mode, tag
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.mode, self.tag = mode, tag
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        model: GroupTableModel = self.sourceModel()
        row = model.rows[source_row]
        vi = model.index_
        if row.kind != "group":
            return self.mode in ("all", "unmatched") and not self.tag
        if self.tag and self.tag not in vi.group_tags[row.n]:
            return False
        aligned = vi.project.comparison.groups[row.n]
        if self.mode in _KIND_FILTER:
            return aligned.count(_KIND_FILTER[self.mode]) > 0
        return {
            "all": True,
            "changed": any(d.kind is not DiffKind.FORMAT for d in aligned.differences),
            "unmatched": False,
            "proposed": aligned.group.status is GroupStatus.PROPOSED,
            "rejected": aligned.group.status is GroupStatus.REJECTED,
        }[self.mode]


class DiffListModel(QAbstractListModel):
    """The word differences of the selected group."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.diffs: list = []

    def set_diffs(self, diffs) -> None:
        self.beginResetModel()
        self.diffs = list(diffs)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.diffs)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        d = self.diffs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            before, after = _clip(d.a_text, 40) or "∅", _clip(d.b_text, 40) or "∅"
            return f"{theme.KIND_LABELS[d.kind]}: {before}  →  {after}"
        if role == Qt.ItemDataRole.DecorationRole:
            return theme.colours().kind(d.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{_esc(d.summary)}<br><i>{theme.LEGEND[d.kind]}</i>"
        return None


class NotesModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.index_: ViewIndex | None = None

    def set_index(self, index: ViewIndex | None) -> None:
        self.beginResetModel()
        self.index_ = index
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        if parent.isValid() or self.index_ is None:
            return 0
        return len(self.index_.project.notes)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.index_ is None:
            return None
        note = self.index_.project.notes[index.row()]
        passage = self.index_.passage_at(note.side, note.start)
        where = short_locator(self.index_.passages[note.side], [passage]) if passage is not None else ""
        tags = f"  [{', '.join(note.tags)}]" if note.tags else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{note.side.letter} {where} · “{_clip(note.quote, 50)}”\n{_clip(note.text, 90)}{tags}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"<b>{note.side.letter} {where}</b> “{_esc(note.quote)}”<br>{_esc(note.text)}{_esc(tags)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Note on source {note.side.letter} {where}: {note.text}{tags}"
        return None


def _clip(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
