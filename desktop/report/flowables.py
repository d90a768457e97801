"""Custom flowables: headings that bookmark themselves, the side-by-side pair, the overview figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from desktop.report import rtl, styles
from desktop.report.styles import SANS, SANS_BOLD


@dataclass(frozen=True)
class Outline:
    """An outline (bookmark) entry; ``toc`` entries also go into the table of contents."""

    key: str
    title: str
    level: int = 0
    toc: bool = False
    closed: bool = False


def mark_outline(canv, outline: Outline | None, top: float) -> None:  # noqa: ANN001 (reportlab canvas)
    """Bind ``outline.key`` to this spot (``top`` in flowable coordinates) and add the entry."""
    if outline is None:
        return
    canv.bookmarkHorizontal(outline.key, 0, top)
    canv.addOutlineEntry(outline.title, outline.key, outline.level, closed=outline.closed or None)


class Heading(Paragraph):
    """A Paragraph that adds itself to the PDF outline (and, via the doc template, the TOC)."""

    def __init__(self, text: str, style, outline: Outline) -> None:  # noqa: ANN001
        super().__init__(text, style)
        self.outline = outline

    def draw(self) -> None:
        mark_outline(self.canv, self.outline, self.height + 6)
        super().draw()

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803 (reportlab API)
        return []  # a heading never breaks; keepWithNext moves it with its content


# ---- side-by-side pair ---------------------------------------------------------------------

GUTTER = 10.0
PAD = 6.0
HEAD_GAP = 4.0
ITEM_GAP = 5.0
BAR = 2.2  # the coloured side bar at the left edge of each column
MIN_SPLIT = 40.0  # do not start a pair in less room than this (about two lines and a header)
KEEP_WHOLE = 200.0  # a pair no taller than this moves to the next page whole instead of breaking


class Pair(Flowable):
    """Two columns of flowables side by side (A left, B right) between a full-width header
    and footer.

    Long columns break across pages: ``split`` fills the room left on the page from both
    columns (Paragraphs split between lines) and continues the rest under ``cont_header``; the
    footer goes with the last piece. Items whose style has ``keepWithNext`` (the locators)
    never end a column piece.
    """

    def __init__(self, header: Sequence[Flowable], left: Sequence[Flowable], right: Sequence[Flowable],
                 *, footer: Sequence[Flowable] = (), cont_header: Sequence[Flowable] = (),
                 outline: Outline | None = None) -> None:
        super().__init__()
        self.header, self.left, self.right = list(header), list(left), list(right)
        self.footer, self.cont_header = list(footer), list(cont_header)
        self.outline = outline
        self._sizes: dict[int, float] = {}

    def _colw(self, width: float) -> float:
        return (width - GUTTER) / 2 - 2 * PAD - BAR

    def _stack(self, items: Sequence[Flowable], width: float) -> float:
        total = 0.0
        for n, item in enumerate(items):
            _, h = item.wrap(width, 1e6)
            self._sizes[id(item)] = h
            total += h + (ITEM_GAP if n else 0.0)
        return total

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if getattr(self, "_wrapped_at", None) == availWidth:
            return availWidth, self.height  # the same story objects are laid out in every pass
        self._wrapped_at = availWidth
        self.width = availWidth
        colw = self._colw(availWidth)
        head = self._stack(self.header, availWidth) + (HEAD_GAP if self.header else 0.0)
        body = max(self._stack(self.left, colw), self._stack(self.right, colw)) + 2 * PAD
        foot = self._stack(self.footer, availWidth) + (HEAD_GAP if self.footer else 0.0)
        self._foot_h = foot
        self.height = head + body + foot
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if self.wrap(availWidth, availHeight)[1] <= KEEP_WHOLE:
            return []
        head = self._stack(self.header, availWidth) + (HEAD_GAP if self.header else 0.0)
        room = availHeight - head - 2 * PAD
        if room < MIN_SPLIT:
            return []
        colw = self._colw(availWidth)
        left, left_rest = _fit(self.left, colw, room)
        right, right_rest = _fit(self.right, colw, room)
        if not (left or right) or not (left_rest or right_rest):
            return []  # nothing fits, or only the footer would be left over: move the whole pair
        first = Pair(self.header, left, right, cont_header=self.cont_header, outline=self.outline)
        rest = Pair(self.cont_header, left_rest, right_rest, footer=self.footer, cont_header=self.cont_header)
        return [first, rest]

    def draw(self) -> None:
        canv = self.canv
        mark_outline(canv, self.outline, self.height + 4)
        y = self.height
        for item in self.header:
            y -= self._sizes[id(item)]
            item.drawOn(canv, 0, y)
        if self.header:
            y -= HEAD_GAP
        bottom = self._foot_h
        foot_y = bottom - (HEAD_GAP if self.footer else 0.0)
        for item in self.footer:
            foot_y -= self._sizes[id(item)]
            item.drawOn(canv, 0, foot_y)
        colw = self._colw(self.width)
        box_w = colw + 2 * PAD + BAR
        for x, items, tint, side in ((0.0, self.left, styles.TINT_A, styles.SIDE_A),
                                     (box_w + GUTTER, self.right, styles.TINT_B, styles.SIDE_B)):
            canv.saveState()
            canv.setFillColor(tint)
            canv.rect(x, bottom, box_w, y - bottom, stroke=0, fill=1)
            canv.setFillColor(side)
            canv.rect(x, bottom, BAR, y - bottom, stroke=0, fill=1)
            canv.restoreState()
            top = y - PAD
            for n, item in enumerate(items):
                top -= self._sizes[id(item)] + (ITEM_GAP if n else 0.0)
                item.drawOn(canv, x + BAR + PAD, top)


def _fit(items: Sequence[Flowable], width: float, room: float) -> tuple[list[Flowable], list[Flowable]]:
    """Split a column: what fits in ``room`` and what continues on the next page."""
    taken: list[Flowable] = []
    used = 0.0
    for n, item in enumerate(items):
        gap = ITEM_GAP if taken else 0.0
        _, h = item.wrap(width, room - used - gap)
        if used + gap + h <= room:
            taken.append(item)
            used += gap + h
            continue
        parts = item.split(width, room - used - gap) if room - used - gap > 0 else []
        rest = list(items[n + 1:])
        if len(parts) >= 2:
            taken.append(parts[0])
            rest = list(parts[1:]) + rest
        else:
            rest = [item] + rest
        while taken and getattr(getattr(taken[-1], "style", None), "keepWithNext", 0):
            rest.insert(0, taken.pop())
        return taken, rest
    return taken, []


# ---- overview figure -----------------------------------------------------------------------


@dataclass(frozen=True)
class Strip:
    """One source for the overview: passage lengths, which are aligned, and labels."""

    label: str
    lengths: Sequence[int]
    aligned: frozenset[int]


def overview_drawing(width: float, a: Strip, b: Strip,
                     links: Sequence[tuple[Sequence[int], Sequence[int], bool]]) -> Drawing:
    """Two strips of passages (A above, B below) with a ribbon for every aligned group.

    ``links`` are (passages of A, passages of B, confirmed). Aligned passages take their
    side's colour, unmatched ones are grey with a dark tick, so coverage shows at a glance.
    """
    height, strip_h, label_w = 150.0, 16.0, 18.0
    top_y, bottom_y = height - 34.0, 38.0
    d = Drawing(width, height, initialFontName=SANS)
    span = width - label_w - 2
    xa = _segments(a.lengths, label_w, span)
    xb = _segments(b.lengths, label_w, span)
    for ia, ib, confirmed in links:
        for i in ia:
            for j in ib:
                (a0, a1), (b0, b1) = xa[i], xb[j]
                fill = colors.Color(0.16, 0.42, 0.36, alpha=0.42 if confirmed else 0.2)
                d.add(Polygon([a0, top_y, a1, top_y, b1, bottom_y + strip_h, b0, bottom_y + strip_h],
                              fillColor=fill, strokeColor=None, strokeWidth=0))
    for strip, xs, y, side in ((a, xa, top_y, styles.SIDE_A), (b, xb, bottom_y, styles.SIDE_B)):
        for n, (x0, x1) in enumerate(xs):
            aligned = n in strip.aligned
            gap = 0.5 if x1 - x0 > 2 else 0.0
            fill = side if aligned else styles.UNMATCHED
            d.add(Rect(x0, y, max(x1 - x0 - gap, 0.3), strip_h, fillColor=fill, strokeColor=None,
                       strokeWidth=0))
            if not aligned and x1 - x0 >= 2:  # narrower bars: the grey alone (ticks would merge)
                tick_y = y + strip_h if strip is a else y - 3
                d.add(Line((x0 + x1) / 2, tick_y, (x0 + x1) / 2, tick_y + 3, strokeColor=styles.INK,
                           strokeWidth=0.6))
        d.add(String(0, y + 4, "A" if strip is a else "B", fontName=SANS_BOLD, fontSize=11, fillColor=side))
    # Drawing strings have no font fallback: a label the main font cannot show is left to the caption.
    for label, y in ((a.label, top_y + strip_h + 7), (b.label, bottom_y - 13)):
        if styles.covered(label):
            drawn = rtl.visual(label[:110])  # graphics strings: shaped and reordered here
            d.add(String(label_w, y, drawn, fontName=SANS, fontSize=8, fillColor=styles.MUTED))
    _legend(d, label_w, 2)
    return d


def _segments(lengths: Sequence[int], x0: float, span: float) -> list[tuple[float, float]]:
    total = sum(max(n, 1) for n in lengths) or 1
    out, x = [], x0
    for n in lengths:
        w = span * max(n, 1) / total
        out.append((x, x + w))
        x += w
    return out


def _legend(d: Drawing, x: float, y: float) -> None:
    items = ((styles.SIDE_A, "aligned passage of A"), (styles.SIDE_B, "aligned passage of B"),
             (styles.UNMATCHED, "unmatched passage"),
             (colors.Color(0.16, 0.42, 0.36, alpha=0.42), "link (darker: confirmed)"))
    for color, text in items:
        d.add(Rect(x, y, 9, 7, fillColor=color, strokeColor=None, strokeWidth=0))
        d.add(String(x + 12, y + 0.5, text, fontName=SANS, fontSize=7, fillColor=styles.MUTED))
        x += 22 + 3.9 * len(text)
