"""Find over the facts of a many-source comparison (hand-made, three sources)."""

from __future__ import annotations

from many_builders import tiny_many

from desktop.core.project.many import ManyProject
from desktop.ui.many_find import ManyFind
from desktop.ui.many_page import COVERAGE_TAB, PAIR_TAB, ManyPage


def test_find_steps_through_the_facts_whose_wordings_hold_the_words(qtbot):
    page = ManyPage()
    qtbot.addWidget(page)
    page.show_project(ManyProject.new(tiny_many()))
    find = ManyFind(page)
    page.tabs.setCurrentIndex(PAIR_TAB)
    find.open_bar()
    assert page.tabs.currentIndex() == COVERAGE_TAB
    page.coverage.find.setText("ministry")  # A's and C's words of fact 0 only; "Kyiv": fact 3, C only
    assert page.coverage.visible_facts() == [0]
    assert find.step(1) == 0 and page.coverage.current_fact() == 0 and page.detail.fact == 0
    page.coverage.find.setText("shut")  # fact 3: A and C
    assert find.step(1) == 3 and find.step(1) == 3
    page.coverage.find.setText("the")  # "The ministry", "the valley", "the region" (facts 0, 1, 2)
    assert page.coverage.visible_facts() == [0, 1, 2]
    assert find.step(-1) == 2 and find.step(1) == 0 and find.step(1) == 1
    page.coverage.find.setText("no such words")
    assert find.step(1) == -1


def test_the_window_find_actions_act_on_the_facts(window):
    window.many.show_comparison(tiny_many())
    assert window.act.find.isEnabled() and window.act.find_next.isEnabled()
    window.many.page.coverage.find.setText("Putin")  # C's fact 2 only
    window.act.find_next.trigger()
    assert window.many.page.coverage.current_fact() == 2
