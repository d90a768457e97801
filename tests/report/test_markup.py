"""Paragraph markup: escaping, font fallback runs, overlapping annotated runs."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from desktop.core.model import DiffKind, Which
from desktop.report.annotations import merge_rects
from desktop.report.markup import Run, passage_markup
from desktop.report.references import with_fallback_fonts
from desktop.report.styles import (
    CJK,
    SANS,
    SANS_BOLD,
    diff_look,
    escape,
    font_for,
    is_cjk_text,
    rich,
    stylesheet,
)

A, B = Which.all(2)


def test_escape_keeps_markup_like_text_verbatim():
    assert escape("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert escape("bell\x07here") == "bell here"


def test_font_fallback_picks_the_font_that_has_the_glyph():
    assert font_for("я") == SANS and font_for("λ") == SANS
    assert font_for("中") == CJK
    assert rich("Xi 习近平 said") == f'Xi <font name="{CJK}">习近平</font> said'
    assert rich("плохо <b>") == "плохо &lt;b&gt;"


def test_fallback_keeps_spaces_and_marks_inside_the_run():
    assert rich("东京 大阪") == f'<font name="{CJK}">东京 大阪</font>'
    assert rich("a 东京 b") == f'a <font name="{CJK}">东京</font> b'
    assert rich("e\u0301 中\u0301") == f'e\u0301 <font name="{CJK}">中\u0301</font>'


def test_markup_paragraph_parses_and_shows_the_text():
    text = "Tom & Jerry <3 — 东京 says “hi” 🙂"
    para = Paragraph(rich(text), stylesheet()["passage"])
    para.wrap(300, 100)
    assert "".join(w.text for line in para.blPara.lines for w in line.words).replace(" ", "") \
        == text.replace(" ", "")


def test_cjk_passages_are_detected():
    assert is_cjk_text("东京的报道说有两人受伤。")
    assert not is_cjk_text("Xi 习近平 met Putin in Moscow on Tuesday")


def test_runs_nest_properly_when_they_overlap():
    look = diff_look(DiffKind.NUMBER, A, "4")
    # the passage starts at offset 6 of its source: "4" is at 11, the note covers "d 4 pe" (9..15)
    runs = [Run(11, 12, look, "pxa:0"), Run(9, 15, None, "pxa:1")]
    markup = passage_markup("said 4 people", 6, runs)
    colour = f'color="#{look.text.hexval()[2:]}" backColor="#{look.layer.hexval()[2:]}"'
    assert markup == (f'sai<a href="pxa:1">d </a><a href="pxa:1"><a href="pxa:0"><font name="{SANS_BOLD}" '
                      f'{colour}>4</font></a></a><a href="pxa:1"> pe</a>ople')
    para = Paragraph(markup, stylesheet()["passage"])  # reportlab accepts the nesting
    para.wrap(300, 100)
    links = {n for line in para.blPara.lines for frag in line.words for n, _ in frag.link}
    assert len(links) == 4  # one per <a>; the canvas joins them by href


def test_runs_outside_the_passage_are_clipped_and_carets_drawn():
    runs = [Run(0, 50), Run(104, 104, caret="#ff0000"), Run(103, 200, None, "pxa:3")]
    markup = passage_markup("abc def", 100, runs)
    gaps = ('<font size="3.5">\u00a0</font><onDraw name="pxcaret" label="#ff0000"/>'
            '<font size="12">\u00a0</font>')
    assert markup == f'abc<a href="pxa:3"> </a>{gaps}<a href="pxa:3">def</a>'


def test_strong_kinds_are_bold_only_when_short():
    assert diff_look(DiffKind.NUMBER, B, "12").bold
    assert not diff_look(DiffKind.NUMBER, B, "the 12-point peace plan that called for an end").bold
    assert not diff_look(DiffKind.WORDING, A, "x").bold
    assert diff_look(DiffKind.QUOTE, A, "x").italic
    assert diff_look(DiffKind.NUMBER, "b", "12") == diff_look(DiffKind.NUMBER, B, "12")  # a letter will do


@pytest.mark.parametrize(("rects", "merged"), [
    ([(0, 0, 10, 9), (10, 0, 20, 9)], [(0, 0, 20, 9)]),  # pieces of one run on a line join
    ([(0, 12, 30, 21), (0, 0, 10, 9)], [(0, 12, 30, 21), (0, 0, 10, 9)]),  # lines stay apart
    ([(0, 0, 10, 9), (40, 0, 50, 9)], [(0, 0, 10, 9), (40, 0, 50, 9)]),  # a gap is kept
])
def test_merge_rects(rects, merged):
    assert merge_rects(rects) == merged


def test_citation_markup_gets_fallback_fonts_between_tags():
    out = with_fallback_fonts("Silva &amp; 王小明. <i>Wire</i> &lt;x&gt;")
    assert out == f'Silva &amp; <font name="{CJK}">王小明</font>. <i>Wire</i> &lt;x&gt;'
