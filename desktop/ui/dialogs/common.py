"""Pieces every dialog of the workbench builds the same way, defined once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem

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
