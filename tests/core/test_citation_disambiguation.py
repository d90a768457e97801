"""Two works whose citations would read alike, cited together (CSL 1.0.1, "Disambiguation").

Hand-checked against the manuals:

* APA 7 (8.19, 9.47): same author and year: "2023a", "2023b", lettered in reference-list order;
  the list puts dated works of one author and year in date order (and by title otherwise):
  (Silva, 2023a, para. 4).
* Chicago 18 author-date (13.114): "Silva 2023a", "Silva 2023b", ordered by title.
* Harvard (Cite Them Right): (Silva, 2023a, para. 4); the entries carry the suffix too.
* MLA 9: no year suffixes; two works by one author are told apart by a short title in the
  citation; the works-cited list stays as it is.

The two works below are ordered alike by date and by title ("Putin..." before "Xi..."), so
"a" is the 21 March article in every style.
"""

from __future__ import annotations

import pytest

from desktop.core import cite
from desktop.core.cite.render import _letters
from desktop.core.model import Metadata

EARLIER = Metadata(title="Putin hosts Xi", outlet="Example Wire", authors=("Maria Silva",),
                   issued="2023-03-21", url="https://example.com/b")
LATER = Metadata(title="Xi leaves Moscow", outlet="Example Wire", authors=("Maria Silva",),
                 issued="2023-03-22", url="https://example.com/a")
OTHER = Metadata(title="Summit ends", outlet="Daily", authors=("John Doe",), issued="2023-03-22")


@pytest.mark.parametrize(("style", "later", "earlier"), [
    ("apa", "(Silva, 2023b, para. 4)", "(Silva, 2023a, para. 4)"),
    ("chicago", "(Silva 2023b, para. 4)", "(Silva 2023a, para. 4)"),
    ("harvard", "(Silva, 2023b, para. 4)", "(Silva, 2023a, para. 4)"),
    ("mla", "(Silva, “Xi Leaves Moscow,” par. 4)", "(Silva, “Putin Hosts Xi,” par. 4)"),
])
def test_citations_that_would_read_alike_are_told_apart(style, later, earlier):
    assert cite.cite_passage(LATER, "4", style, cited_with=[EARLIER, OTHER]) == later
    assert cite.cite_passage(EARLIER, "4", style, cited_with=[OTHER, LATER]) == earlier


@pytest.mark.parametrize("style", ["apa", "chicago", "harvard", "mla"])
def test_a_work_cited_alone_or_with_other_authors_keeps_its_plain_citation(style):
    alone = cite.cite_passage(LATER, "4", style)
    assert cite.cite_passage(LATER, "4", style, cited_with=[OTHER]) == alone
    assert "2023a" not in alone and "Xi Leaves" not in alone


def test_reference_list_entries_carry_the_same_letters():
    assert cite.bibliography([LATER, OTHER, EARLIER], "apa") == [
        "Doe, J. (2023, March 22). Summit ends. Daily.",
        "Silva, M. (2023a, March 21). Putin hosts Xi. Example Wire. https://example.com/b",
        "Silva, M. (2023b, March 22). Xi leaves Moscow. Example Wire. https://example.com/a",
    ]
    assert cite.bibliography([LATER, EARLIER], "chicago") == [
        "Silva, Maria. 2023a. “Putin Hosts Xi.” Example Wire, March 21. https://example.com/b.",
        "Silva, Maria. 2023b. “Xi Leaves Moscow.” Example Wire, March 22. https://example.com/a.",
    ]
    # MLA's list has no suffixes: the titles already differ.
    assert not any("2023a" in entry for entry in cite.bibliography([LATER, EARLIER], "mla"))


def test_works_without_author_or_date_get_the_suffix_after_nd():
    first, second = Metadata(title="Alpha", outlet="Wire"), Metadata(title="Beta", outlet="Wire")
    # APA puts the title first when there is no author: the citations differ, nothing to add.
    assert cite.cite_passage(first, "1", "apa", cited_with=[second]) == "(“Alpha,” n.d., para. 1)"
    outlet_only = [Metadata(outlet="Wire", url="https://example.com/1"),
                   Metadata(outlet="Wire", url="https://example.com/2")]
    cites = [cite.cite_passage(meta, "1", "chicago", cited_with=[other])
             for meta, other in (outlet_only, outlet_only[::-1])]
    assert sorted(cites) == ["(Wire, n.d.-a, para. 1)", "(Wire, n.d.-b, para. 1)"]


@pytest.mark.parametrize(("n", "letters"), [(0, "a"), (1, "b"), (25, "z"), (26, "aa"), (27, "ab"),
                                            (701, "zz"), (702, "aaa")])
def test_suffix_letters(n, letters):
    assert _letters(n) == letters
