"""Find in the many-source view: Find puts the cursor in the coverage's find field, whose words
keep the facts some source words with them (``CoverageIndex.matches``, over every source's
passages); Find Next and Previous select the next or previous such fact, wrapping round."""

from __future__ import annotations

from desktop.ui.many_page import COVERAGE_TAB, ManyPage


class ManyFind:
    def __init__(self, page: ManyPage) -> None:
        self.page = page

    def open_bar(self) -> None:
        self.page.tabs.setCurrentIndex(COVERAGE_TAB)
        self.page.coverage.find.setFocus()
        self.page.coverage.find.selectAll()

    def step(self, delta: int) -> int:
        """Select the next (``delta`` 1) or previous (-1) fact the find field keeps; -1: none."""
        facts = self.page.coverage.visible_facts()
        if not facts:
            return -1
        current = self.page.coverage.current_fact()
        at = facts.index(current) + delta if current in facts else (0 if delta > 0 else -1)
        fact = facts[at % len(facts)]
        self.page.tabs.setCurrentIndex(COVERAGE_TAB)
        self.page.coverage.select_fact(fact)
        return fact
