"""Files: opening sources (dialog, drop, paste), projects, saving, autosave and recovery,
recent files, and exporting the briefing. Slow work goes through the task runner.

Saving, the unsaved-changes prompt, autosave and export act on the project on screen
(``active``): the two-source one (``window.document``) or the many-source one
(``window.many.document``). A project file of two sources opens in the two-source workbench, one
of three or more in the coverage view.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from desktop.core.model import Cancelled, ParallaxError, Source, Which
from desktop.core.project.state import Project
from desktop.ui.sides import A, B, Sides
from desktop.ui.source_set import letter

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SOURCE_FILTER = "Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.docx *.pdf);;All files (*)"
PROJECT_FILTER = "Parallax projects (*.parallax);;All files (*)"
PROJECT_SUFFIX = ".parallax"
MAX_RECENT = 8
AUTOSAVE_MS = 60_000


def _compare(a: Source, b: Source, options, report):
    from desktop.core.pipeline import compare

    return compare(a, b, options, progress=report)


def _read(path_or_source: str | Source) -> Source:
    if isinstance(path_or_source, Source):
        return path_or_source
    from desktop.core.sources.loading import read_source

    return read_source(path_or_source)


class FileController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.pending: Sides[Source] = Sides()  # one source chosen, waiting for the other
        self.autosave_timer = QTimer(window)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    @property
    def document(self):
        """The two-source workbench's document."""
        return self.window.document

    @property
    def active(self):
        """The document on screen: the many-source one while the coverage view is shown."""
        return self.window.many.document if self.window.many.active else self.window.document

    # -- sources -------------------------------------------------------------------------------

    def choose_sources(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Choose the sources to compare (2 to 12)",
                                                self._last_dir(), SOURCE_FILTER)
        if len(paths) >= 3:
            self.window.many.open(paths)
        elif len(paths) == 1:
            self.add_source(A, paths[0])
        elif len(paths) >= 2:
            self.open_sources(paths[0], paths[1])

    def choose_source(self, side: Which | str) -> None:
        side = Which.coerce(side)
        path, _ = QFileDialog.getOpenFileName(self.window, f"Open source {side.letter}", self._last_dir(),
                                              SOURCE_FILTER)
        if path:
            self.add_source(side, path)

    def paste_source(self) -> None:
        from desktop.ui.dialogs.paste import PasteDialog

        many = self.window.many
        add = [(f"Add as source {letter(len(many.current()))}", "add")] if len(many.current()) >= 2 else []
        sides = [] if many.active else [(f"Source {side.letter}", side) for side in (A, B)]
        dialog = PasteDialog(self.window, sides + add)
        if dialog.exec():
            from desktop.core.sources.loading import source_from_text

            try:
                source = source_from_text(dialog.text(), metadata=dialog.metadata())
            except ParallaxError as exc:
                self.window.error("Cannot use the pasted text", exc)
                return
            if dialog.side() == "add":
                many.add([source])
            else:
                self.add_source(dialog.side(), source)

    def drop_files(self, paths: list[str]) -> None:
        projects = [p for p in paths if p.lower().endswith(PROJECT_SUFFIX)]
        if projects:
            self.open_project(projects[0])
        elif self.window.many.active:
            self.window.many.add(paths)
        elif len(paths) >= 3:
            self.window.many.open(paths)
        elif len(paths) >= 2:
            self.open_sources(paths[0], paths[1])
        elif paths:
            side = B if A in self.pending or self.document.project is not None else A
            self.add_source(side, paths[0])

    def drop_on_side(self, side: Which | str, paths: list[str]) -> None:
        if len(paths) == 1 and not paths[0].lower().endswith(PROJECT_SUFFIX):
            self.add_source(side, paths[0])
        else:
            self.drop_files(paths)

    def open_sources(self, a: str | Source, b: str | Source) -> None:
        """Compare two new sources: a fresh, unsaved project (after asking about unsaved work)."""
        if not self.confirm_discard("opening new sources"):
            return
        self.pending.clear()
        options = self.document.project.settings.options if self.document.project else None
        self._remember_dir(a, b)

        def work(report):
            return _compare(_read(a), _read(b), options, report)

        self._align(work, lambda c: self._adopt_new(Project.new(c)), "Aligning")

    def add_source(self, side: Which | str, source: str | Source) -> None:
        """Put one source on ``side``: re-align the open project, or wait for the other side."""
        side = Which.coerce(side)
        other = side.other
        self._remember_dir(source)
        project = self.document.project
        if project is None:
            if other in self.pending:
                pair = Sides([(side, source), (other, self.pending[other])])
                self.open_sources(pair[A], pair[B])
                return
            try:
                self.pending[side] = _read(source)
            except ParallaxError as exc:
                self.window.error("Cannot open the source", exc)
                return
            self.window.statusBar().showMessage(
                f"Source {side.letter} ready ({self.pending[side].label}); now open or drop source "
                f"{other.letter}.")
            return
        keep = project.source(other)
        options = project.settings.options

        def work(report):
            new = _read(source)
            pair = Sides([(side, new), (other, keep)])
            return _compare(pair[A], pair[B], options, report)

        def done(comparison) -> None:
            self.window.edits.adopt_realigned(comparison, f"Replace source {side.letter}")

        self._align(work, done, f"Loading source {side.letter}")

    def _align(self, work, done, label: str) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, Cancelled):
                self.window.statusBar().showMessage("Alignment cancelled; nothing changed.", 5000)
            else:
                self.window.error("Cannot compare the sources", exc)

        task = self.window.runner.run_task(work, done, failed, channel="align")
        self.window.show_busy(task, f"{label}…")

    def _adopt_new(self, project: Project) -> None:
        self.document.reset(project, saved=False)
        self._after_new_comparison()

    def _after_new_comparison(self) -> None:
        window = self.window
        first = window.groups.first_visible("group") or window.groups.first_visible()
        if first is not None:
            window.select_row(first)
        window.ready.emit()

    # -- projects ------------------------------------------------------------------------------

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open project", self._last_dir(), PROJECT_FILTER)
        if path:
            self.open_project(path)

    def open_project(self, path: str) -> None:
        if not self.confirm_discard("opening another project"):
            return

        def work(_report):
            from desktop.core.project import storage

            return storage.load_many(path)

        def done(project) -> None:
            self.add_recent(path)
            self.show_opened(project, path)

        def failed(exc: BaseException) -> None:
            self.window.error("Cannot open the project", exc)
            self.forget_recent(path) if not Path(path).exists() else None

        task = self.window.runner.run_task(work, done, failed, channel="align")
        self.window.show_busy(task, "Opening project…")

    def show_opened(self, project, path: str, *, saved: bool = True) -> None:
        """Show a project read from a file: two sources in the two-source workbench, more in the
        coverage view (``saved=False``: a recovered autosave, unsaved)."""
        from desktop.core.project.many import to_pair

        if project.count == 2:
            self.document.reset(to_pair(project), path, saved=saved)
            self._after_new_comparison()
        else:
            self.window.many.show_project(project, path, saved=saved)

    def save(self) -> bool:
        if self.active.project is None:
            return False
        if not self.active.path:
            return self.save_as()
        return self._write(self.active.path)

    def save_as(self) -> bool:
        if self.active.project is None:
            return False
        suggested = self.active.path or str(Path(self._last_dir()) / "comparison.parallax")
        path, _ = QFileDialog.getSaveFileName(self.window, "Save project", suggested, PROJECT_FILTER)
        if not path:
            return False
        if not path.lower().endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        return self._write(path)

    def _write(self, path: str) -> bool:
        from desktop.core.project import storage

        document = self.active
        try:
            backup = storage.save_project(document.project, path)
        except (ParallaxError, OSError) as exc:
            self.window.error("Cannot save the project", exc)
            return False
        self._discard_autosave()  # under the old name (None while untitled)
        document.mark_saved(path)
        self.add_recent(path)
        self._discard_autosave()
        kept = f"; the file of the older release is kept as {backup.name}" if backup else ""
        self.window.statusBar().showMessage(f"Saved {path}{kept}", 10000 if backup else 5000)
        return True

    def confirm_discard(self, doing: str) -> bool:
        """True when there is nothing unsaved, or the user saved or chose to discard it."""
        if not self.active.modified:
            return True
        answer = QMessageBox.question(
            self.window, "Unsaved changes", f"The comparison has unsaved changes. Save them before {doing}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._discard_autosave()
            return True
        return False

    # -- autosave and recovery -----------------------------------------------------------------

    def autosave(self) -> None:
        """Write the unsaved project to the autosave folder (in the background)."""
        document = self.active
        project = document.project
        if project is None or not document.modified:
            return
        path = document.path or None

        def work(_report):
            from desktop.core.project import autosave

            return autosave.write_autosave(project, path)

        self.window.runner.run_task(work, lambda _r: None, lambda exc: self.window.statusBar().showMessage(
            f"Autosave failed: {exc}", 8000), channel="autosave")

    def _discard_autosave(self) -> None:
        from desktop.core.project import autosave

        with contextlib.suppress(OSError, ParallaxError):
            autosave.discard_autosave(self.active.path or None)

    def stop_autosave(self) -> None:
        self.autosave_timer.stop()

    def offer_recovery(self) -> None:
        """On start: if a crashed session left an autosave, offer to restore the newest one."""
        from desktop.core.project import autosave, storage

        try:
            found = autosave.find_recoverable()
        except (OSError, ParallaxError):
            return
        if not found:
            return
        newest = found[0]
        original = autosave.autosave_origin(newest)
        what = f"changes to {original}" if original else "an untitled comparison"
        answer = QMessageBox.question(
            self.window, "Recover unsaved work",
            f"Parallax closed without saving {what}. Restore the autosaved copy?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Cancel:
            return  # keep it for the next start
        if answer == QMessageBox.StandardButton.Yes:
            try:
                project = storage.load_many(newest)
            except ParallaxError as exc:
                self.window.error("Cannot recover the autosave", exc)
                return
        with contextlib.suppress(OSError):
            autosave.discard_autosave(newest)
        if answer == QMessageBox.StandardButton.Yes:
            self.show_opened(project, str(original or ""), saved=False)
            self.autosave()  # this session's own autosave holds the work from now on

    # -- export --------------------------------------------------------------------------------

    def export_briefing(self) -> None:
        from desktop.ui.dialogs.export import ExportDialog, build_in_background

        document = self.active
        if document.project is None:
            return
        dialog = ExportDialog(self.window, document.project, self._last_dir())
        if dialog.exec():
            try:
                options = dialog.options()
            except ParallaxError as exc:
                self.window.error("Cannot export the briefing", exc)
                return
            build_in_background(self.window, document, dialog.output(), options)

    # -- recent files and folders --------------------------------------------------------------

    def recent(self) -> list[str]:
        value = self.window.settings.value("recent/projects", [])
        return [str(v) for v in (value if isinstance(value, list) else [value] if value else [])]

    def add_recent(self, path: str) -> None:
        items = [path] + [p for p in self.recent() if p != path]
        self.window.settings.setValue("recent/projects", items[:MAX_RECENT])

    def forget_recent(self, path: str) -> None:
        self.window.settings.setValue("recent/projects", [p for p in self.recent() if p != path])

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        for path in self.recent():
            menu.addAction(Path(path).name, lambda p=path: self.open_project(p)).setToolTip(path)
        if menu.isEmpty():
            menu.addAction("(none)").setEnabled(False)

    def _last_dir(self) -> str:
        return str(self.window.settings.value("recent/folder", str(Path.home())))

    def _remember_dir(self, *items: str | Source) -> None:
        for item in items:
            if isinstance(item, str) and item:
                self.window.settings.setValue("recent/folder", str(Path(item).parent))
