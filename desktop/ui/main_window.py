"""The workbench window: assembles the views, follows the document, keeps the selection.

Work is split across small controllers: ``actions`` (menus, toolbar, shortcuts), ``file_ops``
(sources, projects, autosave, export) and ``edit_ops`` (alignment corrections, notes,
citations). This module owns what they share: the current selection and navigation.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desktop.core import components
from desktop.core.model import DiffKind, ParallaxError, Which
from desktop.core.project.state import Project
from desktop.ui import actions, theme
from desktop.ui.document import Document
from desktop.ui.edit_ops import EditController
from desktop.ui.file_ops import FileController
from desktop.ui.many_notes import connect_notes
from desktop.ui.many_ops import ManyController
from desktop.ui.many_page import ManyPage
from desktop.ui.models import Row
from desktop.ui.sidebar import GroupPanel, NotesPanel
from desktop.ui.sides import A, B, Sides
from desktop.ui.tasks import Task, TaskRunner
from desktop.ui.viewindex import ViewIndex
from desktop.ui.workspace import Workspace

APP_NAME = "Parallax"


@dataclass
class Selection:
    row: Row | None = None
    diff: int | None = None  # index into the selected group's differences


class MainWindow(QMainWindow):
    ready = Signal()  # a new comparison is on screen (after open / align)
    exported = Signal(str)  # a briefing PDF was written

    def __init__(self, settings: QSettings | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.runner = runner or TaskRunner(self)
        self.document = Document(self)
        self.index: ViewIndex | None = None
        self.selection = Selection()
        self.last_clicked: Sides[int] = Sides()  # the passage last clicked in each pane
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.setAcceptDrops(True)
        self.workspace = Workspace(self)
        self.many_page = ManyPage(self)  # three or more sources: coverage and any pair side by side
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.workspace)
        self.stack.addWidget(self.many_page)
        self.setCentralWidget(self.stack)
        self.groups = GroupPanel()
        self.notes = NotesPanel()
        self.groups_dock = self._dock("Groups", "groups", self.groups, Qt.DockWidgetArea.RightDockWidgetArea)
        self.notes_dock = self._dock("Notes", "notes", self.notes, Qt.DockWidgetArea.RightDockWidgetArea)
        self._build_status_bar()
        self.files = FileController(self)
        self.edits = EditController(self)
        self.many = ManyController(self)
        self.act = actions.build(self)
        self._connect()
        self._restore_layout()
        self._refresh_title()
        components.check_models()
        self._refresh_missing()

    # -- construction --------------------------------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setAccessibleName(f"{title} panel")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.counts = QLabel("Open two or more sources to compare them (File > New Comparison, "
                             "or drop files here).")
        self.counts.setAccessibleName("Comparison summary")
        bar.addWidget(self.counts, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(180)
        self.progress.setAccessibleName("Progress")
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the work in progress")
        self.cancel_button.setAccessibleName("Cancel the work in progress")
        self.busy_label = QLabel("")
        for widget in (self.busy_label, self.progress, self.cancel_button):
            bar.addPermanentWidget(widget)
            widget.hide()
        self._busy_task: Task | None = None
        self.cancel_button.clicked.connect(self._cancel_busy)
        self.missing_label = QLabel("")
        self.missing_label.setAccessibleName("Missing components")
        bar.addPermanentWidget(self.missing_label)
        self.missing_label.hide()

    def _refresh_missing(self) -> None:
        """Show the components that did not load (``desktop.core.components``) for as long as the
        window is open: results computed without them differ, so the analyst must know."""
        items = components.missing()
        if not items:
            self.missing_label.hide()
            return
        first = items[0]
        more = f" (+{len(items) - 1} more)" if len(items) > 1 else ""
        self.missing_label.setText(f"\u26a0 Missing: {first.component}{more}")
        self.missing_label.setToolTip("\n".join(item.message() for item in items))
        self.missing_label.show()

    def _connect(self) -> None:
        self.document.projectChanged.connect(self._project_changed)
        self.document.modifiedChanged.connect(lambda _m: self._refresh_title())
        self.document.pathChanged.connect(lambda _p: self._refresh_title())
        self.groups.rowSelected.connect(lambda row: self.select_row(row, from_list=True))
        self.groups.diffSelected.connect(self.select_diff)
        ws = self.workspace
        ws.gutter.groupClicked.connect(lambda n: self.select_row(Row("group", n, 0.0)))
        for pane in ws.panes.values():
            pane.passageClicked.connect(self._passage_clicked)
            pane.filesDropped.connect(self.files.drop_on_side)
            pane.contextRequested.connect(self.edits.context_menu)
        for header in ws.headers.values():
            header.editRequested.connect(self.edits.edit_metadata)
        connect_notes(self)  # to the two-source edits, or to the many-source project's
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def _scheme_changed(self, *_args) -> None:
        self.workspace.refresh_colours()
        self.many_page.refresh_colours()
        self._show_selection()

    # -- following the document ----------------------------------------------------------------

    def _project_changed(self, project: Project | None, old: Project | None) -> None:
        if project is not None:
            self.many.leave()  # a two-source comparison replaces the many-source one
        keep = self._selection_passages(old) if old is not None else None
        if not _same_passages(project, old):
            self.last_clicked.clear()  # passage numbers of another text mean nothing here
        self.index = ViewIndex(project) if project is not None else None
        self.workspace.set_index(self.index)  # panes repaint only what changed
        self.groups.set_index(self.index)
        self.notes.set_index(self.index)
        self.selection = Selection()
        if keep is not None:
            self._reselect(keep)
        else:
            self._show_selection()
        self._refresh_status()
        self._refresh_missing()
        self._refresh_title()
        self.act.refresh()

    def _selection_passages(self, project: Project) -> tuple[Which, int] | None:
        """The selected row as (side, passage) so it can be found again after an edit."""
        row = self.selection.row
        if row is None:
            return None
        if row.side is not None:
            return row.side, row.n
        groups = project.comparison.groups
        return (A, min(groups[row.n].group.a)) if row.n < len(groups) else None

    def _reselect(self, keep: tuple[Which, int]) -> None:
        side, i = keep
        if self.index is None or i >= len(self.index.passages[side]):
            return self._show_selection()
        n = self.index.group_of[side][i]
        self.select_row(Row("group", n, 0.0) if n >= 0 else Row.only(side, i), scroll=False)

    # -- selection and navigation --------------------------------------------------------------

    def select_row(self, row: Row, *, scroll: bool = True, from_list: bool = False) -> None:
        if self.index is None:
            return
        self.selection = Selection(row, None)
        if not from_list:  # the list already shows it (and may hold a multiple selection)
            self.groups.select(row.kind, row.n)
        self._show_selection()
        if scroll:
            self._scroll_to_selection()

    def select_group(self, n: int) -> None:
        self.select_row(Row("group", n, 0.0))

    def select_diff(self, k: int) -> None:
        row = self.selection.row
        if self.index is None or row is None or row.kind != "group":
            return
        diffs = self.index.project.comparison.groups[row.n].differences
        if 0 <= k < len(diffs):
            self.selection.diff = k
            self._show_selection()
            d = diffs[k]
            self.workspace.reveal_both((d.a_start, d.a_end), (d.b_start, d.b_end))

    def _show_selection(self) -> None:
        vi, row = self.index, self.selection.row
        if vi is None or row is None:
            self.workspace.show_selection({}, [], None, set())
            self.groups.show_diffs("Differences", [])
            self._refresh_status()
            return
        if row.kind == "group":
            aligned = vi.project.comparison.groups[row.n]
            diffs = [d for d in aligned.differences]
            current = diffs[self.selection.diff] if self.selection.diff is not None else None
            self.workspace.show_selection({A: list(aligned.group.a), B: list(aligned.group.b)},
                                          diffs, current, {row.n})
            group = aligned.group
            detail = f"{group.status.value.capitalize()} · score {group.score:.2f}"
            detail += f" · {group.reason}" if group.reason else ""
            self.groups.show_diffs(f"Differences in group {row.n + 1} ({len(diffs)})", diffs,
                                   self.selection.diff, detail)
        else:
            self.workspace.show_selection({row.side: [row.n]}, [], None, set())
            other = row.side.other.letter
            self.groups.show_diffs(f"Only in {row.side.letter}", [],
                                   detail=f"No passage of {other} reports this. Link it by hand if one does: "
                                          f"click it and the passage in {other}, then Link (Ctrl+L).")
        self._refresh_status()
        self.act.refresh()

    def _scroll_to_selection(self) -> None:
        vi, row = self.index, self.selection.row
        if vi is None or row is None:
            return
        if row.kind == "group":
            self.workspace.reveal_both(vi.group_span(row.n, A), vi.group_span(row.n, B))
        else:
            p = vi.passages[row.side][row.n]
            spans: list[tuple[int, int] | None] = [None, None]  # A's range, B's range
            spans[row.side.index] = (p.start, p.end)
            self.workspace.reveal_both(*spans)

    def _passage_clicked(self, side: Which | str, i: int) -> None:
        side = Which.coerce(side)
        self.last_clicked[side] = i
        if self.index is None:
            return
        n = self.index.group_of[side][i]
        self.select_row(Row("group", n, 0.0) if n >= 0 else Row.only(side, i), scroll=False)

    def step_group(self, delta: int) -> None:
        """Next/previous row of the (filtered) group list."""
        rows = self.groups.visible_rows()
        if not rows:
            return
        current = self.selection.row
        keys = [(r.kind, r.n) for r in rows]
        at = keys.index((current.kind, current.n)) if current and (current.kind, current.n) in keys else None
        target = (0 if delta > 0 else len(rows) - 1) if at is None else min(max(at + delta, 0), len(rows) - 1)
        self.select_row(rows[target])

    def step_diff(self, delta: int) -> None:
        """Next/previous word difference in reading order (format-only ones skipped)."""
        vi = self.index
        if vi is None:
            return
        refs = [r for r in vi.diffs if r.diff.kind is not DiffKind.FORMAT] or vi.diffs
        if not refs:
            self.statusBar().showMessage("No differences.", 3000)
            return
        row, k = self.selection.row, self.selection.diff
        keys = [(r.group, r.index) for r in refs]
        if row is not None and row.kind == "group" and k is not None and (row.n, k) in keys:
            target = keys.index((row.n, k)) + delta
        else:
            start = vi.group_span(row.n, A)[0] if row is not None and row.kind == "group" else -1
            later = [i for i, r in enumerate(refs) if r.diff.a_start >= start]
            target = (later[0] if later else 0) if delta > 0 else ((later[0] - 1) if later else len(refs) - 1)
        ref = refs[target % len(refs)]
        self.select_row(Row("group", ref.group, 0.0), scroll=False)
        self.select_diff(ref.index)

    def jump_to_note(self, n: int) -> None:
        if self.index is None or n >= len(self.index.project.notes):
            return
        note = self.index.project.notes[n]
        side = note.side
        i = self.index.passage_at(side, note.start)
        if i is not None:
            g = self.index.group_of[side][i]
            self.select_row(Row("group", g, 0.0) if g >= 0 else Row.only(side, i), scroll=False)
        self.workspace.reveal(side, note.start, max(note.end, note.start + 1), select=True)

    # -- status, title, busy -------------------------------------------------------------------

    def _refresh_status(self) -> None:
        vi = self.index
        if vi is None:
            return
        c = vi.project.comparison
        kinds = vi.kind_totals
        reviewed = vi.project.reviewed_count()
        text = (f"A {len(c.passages_a)} passages · B {len(c.passages_b)} · {len(c.groups)} groups "
                f"({reviewed} reviewed) · only A {len(c.only_a)} · only B {len(c.only_b)} · differences: "
                + ", ".join(f"{kinds[k]} {name.lower()}" for k, name in theme.KIND_LABELS.items() if kinds[k])
                + f" · {len(vi.project.notes)} notes")
        if c.run is not None and c.run.mode:
            text += f" · aligned as {c.run.mode}"
        if c.run is not None and c.run.reading_cut:
            text += f" · {c.run.reading_note()}"
        self.counts.setText(text)

    def _refresh_title(self) -> None:
        path = self.document.path
        if self.many.active:
            self.setWindowTitle(f"{self.many.title()}[*] — {APP_NAME}")
            self.setWindowModified(self.many.document.modified)
            return
        if self.document.project is None:
            name = "No comparison"
        elif path:
            name = path.replace("\\", "/").rsplit("/", 1)[-1]
        else:
            c = self.document.project.comparison
            name = f"{c.a.label} ↔ {c.b.label} (unsaved)"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(self.document.modified)

    def show_busy(self, task: Task, label: str) -> None:
        """Progress bar + Cancel in the status bar until ``task`` finishes."""
        self._busy_task = task
        self.busy_label.setText(label)
        self.progress.setValue(0)
        for widget in (self.busy_label, self.progress, self.cancel_button):
            widget.show()
        task.progressed.connect(lambda f: self.progress.setValue(int(f * 1000)))
        task.finished.connect(lambda: self._hide_busy(task))

    def _hide_busy(self, task: Task) -> None:
        if self._busy_task is task:
            self._busy_task = None
            for widget in (self.busy_label, self.progress, self.cancel_button):
                widget.hide()

    def _cancel_busy(self) -> None:
        if self._busy_task is not None:
            self._busy_task.cancel()
            self.busy_label.setText("Cancelling…")

    def error(self, title: str, error: BaseException | str) -> None:
        """Tell the user what went wrong; the window and the project stay as they were."""
        if isinstance(error, ParallaxError | str):
            text = str(error)
        else:
            text = f"Unexpected error ({type(error).__name__}): {error}"
        QMessageBox.critical(self, title, text)

    # -- window life ---------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
            self.resizeDocks([self.groups_dock], [440], Qt.Orientation.Horizontal)
            self.resizeDocks([self.groups_dock, self.notes_dock], [560, 240], Qt.Orientation.Vertical)
        if isinstance(state, QByteArray | bytes) and state:
            self.restoreState(state)
        self.act.sync.setChecked(self.settings.value("view/sync", True, type=bool))

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("view/sync", self.act.sync.isChecked())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.files.confirm_discard("closing"):
            event.ignore()
            return
        self.save_layout()
        self.files.stop_autosave()
        self.runner.shutdown()
        event.accept()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.files.drop_files(paths))


def _same_passages(new: Project | None, old: Project | None) -> bool:
    if new is None or old is None:
        return False
    a, b = new.comparison, old.comparison
    return a.passages_a == b.passages_a and a.passages_b == b.passages_b
