"""A read-only pane showing one source as written, tinted by the alignment.

Passage tints are character formats written once per comparison (fast even for thousands of
passages); the selection, word differences, notes and find matches are extra selections that
change on every click. Empty differences (words the other side has and this one lacks) are
drawn as small carets over the text.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QPainter,
    QPolygon,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from desktop.core.model import Difference, GroupStatus, Which
from desktop.ui import theme
from desktop.ui.pane_tips import tooltip_text
from desktop.ui.viewindex import ViewIndex

_LINE_HEIGHT = 135  # percent
_LAYOUT_SLICE = 0.008  # seconds of text layout between two event-loop turns
_MARGIN = 14


class SourcePane(QTextEdit):
    """``side`` is the source shown (A or B, a ``Which``; its letter is accepted); offsets in
    signals are Python offsets into ``Source.text``."""

    passageClicked = Signal(object, int)  # side (Which), passage index
    contextRequested = Signal(object, int, QPoint)  # side (Which), offset, global position
    filesDropped = Signal(object, list)  # side (Which), paths
    layoutChanged = Signal()  # the text moved without scrolling (resize, new text)

    def __init__(self, side: Which | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = Which.coerce(side)
        self.index: ViewIndex | None = None
        self._colours = theme.colours()
        self._markers: list[tuple[int, QColor]] = []
        self._sel: list[QTextEdit.ExtraSelection] = []
        self._find: list[QTextEdit.ExtraSelection] = []
        self._notes: list[QTextEdit.ExtraSelection] = []
        self._shown: tuple[str, tuple] | None = None  # text and passages on screen
        self._tints: list[str] = []
        self._layout_generation = 0
        self._laid_out_to = -1  # last block number laid out
        self.setReadOnly(True)
        self.setTabChangesFocus(True)  # keyboard users leave the pane with Tab
        self.setUndoRedoEnabled(False)
        # A scroll bar that comes and goes changes the text width, and the relayout that follows
        # leaves hit tests and cursor rectangles disagreeing for a moment: keep it.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFont(theme.reading_font())
        self.document().setDocumentMargin(_MARGIN)
        self.setAccessibleName(f"Source {self.side.letter}")
        self.setPlaceholderText(f"Drop a file here or use File > Open Source {self.side.letter}…")

    # -- content -------------------------------------------------------------------------------

    def show_index(self, index: ViewIndex | None) -> None:
        """Show the side's source with its passages tinted; keeps the scroll position.

        When only the alignment changed (same text, same passages), just the passages whose
        tint changed are repainted: an edit on a long article stays instant.
        """
        self.index = index
        self._colours = theme.colours()
        self._sel, self._find, self._notes, self._markers = [], [], [], []
        if index is None:
            self._shown, self._tints = None, []
            self.setPlainText("")
            self._refresh_selections()
            return
        source = index.project.source(self.side)
        passages = index.passages[self.side]
        tints = self._tint_keys(index)
        shown = self._shown
        if shown is not None and shown[0] == source.text and (shown[1] is passages or shown[1] == passages):
            changed = [i for i, (old, new) in enumerate(zip(self._tints, tints, strict=True)) if old != new]
            self._retint(changed, tints)
        else:
            self._show_text(source, tints)
        self._shown, self._tints = (source.text, passages), tints
        self.set_notes()
        self.layoutChanged.emit()

    def forget_text(self) -> None:
        """Make the next ``show_index`` rebuild everything (e.g. new colours)."""
        self._shown = None

    def _show_text(self, source, tints: list[str]) -> None:
        bar = self.verticalScrollBar()
        value = bar.value()
        self.setPlainText(source.text)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(_LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(6)
        cursor.mergeBlockFormat(block)
        cursor.endEditBlock()
        self._retint(range(len(tints)), tints)
        if source.body_start > 0:  # a header the loader read as metadata: shown, but quiet
            header = QTextCharFormat()
            header.setForeground(self.palette().placeholderText())
            header.setFontItalic(True)
            self._select(cursor, 0, source.body_start)
            cursor.setCharFormat(header)
        self._start_layout()
        bar.setValue(value)

    # Qt lays text out on demand, and until a stretch is laid out, hit tests (cursorForPosition)
    # and cursor rectangles disagree there, which throws the gutter and scroll sync off. So the
    # text is laid out from the top in slices of ~8 ms between events (a long article must not
    # freeze the window), and a hit test first completes the layout down to the viewport's bottom.

    def _start_layout(self) -> None:
        self._layout_generation += 1
        self._laid_out_to = -1
        QTimer.singleShot(0, lambda g=self._layout_generation: self._layout_slice(g))

    def _layout_slice(self, generation: int) -> None:
        if generation != self._layout_generation:
            return  # the text changed meanwhile
        deadline = time.monotonic() + _LAYOUT_SLICE
        while not self._layout_more() and time.monotonic() < deadline:
            pass
        if self._laid_out_to < self.document().blockCount() - 1:
            QTimer.singleShot(0, lambda: self._layout_slice(generation))
        else:
            self.layoutChanged.emit()

    def _layout_more(self, blocks: int = 40) -> bool:
        """Lay out the next ``blocks`` blocks; True when the whole text is laid out."""
        document = self.document()
        last = document.blockCount() - 1
        if self._laid_out_to < last:
            self._laid_out_to = min(self._laid_out_to + blocks, last)
            document.documentLayout().blockBoundingRect(document.findBlockByNumber(self._laid_out_to))
        return self._laid_out_to >= last

    def _ensure_visible_layout(self) -> None:
        """Complete the layout at least down to the bottom of the view."""
        document = self.document()
        bottom = self.verticalScrollBar().value() + self.viewport().height()
        layout = document.documentLayout()
        last = document.blockCount() - 1
        def laid_bottom() -> float:
            return layout.blockBoundingRect(document.findBlockByNumber(self._laid_out_to)).bottom()

        while self._laid_out_to < last and (self._laid_out_to < 0 or laid_bottom() <= bottom):
            self._layout_more(50)

    def _tint_keys(self, index: ViewIndex) -> list[str]:
        """Per passage: "u" unmatched, "r" rejected, "a0"/"a1" aligned (alternating by group)."""
        groups = index.project.comparison.groups
        keys = []
        for n in index.group_of[self.side]:
            if n < 0:
                keys.append("u")
            elif groups[n].group.status is GroupStatus.REJECTED:
                keys.append("r")
            else:
                keys.append(f"a{index.shade(n)}")
        return keys

    def _retint(self, changed, tints: list[str]) -> None:
        colours = self._colours
        formats = {}
        for key, colour in (("a0", colours.aligned[0]), ("a1", colours.aligned[1]), ("u", colours.unmatched),
                            ("r", colours.rejected)):
            formats[key] = QTextCharFormat()
            formats[key].setBackground(colour)
        passages = self.index.passages[self.side]
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for i in changed:
            self._select(cursor, passages[i].start, passages[i].end)
            cursor.setCharFormat(formats[tints[i]])
        cursor.endEditBlock()

    def set_highlight(self, passages: list[int], diffs: list[Difference], current: Difference | None) -> None:
        """Stronger tint on the selected passages; word differences coloured by kind."""
        if self.index is None:
            return
        colours = self._colours
        sels = []
        for i in passages:
            p = self.index.passages[self.side][i]
            sels.append(self._selection(p.start, p.end, background=colours.selected))
        markers = []
        for d in diffs:
            start, end = self.side.of(((d.a_start, d.a_end), (d.b_start, d.b_end)))
            colour = colours.kind(d.kind)
            if start == end:
                markers.append((start, colour.darker(160)))
                continue
            underline = colours.selected_edge if d is current else None
            sels.append(self._selection(start, end, background=colour, foreground=colours.kind_text,
                                        underline=underline))
        self._sel, self._markers = sels, markers
        self._refresh_selections()

    def set_find_matches(self, ranges: list[tuple[int, int]]) -> None:
        self._find = [self._selection(s, e, background=self._colours.find) for s, e in ranges]
        self._refresh_selections()

    def set_notes(self) -> None:
        """Underline the words notes are attached to."""
        self._notes = []
        if self.index is not None:
            for note in self.index.project.notes:
                if note.side == self.side and note.end > note.start:
                    self._notes.append(self._selection(
                        note.start, note.end, underline=self._colours.note,
                        style=QTextCharFormat.UnderlineStyle.DashUnderline))
        self._refresh_selections()

    def _refresh_selections(self) -> None:
        self.setExtraSelections(self._sel + self._notes + self._find)
        self.viewport().update()

    # -- geometry ------------------------------------------------------------------------------

    def cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        position = self.index.offsets[self.side].to_qt(offset) if self.index else offset
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        return cursor

    def y_top(self, offset: int) -> int:
        """Viewport y of the line where ``offset`` sits (its top)."""
        return self.cursorRect(self.cursor_at(offset)).top()

    def y_bottom(self, offset: int) -> int:
        return self.cursorRect(self.cursor_at(offset)).bottom()

    def offset_at(self, point: QPoint) -> int:
        self._ensure_visible_layout()
        position = self.cursorForPosition(point).position()
        return self.index.offsets[self.side].to_py(position) if self.index else position

    def visible_offsets(self) -> tuple[int, int]:
        rect = self.viewport().rect()
        return self.offset_at(QPoint(0, 0)), self.offset_at(QPoint(rect.width(), rect.height()))

    def scroll_to(self, start: int, end: int) -> None:
        """Bring [start, end) into view, a third from the top unless it already shows."""
        top, bottom = self.y_top(start), self.y_bottom(end)
        height = self.viewport().height()
        if top >= 0 and bottom <= height:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top - min(height // 3, max(height - (bottom - top), 0) // 2))

    def selected_offsets(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.index is None:
            return None
        to_py = self.index.offsets[self.side].to_py
        return to_py(cursor.selectionStart()), to_py(cursor.selectionEnd())

    def select_offsets(self, start: int, end: int) -> None:
        cursor = self.cursor_at(start)
        cursor.setPosition(self.cursor_at(end).position(), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    # -- helpers -------------------------------------------------------------------------------

    def _select(self, cursor: QTextCursor, start: int, end: int) -> None:
        to_qt = self.index.offsets[self.side].to_qt if self.index else (lambda x: x)
        cursor.setPosition(to_qt(start))
        cursor.setPosition(to_qt(end), QTextCursor.MoveMode.KeepAnchor)

    def _selection(self, start: int, end: int, *, background: QColor | None = None,
                   foreground: QColor | None = None, underline: QColor | None = None,
                   style: QTextCharFormat.UnderlineStyle = QTextCharFormat.UnderlineStyle.SingleUnderline,
                   ) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        self._select(cursor, start, end)
        sel.cursor = cursor
        fmt = QTextCharFormat()
        if background is not None:
            fmt.setBackground(background)
        if foreground is not None:
            fmt.setForeground(foreground)
        if underline is not None:
            fmt.setUnderlineStyle(style)
            fmt.setUnderlineColor(underline)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        sel.format = fmt
        return sel

    # -- events --------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._markers:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for offset, colour in self._markers:
            rect: QRect = self.cursorRect(self.cursor_at(offset))
            x, y = rect.left(), rect.top()
            painter.setPen(colour)
            painter.setBrush(colour)
            painter.drawRect(x - 1, y + 1, 2, rect.height() - 2)
            painter.drawPolygon(QPolygon([QPoint(x - 4, y), QPoint(x + 4, y), QPoint(x, y + 5)]))
        painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.layoutChanged.emit()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self._emit_click(event.position().toPoint())

    def _emit_click(self, point: QPoint) -> None:
        if self.index is None:
            return
        i = self.index.passage_at(self.side, self.offset_at(point))
        if i is not None:
            self.passageClicked.emit(self.side, i)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        self.contextRequested.emit(self.side, self.offset_at(self.viewport().mapFrom(self, event.pos())),
                                   event.globalPos())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.index is not None:
            point = self.viewport().mapFrom(self, event.pos())
            text = self.tooltip_at(self.offset_at(point))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, offset: int) -> str:
        """What the colour under ``offset`` means, with the difference or note there."""
        return tooltip_text(self.index, self.side, offset) if self.index is not None else ""

    # -- drag and drop -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(self.side, paths)
        else:
            super().dropEvent(event)

