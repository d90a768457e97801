"""The open project as a QObject: the current ``Project`` snapshot, an undo stack and signals.

Every change goes through ``apply(label, new_project)``: the command on the ``QUndoStack``
just swaps immutable snapshots (made by ``desktop.core.project.edits``), so undo and redo cannot get
out of step with the data and cost nothing to compute.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.project.state import Project


class _Swap(QUndoCommand):
    def __init__(self, document: Document, label: str, before: Project, after: Project) -> None:
        super().__init__(label)
        self._document, self._before, self._after = document, before, after

    def redo(self) -> None:
        self._document._set(self._after)

    def undo(self) -> None:
        self._document._set(self._before)


class Document(QObject):
    """``project`` is None until two sources (or a project file) are opened."""

    projectChanged = Signal(object, object)  # new project, old project (either may be None)
    modifiedChanged = Signal(bool)
    pathChanged = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.path = ""
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._never_saved = False

    @Slot(bool)
    def _clean_changed(self, _clean: bool) -> None:
        self.modifiedChanged.emit(self.modified)

    @property
    def modified(self) -> bool:
        return self.project is not None and (self._never_saved or not self.undo_stack.isClean())

    def reset(self, project: Project | None, path: str = "", *, saved: bool = True) -> None:
        """Start over with ``project`` (opened or freshly aligned): history cleared."""
        self.undo_stack.clear()
        self._never_saved = not saved
        old, self.project = self.project, project
        self.set_path(path)
        self.projectChanged.emit(project, old)
        self.modifiedChanged.emit(self.modified)

    def apply(self, label: str, project: Project) -> None:
        """Make ``project`` current as one undoable step called ``label``."""
        if self.project is None:
            raise RuntimeError("no project is open")
        if project is self.project:
            return
        self.undo_stack.push(_Swap(self, label, self.project, project))

    def edit(self, label: str, fn: Callable[..., Project], *args: object, **kwargs: object) -> None:
        """``apply(label, fn(project, *args, **kwargs))``; an ``EditError`` propagates unchanged."""
        if self.project is None:
            raise RuntimeError("no project is open")
        self.apply(label, fn(self.project, *args, **kwargs))

    def mark_saved(self, path: str) -> None:
        self._never_saved = False
        self.set_path(path)
        self.undo_stack.setClean()
        self.modifiedChanged.emit(self.modified)

    def set_path(self, path: str) -> None:
        if path != self.path:
            self.path = path
            self.pathChanged.emit(path)

    def _set(self, project: Project) -> None:
        old, self.project = self.project, project
        self.projectChanged.emit(project, old)
