"""Citations: every expected string below was checked by hand against the style's manual.

The manuals' patterns for an online newspaper article (and where CSL or the style file decides):

* APA 7 (10.1, 8.28): Silva, M. (2023, March 22). Title in sentence case. *Outlet*. URL —
  in text (Silva, 2023, para. 4); no author: the title moves first, "n.d." for no date.
* Chicago 18 author-date: Silva, Maria. 2023. "Title in Headline Case." *Outlet*, March 22. URL.
  (CMOS 18 gives the month and day after the outlet; the year is not repeated) — (Silva 2023,
  para. 4); no author: the outlet stands in for the author.
* Chicago 18 notes-bibliography: note "Maria Silva, "Title," *Outlet*, March 22, 2023, URL.";
  bibliography "Silva, Maria. "Title." *Outlet*, March 22, 2023. URL."
* MLA 9: Silva, Maria. "Title in Title Case." *Outlet*, 22 Mar. 2023, URL. — (Silva, par. 4);
  no date: "Accessed 5 Jan. 2024." at the end.
* Harvard, Cite Them Right 12 (British): Silva, M. (2023) 'Title in sentence case', *Outlet*,
  22 March. Available at: URL (Accessed: 5 January 2024). — (Silva, 2023, para. 4).

Title case follows Chicago 8.159 / MLA (prepositions such as "after" stay lower case), as
citeproc-js does; CSL applies it only to English items.
"""

from __future__ import annotations

import shutil

import pytest

from desktop.core import cite
from desktop.core.cite.names import display_name, split_name
from desktop.core.model import Metadata, ParallaxError
from desktop.paths import resource

URL = "https://example.com/xi-moscow"
FULL = Metadata(
    title="Xi leaves Moscow after summit with Putin", outlet="Example Wire", authors=("Maria Silva",),
    issued="2023-03-22", url=URL, accessed="2024-01-05", language="en",
)
NO_AUTHOR_NO_DATE = Metadata(title="Xi leaves Moscow after summit with Putin", outlet="Example Wire",
                             url=URL, accessed="2024-01-05")
SEED_000 = Metadata(issued="2023-03-22")  # "date 2023-03-22" is all the first seed says about itself
SEED_004 = Metadata()  # the second seed carries no metadata at all

STYLES = ("apa", "chicago", "chicago-notes", "mla", "harvard")

FULL_ENTRIES = {
    "apa": f"Silva, M. (2023, March 22). Xi leaves Moscow after summit with Putin. Example Wire. {URL}",
    "chicago": f"Silva, Maria. 2023. “Xi Leaves Moscow after Summit with Putin.” Example Wire, "
               f"March 22. {URL}.",
    "chicago-notes": f"Silva, Maria. “Xi Leaves Moscow after Summit with Putin.” Example Wire, "
                     f"March 22, 2023. {URL}.",
    "mla": f"Silva, Maria. “Xi Leaves Moscow after Summit with Putin.” Example Wire, 22 Mar. 2023, {URL}.",
    "harvard": f"Silva, M. (2023) ‘Xi leaves Moscow after summit with Putin’, Example Wire, 22 March. "
               f"Available at: {URL} (Accessed: 5 January 2024).",
}
FULL_CITES = {
    "apa": "(Silva, 2023, para. 4)",
    "chicago": "(Silva 2023, para. 4)",
    "chicago-notes": f"Maria Silva, “Xi Leaves Moscow after Summit with Putin,” Example Wire, "
                     f"March 22, 2023, para. 4, {URL}.",
    "mla": "(Silva, par. 4)",
    "harvard": "(Silva, 2023, para. 4)",
}
NO_AUTHOR_ENTRIES = {
    "apa": f"Xi leaves Moscow after summit with Putin. (n.d.). Example Wire. Retrieved January 5, 2024, "
           f"from {URL}",
    "chicago": f"Example Wire. n.d. “Xi Leaves Moscow after Summit with Putin.” Accessed January 5, "
               f"2024. {URL}.",
    "chicago-notes": f"Example Wire. “Xi Leaves Moscow after Summit with Putin.” n.d. Accessed "
                     f"January 5, 2024. {URL}.",
    "mla": f"“Xi Leaves Moscow after Summit with Putin.” Example Wire, {URL}. Accessed 5 Jan. 2024.",
    "harvard": f"Example Wire (no date) ‘Xi leaves Moscow after summit with Putin’. Available at: {URL} "
               "(Accessed: 5 January 2024).",
}
NO_AUTHOR_CITES = {
    "apa": "(“Xi Leaves Moscow after Summit with Putin,” n.d., para. 4)",
    "chicago": "(Example Wire, n.d., para. 4)",
    "chicago-notes": f"“Xi Leaves Moscow after Summit with Putin,” Example Wire, n.d., para. 4, "
                     f"accessed January 5, 2024, {URL}.",
    "mla": "(“Xi Leaves Moscow after Summit with Putin,” par. 4)",
    "harvard": "(Example Wire, no date, para. 4)",
}
SEED_000_ENTRIES = {
    "apa": ["(2023, March 22)."], "chicago": ["2023. March 22."], "chicago-notes": ["March 22, 2023."],
    "mla": ["22 Mar. 2023."], "harvard": ["(2023), 22 March."],
}
SEED_000_CITES = {
    "apa": "(2023, para. 4)", "chicago": "(2023, para. 4)", "chicago-notes": "March 22, 2023, para. 4.",
    "mla": "(par. 4)", "harvard": "(2023, para. 4)",
}
# Nothing to cite but the missing date; MLA prints no date marker, so nothing at all.
SEED_004_ENTRIES = {"apa": ["(n.d.)."], "chicago": ["n.d."], "chicago-notes": ["n.d."], "mla": [],
                    "harvard": ["(no date)."]}
SEED_004_CITES = {"apa": "(n.d., para. 4)", "chicago": "(n.d., para. 4)", "chicago-notes": "n.d., para. 4.",
                  "mla": "(par. 4)", "harvard": "(no date, para. 4)"}


@pytest.mark.parametrize("style", STYLES)
def test_full_metadata_matches_the_manual(style):
    assert cite.bibliography([FULL], style) == [FULL_ENTRIES[style]]
    assert cite.cite_passage(FULL, "4", style) == FULL_CITES[style]
    assert cite.cite_passage(FULL, "para. 4", style) == FULL_CITES[style]


@pytest.mark.parametrize("style", STYLES)
def test_missing_author_and_date_follow_the_style(style):
    assert cite.bibliography([NO_AUTHOR_NO_DATE], style) == [NO_AUTHOR_ENTRIES[style]]
    assert cite.cite_passage(NO_AUTHOR_NO_DATE, "4", style) == NO_AUTHOR_CITES[style]


@pytest.mark.parametrize("style", STYLES)
def test_seed_metadata(style):
    assert cite.bibliography([SEED_000], style) == SEED_000_ENTRIES[style]
    assert cite.cite_passage(SEED_000, "4", style) == SEED_000_CITES[style]
    assert cite.bibliography([SEED_004], style) == SEED_004_ENTRIES[style]
    assert cite.cite_passage(SEED_004, "4", style) == SEED_004_CITES[style]


def test_citation_without_locator():
    assert cite.cite_passage(FULL, None, "apa") == "(Silva, 2023)"
    assert cite.cite_passage(FULL, "", "chicago") == "(Silva 2023)"
    assert cite.cite_passage(FULL, None, "mla") == "(Silva)"


def test_initialize_false_keeps_given_names_and_marks_initials():
    meta = Metadata(title="T", outlet="O", authors=("James T Kirk", "Jean-Luc Picard"), issued="2023")
    assert cite.bibliography([meta], "chicago") == ["Kirk, James T., and Jean-Luc Picard. 2023. “T.” O."]
    assert cite.bibliography([meta], "apa") == ["Kirk, J. T., & Picard, J.-L. (2023). T. O."]


def test_citeproc_itself_is_left_unpatched():
    """The fixes live in subclasses used only for styles loaded by Parallax."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    cite.bibliography([FULL], "chicago")  # load the patched processor first
    style = CitationStylesStyle(str(resource("csl", "chicago-author-date.csl")), validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON([cite.to_csl_item(FULL)]), formatter.plain)
    bib.register(Citation([CitationItem("source")]))
    assert str(bib.bibliography()[0]).startswith("Silva, M. 2023.")  # the unpatched gap


def test_several_authors_organisations_and_particles():
    meta = Metadata(title="Xi leaves Moscow", outlet="Example Wire", issued="2023-03",
                    authors=("Maria Silva", "Lula da Silva", "Xinhua"))
    assert cite.bibliography([meta], "apa") == [
        "Silva, M., da Silva, L., & Xinhua. (2023, March). Xi leaves Moscow. Example Wire."]
    assert cite.cite_passage(meta, "2", "apa") == "(Silva et al., 2023, para. 2)"
    assert cite.bibliography([meta], "chicago") == [
        "Silva, Maria, Lula da Silva, and Xinhua. 2023. “Xi Leaves Moscow.” Example Wire, March."]
    assert cite.bibliography([meta], "mla") == [
        "Silva, Maria, et al. “Xi Leaves Moscow.” Example Wire, Mar. 2023."]
    assert cite.cite_passage(meta, "2", "harvard") == "(Silva, da Silva and Xinhua, 2023, para. 2)"


def test_entries_are_sorted_by_the_style():
    other = Metadata(title="Other", outlet="O", authors=("Ana Abreu",), issued="2020")
    anonymous = Metadata(title="Zeta news", outlet="Z")
    entries = cite.bibliography([FULL, anonymous, other], "apa")
    assert [e.split(" ")[0] for e in entries] == ["Abreu,", "Silva,", "Zeta"]


def test_html_and_reportlab_markup():
    html = cite.bibliography([FULL], "chicago", "html")[0]
    assert html == (f"Silva, Maria. 2023. “Xi Leaves Moscow after Summit with Putin.” <i>Example Wire</i>, "
                    f'March 22. <a href="{URL}">{URL}</a>.')
    assert cite.bibliography([FULL], "chicago", "reportlab") == [html]
    tricky = Metadata(title="A & B <c>", outlet="O&O", authors=("Ana Abreu",), issued="2020",
                      url="https://x.org/?a=1&b=2")
    assert cite.bibliography([tricky], "apa", "html") == [
        'Abreu, A. (2020). A &amp; B &lt;c&gt;. <i>O&amp;O</i>. '
        '<a href="https://x.org/?a=1&amp;b=2">https://x.org/?a=1&amp;b=2</a>']
    assert cite.bibliography([tricky], "apa", "text") == ["Abreu, A. (2020). A & B <c>. O&O. https://x.org/?a=1&b=2"]
    literal_date = Metadata(title="T", outlet="O", authors=("Ana Abreu",), issued="Spring & <Summer>")
    assert cite.bibliography([literal_date], "mla", "html") == [
        "Abreu, Ana. “T.” <i>O</i>, Spring &amp; &lt;Summer&gt;."]


def test_reportlab_accepts_the_markup():
    paragraphs = pytest.importorskip("reportlab.platypus")
    styles = pytest.importorskip("reportlab.lib.styles")
    tricky = Metadata(title="A & B <c>", outlet="O&O", authors=("Ana Abreu",), issued="2020",
                      url="https://x.org/?a=1&b=2")
    for style in STYLES:
        for meta in (FULL, tricky, NO_AUTHOR_NO_DATE):
            markup = cite.bibliography([meta], style, "reportlab")[0]
            paragraph = paragraphs.Paragraph(markup, styles.getSampleStyleSheet()["Normal"])
            paragraph.wrap(400, 800)  # parses the markup; raises on bad tags or entities
            assert "O&O" in paragraph.getPlainText() or meta is not tricky


def test_unicode_and_non_english_titles():
    russian = Metadata(title="Путин и Си Цзиньпин", outlet="ТАСС", authors=("Мария Сильва",),
                       issued="2023-03-22", language="ru")
    assert cite.bibliography([russian], "mla") == [
        "Сильва, Мария. “Путин и Си Цзиньпин.” ТАСС, 22 Mar. 2023."]
    assert cite.cite_passage(russian, "para. 2", "chicago") == "(Сильва 2023, para. 2)"
    portuguese = Metadata(title="Lula visita a China hoje", outlet="Folha", authors=("Ana Abreu",),
                          issued="2020", language="pt-BR")
    # CSL title-cases English items only
    assert cite.bibliography([portuguese], "chicago") == [
        "Abreu, Ana. 2020. “Lula visita a China hoje.” Folha."]
    chinese = Metadata(title="习近平离开莫斯科", outlet="新华社", authors=("新华社",), issued="2023-03-22",
                       language="zh")
    assert cite.bibliography([chinese], "apa") == ["新华社. (2023, March 22). 习近平离开莫斯科. 新华社."]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("fmt", ["text", "html", "reportlab"])
def test_never_none_never_a_crash(style, fmt):
    metas = [FULL, NO_AUTHOR_NO_DATE, SEED_000, SEED_004,
             Metadata(title="T", issued="garbage date", accessed="2024-13-45", authors=("", "  ")),
             Metadata(authors=("{Example Wire Staff}",), kind="no-such-type"),
             Metadata(title="A page", outlet="A site", issued="2024", kind="webpage"),
             Metadata(title="A post", authors=("Ana Abreu",), issued="2024-02", kind="post-weblog")]
    for meta in metas:
        outputs = (*cite.bibliography([meta], style, fmt), cite.cite_passage(meta, "3", style, fmt))
        for text in outputs:
            assert "None" not in text and "{" not in text
            assert "Edition" not in text  # citeproc-py's stray label for an empty variable


# --- locators -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "expected"), [
    ("4", ("paragraph", "4")), ("para. 4", ("paragraph", "4")), ("¶ 4", ("paragraph", "4")),
    ("paras. 4-5", ("paragraph", "4-5")), ("para. 3, sent. 2", ("paragraph", "3")),
    ("p. 12", ("page", "12")), (None, ("", "")), ("  ", ("", "")),
])
def test_parse_locator(given, expected):
    assert cite.parse_locator(given) == expected


def test_plural_paragraph_locator():
    assert cite.cite_passage(FULL, "paras. 4-5", "apa") == "(Silva, 2023, paras. 4–5)"


def test_bad_locator_is_a_clear_error():
    with pytest.raises(ParallaxError, match="locator"):
        cite.cite_passage(FULL, "the third one", "apa")


# --- names and CSL-JSON items -------------------------------------------------------------------

@pytest.mark.parametrize(("display", "csl"), [
    ("Maria Silva", {"given": "Maria", "family": "Silva"}),
    ("Lula da Silva", {"given": "Lula", "non-dropping-particle": "da", "family": "Silva"}),
    ("Ursula von der Leyen", {"given": "Ursula", "non-dropping-particle": "von der", "family": "Leyen"}),
    ("Vincent van Gogh", {"given": "Vincent", "non-dropping-particle": "van", "family": "Gogh"}),
    ("Martin Luther King Jr.", {"given": "Martin Luther", "family": "King", "suffix": "Jr."}),
    ("Silva, Maria", {"given": "Maria", "family": "Silva"}),
    ("Xinhua", {"literal": "Xinhua"}),
    ("Associated Press", {"literal": "Associated Press"}),
    ("{Grupo Globo}", {"literal": "Grupo Globo"}),
    ("新华社", {"literal": "新华社"}),
    ("Мария Сильва", {"given": "Мария", "family": "Сильва"}),
])
def test_split_name(display, csl):
    assert split_name(display) == csl
    assert split_name(display_name(csl)) == csl


def test_to_csl_item_full_and_empty():
    assert cite.to_csl_item(FULL) == {
        "id": "source", "type": "article-newspaper", "title": FULL.title, "container-title": "Example Wire",
        "URL": URL, "language": "en", "author": [{"given": "Maria", "family": "Silva"}],
        "issued": {"date-parts": [[2023, 3, 22]]}, "accessed": {"date-parts": [[2024, 1, 5]]},
    }
    assert cite.to_csl_item(Metadata(), "x") == {"id": "x", "type": "article-newspaper"}
    assert cite.to_csl_item(Metadata(issued="2023-03"))["issued"] == {"date-parts": [[2023, 3]]}
    typed = cite.to_csl_item(Metadata(issued="March 22, 2023"))  # read by the loader's date parser
    assert typed["issued"] == {"date-parts": [[2023, 3, 22]]}
    assert cite.to_csl_item(Metadata(issued="Spring 2023"))["issued"] == {"date-parts": [[2023]]}
    assert cite.to_csl_item(Metadata(issued="Spring"))["issued"] == {"literal": "Spring"}
    assert cite.from_csl_item(cite.to_csl_item(FULL)) == FULL


# --- the style registry -------------------------------------------------------------------------

def test_builtin_styles():
    styles = cite.available_styles()
    assert set(STYLES) <= set(styles)
    assert styles["chicago-notes"] == "Chicago 18th edition (notes and bibliography)"
    assert resource("csl", "apa.csl").is_file()


@pytest.fixture
def style_dir(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    folder = tmp_path / "parallax" / "styles"
    folder.mkdir(parents=True)
    assert cite.user_style_dir() == folder
    return folder


def test_user_style_is_listed_and_used(style_dir):
    shutil.copy(resource("csl", "modern-language-association.csl"), style_dir / "our-desk.csl")
    assert cite.available_styles()["our-desk"] == "MLA Handbook 9th edition (in-text citations)"
    assert cite.bibliography([FULL], "our-desk") == [FULL_ENTRIES["mla"]]


def test_dependent_user_style_uses_its_parent(style_dir):
    (style_dir / "wire-journal.csl").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">\n'
        '  <info><title>Wire Journal</title><id>http://www.zotero.org/styles/wire-journal</id>\n'
        '    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info>\n'
        '</style>\n', encoding="utf-8")
    assert cite.available_styles()["wire-journal"] == "Wire Journal"
    assert cite.bibliography([FULL], "wire-journal") == [FULL_ENTRIES["apa"]]


def test_broken_user_style_is_a_clear_error(style_dir):
    (style_dir / "broken.csl").write_text("<style>not csl", encoding="utf-8")
    assert cite.available_styles()["broken"] == "broken"
    with pytest.raises(ParallaxError, match="broken.csl"):
        cite.bibliography([FULL], "broken")


def test_unknown_style_and_format():
    with pytest.raises(ParallaxError, match="unknown citation style 'nope'.*apa"):
        cite.bibliography([FULL], "nope")
    with pytest.raises(ParallaxError, match="unknown citation format"):
        cite.bibliography([FULL], "apa", "rtf")
