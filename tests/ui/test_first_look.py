"""What a new user notices first (issue 10): the legend's two aligned blues, group labels that
do not span gaps, buttons that stay off without a comparison, headers naming untitled sources."""

from __future__ import annotations

from builders import source
from PySide6.QtWidgets import QLabel

from desktop.core.model import DiffKind, Passage, Source
from desktop.ui import theme
from desktop.ui.models import short_locator
from desktop.ui.sidebar import NotesPanel
from desktop.ui.viewindex import ViewIndex
from desktop.ui.workspace import SourceHeader, legend_bar


def _chips(bar) -> dict[str, str]:
    """Chip text -> its stylesheet."""
    return {chip.text(): chip.styleSheet() for chip in bar.findChildren(QLabel) if chip.text() != "Colours:"}


def _hue_distance(one, two) -> int:
    d = abs(one.hslHue() - two.hslHue())
    return min(d, 360 - d)


def test_the_legend_names_both_aligned_tints(qtbot):
    bar = legend_bar()
    qtbot.addWidget(bar)
    chips = _chips(bar)
    first, second = theme.colours().aligned
    assert first.name() in chips["Aligned"] and second.name() in chips["Aligned (alternate)"]
    alternate = next(c for c in bar.findChildren(QLabel) if c.text() == "Aligned (alternate)")
    assert "alternate between two blues" in alternate.toolTip()


def test_both_aligned_tints_are_blue_and_far_from_the_quote_green():
    for colours in (theme._LIGHT, theme._DARK):
        for tint in colours.aligned:
            assert 185 <= tint.hslHue() <= 235, tint.name()  # blue, not green (~120)
            assert _hue_distance(tint, colours.kind(DiffKind.QUOTE)) >= 60, tint.name()
        assert colours.aligned[0].name() != colours.aligned[1].name()


def _passages(spec: list[tuple[int, int]]) -> tuple[Passage, ...]:
    return tuple(Passage(i, i * 10, i * 10 + 5, "x", p, s) for i, (p, s) in enumerate(spec))


PASSAGES = _passages([(1, 1), (2, 1), (2, 2), (3, 1), (9, 1), (9, 2)])


def test_contiguous_passages_make_a_range():
    assert short_locator(PASSAGES, [1]) == "¶2 s1"
    assert short_locator(PASSAGES, [1, 2]) == "¶2 s1–2"
    assert short_locator(PASSAGES, [2, 3]) == "¶2 s2–¶3 s1"


def test_separate_passages_are_listed_not_spanned():
    assert short_locator(PASSAGES, [1, 5]) == "¶2 s1, ¶9 s2"
    assert short_locator(PASSAGES, (5, 0, 1)) == "¶1 s1–¶2 s1, ¶9 s2"
    assert short_locator(PASSAGES, []) == ""


def test_details_is_off_without_a_source(qtbot):
    header = SourceHeader("a")
    qtbot.addWidget(header)
    assert not header.edit_button.isEnabled()
    src, _ = source(["Body text."], origin="/tmp/a.txt", title="Summit")
    header.show_source(src, 1)
    assert header.edit_button.isEnabled()
    header.show_source(None)
    assert not header.edit_button.isEnabled()


def test_header_names_an_untitled_source_by_its_headline_or_file(qtbot):
    header = SourceHeader("b")
    qtbot.addWidget(header)
    header.show_source(Source("Xi leaves Moscow\n\nBody text.", origin="/tmp/wire.txt"), 2)
    assert header.title.text() == "Xi leaves Moscow"
    header.show_source(Source("Body text only.", origin="/tmp/wire.txt"), 1)
    assert header.title.text() == "wire"


def test_notes_add_is_off_without_a_comparison(qtbot, project):
    panel = NotesPanel()
    qtbot.addWidget(panel)
    assert not any(button.isEnabled() for button in panel.buttons.values())
    panel.set_index(ViewIndex(project))
    assert panel.buttons["Add…"].isEnabled()
    assert not panel.buttons["Edit…"].isEnabled()  # no notes yet
    panel.set_index(None)
    assert not panel.buttons["Add…"].isEnabled()


def test_details_shows_the_name_an_untitled_source_goes_by(qtbot):
    from desktop.ui.dialogs.metadata import MetadataDialog

    dialog = MetadataDialog(None, "a", Source("Body text only.", origin="/tmp/wire.txt"))
    qtbot.addWidget(dialog)
    title = dialog.edits["title"]
    assert title.text() == "" and "“wire”" in title.placeholderText()
    assert dialog.metadata().title == ""  # kept empty until the analyst types one
