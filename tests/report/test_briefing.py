"""The briefing PDF of a hand-built comparison, read back with pypdf."""

from __future__ import annotations

import datetime
import shutil
import subprocess

import pytest
from builders import build_comparison, source
from pdfcheck import all_text, annotations, font_files, lines, outline_titles, passage_streams, reader, squash
from report_kit import NOTE_QUOTE, long_comparison, sample
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core.model import Cancelled, ParallaxError
from desktop.report.briefing import BriefingOptions, build_briefing
from desktop.report.document import pdf_date
from desktop.report.styles import SANS

OPTIONS = BriefingOptions(title="Blast <report> & review", analyst="Ана Аналитик", date="2024-05-08")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    comparison, notes = sample()
    path = tmp_path_factory.mktemp("brief") / "briefing.pdf"
    build_briefing(comparison, path, options=OPTIONS, notes=notes)
    return comparison, notes, path


@pytest.fixture(scope="module")
def pdf(built):
    return reader(built[2])


def test_every_shown_passage_is_in_its_column(built, pdf):
    comparison, _, _ = built
    left, right = passage_streams(pdf)
    for p in comparison.passages_a:
        assert squash(p.text) in left, p.text
    for p in comparison.passages_b:
        # only-in passages run full width from the left margin
        assert squash(p.text) in right + left, p.text  # emoji included


def test_markup_like_text_is_verbatim_and_unicode_survives(pdf):
    text = all_text(pdf)
    assert "<b> & its aftermath" in text
    assert "Российские СМИ" in text and "东京的报道说有三人受伤" in text and "Ελληνικά" in text
    assert "Blast <report> & review" in text  # the title, in the running header
    fonts = font_files(pdf)
    assert fonts and all(fonts.values()), fonts
    assert any("DroidSansFallback" in name for name in fonts)
    assert any("Symbola" in name or "DejaVuSans" in name for name in fonts)


def test_rejected_group_is_left_out_and_its_passages_are_unmatched(pdf):
    titles = outline_titles(pdf)
    groups = [t for t in titles if t[:1].isdigit()]
    assert len(groups) == 4
    assert not any("rejected passage" in t for t in groups)
    text = squash(all_text(pdf))
    only_a = text.index(squash("Only in A"), text.index(squash("Shared facts")) + 1)
    assert text.find(squash("The rejected passage of A talks about the weather.")) > only_a


def test_confirmed_group_is_marked(pdf):
    marked = [ln.text for ln in lines(pdf) if "confirmed" in ln.text and "Group" in ln.text]
    assert len(marked) == 1 and marked[0].startswith("Group 1")


def test_outline_lists_the_sections_and_groups(pdf):
    titles = outline_titles(pdf)
    for section in ("Contents", "Overview", "Shared facts", "Only in A", "Only in B", "Analyst notes",
                    "References"):
        assert section in titles
    assert "1. The minister said 4 people were hurt in Kyiv on Monday morning." in titles
    assert "2. Officials gave no further details about the attack <b> & its aftermath." in titles


def test_contents_entries_are_links(pdf):
    links = [a for a in pdf.pages[0]["/Annots"] if a.get_object()["/Subtype"] == "/Link"]
    assert len(links) >= 6


def test_metadata_and_page_numbers(pdf):
    meta = pdf.metadata
    assert meta.title == OPTIONS.title and meta.author == OPTIONS.analyst
    assert "Daily Example" in meta.subject and "Пример Ньюс" in meta.subject
    total = len(pdf.pages)
    assert f"page 1 of {total}" in pdf.pages[0].extract_text()
    assert f"page {total} of {total}" in pdf.pages[-1].extract_text()


def test_file_dates_are_the_briefing_date(pdf, tmp_path):
    """Issue 10: invariant mode dated every briefing 2000-01-01."""
    meta = pdf.metadata
    assert meta.creation_date.date() == meta.modification_date.date() == datetime.date(2024, 5, 8)
    comparison, _notes = sample()
    path = tmp_path / "spelled.pdf"
    build_briefing(comparison, path, options=BriefingOptions(date="22 March 2023", sections=()))
    assert reader(path).metadata.creation_date.date() == datetime.date(2023, 3, 22)


@pytest.mark.parametrize(("shown", "stamp"), [
    ("2024-05-08", "D:20240508000000+00'00'"), ("March 2023", "D:20230301000000+00'00'"),
    ("Prepared 8.5.2024", "D:20240508000000+00'00'"),
])
def test_pdf_date_reads_the_printed_date(shown, stamp):
    assert pdf_date(shown) == stamp


def test_pdf_date_of_free_text_is_today():
    assert pdf_date("spring") == "D:" + datetime.date.today().strftime("%Y%m%d") + "000000+00'00'"


def test_notes_are_sticky_annotations_and_boxes(built, pdf):
    _, notes, _ = built
    texts = [a for a in annotations(pdf) if a.subtype == "/Text"]
    assert len(texts) == len(notes)
    joined = "\n".join(a.contents for a in texts)
    assert "Only A names the inquiry <b>(and)</b> & \\ its scope." in joined
    assert "Tags: casualties, numbers" in joined
    body = squash(all_text(pdf))
    assert squash("B gives 2, not 4 — which is right?") in body


def test_differences_carry_highlights_inside_the_page(pdf):
    highlights = [a for a in annotations(pdf) if a.subtype == "/Highlight"]
    contents = {a.contents for a in highlights}
    assert {"number: 4 -> 2", "name: Kyiv -> Kiev", "wording: morning -> ∅", "number: 两 -> 三"} <= contents
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    for a in highlights:
        assert a.quads
        for q in a.quads:
            xs, ys = q[0::2], q[1::2]
            assert all(0 <= x <= width for x in xs) and all(0 <= y <= height for y in ys)
            assert max(xs) > min(xs) and max(ys) > min(ys)


def _line_at(pdf, page: int, top: float):
    """The passage line whose glyph top (baseline + size) is at ``top``."""
    found = [ln for ln in lines(pdf) if ln.page == page and abs(ln.y + ln.size - top) < 0.6]
    assert found, top
    return found[0]


def test_highlight_lands_on_the_right_words(pdf):
    mid = float(pdf.pages[0].mediabox.width) / 2
    (a,) = [a for a in annotations(pdf) if a.contents == "number: 4 -> 2" and a.rect[0] < mid]
    (quad,) = a.quads
    line = _line_at(pdf, a.page, quad[1])
    prefix = line.text[: line.text.index(" 4 ") + 1]
    assert quad[0] == pytest.approx(line.x + stringWidth(prefix, SANS, 9), abs=0.6)


def test_note_highlight_follows_the_quote_onto_the_next_line(pdf):
    (a,) = [a for a in annotations(pdf) if a.subtype == "/Highlight" and a.contents.startswith("Note N1")]
    assert len(a.quads) >= 2, "the quote wraps, so the highlight has one quad per line"
    first, second = a.quads[0], a.quads[1]
    assert second[1] < first[1]
    line1 = _line_at(pdf, a.page, first[1])
    text1 = line1.text.rstrip()
    # where the quote begins on the first line: the earliest suffix of the line the quote starts with
    start = next(i for i in range(len(text1))
                 if text1[i - 1:i] in ("", " ") and NOTE_QUOTE.startswith(text1[i:]))
    assert first[0] == pytest.approx(line1.x + stringWidth(text1[:start], SANS, 9), abs=0.6)
    assert first[2] == pytest.approx(line1.x + stringWidth(text1, SANS, 9), abs=0.6)
    line2 = _line_at(pdf, a.page, second[1])
    assert second[0] == pytest.approx(line2.x, abs=0.6)
    rest = NOTE_QUOTE[len(text1) - start:].strip()
    assert line2.text.startswith(rest[:20])
    assert second[2] == pytest.approx(line2.x + stringWidth(rest, SANS, 9), abs=0.6)


def test_two_runs_give_the_same_bytes(built, tmp_path):
    comparison, notes, first = built
    again = tmp_path / "again.pdf"
    build_briefing(comparison, again, options=OPTIONS, notes=notes)
    assert again.read_bytes() == first.read_bytes()


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_no_errors(built):
    result = subprocess.run(["qpdf", "--check", str(built[2])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_first_page_renders_with_ink(built, tmp_path):
    command = ["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(built[2]), str(tmp_path / "p")]
    subprocess.run(command, check=True)
    (image,) = tmp_path.glob("p*.pgm")
    data = image.read_bytes()
    magic, width, height, maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and int(maxval) == 255
    dark = sum(1 for v in pixels[: int(width) * int(height)] if v < 160)
    assert dark > 0.01 * int(width) * int(height)


def test_long_passage_breaks_across_pages(tmp_path):
    comparison = long_comparison()
    path = tmp_path / "long.pdf"
    build_briefing(comparison, path, options=BriefingOptions(sections=("shared",)))
    pdf = reader(path)
    left, right = passage_streams(pdf)
    assert squash(comparison.passages_a[0].text) == left
    assert squash(comparison.passages_b[0].text) == right
    assert "Group 1 (continued)" in all_text(pdf)
    pages = {ln.page for ln in lines(pdf) if ln.size == 9 and ln.text.startswith("word")}
    assert len(pages) >= 2


def test_sections_can_be_left_out(tmp_path):
    comparison, notes = sample()
    path = tmp_path / "short.pdf"
    build_briefing(comparison, path, options=BriefingOptions(sections=("only_a", "references")), notes=notes)
    titles = outline_titles(reader(path))
    assert "Only in A" in titles and "References" in titles
    assert "Shared facts" not in titles and "Overview" not in titles and "Only in B" not in titles


def test_unknown_section_is_refused():
    with pytest.raises(ParallaxError, match="unknown briefing section"):
        BriefingOptions(sections=("summary",))


def test_unwritable_path_names_the_path(tmp_path):
    comparison, _ = sample()
    target = tmp_path / "missing" / "b.pdf"
    with pytest.raises(ParallaxError, match="missing/b.pdf"):
        build_briefing(comparison, target)
    with pytest.raises(ParallaxError, match="folder"):
        build_briefing(comparison, tmp_path)


def test_cancelled_build_leaves_nothing_behind(tmp_path):
    comparison, _ = sample()
    target = tmp_path / "b.pdf"
    target.write_bytes(b"old briefing")
    seen = []

    def progress(fraction: float) -> None:
        seen.append(fraction)
        if fraction > 0.2:
            raise Cancelled("stop")

    with pytest.raises(Cancelled):
        build_briefing(comparison, target, progress=progress)
    assert target.read_bytes() == b"old briefing"
    assert [p.name for p in tmp_path.iterdir()] == ["b.pdf"]


def test_progress_rises_to_one(tmp_path):
    comparison, _ = sample()
    seen: list[float] = []
    build_briefing(comparison, tmp_path / "b.pdf", progress=seen.append)
    assert seen[-1] == 1.0
    assert seen == sorted(seen) and 0 <= seen[0] < 1


def test_a_source_without_title_is_named_alike_on_cover_and_in_references(tmp_path):
    """Issue 10: the references said "(n.d.)." while the cover named the file."""
    a = source(["Xi leaves Moscow", "Chinese President Xi Jinping left Moscow."], origin="in/wire-story.txt")
    b = source(["Putin hosted Xi in Moscow this week."], origin="in/other_paper.txt")
    path = tmp_path / "untitled.pdf"
    build_briefing(build_comparison(a, b, ()), path, options=BriefingOptions(date="2024-05-08"))
    pdf = reader(path)
    cover = pdf.pages[0].extract_text()
    entries = [ln.text for ln in lines(pdf) if ln.text.endswith("(n.d.).")]
    assert entries == ["other_paper. (n.d.).", "Xi leaves Moscow. (n.d.)."]
    assert "Xi leaves Moscow" in cover and "other_paper" in cover


def test_a_reading_cut_by_its_budget_is_said_on_the_cover(tmp_path):
    from dataclasses import replace

    from desktop.core.model import EngineRun

    comparison, notes = sample()
    run = EngineRun("independent reports", ("read_pairs",), ("same-fact-reader",),
                    pairs_read=24, pairs_to_read=64)
    path = tmp_path / "cut.pdf"
    build_briefing(replace(comparison, run=run), path, options=OPTIONS, notes=notes)
    cover = squash(reader(path).pages[0].extract_text())
    assert squash("Faster reading") in cover
    assert squash("read the 24 likeliest of 64 likely pairs") in cover
    whole = tmp_path / "whole.pdf"
    full = replace(comparison, run=replace(run, pairs_read=64))
    build_briefing(full, whole, options=OPTIONS, notes=notes)
    assert squash("Faster reading") not in squash(reader(whole).pages[0].extract_text())
