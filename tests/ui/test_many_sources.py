"""A source of a many-source comparison (hand-made, three sources): its details edited as one
undoable step, and its citation copied, from the source list or the window's actions."""

from __future__ import annotations

from dataclasses import replace

import pytest
from many_builders import tiny_many
from PySide6.QtGui import QGuiApplication

from desktop.ui.dialogs.metadata import MetadataDialog
from desktop.ui.source_list import SourceList
from desktop.ui.source_set import SourceSet


def test_the_source_list_asks_for_details_and_citation_of_a_source(qtbot):
    sources = SourceList()
    qtbot.addWidget(sources)
    comparison = tiny_many()
    sources.show_sources(SourceSet(comparison.sources, comparison.reference))
    menu = sources.source_menu(2)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Details of Source C…", "Copy Citation of C"]
    with qtbot.waitSignal(sources.detailsRequested) as details:
        menu.actions()[0].trigger()
    with qtbot.waitSignal(sources.citeRequested) as cite:
        menu.actions()[1].trigger()
    assert details.args == [2] and cite.args == [2]
    with qtbot.waitSignal(sources.detailsRequested) as clicked:
        sources.view.itemDoubleClicked.emit(sources.view.item(1))
    assert clicked.args == [1]


@pytest.fixture
def many(window):
    window.many.show_comparison(tiny_many())
    return window.many


def test_details_of_the_selected_source_are_one_undoable_step(window, many, monkeypatch):
    many.page.sources.select(1)
    assert window.act.meta_source.isEnabled() and window.act.cite.isEnabled()
    old = many.project.source(1).metadata
    new = replace(old, authors=("Ana Silva",), issued="2023-05-02")
    monkeypatch.setattr(MetadataDialog, "exec", lambda self: 1)
    monkeypatch.setattr(MetadataDialog, "metadata", lambda self: new)
    window.act.meta_source.trigger()
    assert many.project.source(1).metadata == new
    assert many.project.source(0).metadata == tiny_many().sources[0].metadata
    assert many.document.undo_stack.undoText() == "Edit details of B"
    assert many.page.sources.current() == 1
    window.act.undo.trigger()
    assert many.project.source(1).metadata == old
    assert not many.sources.set_metadata(1, old)  # unchanged details: no step
    assert not many.document.undo_stack.canUndo()


def test_copy_citation_cites_the_selected_source_among_the_others(window, many, qtbot):
    koval = replace(many.project.source(2).metadata, authors=("Olena Koval",), issued="2024")
    assert many.sources.set_metadata(2, koval)
    many.page.sources.select(2)
    QGuiApplication.clipboard().clear()
    window.act.cite.trigger()
    qtbot.waitUntil(lambda: "Koval" in QGuiApplication.clipboard().text())
    assert "2024" in QGuiApplication.clipboard().text()
    assert "Koval" in QGuiApplication.clipboard().mimeData().html()
    assert window.statusBar().currentMessage().startswith("Copied: ")
