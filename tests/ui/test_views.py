"""Pieces of the views: offsets for astral characters, scroll-sync anchors, find, tooltips."""

from __future__ import annotations

from desktop.core.model import AlignedGroup, Comparison, Group, Passage, Source
from desktop.core.project.state import Project
from desktop.ui.offsets import OffsetMap
from desktop.ui.scroll_sync import Anchor, monotonic_anchors, segment


def test_offsets_count_emoji_as_two_qt_positions():
    text = "a😀b😀c"
    m = OffsetMap(text)
    assert [m.to_qt(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [m.to_py(q) for q in range(8)] == [0, 1, 1, 2, 3, 3, 4, 5]
    plain = OffsetMap("Москва 北京")
    assert plain.to_qt(7) == 7 and plain.to_py(7) == 7


def test_crossing_groups_are_left_out_of_the_anchors():
    spans = [(0, 10, 0, 10), (10, 20, 40, 50), (20, 30, 20, 30), (30, 40, 50, 60)]
    assert monotonic_anchors(spans) == [Anchor(0, 10, 0, 10), Anchor(10, 20, 40, 50), Anchor(30, 40, 50, 60)]


def test_segment_inside_a_group_and_in_a_gap():
    anchors = [Anchor(0, 10, 5, 15), Anchor(20, 30, 40, 50)]
    assert segment(anchors, 4, "a", 100, 200) == ((0, False), (10, True), (5, False), (15, True))
    assert segment(anchors, 15, "a", 100, 200) == ((10, True), (20, False), (15, True), (40, False))
    assert segment(anchors, 45, "b", 100, 200) == ((40, False), (50, True), (20, False), (30, True))
    assert segment(anchors, 90, "a", 100, 200) == ((30, True), (100, True), (50, True), (200, True))


def _long_project(n: int = 200) -> Project:
    sentences = [f"Sentence number {i} says something about the summit." for i in range(n)]
    text = "\n\n".join(sentences)
    passages, pos = [], 0
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        passages.append(Passage(i, start, start + len(s), s, i + 1, 1))
        pos = start + len(s)
    source = Source(text)
    groups = tuple(AlignedGroup(Group((i,), (i,), 1.0)) for i in range(n))
    return Project.new(Comparison(source, source, tuple(passages), tuple(passages), groups, (), ()))


def test_scrolling_one_pane_scrolls_the_other(window, qtbot):
    window.document.reset(_long_project(), saved=False)
    qtbot.wait(20)  # let the panes settle their widths (scroll bars appear)
    pane_a, pane_b = window.workspace.pane_a, window.workspace.pane_b
    bar_a, bar_b = pane_a.verticalScrollBar(), pane_b.verticalScrollBar()
    assert bar_a.maximum() > 0
    bar_a.setValue(bar_a.maximum() // 2)
    assert abs(bar_b.value() - bar_a.value()) <= 3  # identical texts: identical positions
    window.act.sync.setChecked(False)
    bar_a.setValue(bar_a.maximum() // 4)
    assert abs(bar_b.value() - bar_a.maximum() // 2) <= 3  # no longer follows


def test_selecting_a_far_group_scrolls_both_panes(window):
    window.document.reset(_long_project(), saved=False)
    window.select_group(150)
    for pane in window.workspace.panes.values():
        p = window.index.passages[pane.side][150]
        assert 0 <= pane.y_top(p.start) < pane.viewport().height()


def test_find_searches_both_sources(window, project):
    window.document.reset(project, saved=False)
    bar = window.workspace.find_bar
    window.act.find.trigger()
    assert bar.isVisible()
    bar.edit.setText("met")
    assert [(side, start) for side, start, _e in bar.matches] == [("a", 6), ("b", 3)]
    assert "1 of 2" in bar.count.text()
    bar.step(1)
    assert window.workspace.pane_b.textCursor().selectedText() == "met"


def test_tooltip_explains_colour_and_difference(window, project):
    window.document.reset(project, saved=False)
    window.select_group(1)
    tip = window.workspace.pane_a.tooltip_at(project.comparison.a.text.index("12"))
    assert "Number" in tip and "12 → 10" in tip and "group 2" in tip
    only = window.workspace.pane_a.tooltip_at(project.comparison.a.text.index("weather"))
    assert "Only in this source" in only
