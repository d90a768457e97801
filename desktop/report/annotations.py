"""Real PDF annotations over laid-out words: Highlight (with QuadPoints) and Text (sticky note).

How words are located: the markup wraps every annotated run in ``<a href="pxa:N">`` (see
``Marks.href``). reportlab's Paragraph lays the run out and reports, for each line fragment it
occupies, a rectangle to ``canvas.linkURL`` -- the same code path that makes hyperlinks
clickable across line breaks. ``AnnotatingCanvas`` intercepts those pseudo-links (nothing is
written for them), converts each rectangle to page space, and when the page ends writes one
Highlight annotation per mark whose QuadPoints are the per-line rectangles, plus a Text
annotation in the right margin for analyst notes. A run split across pages gets a highlight on
each page; its sticky note appears once, next to the first line.

reportlab writes extra annotation keys raw into the file, so every value passed here is a
proper PDF object (``PDFString`` handles escaping and UTF-16 for non-ASCII text, ``PDFName``).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfdoc import PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

PREFIX = "pxa:"
CARET_CB = "pxcaret"
CARET_HALF_WIDTH = 2.0  # pt; markup.passage_markup leaves ~4 pt on each side, so 2 pt stay clear

# Annotation flags (PDF 32000-1, 12.5.3): 4 = Print, 8 = NoZoom, 16 = NoRotate.
_PRINT = 4
_ICON_FLAGS = 4 | 8 | 16
ICON = 16.0  # size of the sticky-note icon, points

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Mark:
    """What to annotate over one run of words.

    ``note`` (when set) also gives a sticky-note Text annotation with that contents.
    ``band`` (when > 0) makes each line's quad that tall, measured down from the top of the
    text: the paragraph's leading, so the highlight covers exactly the band a ``backColor``
    paints in the page content (no two-tone edges where both are shown).
    """

    contents: str
    color: tuple[float, float, float]
    author: str = "Parallax"
    note: str = ""
    band: float = 0.0
    icon_x: float = 0.0  # page x of the sticky-note icon (a margin), for marks with a note


class Marks:
    """The registry that ties markup (``href``) to annotation content; shared by all passes."""

    def __init__(self) -> None:
        self._items: list[Mark] = []

    def add(self, mark: Mark) -> str:
        """Register ``mark``; returns the ``href`` to wrap its words in."""
        self._items.append(mark)
        return f"{PREFIX}{len(self._items) - 1}"

    def __getitem__(self, key: int) -> Mark:
        return self._items[key]

    def __len__(self) -> int:
        return len(self._items)


class AnnotatingCanvas(Canvas):
    """A canvas that turns ``pxa:`` pseudo-links into Highlight and Text annotations."""

    def __init__(self, *args: object, marks: Marks, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._marks = marks
        self._pending: dict[int, list[Rect]] = {}
        self._noted: set[int] = set()
        self._icons: list[tuple[float, float]] = []  # (x, top) of this page's sticky-note icons
        self.setNamedCB(CARET_CB, draw_caret)

    def linkURL(self, url: str, rect: Rect, relative: int = 0, *args: object, **kw: object) -> None:
        if not url.startswith(PREFIX):
            super().linkURL(url, rect, relative, *args, **kw)
            return
        self._pending.setdefault(int(url[len(PREFIX):]), []).append(self._to_page(rect, relative))

    def showPage(self) -> None:
        self._flush()
        super().showPage()

    def _to_page(self, rect: Rect, relative: int) -> Rect:
        if not relative:
            return rect
        x1, y1 = self.absolutePosition(rect[0], rect[1])
        x2, y2 = self.absolutePosition(rect[2], rect[3])
        return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))

    def _flush(self) -> None:
        width, height = self._pagesize
        for key in sorted(self._pending):
            mark = self._marks[key]
            rects = merge_rects(self._pending[key])
            if mark.band > 0:
                rects = [(r[0], r[3] - mark.band, r[2], r[3]) for r in rects]
            rects = [_clip(r, width, height) for r in rects]
            rects = [r for r in rects if r[2] > r[0] and r[3] > r[1]]
            if not rects:
                continue
            self._highlight(mark, rects)
            if mark.note and key not in self._noted:
                self._noted.add(key)
                self._sticky(mark, rects[0], width, height)
        self._pending = {}
        self._icons = []

    def _highlight(self, mark: Mark, rects: list[Rect]) -> None:
        quads: list[float] = []
        for x1, y1, x2, y2 in rects:  # each quad: top-left, top-right, bottom-left, bottom-right
            quads += [x1, y2, x2, y2, x1, y1, x2, y1]
        box = (min(r[0] for r in rects), min(r[1] for r in rects),
               max(r[2] for r in rects), max(r[3] for r in rects))
        self.highlightAnnotation(
            PDFString(mark.contents), Rect=[round(v, 2) for v in box],
            QuadPoints=[round(v, 2) for v in quads], Color=list(mark.color), relative=0,
            T=PDFString(mark.author), F=_PRINT,
        )

    def _sticky(self, mark: Mark, first: Rect, width: float, height: float) -> None:
        x = min(max(mark.icon_x, 2.0), width - ICON - 2)
        top = min(first[3] + 2, height - 2)
        while any(abs(x - ix) < ICON and abs(top - itop) < ICON + 2 for ix, itop in self._icons):
            top -= ICON + 2  # notes starting on the same line: stack their icons downwards
        top = max(top, ICON + 2)
        self._icons.append((x, top))
        rect = [round(x, 2), round(top - ICON, 2), round(x + ICON, 2), round(top, 2)]
        self.textAnnotation(
            PDFString(mark.note), Rect=rect, relative=0, T=PDFString(mark.author),
            Name=PDFName("Comment"), Open="false",
            Color=list(mark.color), F=_ICON_FLAGS,
        )


def merge_rects(rects: list[Rect], gap: float = 3.0) -> list[Rect]:
    """Join rectangles of one line that touch (a run split into several markup pieces)."""
    out: list[Rect] = []
    for r in sorted(rects, key=lambda r: (-round(r[1], 1), r[0])):
        if out:
            p = out[-1]
            same_line = abs(p[1] - r[1]) < 0.5 and abs(p[3] - r[3]) < 0.5
            if same_line and -0.5 <= r[0] - p[2] <= gap:
                out[-1] = (p[0], p[1], max(p[2], r[2]), p[3])
                continue
        out.append(r)
    return out


def _clip(r: Rect, width: float, height: float) -> Rect:
    return (max(0.0, r[0]), max(0.0, r[1]), min(width, r[2]), min(height, r[3]))


def draw_caret(canvas: Canvas, kind: str, label: str | None) -> None:
    """``<onDraw name="pxcaret" label="#rrggbb"/>``: a small wedge where the other side has words."""
    info = getattr(canvas, "_curr_tx_info", None)
    if not info:
        return
    x, y = info["cur_x"], info["cur_y"]
    canvas.saveState()
    canvas.setFillColor(label or "#b03030")
    path = canvas.beginPath()
    # taller than wide, from below the baseline to near the x-height: a caret, not a comma
    path.moveTo(x - CARET_HALF_WIDTH, y - 2.0)
    path.lineTo(x + CARET_HALF_WIDTH, y - 2.0)
    path.lineTo(x, y + 4.0)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
