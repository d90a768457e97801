"""Options of a re-alignment: threshold, granularity, ignore case / punctuation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import AlignOptions, Granularity
from desktop.ui.dialogs.common import ok_cancel


class RealignDialog(QDialog):
    def __init__(self, parent: QWidget | None, options: AlignOptions) -> None:
        super().__init__(parent)
        self.setWindowTitle("Re-align")
        self.default = QCheckBox("Use the tuned default threshold")
        self.default.setChecked(options.threshold is None)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setValue(options.threshold if options.threshold is not None else 0.5)
        self.threshold.setEnabled(options.threshold is not None)
        self.threshold.setToolTip("Lower links more passages (and more wrongly); higher links fewer")
        self.threshold.setAccessibleName("Threshold")
        self.default.toggled.connect(lambda on: self.threshold.setEnabled(not on))
        self.granularity = QComboBox()
        self.granularity.addItem("Sentences", Granularity.SENTENCE)
        self.granularity.addItem("Paragraphs", Granularity.PARAGRAPH)
        self.granularity.setCurrentIndex(0 if options.granularity is Granularity.SENTENCE else 1)
        self.granularity.setAccessibleName("Granularity")
        self.case = QCheckBox("Ignore case")
        self.case.setChecked(options.ignore_case)
        self.punct = QCheckBox("Ignore punctuation")
        self.punct.setChecked(options.ignore_punctuation)
        form = QFormLayout()
        form.addRow(self.default)
        form.addRow("&Threshold:", self.threshold)
        form.addRow("&Passages:", self.granularity)
        form.addRow(self.case)
        form.addRow(self.punct)
        buttons = ok_cancel(self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Re-align")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> AlignOptions:
        return AlignOptions(
            threshold=None if self.default.isChecked() else round(self.threshold.value(), 2),
            granularity=self.granularity.currentData(),
            ignore_case=self.case.isChecked(),
            ignore_punctuation=self.punct.isChecked(),
        )
