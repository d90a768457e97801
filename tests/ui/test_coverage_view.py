"""The coverage view over a hand-made comparison of three sources: cells and their colours,
sorting, each filter, the fact detail panel."""

from __future__ import annotations

import pytest
from many_builders import tiny_many
from PySide6.QtCore import Qt

from desktop.core.model import DiffKind
from desktop.ui import theme
from desktop.ui.coverage import CELL_ROLE, FIRST_SOURCE_COLUMN, CoverageView, cell_colour
from desktop.ui.coverage_detail import FactDetail, highlighted
from desktop.ui.coverage_index import ANY, CoverageIndex

C = 2  # source C


@pytest.fixture
def view(qtbot):
    widget = CoverageView()
    qtbot.addWidget(widget)
    widget.show_index(CoverageIndex(tiny_many()))
    return widget


def _cells(view, fact):
    model = view.model
    return [model.index(fact, FIRST_SOURCE_COLUMN + s).data() for s in range(3)]


def test_each_cell_says_whether_and_how_a_source_reports_the_fact(view):
    assert _cells(view, 0) == ["ref", "num", "same"]  # B: a number and wording changed: number first
    assert _cells(view, 1) == ["ref", "same", ""]
    assert _cells(view, 2) == ["", "", "ref"]  # only C: C's wording is the fact's reference
    assert _cells(view, 3) == ["ref", "", "name"]
    assert view.model.index(3, FIRST_SOURCE_COLUMN + 1).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "B: not reported")
    assert view.model.index(0, FIRST_SOURCE_COLUMN + 1).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "B: number differs")
    cell = view.model.index(0, FIRST_SOURCE_COLUMN + 1).data(CELL_ROLE)
    assert dict(cell.counts) == {DiffKind.WORDING: 1, DiffKind.NUMBER: 1}
    assert [view.model.index(f, 1).data() for f in range(4)] == ["3/3", "2/3", "1/3", "2/3"]
    assert view.model.headerData(FIRST_SOURCE_COLUMN, Qt.Orientation.Horizontal) == "A ★"
    assert "Radio C" in view.model.headerData(FIRST_SOURCE_COLUMN + C, Qt.Orientation.Horizontal,
                                              Qt.ItemDataRole.ToolTipRole)


def test_cells_are_coloured_by_difference_kind_and_blank_when_not_reported(view):
    colours = theme.colours()
    background = Qt.ItemDataRole.BackgroundRole
    assert view.model.index(0, FIRST_SOURCE_COLUMN + 1).data(background) == colours.kind(DiffKind.NUMBER)
    assert view.model.index(3, FIRST_SOURCE_COLUMN + C).data(background) == colours.kind(DiffKind.NAME)
    assert view.model.index(0, FIRST_SOURCE_COLUMN + C).data(background) == cell_colour("same")
    assert view.model.index(0, FIRST_SOURCE_COLUMN).data(background) == cell_colour("reference")
    assert cell_colour("same") != cell_colour("reference")
    assert view.model.index(1, FIRST_SOURCE_COLUMN + C).data(background) is None
    tip = view.model.index(0, FIRST_SOURCE_COLUMN + 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "number: 12 -&gt; 14" in tip and "Officials said 14 people died." in tip


def test_sorting_by_sources_reporting_and_by_a_sources_reading_order(view):
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert view.visible_facts()[0] == 0  # the only fact all three report
    assert view.visible_facts()[-1] == 2
    view.table.sortByColumn(FIRST_SOURCE_COLUMN + C, Qt.SortOrder.AscendingOrder)
    assert view.visible_facts() == [0, 2, 3, 1]  # C's passages 0, 1, 2; the fact C omits last
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert view.visible_facts() == [0, 1, 2, 3]


@pytest.mark.parametrize(("mode", "source", "text", "expected"), [
    ("all", ANY, "", [0, 1, 2, 3]),
    ("shared", ANY, "", [0, 1, 3]),
    ("all_but", C, "", [1]),
    ("all_but", 1, "", [3]),
    ("all_but", ANY, "", [1, 3]),
    ("only_in", C, "", [2]),
    ("only_in", 0, "", []),
    ("only_in", ANY, "", [2]),
    ("reported_by", 1, "", [0, 1]),
    ("numbers", ANY, "", [0]),
    ("names", ANY, "", [3]),
    ("quotes", ANY, "", []),
    ("changed", ANY, "", [0, 3]),
    ("all", ANY, "VALLEY", [1]),
    ("all", ANY, "kyiv", [3]),
    ("shared", ANY, "died", [0]),
])
def test_filters(view, mode, source, text, expected):
    view.set_filter(mode, source, text)
    assert view.visible_facts() == expected
    assert view.shown.text() == f"{len(expected)} of 4 facts"
    assert view.source.isEnabled() == (mode in ("all_but", "only_in", "reported_by"))


def test_the_filter_bar_drives_the_filter(view):
    view.mode.setCurrentIndex(view.mode.findData("only_in"))
    view.source.setCurrentIndex(view.source.findData(C))
    assert view.visible_facts() == [2]
    view.find.setText("nothing like this")
    assert view.visible_facts() == []


def test_selecting_a_row_announces_the_fact_and_a_new_comparison_keeps_it(view, qtbot):
    with qtbot.waitSignal(view.factSelected) as signal:
        view.select_fact(3)
    assert signal.args == [3]
    with qtbot.waitSignal(view.factSelected) as signal:
        view.show_index(CoverageIndex(tiny_many()))  # same facts (e.g. another reference source)
    assert signal.args == [3] and view.current_fact() == 3


def test_double_click_on_a_cell_asks_for_that_source_and_the_reference(view, qtbot):
    view.resize(700, 300)
    view.show()
    qtbot.waitExposed(view)
    proxy_index = view.proxy.index(0, FIRST_SOURCE_COLUMN + C)
    point = view.table.visualRect(proxy_index).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=point)  # a view acts on
    with qtbot.waitSignal(view.pairRequested) as signal:  # a double click where it was pressed
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [0, C, 0]


def test_the_detail_shows_every_wording_with_its_differences(qtbot):
    detail = FactDetail()
    qtbot.addWidget(detail)
    index = CoverageIndex(tiny_many())
    detail.show_fact(index, 0)
    text = detail.text()
    assert detail.title.text() == "Fact 1 · reported by 3 of 3"
    assert text.index("Wire A") < text.index("Daily B") < text.index("Radio C")  # reference first
    assert "reference wording" in text
    assert "Officials said 14 people died." in text
    assert "1 number, 1 wording" in text and "number: 12 → 14" in text
    assert "Radio C — c · ¶1 s1 · same wording" in text  # outlet — title (here the file name)
    assert "Not reported by" not in text
    detail.show_fact(index, 1)
    assert "Not reported by: C Radio C — c" in detail.text()
    detail.show_fact(index, -1)
    assert "Select a fact" in detail.text()


def test_highlighting_tints_changed_words_and_strikes_missing_ones():
    colour = theme.colours().kind(DiffKind.NUMBER).name()
    text = "Officials said 14 people died."
    marked = highlighted(text, 100, [(115, 117, DiffKind.NUMBER, ""), (100, 100, DiffKind.WORDING, "The")])
    assert f"background-color:{colour}" in marked and ">14</span>" in marked
    assert "line-through;\">The</span>Officials said " in marked
    assert highlighted("a < b", 0, []) == "a &lt; b"


def test_a_detail_link_asks_for_the_pair(qtbot):
    from PySide6.QtCore import QUrl

    detail = FactDetail()
    qtbot.addWidget(detail)
    detail.show_fact(CoverageIndex(tiny_many()), 3)
    assert "side by side" in detail.text()
    with qtbot.waitSignal(detail.pairRequested) as signal:
        detail.browser.anchorClicked.emit(QUrl("pair:0:2"))
    assert signal.args == [0, 2, 3]
