"""The side-by-side pair's page breaking, and the figures of the cover."""

from __future__ import annotations

import pytest
from report_kit import sample
from reportlab.platypus import Paragraph

from desktop.core.model import DiffKind
from desktop.report.content import percent, shown, summarize
from desktop.report.flowables import KEEP_WHOLE, Pair
from desktop.report.styles import stylesheet


def _pair(words_left: int, words_right: int) -> Pair:
    s = stylesheet()
    left = [Paragraph("A · para. 1", s["locator"]), Paragraph("left " * words_left, s["passage"])]
    right = [Paragraph("B · para. 1", s["locator"]), Paragraph("right " * words_right, s["passage"])]
    return Pair([Paragraph("Group 1", s["group_head"])], left, right,
                footer=[Paragraph("Changes: none", s["changes"])],
                cont_header=[Paragraph("cont.", s["small"])])


def _laid_out_words(para: Paragraph) -> list[str]:
    para.wrap(220, 1e6)
    lines = para.blPara.lines
    if para.blPara.kind == 0:
        return [w for _, words in lines for w in words]
    return " ".join(f.text for line in lines for f in line.words).split()


def test_a_long_pair_splits_within_the_room_and_keeps_every_line():
    pair = _pair(600, 20)
    _, full = pair.wrap(480, 700)
    first, rest = pair.split(480, 300)
    assert first.wrap(480, 300)[1] <= 300
    assert first.footer == [] and rest.footer == pair.footer
    assert rest.header == pair.cont_header
    parts = [p for part in (first, rest) for p in part.left if p.style.name == "passage"]
    assert len(parts) == 2 and [w for p in parts for w in _laid_out_words(p)] == ["left"] * 600
    assert rest.right == []  # the short side ended on the first page


def test_a_locator_never_ends_a_page():
    s = stylesheet()
    pair = _pair(600, 20)
    pair.left[:0] = [Paragraph("A · para. 0", s["locator"]), Paragraph("one short line", s["passage"])]
    pair.wrap(480, 700)
    # room for: locator, short line, second locator -- but not for two lines of the long text
    first, rest = pair.split(480, 84)
    assert [p.getPlainText() for p in first.left] == ["A · para. 0", "one short line"]
    assert rest.left[0].getPlainText() == "A · para. 1"


def test_short_pairs_move_whole():
    pair = _pair(30, 30)
    assert pair.wrap(480, 700)[1] <= KEEP_WHOLE
    assert pair.split(480, 50) == []


def test_summary_figures():
    comparison, _ = sample()
    view = shown(comparison)
    assert len(view.groups) == 4 and view.rejected == 1
    assert view.only_a == (4, 5) and view.only_b == (4, 5)
    summary = summarize(comparison, view)
    assert (summary.aligned_a, summary.passages_a, summary.confirmed) == (4, 6, 1)
    assert summary.kinds[DiffKind.NUMBER] == 2 and summary.kinds[DiffKind.WORDING] == 3
    aligned_chars = sum(len(p.text) for p in comparison.passages_a[:4])
    assert summary.share_a == pytest.approx(aligned_chars / sum(len(p.text) for p in comparison.passages_a))


@pytest.mark.parametrize(("share", "text"), [(0, "0 %"), (0.004, "< 1 %"), (0.5, "50 %"), (0.996, "> 99 %"),
                                             (1, "100 %")])
def test_percent(share, text):
    assert percent(share) == text
