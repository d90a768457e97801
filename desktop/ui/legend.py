"""A colour legend: one row of chips, each a tint and what it means, for the two-source panes and
the coverage view alike."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.ui import theme


def chip_bar(name: str, heading: str, chips: Iterable[tuple[str, QColor | None, str]]) -> QWidget:
    """``heading`` then one chip per (label, colour, explanation): the label on its colour (no
    colour: an outlined chip), the explanation as its tooltip and in its accessible name, so a
    screen reader hears what the tint means. ``name`` is the bar's accessible name."""
    bar = QWidget()
    bar.setAccessibleName(name)
    row = QHBoxLayout(bar)
    row.setContentsMargins(8, 3, 8, 3)
    row.setSpacing(6)
    row.addWidget(QLabel(heading))
    text_colour = theme.colours().kind_text.name()
    for label, colour, explanation in chips:
        background = (f"background: {colour.name()}; color: {text_colour};" if colour
                      else "border: 1px solid gray;")
        chip = QLabel(label)
        chip.setStyleSheet(f"QLabel {{ {background} border-radius: 3px; padding: 1px 6px; }}")
        chip.setToolTip(explanation)
        chip.setAccessibleName(f"{label}: {explanation}")
        row.addWidget(chip)
    row.addStretch(1)
    return bar
