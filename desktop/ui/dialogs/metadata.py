"""The form for a source's details: outlet, title, authors, dates, URL, language."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core.model import Metadata, Source

FIELDS = (
    ("outlet", "&Outlet:", "The newspaper, agency or site, e.g. Example Wire"),
    ("title", "&Title:", "The article's headline"),
    ("authors", "&Authors:", "Display names separated by semicolons, e.g. Maria Silva; John Doe"),
    ("issued", "&Published:", "ISO date: 2023, 2023-03 or 2023-03-22"),
    ("url", "&URL:", "Where the article was published"),
    ("accessed", "A&ccessed:", "ISO date you read it online"),
    ("language", "&Language:", "Language code, e.g. en, pt, ru"),
)

OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel


class MetadataDialog(QDialog):
    def __init__(self, parent: QWidget | None, side: str, source: Source) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Details of source {side.upper()}")
        self._original = source.metadata
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        where = source.origin or "pasted text"
        form.addRow(QLabel(f"<i>{where}</i>"))
        for name, label, tip in FIELDS:
            edit = QLineEdit()
            value = getattr(source.metadata, name)
            edit.setText("; ".join(value) if name == "authors" else value)
            edit.setToolTip(tip)
            edit.setPlaceholderText(tip)
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(label, edit)
            self.edits[name] = edit
        buttons = QDialogButtonBox(OK_CANCEL)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def metadata(self) -> Metadata:
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        authors = tuple(a.strip() for a in values.pop("authors").split(";") if a.strip())
        return Metadata(authors=authors, kind=self._original.kind, **values)
