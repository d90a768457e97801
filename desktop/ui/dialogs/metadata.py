"""The form for a source's details: type, outlet, title, authors, dates, URL, language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Metadata, Source, Which
from desktop.core.sources.titles import titled
from desktop.ui.dialogs.common import ok_cancel

FIELDS = (
    ("outlet", "&Outlet:", "The newspaper, agency or site, e.g. Example Wire"),
    ("title", "&Title:", "The article's headline"),
    ("authors", "&Authors:", "Display names separated by semicolons, e.g. Maria Silva; John Doe"),
    ("issued", "&Published:", "ISO date: 2023, 2023-03 or 2023-03-22"),
    ("url", "&URL:", "Where the article was published"),
    ("accessed", "A&ccessed:", "ISO date you read it online"),
    ("language", "&Language:", "Language code, e.g. en, pt, ru"),
)

# CSL item types an analyst meets; a type read from a file that is not listed is kept and shown too.
KINDS = (
    ("article-newspaper", "Newspaper article"),
    ("webpage", "Web page"),
    ("article-magazine", "Magazine article"),
    ("post-weblog", "Blog post"),
    ("broadcast", "Broadcast transcript"),
    ("report", "Report"),
    ("article-journal", "Journal article"),
    ("document", "Other document"),
)


class MetadataDialog(QDialog):
    def __init__(self, parent: QWidget | None, side: Which | str, source: Source) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Details of source {Which.coerce(side).letter}")
        self._original = source.metadata
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        where = source.origin or "pasted text"
        form.addRow(QLabel(f"<i>{where}</i>"))
        self.kind = QComboBox()
        self.kind.setAccessibleName("Type")
        self.kind.setToolTip("The kind of source, as citation styles name it (CSL type)")
        for key, name in KINDS:
            self.kind.addItem(name, key)
        if self.kind.findData(source.metadata.kind) < 0:
            self.kind.addItem(source.metadata.kind, source.metadata.kind)
        self.kind.setCurrentIndex(self.kind.findData(source.metadata.kind))
        form.addRow("T&ype:", self.kind)
        for name, label, tip in FIELDS:
            edit = QLineEdit()
            value = getattr(source.metadata, name)
            edit.setText("; ".join(value) if name == "authors" else value)
            edit.setToolTip(tip)
            edit.setPlaceholderText(tip)
            if name == "title" and not value and titled(source).metadata.title:
                edit.setPlaceholderText(f"Empty: named “{titled(source).metadata.title}” (its first line "
                                        "or file name)")
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(label, edit)
            self.edits[name] = edit
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def metadata(self) -> Metadata:
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        authors = tuple(a.strip() for a in values.pop("authors").split(";") if a.strip())
        return Metadata(authors=authors, kind=self.kind.currentData(), **values)
