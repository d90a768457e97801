"""The status bar says which components are missing, for as long as the window is open."""

from __future__ import annotations

import pytest

from desktop.core import components
from desktop.core.align.models import STATIC
from desktop.core.components import Missing


@pytest.fixture(autouse=True)
def clean_record():
    components.reset()
    yield
    components.reset()


def test_nothing_shown_when_everything_loaded(window):
    assert window.missing_label.isHidden()


def test_a_missing_component_shows_after_the_next_comparison(window, project):
    components.report(Missing(STATIC.role, "file not found", STATIC.without))
    components.report(Missing("font F.ttf", "cannot load", "boxes"))
    window.document.reset(project, saved=False)  # a comparison arrives: the status is refreshed
    assert window.missing_label.isVisible()
    assert window.missing_label.text() == f"\u26a0 Missing: {STATIC.role} (+1 more)"
    assert window.missing_label.toolTip().split("\n") == [
        f"{STATIC.role} is missing (file not found): {STATIC.without}",
        "font F.ttf is missing (cannot load): boxes"]
