"""A source over a size budget (desktop/core/limits.py) gives a message in the workbench, which
keeps running with its project; the limits are lowered so the files stay tiny."""

from __future__ import annotations

from desktop.core import limits

TEXT = "The minister said the talks would continue next week in Geneva. " * 4


def _critical(boxes, qtbot) -> str:
    qtbot.waitUntil(lambda: any(kind == "critical" for kind, _t, _m in boxes.calls), timeout=20000)
    return next(text for kind, _t, text in boxes.calls if kind == "critical")


def test_text_over_the_limit_is_a_message_naming_the_file_and_the_limit(window, boxes, qtbot, tmp_path,
                                                                       monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100)
    big = tmp_path / "big.txt"
    big.write_text(TEXT, encoding="utf-8")
    window.files.add_source("a", str(big))
    text = _critical(boxes, qtbot)
    assert str(big) in text and "the limit is 100 characters" in text
    assert window.isVisible() and "a" not in window.files.pending


def test_too_many_passages_is_a_message_and_the_project_stays(window, project, boxes, qtbot, tmp_path,
                                                             monkeypatch):
    window.document.reset(project, saved=False)
    window.files._after_new_comparison()
    monkeypatch.setattr(limits, "MAX_PASSAGES", 3)
    many = tmp_path / "many.txt"
    many.write_text(TEXT, encoding="utf-8")
    window.files.add_source("a", str(many))
    text = _critical(boxes, qtbot)
    assert text.startswith(f"{many}: the text splits into 4 sentence passages; the limit is 3 passages")
    assert window.document.project is project
