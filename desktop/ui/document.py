"""The open project as a QObject: the current project snapshot, an undo stack and signals.

The window holds two: the two-source ``Project`` of the side-by-side workbench, and the
``ManyProject`` of the coverage view (three or more sources); a ``QUndoGroup`` makes the
shown one's stack the target of Undo and Redo.

Every change goes through ``apply(label, new_project)``: the command on the ``QUndoStack``
just swaps immutable snapshots (made by ``desktop.core.project.edits``), so undo and redo cannot get
out of step with the data and cost nothing to compute.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.project.many import ManyProject
from desktop.core.project.state import Project

AnyProject = Project | ManyProject


class _Swap(QUndoCommand):
    def __init__(self, document: Document, label: str, before: AnyProject, after: AnyProject) -> None:
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
        self.project: AnyProject | None = None
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

    def reset(self, project: AnyProject | None, path: str = "", *, saved: bool = True) -> None:
        """Start over with ``project`` (opened or freshly aligned): history cleared."""
        self.undo_stack.clear()
        self._never_saved = not saved
        old, self.project = self.project, project
        self.set_path(path)
        self.projectChanged.emit(project, old)
        self.modifiedChanged.emit(self.modified)

    def apply(self, label: str, project: AnyProject) -> None:
        """Make ``project`` current as one undoable step called ``label``."""
        if self.project is None:
            raise RuntimeError("no project is open")
        if project is self.project:
            return
        self.undo_stack.push(_Swap(self, label, self.project, project))

    def edit(self, label: str, fn: Callable[..., AnyProject], *args: object, **kwargs: object) -> None:
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

    def _set(self, project: AnyProject) -> None:
        old, self.project = self.project, project
        self.projectChanged.emit(project, old)
