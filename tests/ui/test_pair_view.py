"""Two sources of many side by side, over a hand-made pairwise comparison: the choosers, the
letters, the fact the analyst came from selected, clicks selecting groups."""

from __future__ import annotations

import pytest
from ui_builders import tiny_comparison

from desktop.ui.pair_view import PairView


@pytest.fixture
def pair(qtbot):
    view = PairView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.set_sources(["Wire A", "Daily B", "Radio C"])
    return view


def test_choosing_two_different_sources_asks_for_them(pair, qtbot):
    assert pair.choice() == (0, 1)
    with qtbot.waitSignal(pair.pairChosen) as signal:
        pair.right.setCurrentIndex(2)
    assert signal.args == [0, 2]
    with qtbot.assertNotEmitted(pair.pairChosen):
        pair.left.setCurrentIndex(2)
    assert pair.note.text() == "Choose two different sources."


def test_the_pair_shows_with_its_letters_and_the_fact_selected(pair):
    comparison = tiny_comparison()
    pair.show_comparison(comparison, 0, 2, reveal=(1,))
    assert [pair.workspace.headers[s].badge.text() for s in "ab"] == ["A", "C"]
    assert pair.workspace.pane_b.toPlainText() == comparison.b.text
    assert pair.selected == 1 and pair.workspace.gutter.selected == {1}
    assert pair.note.text() == "A ↔ C: 2 groups · only A 1 · only C 1"
    assert pair.choice() == (0, 2)


def test_clicking_a_passage_selects_its_group(pair):
    pair.show_comparison(tiny_comparison(), 0, 1)
    pair.workspace.pane_b.passageClicked.emit("b", 0)
    assert pair.selected == 0
    pair.workspace.pane_a.passageClicked.emit("a", 2)  # only in A: no group
    assert pair.selected == -1 and pair.workspace.gutter.selected == set()
