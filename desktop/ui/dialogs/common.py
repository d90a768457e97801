"""Pieces every dialog of the workbench builds the same way, defined once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Passage

OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel buttons that accept and reject ``dialog`` (the caller adds them to a layout)."""
    buttons = QDialogButtonBox(OK_CANCEL)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def passage_item(p: Passage, data: object, prefix: str = "") -> QListWidgetItem:
    """An unchecked, checkable list line showing a passage (its locator and first 160 characters,
    on one line) that carries ``data`` as its user role: the split dialogs' choice of passages."""
    item = QListWidgetItem(f"{prefix}{p.locator}: {' '.join(p.text.split())[:160]}")
    item.setData(Qt.ItemDataRole.UserRole, data)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    return item


def passage_list(accessible_name: str) -> QListWidget:
    """An empty list of ``passage_item`` lines, wrapping long ones."""
    widget = QListWidget()
    widget.setAccessibleName(accessible_name)
    widget.setWordWrap(True)
    return widget


def hint_over(dialog: QDialog, hint: str, body: QWidget | QLayout) -> None:
    """The split dialogs' layout: a wrapped hint, the body taking the height, OK and Cancel."""
    label = QLabel(hint)
    label.setWordWrap(True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    if isinstance(body, QLayout):
        layout.addLayout(body, 1)
    else:
        layout.addWidget(body, 1)
    layout.addWidget(ok_cancel(dialog))
