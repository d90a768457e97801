"""The coverage figure of a many-source briefing: facts x sources, which outlet reports what.

One row per fact (its number and the start of its reference wording), one column per source
(its letter in the source's colour). A cell is filled when the source reports the fact, in the
colour of the most telling kind of difference against the reference (``desktop.core.coverage``
codes printed inside, so the figure reads in grey print too); an empty cell is a fact the source
leaves out, and a cross marks the facts every other source reports. Under the grid, per source,
how many facts it reports, how many passages only it has, and how many facts it omits.

Many facts do not fit one page: the rows are cut into parts of at most ``ROWS_PER_PART``, each
a Drawing with the column header repeated, which the page flow places like any flowable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core.coverage import REFERENCE, Cell
from desktop.core.model import DiffKind, Which
from desktop.report import rtl, styles
from desktop.report.many_context import source_color
from desktop.report.styles import SANS, SANS_BOLD

ROWS_PER_PART = 40
ROW = 12.0  # row height, points
CELL = 24.0  # widest column, points
HEAD = 16.0  # column header height
NUMBER_W = 20.0
FONT = 7.0

FILLS = {
    DiffKind.NUMBER: colors.HexColor("#e8867c"),
    DiffKind.NAME: colors.HexColor("#f1b36b"),
    DiffKind.QUOTE: colors.HexColor("#bda8e6"),
    DiffKind.WORDING: colors.HexColor("#f3e2a9"),
    DiffKind.FORMAT: colors.HexColor("#e4e6ea"),
}
SAME = colors.HexColor("#bfe0c8")
REFERENCE_FILL = colors.HexColor("#3b4450")
ABSENT = colors.white
OMITTED = colors.HexColor("#b03030")
LEGEND = (
    (REFERENCE_FILL, "R reference wording"), (SAME, "= same words"), (FILLS[DiffKind.NUMBER], "n number"),
    (FILLS[DiffKind.NAME], "N name"), (FILLS[DiffKind.QUOTE], "q quote"),
    (FILLS[DiffKind.WORDING], "w other wording"), (FILLS[DiffKind.FORMAT], "f case, punctuation"),
    (ABSENT, "not reported (× every other source reports it)"),
)


@dataclass(frozen=True)
class CoverageRow:
    """One fact of the figure: its number in the briefing, a few words of it, a cell per source."""

    number: int
    text: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class SourceTotals:
    reports: int
    only: int
    omits: int


def fill(cell: Cell) -> colors.Color:
    if not cell.reported:
        return ABSENT
    if cell.reference:
        return REFERENCE_FILL
    return FILLS[cell.main] if cell.main else SAME


def coverage_drawings(width: float, rows: Sequence[CoverageRow], totals: Sequence[SourceTotals],
                      *, rows_per_part: int = ROWS_PER_PART) -> list[Drawing]:
    """The figure in parts of at most ``rows_per_part`` rows; the totals and legend end the last."""
    parts = [rows[k:k + rows_per_part] for k in range(0, len(rows), rows_per_part)] or [[]]
    return [_part(width, part, totals if n == len(parts) - 1 else None, len(totals))
            for n, part in enumerate(parts)]


def _part(width: float, rows: Sequence[CoverageRow], totals: Sequence[SourceTotals] | None,
          count: int) -> Drawing:
    cell_w = min(CELL, (width * 0.6) / max(count, 1))
    grid_x = width - count * cell_w
    foot = (3 * ROW + 4 + 2 * ROW) if totals is not None else 0.0
    height = HEAD + len(rows) * ROW + foot
    d = Drawing(width, height, initialFontName=SANS)
    top = height - HEAD
    for s in range(count):
        x = grid_x + s * cell_w
        d.add(String(x + cell_w / 2, top + 4, Which(s).letter, fontName=SANS_BOLD, fontSize=9,
                     fillColor=source_color(s), textAnchor="middle"))
    for n, row in enumerate(rows):
        _row(d, row, top - (n + 1) * ROW, grid_x, cell_w)
    if totals is not None:
        _totals(d, totals, top - len(rows) * ROW - 4, grid_x, cell_w)
        _legend(d, width, 2)
    return d


def _row(d: Drawing, row: CoverageRow, y: float, grid_x: float, cell_w: float) -> None:
    d.add(String(NUMBER_W - 4, y + 3.5, str(row.number), fontName=SANS_BOLD, fontSize=FONT,
                 fillColor=styles.INK, textAnchor="end"))
    font = _font(row.text)
    text = _fit(row.text, grid_x - NUMBER_W - 6, font) if font else ""
    if text:
        d.add(String(NUMBER_W, y + 3.5, text, fontName=font, fontSize=FONT, fillColor=styles.MUTED))
    others = sum(1 for c in row.cells if c.reported)
    for s, cell in enumerate(row.cells):
        x = grid_x + s * cell_w
        d.add(Rect(x + 0.6, y + 0.6, cell_w - 1.2, ROW - 1.2, fillColor=fill(cell), strokeColor=styles.RULE,
                   strokeWidth=0.4))
        if cell.reported:
            ink = colors.white if cell.code == REFERENCE else styles.INK
            d.add(String(x + cell_w / 2, y + 3.5, cell.code, fontName=SANS_BOLD, fontSize=FONT, fillColor=ink,
                         textAnchor="middle"))
        elif others == len(row.cells) - 1:
            d.add(String(x + cell_w / 2, y + 3.2, "×", fontName=SANS_BOLD, fontSize=8, fillColor=OMITTED,
                         textAnchor="middle"))


def _totals(d: Drawing, totals: Sequence[SourceTotals], y: float, grid_x: float, cell_w: float) -> None:
    right = grid_x + len(totals) * cell_w
    d.add(Line(NUMBER_W, y + 2, right, y + 2, strokeColor=styles.RULE, strokeWidth=0.6))
    for n, (label, values) in enumerate((("facts reported", [t.reports for t in totals]),
                                         ("passages only it has", [t.only for t in totals]),
                                         ("facts all others report, it omits", [t.omits for t in totals]))):
        row_y = y - (n + 1) * ROW
        d.add(String(grid_x - 6, row_y + 3.5, label, fontName=SANS, fontSize=FONT, fillColor=styles.MUTED,
                     textAnchor="end"))
        for s, value in enumerate(values):
            color = OMITTED if n == 2 and value else styles.INK
            d.add(String(grid_x + s * cell_w + cell_w / 2, row_y + 3.5, str(value), fontName=SANS_BOLD,
                         fontSize=FONT, fillColor=color, textAnchor="middle"))


def _legend(d: Drawing, width: float, y: float) -> None:
    """The colour key, wrapped onto two lines when it does not fit one."""
    x, line = 0.0, 1
    for color, text in LEGEND:
        item_w = 12 + stringWidth(text, SANS, FONT) + 8
        if x + item_w > width and x > 0:
            x, line = 0.0, line - 1
        row_y = y + line * ROW
        d.add(Rect(x, row_y, 9, 7, fillColor=color, strokeColor=styles.RULE, strokeWidth=0.4))
        d.add(String(x + 12, row_y + 0.5, text, fontName=SANS, fontSize=FONT, fillColor=styles.MUTED))
        x += item_w


def _font(text: str) -> str:
    """The shipped font that shows all of ``text``, or "" (Drawing strings have no per-glyph
    font fallback: a row whose words no single font covers shows the fact's number alone)."""
    return next((font for font in (SANS, styles.CJK) if styles.covered(text, font)), "")


def _fit(text: str, room: float, font: str = SANS) -> str:
    """``text`` on one line of ``room`` points, shortened with an ellipsis."""
    text = " ".join(text.split())
    if room < 20 or not text:
        return ""
    if stringWidth(text, font, FONT) > room:
        lo, hi = 0, len(text)
        while lo < hi:  # the longest prefix that fits with its ellipsis
            mid = (lo + hi + 1) // 2
            if stringWidth(text[:mid] + "…", font, FONT) <= room:
                lo = mid
            else:
                hi = mid - 1
        text = text[:lo].rstrip() + "…"
    return rtl.visual(text)
