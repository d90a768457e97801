"""A fallback font that cannot load is reported (once) and the briefing still renders."""

from __future__ import annotations

import pytest

from desktop.core import components
from desktop.core.model import ParallaxError
from desktop.report import styles


@pytest.fixture
def fresh_fonts(monkeypatch):
    def clear():
        styles.register_fonts.cache_clear()
        styles._coverage.cache_clear()
        styles._loaded.clear()

    components.reset()
    clear()
    yield monkeypatch
    monkeypatch.undo()
    clear()
    styles.register_fonts()
    components.reset()


def test_missing_cjk_font_is_reported_and_left_out(fresh_fonts):
    fresh_fonts.setitem(styles._FONT_FILES, styles.CJK, "NoSuchFont.ttf")
    styles.register_fonts()
    [item] = components.missing()
    assert item.component == "font NoSuchFont.ttf" and "empty boxes" in item.effect
    assert styles.font_for("中") != styles.CJK  # never a font that did not load
    assert styles._loaded == {styles.SANS, styles.SANS_BOLD, styles.SANS_ITALIC, styles.SYMBOLS}


def test_missing_main_font_stops_with_a_clear_message(fresh_fonts):
    fresh_fonts.setitem(styles._FONT_FILES, styles.SANS, "NoSuchFont.ttf")
    with pytest.raises(ParallaxError, match=r"NoSuchFont\.ttf: cannot load the font"):
        styles.register_fonts()
