"""The many-source briefing on hand-built comparisons (no engine): a coverage figure too long for
one page goes on over several, rejected facts leave, and nothing is written on failure."""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import source
from pdfcheck import all_text, outline_titles, reader

from desktop.core.model import AlignOptions, Cancelled, Fact, GroupStatus, ManyComparison
from desktop.core.pipeline import assemble_many
from desktop.report.briefing import BriefingOptions
from desktop.report.coverage_figure import ROWS_PER_PART
from desktop.report.many import build_many_briefing

FACTS = 60  # more rows than one page holds (60 x 12 pt)


def _long(count: int = FACTS) -> ManyComparison:
    """``count`` facts, fact k told by A and by B or C in turn, with B's number changed."""
    a = [f"Bridge {k} reopened after {k + 2} days." for k in range(count)]
    b = [f"Bridge {k} reopened after {k + 3} days." for k in range(0, count, 2)]
    c = [f"Bridge {k} reopened after {k + 2} days." for k in range(1, count, 2)]
    built = [source([s], title=t, outlet=t) for s, t in ((a, "Wire"), (b, "Globe"), (c, "Radio"))]
    facts = [Fact(((0, (k,)), (1 + k % 2, (k // 2,))), 0.9) for k in range(count)]
    return assemble_many([x[0] for x in built], [x[1] for x in built], facts, AlignOptions())


def test_a_long_coverage_figure_goes_on_over_several_pages(tmp_path):
    out = tmp_path / "long.pdf"
    build_many_briefing(_long(), out, options=BriefingOptions(title="Bridges", sections=("overview",)))
    pages = [page.extract_text() for page in reader(out).pages]
    first = next(n for n, text in enumerate(pages) if "Each row is a fact" in text)
    last = next(n for n, text in enumerate(pages) if "facts reported" in text)
    assert last > first and FACTS > ROWS_PER_PART
    figure = "\n".join(pages[first:last + 1])
    for k in range(1, FACTS + 1):  # every row: its number and the start of its reference wording
        assert f"\n{k}\nBridge {k - 1} reopened after {k + 1} days." in figure, k


def test_rejected_facts_leave_the_briefing(tmp_path):
    many = _long(4)
    facts = list(many.facts)
    facts[1] = replace(facts[1], fact=replace(facts[1].fact, status=GroupStatus.REJECTED))
    out = tmp_path / "rejected.pdf"
    build_many_briefing(replace(many, facts=tuple(facts)), out)
    titles = outline_titles(reader(out))
    assert [t.split(".")[0] for t in titles if t[:1].isdigit()] == ["1", "2", "3"]
    text = all_text(reader(out))
    assert "Bridge 1 reopened" in text  # its passages are still there: only C and A report them now


def test_a_cancelled_build_writes_nothing(tmp_path):
    def cancel(fraction: float) -> None:
        if fraction > 0.2:
            raise Cancelled("stop")

    out = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        build_many_briefing(_long(20), out, progress=cancel)
    assert list(tmp_path.iterdir()) == []


def test_coverage_rows_in_a_script_the_main_font_lacks_use_the_cjk_font(tmp_path):
    texts = (["东京的报道说有两人受伤。"], ["东京的报道说有三人受伤。"], ["Other news."])
    built = [source([s]) for s in texts]
    many = assemble_many([b[0] for b in built], [b[1] for b in built],
                         [Fact(((0, (0,)), (1, (0,))), 0.9), Fact(((2, (0,)),), 0.0)], AlignOptions())
    out = tmp_path / "cjk.pdf"
    build_many_briefing(many, out)
    figure = next(p.extract_text() for p in reader(out).pages if "facts reported" in p.extract_text())
    assert "1\n东京的报道说有两人受伤。\nR" in figure


def test_a_long_note_is_cut_in_its_box_as_in_the_two_source_briefing(tmp_path, monkeypatch):
    from desktop.core import limits
    from desktop.core.model import Note
    from desktop.report.content import clip

    monkeypatch.setattr(limits, "PDF_NOTE_CHARS", 100)
    comparison = _long(4)
    long_note = "This note goes on and on. " * 40  # 1,040 characters
    note = Note("a", 0, 6, "Bridge", long_note)
    path = tmp_path / "note.pdf"
    build_many_briefing(comparison, path, notes=[note])
    marker = f"[{clip(long_note, 100)[1]:,} more characters: see the full note]"
    text = " ".join(all_text(reader(path)).split())
    assert marker in text and "on and on. " * 10 not in text
