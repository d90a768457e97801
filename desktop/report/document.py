"""The one place that holds reportlab document settings: page geometry, page templates with
headers and footers ("page X of Y"), the outline and table of contents, reproducible output.

``BriefingDoc.run`` builds in several passes (``multiBuild``): the table of contents and the
total page count are only known after a pass, so a pass uses the previous pass's figures and
the build repeats until they stop changing (usually three passes).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from desktop import __version__
from desktop.core.model import Which
from desktop.core.sources.metadata import parse_date
from desktop.report import styles
from desktop.report.annotations import AnnotatingCanvas, Marks
from desktop.report.styles import escape, rich

PAGE_SIZES = {"a4": A4, "letter": LETTER}
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
ICON_INSET = 5.0  # sticky-note icons sit this far into the side margins
REPRODUCIBLE = 1  # reportlab's invariant mode: fixed dates and IDs, same input -> same bytes
MAX_PASSES = 6


@dataclass(frozen=True)
class DocInfo:
    """What the pages and the file's metadata show."""

    title: str
    author: str
    subject: str
    keywords: Sequence[str]
    running_left: str  # left of the footer, e.g. "A: Outlet · B: Outlet"
    date: str


def frame_width(page_size: str) -> float:
    return PAGE_SIZES[page_size][0] - 2 * MARGIN_X


def icon_x(page_size: str, side: Which | str) -> float:
    """Page x of a sticky-note icon: left margin for notes on A, right margin for B (or a letter)."""
    if Which.coerce(side).index == 0:
        return MARGIN_X - ICON_INSET - 16
    return PAGE_SIZES[page_size][0] - MARGIN_X + ICON_INSET


class PageCounter(Flowable):
    """Zero-size flowable at the end of the story: records the page count of each pass."""

    def __init__(self) -> None:
        super().__init__()
        self.last = 0
        self.current = 0

    def isIndexing(self) -> int:  # noqa: N802 (reportlab API)
        return 1

    def beforeBuild(self) -> None:  # noqa: N802
        self.last, self.current = self.current, 0

    def afterBuild(self) -> None:  # noqa: N802
        pass

    def notify(self, kind: str, stuff: object) -> None:
        pass  # indexing flowables hear every TOC entry; the page count needs none

    def isSatisfied(self) -> bool:  # noqa: N802
        return self.current == self.last

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.current = self.canv.getPageNumber()


def contents_table() -> TableOfContents:
    s = styles.stylesheet()
    toc = TableOfContents(levelStyles=[s["toc0"], s["toc1"]], dotsMinLevel=0)
    toc.tableStyle = [("FONTNAME", (0, 0), (-1, -1), styles.SANS),
                      ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                      ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    return toc


class BriefingDoc(BaseDocTemplate):
    """Cover page template (no running header) and body template, both with the footer."""

    def __init__(self, filename: str, info: DocInfo, page_size: str) -> None:
        super().__init__(
            filename, pagesize=PAGE_SIZES[page_size], leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=info.title, author=info.author,
            subject=info.subject, keywords=list(info.keywords), creator=f"Parallax {__version__}",
            invariant=REPRODUCIBLE, displayDocTitle=1, initialFontName=styles.SANS, initialFontSize=9,
            initialLeading=12,
        )
        self.info = info
        self.counter = PageCounter()
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPage=partial(self._decorate, header=False)),
            PageTemplate("body", [frame], onPage=partial(self._decorate, header=True)),
        ])

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline is not None and outline.toc:
            self.notify("TOCEntry", (outline.level, escape(outline.title), self.page, outline.key))

    def _decorate(self, canv, doc, *, header: bool) -> None:  # noqa: ANN001 (reportlab callback)
        width, height = self.pagesize
        s = styles.stylesheet()
        canv.saveState()
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        if header:
            y = height - MARGIN_TOP + 10
            _line(canv, self.info.title, MARGIN_X, y, self.width * 0.7, s["running_bold"])
            _line(canv, self.info.date, MARGIN_X + self.width * 0.7, y, self.width * 0.3, s["running_right"])
            canv.line(MARGIN_X, y - 3, width - MARGIN_X, y - 3)
        y = MARGIN_BOTTOM - 20
        canv.line(MARGIN_X, y + 13, width - MARGIN_X, y + 13)
        _line(canv, self.info.running_left, MARGIN_X, y, self.width * 0.75, s["running"])
        page, total = canv.getPageNumber(), self.counter.last
        label = f"page {page} of {total}" if total else f"page {page}"
        _line(canv, label, MARGIN_X + self.width * 0.75, y, self.width * 0.25, s["running_right"])
        canv.restoreState()

    def run(self, story: list[Flowable], marks: Marks, progress: Callable[[float], None] | None) -> None:
        """Build the PDF (several passes); ``progress`` gets fractions and may raise Cancelled."""
        if progress is not None:
            self.setProgressCallBack(_Progress(progress, len(story)))
        self.multiBuild(story + [self.counter], maxPasses=MAX_PASSES,
                        canvasmaker=partial(_dated_canvas, marks=marks, stamp=pdf_date(self.info.date)))


def pdf_date(shown: str) -> str:
    """The PDF date ("D:20240508000000+00'00'") of the briefing's own date as printed on it.

    Invariant mode would stamp every file 2000-01-01; the briefing's date is as reproducible
    (the same options give the same bytes) and tells a reader's file manager the truth. A date
    that does not parse (free text) falls back to today's.
    """
    iso = parse_date(shown)[0] or datetime.date.today().isoformat()
    year, month, day = (iso.split("-") + ["01", "01"])[:3]
    return f"D:{year}{month}{day}000000+00'00'"


def _dated_canvas(*args: object, marks: Marks, stamp: str, **kwargs: object) -> AnnotatingCanvas:
    canv = AnnotatingCanvas(*args, marks=marks, **kwargs)
    canv.setDateFormatter(lambda *_ymdhms: stamp)  # CreationDate and ModDate
    return canv


class _Progress:
    """Maps reportlab's (kind, value) progress events to one fraction over the expected passes."""

    EXPECTED_PASSES = 3

    def __init__(self, report: Callable[[float], None], size: int) -> None:
        self.report, self.size, self.passes, self.last = report, max(size, 1), 1, 0.0

    def __call__(self, kind: str, value: int) -> None:
        if kind == "PASS":
            self.passes = value
        elif kind == "PROGRESS":
            done = (min(self.passes, self.EXPECTED_PASSES) - 1 + min(value / self.size, 1.0))
            fraction = min(done / self.EXPECTED_PASSES, 0.99)
            if fraction > self.last:  # split flowables make reportlab's count step back
                self.last = fraction
                self.report(fraction)


def _line(canv, text: str, x: float, y: float, width: float, style) -> None:  # noqa: ANN001
    """One line of running text (header/footer), shortened with an ellipsis to fit ``width``."""
    text = " ".join(text.split())[:300]
    if stringWidth(text, style.fontName, style.fontSize) > width:
        while text and stringWidth(text + "…", style.fontName, style.fontSize) > width:
            text = text[:-1]
        text = text.rstrip() + "…"
    para = Paragraph(rich(text), style)
    para.wrap(width, 100)
    para.drawOn(canv, x, y)
