"""The window with three or more sources, end to end with the real engine: opening (dialog
routing, drop, paste), bad files among good ones, the coverage view and its detail, removing a
source, another reference, two sources side by side, and the way back to two sources."""

from __future__ import annotations

import pytest

from desktop.core.model import Cancelled
from desktop.ui.coverage import FIRST_SOURCE_COLUMN
from desktop.ui.many_page import COVERAGE_TAB, PAIR_TAB


@pytest.fixture
def articles(tmp_path, seed_paths):
    """Three seed-like articles: the two seeds and a rewrite of the first (other day, fewer
    paragraphs), and a fourth, shorter one."""
    a, b = seed_paths
    text = a.read_text(encoding="utf-8")
    paragraphs = text.replace("Wednesday", "Thursday").split("\n\n")
    third = tmp_path / "third.txt"
    third.write_text("\n\n".join(paragraphs[:3] + paragraphs[5:]), encoding="utf-8")
    fourth = tmp_path / "fourth.txt"
    fourth.write_text("\n\n".join(b.read_text(encoding="utf-8").split("\n\n")[:4]), encoding="utf-8")
    return [str(a), str(b), str(third), str(fourth)]


def _open(window, qtbot, paths):
    with qtbot.waitSignal(window.ready, timeout=60000):
        window.files.drop_files(paths)


def test_three_sources_fill_the_coverage_and_a_row_fills_the_detail(window, qtbot, articles, boxes):
    _open(window, qtbot, articles[:3])
    many = window.many.comparison
    page = window.many_page
    assert boxes.calls == []
    assert window.stack.currentWidget() is page and window.document.project is None
    assert not window.groups_dock.isVisible()
    assert page.coverage.model.rowCount() == len(many.facts) > 0
    assert page.coverage.model.columnCount() == FIRST_SOURCE_COLUMN + 3 + 1
    assert [page.sources.view.item(k).text().split()[0] for k in range(3)] == ["A", "B", "C"]
    status = window.counts.text()
    assert status.startswith("3 sources (reference A)") and "3 of 3 source pairs aligned" in status
    assert "aligned as" in status
    assert "(3 sources, unsaved)" in window.windowTitle()
    shared = next(k for k, v in enumerate(many.facts) if len(v.fact.sources) == 3)
    page.coverage.select_fact(shared)
    assert page.detail.title.text() == f"Fact {shared + 1} · reported by 3 of 3"
    detail = page.detail.text()
    reference_words = page.index.texts[shared][0]
    assert " ".join(reference_words.split()[:6]) in " ".join(detail.split())
    assert "reference wording" in detail and "third" in detail


def test_an_unreadable_file_is_named_and_the_others_load(window, qtbot, articles, boxes, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a PDF")
    _open(window, qtbot, [articles[0], str(bad), *articles[1:3]])
    [(kind, title, text)] = boxes.calls
    assert kind == "warning" and title == "Some sources could not be read"
    assert "broken.pdf" in text and "The other sources were loaded." in text
    assert len(window.many.comparison.sources) == 3


def test_the_same_file_twice_and_more_than_twelve_are_refused(window, qtbot, articles, boxes):
    _open(window, qtbot, [articles[0], articles[1], articles[2], articles[0]])
    twice = f"{articles[0].rsplit('/', 1)[-1]}: was chosen twice; a file is compared only once"
    assert boxes.calls == [("warning", "Some files were not added", twice)]
    assert len(window.many.comparison.sources) == 3
    boxes.calls.clear()
    window.many.open([f"/tmp/article-{k}.txt" for k in range(13)])
    assert boxes.calls == [("critical", "Cannot compare the sources", "a comparison holds at most 12 sources "
                            "(13 chosen); choose fewer files")]
    assert window._busy_task is None  # nothing was started
    window.many.add(articles[1:2])  # already there: refused, nothing runs
    assert "is already source B" in boxes.calls[-1][2] and window._busy_task is None


def test_removing_and_choosing_the_reference_realign(window, qtbot, articles):
    _open(window, qtbot, articles)
    assert len(window.many.comparison.sources) == 4
    fourth = window.many.comparison.sources[3]
    with qtbot.waitSignal(window.ready, timeout=60000):
        window.many_page.sources.removeRequested.emit(1)
    shown = window.many.comparison
    assert len(shown.sources) == 3 and shown.sources[2] is fourth
    facts = [v.fact for v in shown.facts]
    with qtbot.waitSignal(window.ready, timeout=60000):
        window.many_page.sources.referenceRequested.emit(2)
    assert window.many.comparison.reference == 2
    assert [v.fact for v in window.many.comparison.facts] == facts  # same facts, other wordings
    assert window.counts.text().startswith("3 sources (reference C)")
    assert "★ reference" in window.many_page.sources.view.item(2).text()


def test_down_to_two_sources_the_two_source_workbench_returns(window, qtbot, articles):
    _open(window, qtbot, articles[:3])
    with qtbot.waitSignal(window.ready, timeout=60000):
        window.many.remove(2)
    assert window.document.project is not None and not window.many.active
    assert window.stack.currentWidget() is window.workspace
    assert window.groups_dock.isVisible()
    assert window.document.project.comparison.a.origin == articles[0]


def test_a_third_source_turns_two_into_a_coverage(window, qtbot, articles, monkeypatch):
    with qtbot.waitSignal(window.ready, timeout=60000):
        window.files.open_sources(articles[0], articles[1])
    assert window.act.add_sources.isEnabled()

    from desktop.ui.dialogs import paste

    monkeypatch.setattr(paste.PasteDialog, "exec", lambda self: 1)
    monkeypatch.setattr(paste.PasteDialog, "side", lambda self: "add")
    monkeypatch.setattr(paste.PasteDialog, "text", lambda self: "Xi left Moscow on Wednesday after a summit.")
    with qtbot.waitSignal(window.ready, timeout=60000):
        window.act.paste.trigger()
    shown = window.many.comparison
    assert len(shown.sources) == 3 and shown.sources[2].origin == ""
    assert window.document.project is None
    assert not window.act.open_a.isEnabled()


def test_two_sources_side_by_side_from_a_fact(window, qtbot, articles):
    _open(window, qtbot, articles[:3])
    many, page = window.many.comparison, window.many_page
    fact = next(k for k, v in enumerate(many.facts) if v.fact.sources[:1] == (0,) and 2 in v.fact.sources)
    menu = window.many.fact_menu(fact, 2)
    [show] = [a for a in menu.actions() if a.text() == "Show A and C side by side"]
    show.trigger()
    qtbot.waitUntil(lambda: page.pair.shown == (0, 2), timeout=60000)
    assert page.tabs.currentIndex() == PAIR_TAB
    pair = page.pair
    assert pair.workspace.pane_a.toPlainText().startswith(many.sources[0].text[:40])
    assert [pair.workspace.headers[s].badge.text() for s in "ab"] == ["A", "C"]
    assert pair.selected >= 0  # the fact's group is selected
    group = pair.index.project.comparison.groups[pair.selected].group
    assert many.facts[fact].fact.passages(0)[0] in group.a
    both = [(v.fact.passages(0), v.fact.passages(2)) for v in many.facts if {0, 2} <= set(v.fact.sources)]
    assert sorted((g.group.a, g.group.b) for g in pair.index.project.comparison.groups) == sorted(both)
    cached = pair.index.project.comparison
    page.tabs.setCurrentIndex(COVERAGE_TAB)
    window.many.show_pair(0, 2)  # again: from the cache, at once
    assert pair.index.project.comparison is cached


def test_a_cancelled_run_keeps_the_sources_on_screen(window, qtbot, articles):
    _open(window, qtbot, articles[:3])
    window.many_page.show_sources(window.many.current().removed(0))
    window.many.target = window.many.current().removed(0)
    window.many._failed(Cancelled("cancelled"))
    assert len(window.many.current()) == 3
    assert window.many_page.sources.view.count() == 3
    assert "cancelled" in window.statusBar().currentMessage()


def test_the_side_by_side_tab_aligns_its_pair_once(window, qtbot, articles, monkeypatch):
    _open(window, qtbot, articles[:3])
    page, runner = window.many_page, window.runner
    started = []
    original = runner.run_task
    monkeypatch.setattr(runner, "run_task", lambda *a, channel="default", **k: (
        started.append(channel), original(*a, channel=channel, **k))[1])
    window.many.show_pair(1, 2)  # from the coverage: the tab opens on B and C, not on its own pair
    qtbot.waitUntil(lambda: page.pair.shown == (1, 2), timeout=60000)
    assert started == ["pair"]
    page.tabs.setCurrentIndex(COVERAGE_TAB)
    page.pair.set_choice(0, 1)
    page.pair.clear()
    page.tabs.setCurrentIndex(PAIR_TAB)  # nothing shown: the chosen pair is aligned
    qtbot.waitUntil(lambda: page.pair.shown == (0, 1), timeout=60000)
    assert started == ["pair", "pair"]
