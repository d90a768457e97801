"""Paste or type an article's text as source A or B (or as one more source), with an optional
outlet and title."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Metadata, Which
from desktop.ui.sides import A, B


class PasteDialog(QDialog):
    def __init__(self, parent: QWidget | None, targets=(("Source A", A), ("Source B", B))) -> None:
        """``targets``: (label, what ``side()`` then returns), a source (``Which``) or "add"."""
        super().__init__(parent)
        self.setWindowTitle("Paste text as a source")
        self.target = QComboBox()
        for label, key in targets:
            self.target.addItem(label, key)
        self.target.setAccessibleName("Use as")
        self.outlet = QLineEdit()
        self.outlet.setAccessibleName("Outlet")
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Paste the article's text here")
        self.editor.setAccessibleName("Article text")
        form = QFormLayout()
        form.addRow("&Use as:", self.target)
        form.addRow("&Outlet:", self.outlet)
        form.addRow("&Title:", self.title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.editor.textChanged.connect(lambda: ok.setEnabled(bool(self.editor.toPlainText().strip())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 520)

    def side(self) -> Which | str:
        return self.target.currentData()

    def text(self) -> str:
        return self.editor.toPlainText()

    def metadata(self) -> Metadata:
        return Metadata(outlet=self.outlet.text().strip(), title=self.title.text().strip())
