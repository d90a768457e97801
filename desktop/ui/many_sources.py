"""A source of a many-source comparison as a work to cite: its details (metadata) edited as one
undoable step of the many-source history (``edits.set_metadata`` takes a ``ManyProject``), and
its in-text citation copied, told apart from the comparison's other sources as the briefing's
reference list does. They act on the source selected in the source list (or the one asked for
from its context menu); the window's Copy Citation and Details of Selected Source come here
while the coverage view is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.model import Metadata, Which
from desktop.core.project import edits
from desktop.core.project.many import ManyProject
from desktop.core.sources.titles import titled
from desktop.ui.edit_ops import citation_to_clipboard

if TYPE_CHECKING:
    from desktop.ui.many_ops import ManyController


def citation_work(project: ManyProject, k: int):
    """Background work: source ``k``'s in-text citation, plain and rich, in the project's style,
    cited with the other sources (an untitled one cited by its headline or file name)."""
    metas = [titled(source).metadata for source in project.comparison.sources]
    style = project.settings.style

    def work(_report) -> tuple[str, str]:
        from desktop.core.cite import cite_passage

        others = metas[:k] + metas[k + 1:]
        return tuple(cite_passage(metas[k], None, style, fmt, cited_with=others) for fmt in ("text", "html"))

    return work


class ManySources:
    def __init__(self, many: ManyController) -> None:
        self.many = many
        sources = many.page.sources
        sources.detailsRequested.connect(self.edit_metadata)
        sources.citeRequested.connect(self.copy_citation)

    def selected(self) -> int:
        """The source selected in the list (-1: none, or no many-source project)."""
        project = self.many.project
        k = self.many.page.sources.current()
        return k if project is not None and 0 <= k < project.count else -1

    def edit_metadata(self, k: int = -1) -> bool:
        """The details dialog of source ``k`` (-1: the selected one); accepted, one undoable step."""
        k = k if k >= 0 else self.selected()
        project = self.many.project
        if project is None or not 0 <= k < project.count:
            self.many.window.statusBar().showMessage("Select a source in the list first.", 5000)
            return False
        from desktop.ui.dialogs.metadata import MetadataDialog

        dialog = MetadataDialog(self.many.window, Which(k), project.source(k))
        return bool(dialog.exec()) and self.set_metadata(k, dialog.metadata())

    def set_metadata(self, k: int, metadata: Metadata) -> bool:
        project = self.many.project
        if project is None or metadata == project.source(k).metadata:
            return False
        self.many.document.apply(f"Edit details of {Which(k).letter}",
                                 edits.set_metadata(project, Which(k), metadata))
        self.many.page.sources.select(k)
        return True

    def copy_citation(self, k: int = -1) -> None:
        """Put source ``k``'s citation (-1: the selected source's) on the clipboard, plain and rich."""
        k = k if k >= 0 else self.selected()
        project, window = self.many.project, self.many.window
        if project is None or not 0 <= k < project.count:
            window.statusBar().showMessage("Select a source in the list first.", 5000)
            return
        citation_to_clipboard(window, citation_work(project, k))
