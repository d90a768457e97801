"""Fonts and colours of the workbench.

The PySide6 wheel ships no fonts: the bundled ones in ``resources/fonts`` are registered with
``QFontDatabase`` and appended to every font's family list, so Cyrillic, CJK and emoji still
render on a machine without system fonts, while the native font stays first.

Colours follow the system's light or dark scheme; every colour has a tooltip text (``LEGEND``)
so the views can explain what a tint means.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette

from desktop import paths
from desktop.core import components
from desktop.core.model import DiffKind

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
              "DroidSansFallbackFull.ttf", "Symbola.ttf")
_fallbacks: list[str] = []


def install_fonts() -> list[str]:
    """Register the bundled fonts once; return their family names (fallback order)."""
    if _fallbacks:
        return list(_fallbacks)
    for name in FONT_FILES:
        path = paths.resource("fonts", name)
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
        if font_id < 0:
            reason = "cannot load" if path.exists() else f"{path} not found"
            components.report(components.Missing(
                f"font {name}", reason, "characters only it covers may show as boxes in the workbench"))
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _fallbacks:
                _fallbacks.append(family)
    return list(_fallbacks)


def with_fallbacks(font: QFont) -> QFont:
    """``font`` with the bundled families appended after its own."""
    result = QFont(font)
    families = [f for f in font.families() or [font.family()] if f]
    result.setFamilies(families + [f for f in install_fonts() if f not in families])
    return result


def apply_application_font(app: QGuiApplication) -> None:
    app.setFont(with_fallbacks(app.font()))


def reading_font(base: QFont | None = None) -> QFont:
    """The font of the source panes: the UI font, a little larger."""
    font = with_fallbacks(base or QGuiApplication.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(size + 1.5, 10.5))
    return font


def is_dark() -> bool:
    """True when the system (or, failing that, the palette) is dark."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


@dataclass(frozen=True)
class Colours:
    # two blues that alternate so neighbouring groups stay apart; both far from the quote green
    aligned: tuple[QColor, QColor]
    selected: QColor
    selected_edge: QColor
    unmatched: QColor
    rejected: QColor
    confirmed: QColor
    find: QColor
    note: QColor
    kinds: dict[DiffKind, QColor]
    kind_text: QColor

    def kind(self, kind: DiffKind) -> QColor:
        return self.kinds[kind]


_LIGHT = Colours(
    aligned=(QColor("#e4eefb"), QColor("#d3ecf7")),
    selected=QColor("#c4dbf7"),
    selected_edge=QColor("#3b78c4"),
    unmatched=QColor("#fde4d0"),
    rejected=QColor("#ececec"),
    confirmed=QColor("#2e8b57"),
    find=QColor("#ffe14d"),
    note=QColor("#b05fc7"),
    kinds={DiffKind.NUMBER: QColor("#ffb870"), DiffKind.NAME: QColor("#d3b8f5"),
           DiffKind.QUOTE: QColor("#a8e3a0"), DiffKind.WORDING: QColor("#fff09a"),
           DiffKind.FORMAT: QColor("#dcdcdc")},
    kind_text=QColor("#1a1a1a"),
)

_DARK = Colours(
    aligned=(QColor("#24374f"), QColor("#1c4557")),
    selected=QColor("#2f5584"),
    selected_edge=QColor("#7fb2f0"),
    unmatched=QColor("#55361f"),
    rejected=QColor("#3a3a3a"),
    confirmed=QColor("#6fcf97"),
    find=QColor("#8a7400"),
    note=QColor("#d49be6"),
    kinds={DiffKind.NUMBER: QColor("#b86a1e"), DiffKind.NAME: QColor("#7350a8"),
           DiffKind.QUOTE: QColor("#3f8a45"), DiffKind.WORDING: QColor("#8a7a1f"),
           DiffKind.FORMAT: QColor("#555555")},
    kind_text=QColor("#f2f2f2"),
)


def colours() -> Colours:
    return _DARK if is_dark() else _LIGHT


KIND_LABELS = {
    DiffKind.NUMBER: "Number",
    DiffKind.NAME: "Name",
    DiffKind.QUOTE: "Quote",
    DiffKind.WORDING: "Wording",
    DiffKind.FORMAT: "Format",
}

LEGEND = {
    "aligned": "Aligned passage: the other source reports the same facts (the gutter band shows where).",
    "aligned_alt": "Aligned passage of the next group: neighbouring groups alternate between two "
                   "blues so they stay apart.",
    "selected": "The selected group: its passages on both sides.",
    "unmatched": "Only in this source: no passage of the other source reports it.",
    "rejected": "A group the analyst rejected: kept, but left out of the briefing.",
    DiffKind.NUMBER: "Number changed: a figure or a date differs between the sources.",
    DiffKind.NAME: "Name changed: a person, place or organisation differs.",
    DiffKind.QUOTE: "Quote changed: words inside quotation marks differ.",
    DiffKind.WORDING: "Wording changed: other words differ.",
    DiffKind.FORMAT: "Format only: case or punctuation differs.",
}
