"""Write a note on some words: its text and tags (the suggested ones or the analyst's own)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.dialogs.common import ok_cancel

SUGGESTED_TAGS = ("framing", "omission", "factual discrepancy", "confirmed")


class NoteEditor(QDialog):
    def __init__(self, parent: QWidget | None, quote: str, *, text: str = "", tags=(),
                 known_tags=()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note")
        shown = " ".join(quote.split())
        quote_label = QLabel(f"“{shown[:300]}{'…' if len(shown) > 300 else ''}”")
        quote_label.setWordWrap(True)
        quote_label.setStyleSheet("font-style: italic;")
        self.editor = QPlainTextEdit(text)
        self.editor.setPlaceholderText("What is notable here?")
        self.editor.setAccessibleName("Note text")
        self.editor.setTabChangesFocus(True)
        box = QGroupBox("Tags")
        grid = QGridLayout(box)
        choices = list(SUGGESTED_TAGS) + [t for t in known_tags if t not in SUGGESTED_TAGS]
        self.checks: dict[str, QCheckBox] = {}
        for n, tag in enumerate(choices):
            check = QCheckBox(tag)
            check.setChecked(tag in tags)
            grid.addWidget(check, n // 3, n % 3)
            self.checks[tag] = check
        self.own = QLineEdit(", ".join(t for t in tags if t not in choices))
        self.own.setPlaceholderText("Your own tags, separated by commas")
        self.own.setAccessibleName("Other tags")
        grid.addWidget(self.own, len(choices) // 3 + 1, 0, 1, 3)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(quote_label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(box)
        layout.addWidget(buttons)
        self.resize(520, 380)

    def text(self) -> str:
        return self.editor.toPlainText().strip()

    def tags(self) -> tuple[str, ...]:
        chosen = [tag for tag, check in self.checks.items() if check.isChecked()]
        chosen += [t.strip() for t in self.own.text().split(",") if t.strip() and t.strip() not in chosen]
        return tuple(chosen)
