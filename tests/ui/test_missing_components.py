"""The status bar says which components are missing, for as long as the window is open."""

from __future__ import annotations

import pytest

from desktop.core import components
from desktop.core.components import Missing


@pytest.fixture(autouse=True)
def clean_record():
    components.reset()
    yield
    components.reset()


def test_nothing_shown_when_everything_loaded(window):
    assert window.missing_label.isHidden()


def test_a_missing_component_shows_after_the_next_comparison(window, project):
    components.report(Missing("semantic model M", "file not found", "alignment uses the lexical model only"))
    components.report(Missing("font F.ttf", "cannot load", "boxes"))
    window.document.reset(project, saved=False)  # a comparison arrives: the status is refreshed
    assert window.missing_label.isVisible()
    assert window.missing_label.text() == "\u26a0 Missing: semantic model M (+1 more)"
    assert window.missing_label.toolTip().split("\n") == [
        "semantic model M is missing (file not found): alignment uses the lexical model only",
        "font F.ttf is missing (cannot load): boxes"]
