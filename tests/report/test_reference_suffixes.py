"""The briefing's passage citations and reference list letter alike works the same way."""

from __future__ import annotations

from builders import source

from desktop.core.model import Metadata
from desktop.report.references import References

EARLIER = Metadata(title="Putin hosts Xi", outlet="Example Wire", authors=("Maria Silva",),
                   issued="2023-03-21", url="https://example.com/b")
LATER = Metadata(title="Xi leaves Moscow", outlet="Example Wire", authors=("Maria Silva",),
                 issued="2023-03-22", url="https://example.com/a")


def test_briefing_citations_and_references_agree():
    later, later_passages = source(["Xi left Moscow."], **LATER.__dict__)
    earlier, earlier_passages = source(["Putin hosted Xi."], **EARLIER.__dict__)
    refs = References([later, earlier], "apa")
    assert "2023b" in refs.cite(0, later_passages[0])
    assert "2023a" in refs.cite(1, earlier_passages[0])
    entries = refs.reference_list()
    assert ["2023a" in e for e in entries] == [True, False]
    assert ["2023b" in e for e in entries] == [False, True]
