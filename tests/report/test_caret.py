"""The wedge that marks words missing on this side keeps clear of the glyphs (issue 10:
"other▲“dear friend", "from,the")."""

from __future__ import annotations

import re

import pypdf
import pytest
from builders import build_comparison, diff, source
from pdfcheck import PASSAGE_SIZE
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core.model import AlignedGroup, DiffKind, DiffOp, Group
from desktop.report import annotations
from desktop.report.briefing import BriefingOptions, build_briefing
from desktop.report.markup import passage_markup
from desktop.report.styles import SANS

A_TEXT = "Xi called him his other “dear friend” before he left from the Kremlin."
B_TEXT = "Xi called him his other and very “dear friend” before he left early from the Kremlin."


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """The text of the group's page, where each wedge was drawn (page x, baseline y) and the
    passage-size glyph runs as (start x, end x, baseline y, text)."""
    a, pa = source([A_TEXT])
    b, pb = source([B_TEXT])
    diffs = (diff(DiffOp.INSERT, DiffKind.WORDING, pa[0], pb[0], "", "and very ", a_after="other "),
             diff(DiffOp.INSERT, DiffKind.WORDING, pa[0], pb[0], "", " early", a_after="left"))
    comparison = build_comparison((a, pa), (b, pb), (AlignedGroup(Group((0,), (0,), 0.9), diffs),))
    wedges: list[tuple[float, float]] = []
    original = annotations.draw_caret

    def record(canvas, kind, label):
        info = canvas._curr_tx_info
        wedges.append(canvas.absolutePosition(info["cur_x"], info["cur_y"]))
        original(canvas, kind, label)

    path = tmp_path_factory.mktemp("caret") / "caret.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(annotations, "draw_caret", record)
        build_briefing(comparison, path, options=BriefingOptions(sections=("shared",), date="2024-05-08"))
    page = next(p for p in pypdf.PdfReader(str(path)).pages if "Group 1" in p.extract_text())
    return page.extract_text(), sorted(set(wedges)), _runs(page)


def _runs(page) -> list[tuple[float, float, float, str]]:
    """pypdf gives each chunk its line's start: the chunks of a line are laid end to end."""
    runs: list[tuple[float, float, float, str]] = []
    line: tuple[float, float] | None = None
    cursor = 0.0

    def visit(text, cm, tm, font, size):  # noqa: ANN001
        nonlocal line, cursor
        start = (round(tm[4] * cm[0] + cm[4], 2), round(tm[5] * cm[3] + cm[5], 2))
        if start != line:
            line, cursor = start, start[0]
        text = text.rstrip("\n")
        width = stringWidth(text, SANS, size)  # a no-break space is as wide as a space
        if size == PASSAGE_SIZE and text.strip():
            body = text.strip()
            x0 = cursor + stringWidth(text[:len(text) - len(text.lstrip())], SANS, size)
            runs.append((x0, x0 + stringWidth(body, SANS, size), start[1], body))
        cursor += width

    page.extract_text(visitor_text=visit)
    return runs


def test_a_gap_separates_the_wedge_from_the_words_in_the_text(drawn):
    text = drawn[0]
    assert re.search(r"other\s{2,}“dear", text)  # one space was all: "other▲“dear"
    assert re.search(r"left\s{2,}from", text)  # and "left,from"


def test_the_wedge_keeps_clear_of_the_glyphs(drawn):
    _text, wedges, runs = drawn
    assert len(wedges) == 2
    half = annotations.CARET_HALF_WIDTH
    for x, y in wedges:
        line = [(x0, x1) for x0, x1, base, _t in runs if abs(base - y) < 0.1]
        assert not any(x0 < x < x1 for x0, x1 in line), "drawn inside a run of glyphs"
        left = max(x1 for x0, x1 in line if x1 <= x + 0.01)
        right = min(x0 for x0, x1 in line if x0 >= x - 0.01)
        assert x - half - left >= 1.5, (x, left)  # at least 1.5 pt clear on each side
        assert right - (x + half) >= 1.5, (x, right)


def test_a_caret_at_the_start_or_end_of_a_passage_has_gaps_on_the_text_side():
    from desktop.report.markup import Run

    start = passage_markup("abc", 0, [Run(0, 0, caret="#000000")])
    end = passage_markup("abc", 0, [Run(3, 3, caret="#000000")])
    assert start.endswith('<font size="12">\u00a0</font>abc')
    assert end.startswith('abc<font size="12">\u00a0</font><onDraw') and end.endswith("/>")
