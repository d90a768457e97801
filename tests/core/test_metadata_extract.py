"""Dates in many spellings, author lists, the plain-text header, and the language guess."""

from __future__ import annotations

import pytest

from desktop.core.model import Metadata
from desktop.core.sources.metadata import parse_date, parse_text_header, split_authors
from desktop.core.text.language import guess_language, other_script


@pytest.mark.parametrize(("value", "iso"), [
    ("2023-03-22", "2023-03-22"),
    ("2023-03-22T14:05:00+00:00", "2023-03-22"),
    ("2023/3/22", "2023-03-22"),
    ("22.03.2023", "2023-03-22"),
    ("3/22/2023", "2023-03-22"),
    ("22/03/2023", "2023-03-22"),  # month-first is impossible, so day first
    ("March 22, 2023", "2023-03-22"),
    ("Wednesday, March 22, 2023", "2023-03-22"),
    ("Mar. 22nd, 2023", "2023-03-22"),
    ("22 March 2023", "2023-03-22"),
    ("22. März 2023", "2023-03-22"),
    ("1er mars 2023", "2023-03-01"),
    ("22 de marzo de 2023", "2023-03-22"),
    ("Wed, 22 Mar 2023 14:05:00 +0000", "2023-03-22"),
    ("March 2023", "2023-03"),
    ("2023", "2023"),
    ("no date here", ""),
    ("2023-13-45", "2023"),  # an impossible month falls back to the year
])
def test_parse_date(value, iso):
    assert parse_date(value)[0] == iso


def test_parse_date_anchored_reports_where_the_date_ends():
    assert parse_date("2023-03-22 Chinese President", anchored=True) == ("2023-03-22", 10)
    assert parse_date("Chinese President 2023", anchored=True) == ("", 0)


@pytest.mark.parametrize(("value", "names"), [
    ("Maria Silva", ("Maria Silva",)),
    ("By Maria Silva and João Pereira", ("Maria Silva", "João Pereira")),
    ("Maria Silva, João Pereira and Ana Costa", ("Maria Silva", "João Pereira", "Ana Costa")),
    ("Silva, Maria", ("Silva, Maria",)),
    ("Silva; Pereira", ("Silva", "Pereira")),
    ("Von Jörg Müller und Anna Schmidt", ("Jörg Müller", "Anna Schmidt")),
    ("Maria Silva & Maria Silva", ("Maria Silva",)),
])
def test_split_authors(value, names):
    assert split_authors(value) == names


def test_header_with_body_on_the_same_line():
    text = " date 2023-03-22 Chinese President Xi Jinping left Moscow."
    meta, body = parse_text_header(text)
    assert meta == Metadata(issued="2023-03-22") and text[body:].startswith("Chinese President")


def test_front_matter():
    text = "---\ntitle: \"Xi leaves Moscow\"\nauthor: Silva, Maria\ndate: 2023-03-22\n---\nBody."
    meta, body = parse_text_header(text)
    assert (meta.title, meta.authors, meta.issued) == ("Xi leaves Moscow", ("Silva, Maria",), "2023-03-22")
    assert text[body:] == "Body."


def test_a_header_alone_is_the_text_itself():
    assert parse_text_header("Title: only a title") == (Metadata(), 0)


def test_header_values_must_look_like_labels():
    meta, body = parse_text_header("URL: not a url\nBody.")
    assert meta == Metadata() and body == 0


@pytest.mark.parametrize(("text", "code"), [
    ("Chinese President Xi Jinping left Moscow on Wednesday after a summit with the Russian leader.", "en"),
    ("Der chinesische Präsident hat Moskau nach einem Gipfeltreffen mit dem Staatschef verlassen.", "de"),
    ("Le président chinois a quitté Moscou mercredi après un sommet avec son homologue russe.", "fr"),
    ("El presidente chino dejó Moscú el miércoles tras una cumbre con el mandatario ruso.", "es"),
    ("Президент России Владимир Путин встретился с Си Цзиньпином в Москве.", "ru"),
    ("Президент України Володимир Зеленський заявив, що їхні переговори тривають.", "uk"),
    ("习近平离开莫斯科。他与普京举行了会谈！会谈的结果如何？", "zh"),
    ("日本の首相は東京で記者会見を開きました。", "ja"),
    ("short", ""),
])
def test_guess_language(text, code):
    assert guess_language(text) == code


def test_other_script():
    assert other_script("Путин встретился с Си", "en")
    assert not other_script("Putin met Xi", "de")
    assert other_script("Putin met Xi in Moscow", "ru")
    assert not other_script("Путин встретился с Си", "ru-RU")
