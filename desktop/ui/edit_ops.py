"""Edits: alignment corrections, verdicts, notes, metadata, swap, re-align and citations.

Each correction calls a pure function of ``desktop.core.project.edits`` and hands the new project to
``Document.apply``, which makes it one undoable step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from desktop.core.model import Cancelled, Comparison, ParallaxError, Which
from desktop.core.project import edits
from desktop.core.sources.titles import titled
from desktop.ui import actions
from desktop.ui.sides import A, B

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def citation_to_clipboard(window: MainWindow, work) -> None:
    """Run ``work`` (a citation, plain and rich) in the background and put it on the clipboard in
    both forms, so a rich-text editor keeps the italics; a failure is shown as an error."""

    def done(result: tuple[str, str]) -> None:
        plain, html = result
        mime = QMimeData()
        mime.setText(plain)
        mime.setHtml(html)
        QGuiApplication.clipboard().setMimeData(mime)
        window.statusBar().showMessage(f"Copied: {plain}", 8000)

    window.runner.run_task(work, done, lambda exc: window.error("Cannot make the citation", exc),
                           channel="cite")


class EditController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._context_offset: tuple[Which, int] | None = None

    @property
    def project(self):
        return self.window.document.project

    def _do(self, label: str, fn, *args, **kwargs) -> bool:
        """Apply an edit; an ``EditError`` is shown in the status bar (nothing changes)."""
        if self.project is None:
            return False
        try:
            self.window.document.edit(label, fn, *args, **kwargs)
        except ParallaxError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            QApplication.beep()
            return False
        return True

    def _selected_groups(self) -> list[int]:
        rows = [r.n for r in self.window.groups.selected_rows() if r.kind == "group"]
        row = self.window.selection.row
        if not rows and row is not None and row.kind == "group":
            rows = [row.n]
        return rows

    def _targets(self, side: Which, *, clicked_first: bool = False) -> list[int]:
        """Passages of ``side`` to act on, in this order of preference: those the text selection
        touches, the one right-clicked, those of the selected row on that side, the last clicked
        (``clicked_first``: the last clicked before the row, as linking needs one click per side)."""
        window = self.window
        vi = window.index
        if vi is None:
            return []
        chosen = window.workspace.panes[side].selected_offsets()
        if chosen is not None:
            start, end = chosen
            first, last = vi.passage_at(side, start), vi.passage_at(side, max(end - 1, start))
            if first is not None and last is not None:
                return list(range(first, last + 1))
        if self._context_offset and self._context_offset[0] == side:
            i = vi.passage_at(side, self._context_offset[1])
            if i is not None:
                return [i]
        clicked = window.last_clicked.get(side)
        if clicked is not None and clicked >= len(vi.passages[side]):
            clicked = None
        if clicked_first and clicked is not None:
            return [clicked]
        row = window.selection.row
        if row is not None and row.kind == "group":
            group = vi.project.comparison.groups[row.n].group
            return list(side.of((group.a, group.b)))
        if row is not None and row.side == side:
            return [row.n]
        return [clicked] if clicked is not None else []

    # -- alignment corrections -----------------------------------------------------------------

    def link(self) -> None:
        a, b = self._targets(A, clicked_first=True), self._targets(B, clicked_first=True)
        if not a or not b:
            self.window.statusBar().showMessage(
                "To link, click (or select) a passage in A and one in B, then choose Link.", 8000)
            return
        self._do("Link passages", edits.link, a, b)

    def unlink(self) -> None:
        groups = self._selected_groups()
        if groups:
            self._do("Unlink group", edits.unlink, groups[0])

    def merge(self) -> None:
        groups = self._selected_groups()
        if len(groups) < 2:
            self.window.statusBar().showMessage("Select two or more groups in the list to merge them "
                                                "(Ctrl+click or Shift+click).", 8000)
            return
        project = self.project
        keys = [(A, min(project.comparison.groups[n].group.a)) for n in groups]
        try:
            for side, i in keys[1:]:  # find each group again by a passage: indices shift
                first = project.groups_for_passage(*keys[0])[0]
                project = edits.merge(project, first, project.groups_for_passage(side, i)[0])
        except ParallaxError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return
        self.window.document.apply(f"Merge {len(groups)} groups", project)

    def split(self) -> None:
        groups = self._selected_groups()
        if not groups:
            return
        from desktop.ui.dialogs.split import SplitDialog

        n = groups[0]
        dialog = SplitDialog(self.window, self.project, n)
        if dialog.exec():
            a_part, b_part = dialog.parts()
            self._do("Split group", edits.split, n, a_part, b_part)

    def set_status(self, status: str) -> None:
        groups = self._selected_groups()
        if not groups:
            return
        project = self.project
        try:
            for n in groups:
                project = edits.set_status(project, n, status)
        except ParallaxError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return
        label = {"confirmed": "Confirm", "rejected": "Reject", "proposed": "Reopen"}[status]
        self.window.document.apply(f"{label} {'group' if len(groups) == 1 else f'{len(groups)} groups'}",
                                   project)

    # -- notes ---------------------------------------------------------------------------------

    def add_note(self) -> None:
        window = self.window
        if self.project is None:
            return
        target = self._note_target()
        if target is None:
            window.statusBar().showMessage("Select some words, or a passage or group, to annotate.", 8000)
            return
        side, start, end = target
        from desktop.ui.dialogs.note_editor import NoteEditor

        quote = self.project.source(side).text[start:end]
        dialog = NoteEditor(window, quote, known_tags=window.index.all_tags() if window.index else [])
        if dialog.exec():
            try:
                note = edits.make_note(self.project, side, start, end, dialog.text(), dialog.tags())
            except ParallaxError as exc:
                window.error("Cannot add the note", exc)
                return
            self._do("Add note", edits.add_note, note)

    def _note_target(self) -> tuple[Which, int, int] | None:
        window, vi = self.window, self.window.index
        for side, pane in window.workspace.panes.items():
            chosen = pane.selected_offsets()
            if chosen and chosen[1] > chosen[0] and pane.hasFocus():
                return side, *chosen
        for side, pane in window.workspace.panes.items():
            chosen = pane.selected_offsets()
            if chosen and chosen[1] > chosen[0]:
                return side, *chosen
        row = window.selection.row
        if row is None or vi is None:
            return None
        if row.side is None:
            return A, *vi.group_span(row.n, A)
        p = vi.passages[row.side][row.n]
        return row.side, p.start, p.end

    def edit_note(self, n: int) -> None:
        from desktop.ui.dialogs.note_editor import NoteEditor

        note = self.project.notes[n]
        dialog = NoteEditor(self.window, note.quote, text=note.text, tags=note.tags,
                            known_tags=self.window.index.all_tags())
        if dialog.exec():
            self._do("Edit note", edits.edit_note, n, text=dialog.text(), tags=dialog.tags())

    def remove_note(self, n: int) -> None:
        self._do("Remove note", edits.remove_note, n)

    # -- sources -------------------------------------------------------------------------------

    def edit_metadata(self, side: Which | str) -> None:
        side = Which.coerce(side)
        if self.project is None:
            self.window.statusBar().showMessage("Open a source first.", 5000)
            return
        from desktop.ui.dialogs.metadata import MetadataDialog

        dialog = MetadataDialog(self.window, side, self.project.source(side))
        if dialog.exec():
            self._do(f"Edit details of {side.letter}", edits.set_metadata, side, dialog.metadata())

    def swap(self) -> None:
        self._do("Swap sides", edits.swap)

    def realign_dialog(self) -> None:
        many = self.window.many
        project = many.project if many.active else self.project
        if project is None:
            return
        from desktop.ui.dialogs.realign import RealignDialog

        dialog = RealignDialog(self.window, project.settings.options)
        if dialog.exec():
            (many.realign if many.active else self.realign)(dialog.options())

    def realign(self, options) -> None:
        project = self.project
        if project is None:
            return
        from desktop.core.pipeline import compare

        a, b = project.comparison.a, project.comparison.b

        def failed(exc: BaseException) -> None:
            if isinstance(exc, Cancelled):
                self.window.statusBar().showMessage("Re-alignment cancelled; nothing changed.", 5000)
            else:
                self.window.error("Re-alignment failed", exc)

        task = self.window.runner.run_task(lambda report: compare(a, b, options, progress=report),
                                           lambda c: self.adopt_realigned(c, "Re-align"), failed,
                                           channel="align")
        self.window.show_busy(task, "Re-aligning…")

    def adopt_realigned(self, comparison: Comparison, label: str) -> None:
        """Keep the analyst's verdicts, manual groups and notes over a fresh comparison."""
        problems: list[str] = []
        try:
            self.window.document.edit(label, edits.realign, comparison, problems=problems)
        except ParallaxError as exc:
            self.window.error(f"{label} failed", exc)
            return
        if problems:
            QMessageBox.information(self.window, label, "Some of your work could not be kept:\n\n• "
                                    + "\n• ".join(problems[:12]))
        self.window.ready.emit()

    # -- citations -----------------------------------------------------------------------------

    def copy_citation(self) -> None:
        window, vi = self.window, self.window.index
        if vi is None:
            return
        side = B if window.workspace.pane_b.hasFocus() else A
        targets = self._targets(side)
        if not targets:
            side = side.other
            targets = self._targets(side)
        if not targets:
            window.statusBar().showMessage("Click a passage to cite it.", 5000)
            return
        passage = vi.passages[side][targets[0]]
        meta = titled(self.project.source(side)).metadata  # untitled: its headline or file name
        other = titled(self.project.source(side.other)).metadata  # "2023a" when alike
        style = self.project.settings.style

        def work(_report):
            from desktop.core.cite import cite_passage

            locator = f"para. {passage.paragraph}"
            return tuple(cite_passage(meta, locator, style, fmt, cited_with=[other])
                         for fmt in ("text", "html"))

        citation_to_clipboard(window, work)

    def fill_style_menu(self, menu: QMenu, group) -> None:
        menu.clear()
        try:
            from desktop.core.cite import available_styles

            styles = available_styles()
        except (ImportError, ParallaxError) as exc:
            menu.addAction(f"(styles unavailable: {exc})").setEnabled(False)
            return
        current = self.project.settings.style if self.project else ""
        for key, name in styles.items():
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(key == current)
            action.setEnabled(self.project is not None)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, k=key: self._do("Citation style", edits.update_settings,
                                                                      style=k))

    # -- context menu and help -----------------------------------------------------------------

    def context_menu(self, side: Which | str, offset: int, where: QPoint) -> None:
        side = Which.coerce(side)
        self._context_offset = (side, offset)
        vi = self.window.index
        if vi is not None and self.window.workspace.panes[side].selected_offsets() is None:
            i = vi.passage_at(side, offset)
            if i is not None:
                self.window.last_clicked[side] = i
                n = vi.group_of[side][i]
                from desktop.ui.models import Row

                self.window.select_row(Row("group", n, 0.0) if n >= 0 else Row.only(side, i), scroll=False)
        menu = actions.context_menu(self.window)
        try:
            menu.exec(where)
        finally:
            self._context_offset = None
            menu.deleteLater()

    def show_shortcuts(self) -> None:
        lines = []
        for action in self.window.actions():
            keys = action.shortcut().toString()
            if keys and action.text():
                lines.append(f"<tr><td>{action.text().replace('&', '')}</td><td><b>{keys}</b></td></tr>")
        QMessageBox.information(self.window, "Keyboard shortcuts", "<table>" + "".join(lines) + "</table>")

    def show_about(self) -> None:
        from desktop import __version__

        QMessageBox.about(self.window, "About Parallax",
                          f"<b>Parallax {__version__}</b><br>Compare how outlets report the same event.")
