"""The briefing's layout budget (desktop/core/limits.py): long passages and notes are cut visibly,
sections lay out a bounded number of items and say how many more there are. Read back with pypdf;
the limits are lowered with monkeypatch, so every PDF here is small."""

from __future__ import annotations

from builders import build_comparison, source
from pdfcheck import all_text, annotations, passage_streams, reader, squash
from report_kit import long_comparison

from desktop.core import limits
from desktop.core.model import AlignedGroup, Group, Note
from desktop.report.briefing import BriefingOptions, build_briefing
from desktop.report.content import clip

SHARED = BriefingOptions(sections=("shared",))


def test_clip_cuts_at_a_space_and_counts_what_is_left_out():
    assert clip("alpha beta gamma", 20) == ("alpha beta gamma", 0)
    assert clip("alpha beta gamma", 12) == ("alpha beta", 6)
    assert clip("abcdefghij", 4) == ("abcd", 6)


def test_long_passage_is_cut_with_a_visible_marker(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "PDF_PASSAGE_CHARS", 200)
    comparison = long_comparison(300)  # "word0 word1 ... word299." : 2,190 characters
    text = comparison.passages_a[0].text
    shown, hidden = clip(text, 200)
    path = tmp_path / "cut.pdf"
    build_briefing(comparison, path, options=SHARED)
    pdf = reader(path)
    left, _ = passage_streams(pdf)
    assert left == squash(shown + limits.cut_marker(hidden))
    assert f"[{hidden:,} more characters: see the source]" in all_text(pdf)
    assert hidden == len(text) - len(shown) > 1_900


def test_long_note_is_cut_in_its_box_and_its_comment(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "PDF_NOTE_CHARS", 100)
    a, pa = source(["The minister said 4 people were hurt."])
    b, pb = source(["The minister said 2 people were hurt."])
    comparison = build_comparison((a, pa), (b, pb), (AlignedGroup(Group((0,), (0,), 0.9)),))
    long_note = "This note goes on and on. " * 40  # 1,040 characters
    note = Note("a", 4, 12, "minister", long_note)
    path = tmp_path / "note.pdf"
    build_briefing(comparison, path, options=BriefingOptions(sections=("shared", "notes")), notes=[note])
    pdf = reader(path)
    hidden = clip(long_note, 100)[1]
    marker = f"[{hidden:,} more characters: see the full note]"
    assert marker in " ".join(all_text(pdf).split())
    comments = [x.contents for x in annotations(pdf) if x.contents.startswith("Note N1")]
    assert comments and all(marker in c and len(c) < 400 for c in comments)


def test_groups_past_the_budget_are_counted_not_laid_out(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "PDF_GROUPS", 2)
    monkeypatch.setattr(limits, "PDF_ONLY_PASSAGES", 1)
    sentences = [f"Sentence number {n} of the report." for n in range(6)]
    a, pa = source(sentences)
    b, pb = source(sentences[:4])
    groups = tuple(AlignedGroup(Group((n,), (n,), 0.9)) for n in range(4))
    comparison = build_comparison((a, pa), (b, pb), groups)  # 4 groups; passages 4 and 5 only in A
    path = tmp_path / "budget.pdf"
    build_briefing(comparison, path, options=BriefingOptions(sections=("shared", "only_a")))
    text = " ".join(all_text(reader(path)).split())
    assert "Group 2" in text and "Group 3" not in text
    assert "… and 2 more aligned groups, not laid out: a briefing shows at most 2." in text
    assert "Sentence number 4 of" in text and "Sentence number 5 of" not in text
    assert "… and 1 more passage, not laid out: a briefing shows at most 1." in text
