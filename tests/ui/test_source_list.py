"""The sources of a many-source comparison: the set's rules (reference follows removals, a file
only once, at most twelve) and the list widget (letters, reference star, remove, reference)."""

from __future__ import annotations

import os

import pytest
from many_builders import tiny_many

from desktop.core.model import ParallaxError
from desktop.ui.source_list import SourceList
from desktop.ui.source_set import SourceSet, check_count


def _set(reference=0) -> SourceSet:
    return SourceSet(tiny_many().sources, reference)


def test_the_reference_follows_its_source_when_another_is_removed():
    sources = _set(reference=2)
    assert sources.removed(0).reference == 1  # C is now B
    assert sources.removed(0).sources == sources.sources[1:]
    assert sources.removed(1).reference == 1
    assert sources.removed(2).reference == 0  # the reference removed: A
    assert _set().with_reference(1).reference == 1
    with pytest.raises(ParallaxError, match="no source D"):
        _set().removed(3)


def test_a_file_is_compared_only_once(tmp_path):
    sources = _set()  # A is /tmp/a.txt
    other = tmp_path / "d.txt"
    other.write_text("D")
    link = tmp_path / "link.txt"
    os.symlink(other, link)
    keep, refused = sources.screen(["/tmp/../tmp/a.txt", str(other), str(link), str(tmp_path / "e.txt")])
    assert keep == [str(other), str(tmp_path / "e.txt")]
    assert refused == ["a.txt: is already source A; a file is compared only once",
                       "link.txt: was chosen twice; a file is compared only once"]


def test_pasted_sources_are_never_duplicates():
    pasted = tiny_many().sources[0].__class__("Some text.")
    keep, refused = _set().screen([pasted, pasted])
    assert keep == [pasted, pasted] and refused == []


def test_more_than_twelve_sources_are_refused():
    check_count(3, 9)
    with pytest.raises(ParallaxError, match=r"at most 12 sources \(3 open \+ 10 new = 13\)"):
        check_count(3, 10)
    with pytest.raises(ParallaxError, match=r"at most 12 sources \(13 chosen\)"):
        check_count(0, 13)
    with pytest.raises(ParallaxError, match="at most 12"):
        SourceSet(tiny_many().sources * 4).added(tiny_many().sources[:1])


@pytest.fixture
def listing(qtbot):
    widget = SourceList()
    qtbot.addWidget(widget)
    widget.show_sources(_set(reference=1))
    return widget


def test_rows_show_letters_names_and_the_reference(listing):
    rows = [listing.view.item(k).text() for k in range(listing.view.count())]
    assert [r.split()[0] for r in rows] == ["A", "B", "C"]
    assert "Wire A" in rows[0] and "★ reference" in rows[1] and "★" not in rows[0] + rows[2]
    assert "c.txt" in rows[2]
    assert listing.title.text() == "Sources (3 of at most 12)"


def test_make_reference_and_remove_ask_for_the_selected_source(listing, qtbot):
    listing.select(1)
    assert not listing.buttons["reference"].isEnabled()  # B already is the reference
    listing.select(2)
    with qtbot.waitSignal(listing.referenceRequested) as signal:
        listing.buttons["reference"].click()
    assert signal.args == [2]
    with qtbot.waitSignal(listing.removeRequested) as signal:
        listing.buttons["remove"].click()
    assert signal.args == [2]


def test_remove_needs_three_sources_and_add_stops_at_twelve(listing):
    listing.show_sources(SourceSet(tiny_many().sources[:2]))
    listing.select(0)
    assert not listing.buttons["remove"].isEnabled()
    assert listing.buttons["add"].isEnabled()
    listing.show_sources(SourceSet(tiny_many().sources * 4))
    assert not listing.buttons["add"].isEnabled()
    assert listing.buttons["remove"].isEnabled()
