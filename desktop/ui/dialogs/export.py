"""Export the briefing: title, analyst, citation style, sections and file; the PDF is built in
the background with progress and Cancel, then the workbench offers to open it. A project of two
sources gives the side-by-side briefing (``report.briefing``), one of more sources the
many-source briefing (``report.many``, as ``parallax brief A B C``); both carry the notes as PDF
annotations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Cancelled, ParallaxError
from desktop.core.project import edits
from desktop.core.project.many import ManyProject
from desktop.core.project.state import Project

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SECTION_LABELS = {
    "overview": "Overview (counts, verdicts)",
    "shared": "Shared passages with differences",
    "only_a": "Only in A",
    "only_b": "Only in B",
    "notes": "Analyst's notes",
    "references": "References",
}
MANY_SECTION_LABELS = {
    "overview": "Coverage figure (facts by source)",
    "shared": "Each fact, every outlet's wording",
    "only_a": "A section per source (only it, it omits)",
}
_MANY_HIDDEN = ("only_b",)  # the per-source sections follow "only_a" or "only_b" (either): one box


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, project: Project | ManyProject, folder: str) -> None:
        super().__init__(parent)
        from desktop.report.options import SECTIONS  # reportlab-free module

        self.setWindowTitle("Export briefing")
        settings = project.settings
        labels = [_stem(s.label) for s in _sources(project)]
        self.title = QLineEdit(settings.title or (" vs ".join(labels) if len(labels) <= 3
                                                  else f"{len(labels)} outlets compared"))
        self.title.setAccessibleName("Title")
        self.analyst = QLineEdit(settings.analyst)
        self.analyst.setAccessibleName("Analyst")
        self.style = QComboBox()
        self.style.setAccessibleName("Citation style")
        for key, name in _styles().items():
            self.style.addItem(name, key)
        self.style.setCurrentIndex(max(self.style.findData(settings.style), 0))
        self.page = QComboBox()
        self.page.addItem("A4", "a4")
        self.page.addItem("US Letter", "letter")
        self.page.setAccessibleName("Page size")
        self.path = QLineEdit(str(Path(folder) / f"{_safe(self.title.text())}.pdf"))
        self.path.setAccessibleName("PDF file")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        box = QGroupBox("Sections")
        grid = QGridLayout(box)
        self.sections: dict[str, QCheckBox] = {}
        many = isinstance(project, ManyProject)
        shown = [key for key in SECTIONS if not (many and key in _MANY_HIDDEN)]
        for n, key in enumerate(shown):
            label = (MANY_SECTION_LABELS if many else {}).get(key) or SECTION_LABELS.get(key, key)
            check = QCheckBox(label)
            check.setChecked(True)
            grid.addWidget(check, n // 2, n % 2)
            self.sections[key] = check
        self.format_changes = QCheckBox("Show case and punctuation changes")
        self.format_changes.setChecked(True)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Analyst:", self.analyst)
        form.addRow("Citation &style:", self.style)
        form.addRow("&Page size:", self.page)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        form.addRow(file_label, where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(self.format_changes)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save briefing as", self.path.text(), "PDF (*.pdf)")
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def output(self) -> str:
        return self.path.text().strip()

    def options(self):
        from desktop.report.options import BriefingOptions

        return BriefingOptions(
            title=self.title.text().strip(), analyst=self.analyst.text().strip(),
            style=self.style.currentData() or "apa",
            sections=tuple(k for k, check in self.sections.items() if check.isChecked()),
            page_size=self.page.currentData(), show_format_changes=self.format_changes.isChecked())


def build_in_background(window: MainWindow, document, path: str, options) -> None:
    """Build the PDF off the GUI thread from a snapshot of ``document``'s project; offer to open it.
    A changed title, analyst or style is kept in the project (one undoable step)."""
    if not path:
        window.error("Cannot export the briefing", "Choose a file for the PDF.")
        return
    project = document.project
    settings = project.settings
    if (options.title, options.analyst, options.style) != (settings.title, settings.analyst, settings.style):
        document.apply("Briefing settings", edits.update_settings(
            project, title=options.title, analyst=options.analyst, style=options.style))

    def work(report):
        if isinstance(project, ManyProject):
            from desktop.report.many import build_many_briefing

            build_many_briefing(project.comparison, path, options=options, notes=project.notes,
                                progress=report)
            return path
        from desktop.report.briefing import build_briefing

        build_briefing(project.comparison, path, options=options, notes=project.notes, progress=report)
        return path

    def done(written: str) -> None:
        window.statusBar().showMessage(f"Briefing written to {written}", 8000)
        window.exported.emit(written)
        answer = QMessageBox.question(window, "Briefing exported", f"The briefing was saved as\n{written}\n\n"
                                      "Open it now?", QMessageBox.StandardButton.Open
                                      | QMessageBox.StandardButton.Close, QMessageBox.StandardButton.Open)
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(written))

    def failed(exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            window.statusBar().showMessage("Export cancelled; no file written.", 5000)
        else:
            window.error("Cannot export the briefing", exc)

    task = window.runner.run_task(work, done, failed, channel="export")
    window.show_busy(task, "Building the briefing…")


def _sources(project: Project | ManyProject):
    c = project.comparison
    return c.sources if isinstance(project, ManyProject) else (c.a, c.b)


def _styles() -> dict[str, str]:
    try:
        from desktop.core.cite import available_styles

        return available_styles()
    except (ImportError, ParallaxError):
        return {"apa": "APA"}


def _stem(label: str) -> str:
    """A source's label without a file extension ("wire.txt" -> "wire")."""
    return Path(label).stem if Path(label).suffix.lower() in (".txt", ".md", ".html", ".htm", ".pdf",
                                                              ".docx") else label


def _safe(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_" else "_" for c in name).strip()
    return (cleaned or "briefing")[:80]
