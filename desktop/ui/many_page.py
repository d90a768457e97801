"""The central view of a comparison of three or more sources: the source list on the left; on the
right two tabs, the coverage (facts x sources, with the selected fact's wordings beside it) and
any two sources side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from desktop.core.model import ManyComparison, Note
from desktop.core.project.many import ManyProject
from desktop.ui.coverage import CoverageView, coverage_legend, source_name
from desktop.ui.coverage_detail import FactDetail
from desktop.ui.coverage_index import CoverageIndex
from desktop.ui.pair_view import PairView
from desktop.ui.source_list import SourceList
from desktop.ui.source_set import SourceSet

COVERAGE_TAB, PAIR_TAB = 0, 1


class ManyPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index: CoverageIndex | None = None
        self.project: ManyProject | None = None
        self.sources = SourceList()
        self.coverage = CoverageView()
        self.detail = FactDetail()
        self.pair = PairView()
        self.legend = coverage_legend()
        facts = QSplitter(Qt.Orientation.Horizontal)
        facts.addWidget(self.coverage)
        facts.addWidget(self.detail)
        facts.setStretchFactor(0, 3)
        facts.setStretchFactor(1, 2)
        facts.setChildrenCollapsible(False)
        coverage_tab = QWidget()
        column = QVBoxLayout(coverage_tab)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(facts, 1)
        column.addWidget(self.legend)
        self.coverage_tab = coverage_tab
        self.tabs = QTabWidget()
        self.tabs.addTab(coverage_tab, "Coverage")
        self.tabs.addTab(self.pair, "Side by side")
        self.tabs.setTabToolTip(COVERAGE_TAB, "Which source reports which fact, and how it words it")
        self.tabs.setTabToolTip(PAIR_TAB, "Two sources of your choice side by side, with link bands")
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.sources)
        outer.addWidget(self.tabs)
        outer.setStretchFactor(0, 0)
        outer.setStretchFactor(1, 1)
        outer.setSizes([280, 1100])
        outer.setChildrenCollapsible(False)
        facts.setSizes([700, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(outer)
        # The window's stack is as wide as its widest page: without this, the two-source
        # workbench would have to be as wide as this page's parts side by side.
        self.setMinimumSize(640, 320)
        self.coverage.factSelected.connect(self._show_fact)

    def _show_fact(self, fact: int) -> None:
        self.detail.show_fact(self.index, fact, self.fact_notes(fact))

    def fact_notes(self, fact: int) -> tuple[tuple[int, Note], ...]:
        """The notes on the fact's passages (any source), with their indices in the project."""
        project = self.project
        if project is None or not 0 <= fact < len(project.facts):
            return ()
        return tuple((n, project.notes[n]) for n in project.notes_for_fact(fact))

    def show_project(self, project: ManyProject | None) -> None:
        """Show a project's comparison and notes (None: empty the page)."""
        self.project = project
        self.show_comparison(project.comparison if project is not None else None)
        self._show_fact(self.coverage.current_fact())

    def show_comparison(self, comparison: ManyComparison | None) -> None:
        """Show a comparison (None: empty the page); the selected fact stays when it still exists."""
        self.index = CoverageIndex(comparison) if comparison is not None else None
        sources = SourceSet(comparison.sources, comparison.reference) if comparison else SourceSet()
        self.sources.show_sources(sources)
        self.pair.set_sources([source_name(comparison, k) for k in range(len(sources))] if comparison else [])
        self.coverage.show_index(self.index)
        if self.coverage.current_fact() < 0:
            self.detail.show_fact(self.index, -1)

    def show_sources(self, sources: SourceSet) -> None:
        """The sources the analyst asked for, while their comparison is being computed."""
        self.sources.show_sources(sources)

    def refresh_colours(self) -> None:
        """After the system switched between light and dark."""
        new = coverage_legend()
        self.coverage_tab.layout().replaceWidget(self.legend, new)
        self.legend.deleteLater()
        self.legend = new
        self.coverage.show_index(self.index)  # the cell colours of the new scheme
        self._show_fact(self.detail.fact)
        self.pair.workspace.refresh_colours()
