"""What the analyst chooses about a briefing (re-exported by ``desktop.report.briefing``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from desktop.core.model import ParallaxError

SECTIONS = ("overview", "shared", "only_a", "only_b", "notes", "references")
"""Optional sections, in document order; the cover and the contents are always there."""

PAGE_SIZES = ("a4", "letter")


@dataclass(frozen=True)
class BriefingOptions:
    """Settings of one briefing.

    ``date`` is printed as given; empty means today (ISO). ``style`` is a citation style key
    of ``desktop.core.cite`` (apa, chicago, mla...). ``sections`` lists the optional
    sections to include (see ``SECTIONS``). ``show_format_changes`` keeps case/punctuation-only
    differences coloured and annotated.
    """

    title: str = "Comparison briefing"
    analyst: str = ""
    date: str = ""
    style: str = "apa"
    sections: tuple[str, ...] = SECTIONS
    page_size: str = "a4"
    subject: str = ""
    show_format_changes: bool = True

    def __post_init__(self) -> None:
        unknown = [s for s in self.sections if s not in SECTIONS]
        if unknown:
            raise ParallaxError(f"unknown briefing section(s) {', '.join(map(repr, unknown))}; "
                                f"choose from {', '.join(SECTIONS)}")
        if self.page_size not in PAGE_SIZES:
            raise ParallaxError(f"unknown page size {self.page_size!r}; use {' or '.join(PAGE_SIZES)}")

    def has(self, section: str) -> bool:
        return section in self.sections

    def shown_title(self) -> str:
        return " ".join(self.title.split()) or "Comparison briefing"

    def shown_date(self) -> str:
        return self.date or datetime.date.today().isoformat()
