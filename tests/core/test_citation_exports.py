"""RIS, BibTeX and CSL-JSON exports: read back by independent parsers (rispy, bibtexparser, json)
with the fields Zotero's importers look for."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares

from desktop.core import cite
from desktop.core.model import Metadata, ParallaxError

FULL = Metadata(
    title="Xi leaves Moscow after summit with Putin", outlet="Example Wire",
    authors=("Maria Silva", "Lula da Silva", "Xinhua", "Martin Luther King Jr."),
    issued="2023-03-22", url="https://example.com/xi?a=1&b=2", accessed="2024-01-05", language="en",
)
TRICKY = Metadata(title="AT&T {50%} #1_x ~ ^ \\ end: “quoted”", outlet="O&O", authors=("{Grupo Globo}",),
                  issued="2023", kind="webpage")
RUSSIAN = Metadata(title="Путин и Си Цзиньпин", outlet="ТАСС", authors=("Мария Сильва",), issued="2023-03",
                   language="ru")
SEED_000 = Metadata(issued="2023-03-22")
EMPTY = Metadata()
ALL = [FULL, TRICKY, RUSSIAN, SEED_000, EMPTY]


def test_every_source_is_one_record_in_every_format():
    ris = rispy.loads(cite.export(ALL, "ris"))
    assert [r.get("title", "") for r in ris] == [m.title for m in ALL]
    assert [r.get("secondary_title", "") for r in ris] == [m.outlet for m in ALL]
    bib = bibtexparser.parse_string(cite.export(ALL, "bibtex"))
    assert bib.failed_blocks == [] and len(bib.entries) == len(ALL)
    csl = json.loads(cite.export(ALL, "csl-json"))
    assert [cite.from_csl_item(item) for item in csl] == ALL


def test_ris_reads_in_rispy_with_zoteros_tags():
    text = cite.export([FULL, SEED_000], "ris")
    first, second = rispy.loads(text)
    assert first == {
        "type_of_reference": "NEWS",
        "authors": ["Silva, Maria", "da Silva, Lula", "Xinhua", "King, Martin Luther, Jr."],
        "title": FULL.title, "secondary_title": "Example Wire",  # T2: Zotero's publicationTitle
        "year": "2023", "date": "2023/03/22/", "urls": [FULL.url],
        "access_date": "2024/01/05/", "language": "en",
    }
    assert second == {"type_of_reference": "NEWS", "year": "2023", "date": "2023/03/22/"}
    assert text.startswith("TY  - NEWS\n") and text.count("ER  - \n") == 2


def test_ris_partial_dates():
    assert "DA  - 2023/03//\n" in cite.export([RUSSIAN], "ris")


def test_bibtex_reads_in_bibtexparser():
    library = bibtexparser.parse_string(
        cite.export([FULL, TRICKY, RUSSIAN, EMPTY], "bibtex"),
        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts(),
                           middlewares.MonthIntMiddleware(True)])
    assert library.failed_blocks == []
    full, tricky, russian, empty = library.entries
    assert (full.entry_type, full.key) == ("article", "silva2023xi")
    fields = {f.key: f.value for f in full.fields}
    assert [(n.first, n.von, n.last, n.jr) for n in fields.pop("author")] == [
        (["Maria"], [], ["Silva"], []), (["Lula"], ["da"], ["Silva"], []), ([], [], ["{Xinhua}"], []),
        (["Martin", "Luther"], [], ["King"], ["Jr."])]
    assert fields == {"title": FULL.title, "journal": "Example Wire", "year": "2023", "month": 3,
                      "url": FULL.url, "urldate": "2024-01-05", "language": "en", "date": "2023-03-22"}
    assert [f.key for f in full.fields][-1] == "date"  # last: Zotero lets it replace year + month
    assert (tricky.entry_type, tricky.key) == ("online", "grupo2023at")
    assert tricky.fields_dict["title"].value == (
        r"AT\&T \{50\%\} \#1\_x \textasciitilde{} \textasciicircum{} \textbackslash{} end: “quoted”")
    assert russian.fields_dict["title"].value == "Путин и Си Цзиньпин"
    assert russian.key == "source2023"  # ASCII keys only: the Cyrillic name and title give no letters
    assert empty.key == "source" and empty.fields == []


def test_bibtex_latex_decoding_gives_the_text_back():
    tricky = Metadata(title="AT&T {50%} #1_x", outlet="O&O")
    library = bibtexparser.parse_string(cite.export([tricky], "bibtex"),
                                        append_middleware=[middlewares.LatexDecodingMiddleware()])
    assert library.entries[0].fields_dict["title"].value == "AT&T {50%} #1_x"


def test_csl_json_is_an_array_of_csl_items():
    items = json.loads(cite.export([FULL, EMPTY], "csl-json"))
    assert items[0] == {**cite.to_csl_item(FULL, "item-1")}
    assert items[0]["author"][1] == {"given": "Lula", "non-dropping-particle": "da", "family": "Silva"}
    assert items[1] == {"id": "item-2", "type": "article-newspaper"}


def test_an_unknown_format_is_a_clear_error():
    with pytest.raises(ParallaxError, match="unknown export format"):
        cite.export([FULL], "endnote")
