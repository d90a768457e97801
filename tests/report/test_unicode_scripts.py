"""Right-to-left scripts (bidi reordering per line, Arabic shaping) and emoji text extraction."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from pdfcheck import all_text, lines, reader
from report_kit import diff, source
from reportlab.lib import colors
from reportlab.platypus import Paragraph

from desktop.core.model import AlignedGroup, Comparison, DiffKind, DiffOp, Group
from desktop.report import rtl
from desktop.report.briefing import BriefingOptions, build_briefing
from desktop.report.styles import covered, passage_style, rich, stylesheet
from desktop.report.tounicode import to_unicode_cmap

HEBREW = "הממשלה הודיעה היום על תוכנית חדשה לשיקום העיר אחרי ההפצצה."
ARABIC = "أعلنت الحكومة اليوم عن خطة جديدة لإعادة إعمار المدينة."
MIXED = "The spokesman of צה״ל said that 12 rockets (שנים עשר) were fired at Ashdod."
A_PARAS = [HEBREW, ARABIC, MIXED, "Российские источники сообщили о взрыве.", "东京的报道说有两人受伤。",
           "Emoji test 🙂 and 🚀 rockets."]
B_PARAS = ["הממשלה הודיעה אתמול על תוכנית לשיקום העיר.", "أعلنت الحكومة أمس عن خطة لإعادة إعمار المدينة.",
           "The spokesman of צה״ל said that 14 rockets were fired.", "Российские СМИ сообщили о взрыве.",
           "东京的报道说有三人受伤。", "Emoji test 😀 and 🚀 rockets."]


# ---- units: shaping, reordering, ToUnicode --------------------------------------------------


def test_arabic_letters_take_their_joining_forms_and_lam_alef_ligature():
    assert rtl.shape("بب") == "\ufe91\ufe90"  # beh initial + beh final
    assert rtl.shape("لا") == "\ufefb"  # lam-alef isolated ligature
    assert rtl.shape("بَ") == "\ufe8f\u064e"  # diacritics (harakat) are kept
    assert rtl.shape("Hebrew שלום") == "Hebrew שלום"


def test_a_piece_of_a_word_joins_with_its_neighbours():
    assert rtl.shape("ب", "", "ب") == "\ufe91"  # initial: the next letter joins
    assert rtl.shape("ب", "ب", "") == "\ufe90"  # final
    assert rtl.shape("ل", "", "ا") == "\ufedd"  # ligature would span the cut: shaped alone


def test_lines_are_reordered_by_the_bidi_algorithm():
    assert rtl.visual("abc אבג") == "abc גבא"  # LTR base: the Hebrew run reversed in place
    assert rtl.visual("אבג abc") == "abc גבא"  # RTL base: runs right to left
    assert rtl.visual("אב 12") == "12 בא"  # numbers stay left to right
    assert rtl.visual("(אב)") == "(בא)"  # brackets mirrored in a right-to-left run
    assert rtl.visual("Кириллица 東京 🙂") == "Кириллица 東京 🙂"


def _line_text(line) -> str:
    if isinstance(line, tuple):  # a simple paragraph's line: (extra space, words)
        return " ".join(line[1])
    return "".join(getattr(f, "text", "") for f in line.words)


def test_paragraph_wraps_in_logical_order_and_draws_each_line_reversed():
    markup = rich("אחת שתיים ") + '<font color="#ff0000">' + rich("שלוש") + "</font>" + rich(" ארבע חמש")
    para = Paragraph(markup, passage_style())
    para.wrap(60, 1000)
    logical = [_line_text(line).strip() for line in para.blPara.lines]
    assert logical[0].startswith("אחת")  # wrapping saw the words in reading order
    visual = rtl.visual_lines(para.blPara)
    assert visual is not None and visual.rtl
    for before, after in zip(logical, visual.lines, strict=True):
        assert _line_text(after).strip() == before[::-1]
    red = [f for line in visual.lines for f in line.words if getattr(f, "textColor", None) == colors.red]
    assert "".join(f.text for f in red) == "שולש"  # the red run keeps its colour, reversed
    assert para.blPara.lines[0].words[0].text.startswith("אחת")  # the logical lines are untouched


def test_a_single_run_rtl_passage_is_reversed_per_line_and_right_aligned():
    para = Paragraph(rich(HEBREW), passage_style())
    para.wrap(120, 1000)
    assert para.blPara.kind == 0 and len(para.blPara.lines) > 1
    visual = rtl.visual_lines(para.blPara)
    assert visual is not None and visual.rtl
    for (_, words), line in zip(para.blPara.lines, visual.lines, strict=True):
        assert _line_text(line) == " ".join(words)[::-1]


def test_only_passages_take_their_direction_from_their_text():
    para = Paragraph(rich("כותרת בעברית. (n.d.)."), stylesheet()["reference"])
    para.wrap(400, 100)
    drawn = rtl.visual_lines(para.blPara, auto_direction=False)
    assert drawn is not None and not drawn.rtl
    assert _line_text(drawn.lines[0]).startswith("תירבעב תרתוכ. (n.d.)")


def test_to_unicode_cmap_writes_utf16_with_surrogate_pairs():
    cmap = to_unicode_cmap("X+Font", [0x41, 0x1F642, 0xFEFB, 0xFE91])
    assert "<00> <0041>" in cmap
    assert "<01> <D83DDE42>" in cmap  # U+1F642 as a UTF-16 surrogate pair
    assert "<02> <06270644>" in cmap  # lam-alef: alef, lam (visual order, like its run)
    assert "<03> <0628>" in cmap  # beh initial form -> beh
    assert "4 beginbfchar" in cmap


# ---- a whole briefing ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory):
    a, pa = source(A_PARAS, title="כותרת בעברית", outlet="هآرتس")
    b, pb = source(B_PARAS, title="عنوان عربي", outlet="Example")
    groups = (
        AlignedGroup(Group((0,), (0,), 0.8), (
            diff(DiffOp.REPLACE, DiffKind.WORDING, pa[0], pb[0], "היום", "אתמול"),)),
        AlignedGroup(Group((1,), (1,), 0.8), (
            diff(DiffOp.REPLACE, DiffKind.WORDING, pa[1], pb[1], "اليوم", "أمس"),)),
        AlignedGroup(Group((2,), (2,), 0.8), (
            diff(DiffOp.REPLACE, DiffKind.NUMBER, pa[2], pb[2], "12", "14"),)),
        *(AlignedGroup(Group((i,), (i,), 0.8), ()) for i in range(3, 6)),
    )
    path = tmp_path_factory.mktemp("scripts") / "scripts.pdf"
    options = BriefingOptions(title="Scripts", analyst="Ана", date="2024-05-08")
    build_briefing(Comparison(a, b, pa, pb, groups, (), ()), path, options=options)
    return path


def test_pypdf_extracts_emoji_cyrillic_and_cjk(pdf_path):
    text = all_text(reader(pdf_path))
    assert "Emoji test 🙂 and 🚀 rockets." in text and "😀" in text
    assert "Российские источники" in text and "东京的报道说有两人受伤" in text


def test_arabic_is_drawn_shaped_and_extracts_as_plain_letters(pdf_path):
    text = all_text(reader(pdf_path))
    assert not any(0xFB50 <= ord(c) <= 0xFEFF for c in text)  # ToUnicode gives base letters
    letters = set(unicodedata.normalize("NFKC", rtl.shape(ARABIC)))
    assert letters <= set(text)
    assert covered(rtl.shape(ARABIC))  # DejaVu Sans has every presentation form drawn


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_poppler_reads_rtl_text_back_in_logical_order(pdf_path):
    out = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True,
                         check=True).stdout
    flat = " ".join(re.sub("[\u202a-\u202e]", "", out).split())  # poppler marks embeddings
    assert "הממשלה הודיעה היום על תוכנית" in flat
    assert "أعلنت الحكومة اليوم عن خطة جديدة لإعادة إعمار" in flat  # lam-alef comes back as لإ
    # poppler moves spaces and brackets around embedded runs when it reads them back
    squashed = flat.replace(" ", "")
    assert "שניםעשר" in squashed and "Thespokesmanofצה״לsaidthat12rockets" in squashed


def test_rtl_passages_are_right_aligned(pdf_path):
    found = lines(reader(pdf_path))
    hebrew = min(ln.x for ln in found if ln.text.strip().startswith("הממשלה הודיעה היום"))
    english = min(ln.x for ln in found if ln.text.startswith("The spokesman"))  # side A, left
    assert hebrew > english + 5  # the Hebrew line ends at the right edge of the column


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_no_errors(pdf_path):
    result = subprocess.run(["qpdf", "--check", str(pdf_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout
