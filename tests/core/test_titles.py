"""The title of a source without one: its headline, else its file name (issue 10)."""

from __future__ import annotations

import pytest

from desktop.core.model import Metadata, Source
from desktop.core.sources import read_source, source_from_text
from desktop.core.sources.titles import derive_title, headline, name_title, titled

BODY = "\n\nChinese President Xi Jinping left Moscow on Wednesday after a summit."


@pytest.mark.parametrize("first", [
    "Xi leaves Moscow without a ceasefire",
    "Is this the end of the war?",
    "“Dear friend”: Xi and Putin meet in Moscow",
    "Xi and Putin meet in 2023",
    "習近平離開莫斯科",
])
def test_a_headline_line_is_the_title(first):
    assert headline(first + BODY) == first


@pytest.mark.parametrize("first", [
    "Xi left Moscow.",  # a sentence, not a headline
    "He said “yes.”",  # a full stop inside the closing quote
    "Moscow talks:",  # a lead-in
    "Politics",  # one word: a section name
    "By Maria Silva and John Doe",  # a byline
    "Wednesday, March 22, 2023 10:05 GMT",  # a dateline
    "MOSCOW, 22 March 2023",  # a dateline with its place
    "Updated 10:32 GMT",  # a time stamp
    "https://example.com/news/xi",  # a URL
    "www.example.com",
    "***",  # no letters
    " ".join(["word"] * 23),  # too many words
    "Xi " + "x" * 160,  # too long
])
def test_other_first_lines_are_not_titles(first):
    assert headline(first + BODY) == ""


def test_a_single_line_is_the_body_not_a_headline():
    assert headline("Xi leaves Moscow without a ceasefire") == ""


def test_blank_lines_and_spaces_before_the_headline_are_skipped():
    assert headline("\n  \n  Xi   leaves Moscow \n" + BODY) == "Xi leaves Moscow"


@pytest.mark.parametrize(("origin", "title"), [
    ("seeds/000_0678943cec9dccad.txt", "000_0678943cec9dccad"),
    ("C:\\news\\xi visit.docx", "xi visit"),
    ("report.v2.pdf", "report.v2"),
    ("https://example.com/news/xi-leaves-moscow.html", "xi-leaves-moscow"),
    ("https://example.com/news/%C3%A9t%C3%A9/", "été"),
    ("https://example.com/", "example.com"),
    ("", ""),
])
def test_name_title(origin, title):
    assert name_title(origin) == title


def test_derive_title_falls_back_to_the_file_name_and_skips_the_header():
    text = "Title line that is a header\nXi left Moscow on Wednesday. More text follows.\n\nAnd more."
    assert derive_title(text, 0, "a/b.txt") == "Title line that is a header"
    assert derive_title(text, text.index("Xi"), "a/b.txt") == "b"


def test_titled_keeps_a_title_and_fills_an_empty_one():
    named = Source("Headline of the piece\n\nBody.", Metadata(title="Real title"), origin="x.txt")
    assert titled(named) is named
    bare = Source("Headline of the piece\n\nBody.", origin="x.txt")
    assert titled(bare).metadata.title == "Headline of the piece"
    assert titled(Source("Body only.", origin="dir/x.txt")).metadata.title == "x"
    pasted = Source("Body only.")
    assert titled(pasted) is pasted and pasted.label == "pasted text"


def test_the_loader_fills_the_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Xi leaves Moscow\n\nChinese President Xi Jinping left.", encoding="utf-8")
    assert read_source(path).metadata.title == "Xi leaves Moscow"
    path.write_text("Chinese President Xi Jinping left.\nHe flew home.", encoding="utf-8")
    assert read_source(path).metadata.title == "story"
    header = "Title: Given title\n\nXi leaves Moscow\n\nChinese President Xi Jinping left."
    path.write_text(header, encoding="utf-8")
    assert read_source(path).metadata.title == "Given title"


def test_pasted_text_gets_its_headline_but_keeps_a_typed_title():
    assert source_from_text("Xi leaves Moscow\n\nBody text.").metadata.title == "Xi leaves Moscow"
    typed = source_from_text("Xi leaves Moscow\n\nBody text.", metadata=Metadata(title="Mine"))
    assert typed.metadata.title == "Mine"
    assert source_from_text("Body text only.").metadata.title == ""


def test_seeds_have_no_headline_so_their_file_names_name_them(seed_paths):
    titles = [read_source(path).metadata.title for path in seed_paths]
    assert titles == ["000_0678943cec9dccad", "004_f56bacf0fc7744a3"]
