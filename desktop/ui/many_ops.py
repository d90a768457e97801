"""Comparisons of three to twelve sources: opening and adding sources (dialog, drop, paste),
removing one, picking the reference, and showing any two side by side.

Slow work (reading files, ``compare_many``, the wordings against a new reference, a pair's
``compare``) goes through the window's task runner: a plain function in the worker, the result
on the GUI thread, a newer request dropping an older one. ``target`` is the set of sources the
analyst last asked for; ``comparison`` the one on screen (they differ while work runs).

Three or more sources live here, as a ``ManyProject`` in a ``Document`` of their own (undo and
redo, the dirty flag, Save): a new comparison starts a project; adding or removing a source
re-aligns it keeping the analyst's work (``corrections.realign``) and another reference rewords
it, each one undoable step; the corrections of facts are ``fact_ops``'. With two sources the
two-source workbench (``window.document``, ``Project``) takes over, so removing a source from
three, or a file failing to read, falls back to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from desktop.core.model import AlignOptions, Cancelled, Comparison, ManyComparison, ParallaxError, Source
from desktop.core.project import corrections
from desktop.core.project.many import ManyProject, from_pair
from desktop.ui.document import Document
from desktop.ui.fact_ops import FactEdits
from desktop.ui.file_ops import SOURCE_FILTER
from desktop.ui.many_find import ManyFind
from desktop.ui.many_notes import ManyNotes
from desktop.ui.many_page import PAIR_TAB
from desktop.ui.many_sources import ManySources
from desktop.ui.sides import A
from desktop.ui.source_set import Item, SourceSet, check_count, letter

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

MANY = 3  # from this many sources on, the coverage view replaces the two-source workbench
_PAIR_CACHE = 24


@dataclass(frozen=True)
class Loaded:
    """What a read-and-align run produced: every source (kept ones first), how many were read
    now, one message per file that could not be read, and the comparison (None under three)."""

    sources: tuple[Source, ...]
    added: int
    failures: tuple[str, ...]
    comparison: ManyComparison | None


def read_and_align(items: Sequence[Item], keep: Sequence[Source], reference: int, options: AlignOptions):
    """The background work of opening or adding sources: a file that cannot be read is reported,
    not fatal; the others are aligned with ``keep`` when there are three or more."""

    def work(report) -> Loaded:
        from desktop.core.pipeline import compare_many
        from desktop.core.sources.loading import read_source

        read: list[Source] = []
        failures: list[str] = []
        for item in items:
            report(0.0)  # Cancel works between two files
            try:
                read.append(item if isinstance(item, Source) else read_source(item))
            except ParallaxError as exc:
                failures.append(str(exc))
        sources = (*keep, *read)
        comparison = None
        if read and len(sources) >= MANY:
            comparison = compare_many(sources, options, reference=reference, progress=report)
        return Loaded(sources, len(read), tuple(failures), comparison)

    return work


def status_text(comparison: ManyComparison) -> str:
    """How the comparison was aligned, for the status bar."""
    n = len(comparison.sources)
    shared = sum(1 for view in comparison.facts if len(view.fact.sources) >= 2)
    modes = Counter(run.mode for run in comparison.runs if run is not None and run.mode)
    text = (f"{n} sources (reference {letter(comparison.reference)}) · {len(comparison.facts)} facts, "
            f"{shared} shared · {len(comparison.pairs)} of {n * (n - 1) // 2} source pairs aligned")
    if len(modes) == 1:
        text += f" · aligned as {next(iter(modes))}"
    elif modes:
        text += " · aligned as " + ", ".join(
            f"{mode} ({count} pair{'s' if count > 1 else ''})" for mode, count in modes.most_common())
    note = comparison.reading_note()
    return text + (f" · {note}" if note else "")


class ManyController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.page = window.many_page
        self.document = Document(window)
        self.target: SourceSet | None = None
        self.options = AlignOptions()
        # (id of the comparison, left, right) -> (that comparison, the pair's view of its facts)
        self._pairs: dict[tuple[int, int, int], tuple[ManyComparison, Comparison]] = {}
        self._docks: dict[object, bool] = {}
        self._opening_pair = False
        self.facts = FactEdits(self)
        self.notes = ManyNotes(self.page, window.notes)
        self.sources = ManySources(self)
        self.find = ManyFind(self.page)
        self.document.projectChanged.connect(self._project_changed)
        self.document.modifiedChanged.connect(lambda _m: window._refresh_title())
        self.document.pathChanged.connect(lambda _p: window._refresh_title())
        page = self.page
        page.sources.addRequested.connect(self.choose_files)
        page.sources.removeRequested.connect(self.remove)
        page.sources.referenceRequested.connect(self.set_reference)
        page.coverage.pairRequested.connect(self.show_pair)
        page.coverage.contextRequested.connect(self.context_menu)
        page.coverage.factSelected.connect(self._selection_changed)
        page.detail.pairRequested.connect(self.show_pair)
        page.pair.pairChosen.connect(lambda left, right: self.show_pair(left, right))
        page.tabs.currentChanged.connect(self._tab_changed)
        for pane in page.pair.workspace.panes.values():
            pane.filesDropped.connect(lambda _side, paths: self.add(paths))

    @property
    def project(self) -> ManyProject | None:
        return self.document.project

    @property
    def comparison(self) -> ManyComparison | None:
        """The comparison on screen (None while the two-source workbench is shown)."""
        project = self.document.project
        return project.comparison if project is not None else None

    @property
    def active(self) -> bool:
        """True while a comparison of three or more sources is on screen."""
        return self.document.project is not None

    def current(self) -> SourceSet:
        """The sources new ones join: the many-source set, or the two-source project's pair."""
        if self.target is not None:
            return self.target
        project = self.window.document.project
        return SourceSet((project.comparison.a, project.comparison.b)) if project is not None else SourceSet()

    # -- opening and adding --------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Add sources to the comparison",
                                                self.window.files._last_dir(), SOURCE_FILTER)
        if paths:
            self.add(paths)

    def open(self, items: Sequence[Item]) -> None:
        """A new comparison of ``items`` (files or sources), replacing whatever is open."""
        self._load(items, SourceSet())

    def add(self, items: Sequence[Item]) -> None:
        """Add ``items`` to the sources on screen (two become three: the coverage view opens)."""
        self._load(items, self.current())

    def _load(self, items: Sequence[Item], base: SourceSet) -> None:
        chosen, refused = base.screen(items)
        if refused:
            self._warn("Some files were not added", refused, "")
        if not chosen:
            return
        try:
            check_count(len(base), len(chosen))
        except ParallaxError as exc:
            self.window.error("Cannot compare the sources", exc)
            return
        if self.window.document.project is not None and not self.window.files.confirm_discard(
                "comparing more sources"):
            return
        self.window.files._remember_dir(*[i for i in chosen if isinstance(i, str)])
        work = read_and_align(chosen, base.sources, base.reference, self._options())
        kept = self._kept_work() if len(base) else None
        task = self.window.runner.run_task(work, lambda result: self._loaded(result, kept), self._failed,
                                           channel="align")
        self.window.show_busy(task, f"Reading and aligning {len(base) + len(chosen)} sources…")

    def _kept_work(self) -> ManyProject | None:
        """The analyst's work the sources being added join: the many-source project, or the
        two-source one as a project of two (its verdicts and notes carry over to the coverage)."""
        if self.project is not None:
            return self.project
        pair = self.window.document.project
        return from_pair(pair) if pair is not None else None

    def _loaded(self, result: Loaded, kept: ManyProject | None = None) -> None:
        if result.failures:
            self._warn("Some sources could not be read", list(result.failures),
                       "The other sources were loaded." if result.added else "Nothing was added.")
        if result.comparison is not None and kept is not None and kept is self.project:
            self.adopt(result.comparison, f"Add {result.added} source{'s' if result.added > 1 else ''}")
        elif result.comparison is not None and kept is not None:
            self.show_project(self._realigned(kept, result.comparison, "Add sources"), saved=False)
        elif result.comparison is not None:
            self.show_comparison(result.comparison)
        elif result.added and len(result.sources) == 2:  # two left: the two-source workbench
            self.window.files.open_sources(*result.sources)
        elif result.added and len(result.sources) == 1:
            self.window.files.add_source(A, result.sources[0])

    def _failed(self, exc: BaseException) -> None:
        self._revert()
        if isinstance(exc, Cancelled):
            self.window.statusBar().showMessage("Alignment cancelled; nothing changed.", 5000)
        else:
            self.window.error("Cannot compare the sources", exc)

    def _warn(self, title: str, lines: list[str], after: str) -> None:
        QMessageBox.warning(self.window, title, "\n".join(lines) + (f"\n\n{after}" if after else ""))

    # -- changing the set ----------------------------------------------------------------------

    def remove(self, index: int) -> None:
        """Take source ``index`` out: re-align the others (two left: the two-source workbench)."""
        try:
            target = self.current().removed(index)
        except ParallaxError as exc:
            self.window.error("Cannot remove the source", exc)
            return
        if len(target) < MANY:
            self.window.files.open_sources(*target.sources)
            return
        self._align_set(target, f"Remove source {letter(index)}")

    def set_reference(self, index: int) -> None:
        """Compare every wording with source ``index``'s; the facts stay, only the differences change."""
        try:
            target = self.current().with_reference(index)
        except ParallaxError as exc:
            self.window.error("Cannot change the reference", exc)
            return
        shown = self.comparison
        label = f"Reference: source {letter(index)}"
        if shown is None or len(shown.sources) != len(target) or any(
                a is not b for a, b in zip(shown.sources, target.sources, strict=True)):
            self._align_set(target, label)
            return
        before = self.project
        self._start(target, _rewording(shown, index), f"Comparing with source {letter(index)}…",
                    lambda c: self._reworded(before, c, label))

    def realign(self, options: AlignOptions) -> None:
        """Align the same sources again with other options, keeping the analyst's work (one step)."""
        if self.comparison is not None:
            self._align(self.current(), "Re-aligning…", lambda c: self.adopt(c, "Re-align"), options)

    def _align_set(self, target: SourceSet, label: str) -> None:
        """Align a changed set of sources afresh; the result is one undoable step named ``label``."""
        self._align(target, f"Aligning {len(target)} sources…", lambda c: self.adopt(c, label))

    def _align(self, target: SourceSet, label: str, done, options: AlignOptions | None = None) -> None:
        sources, reference, options = target.sources, target.reference, options or self._options()

        def work(report) -> ManyComparison:
            from desktop.core.pipeline import compare_many

            return compare_many(sources, options, reference=reference, progress=report)

        self._start(target, work, label, done)

    def _start(self, target: SourceSet, work, label: str, done) -> None:
        self.target = target
        self.page.show_sources(target)
        task = self.window.runner.run_task(work, done, self._failed, channel="align")
        self.window.show_busy(task, label)

    def _reworded(self, before: ManyProject | None, comparison: ManyComparison, label: str) -> None:
        """The same facts against another reference: one undoable step (dropped when the facts
        were corrected meanwhile, since the wordings were computed for the older ones)."""
        project = self.project
        if project is None or project is not before:
            self._revert()
            self.window.statusBar().showMessage("The facts changed meanwhile; choose the reference again.",
                                                8000)
            return
        self.document.apply(label, replace(project, comparison=comparison))
        self.window.ready.emit()

    def adopt(self, comparison: ManyComparison, label: str) -> None:
        """A new alignment of the project's sources (some added or removed) as one undoable step,
        keeping the analyst's verdicts, own facts and notes; what could not be kept is told."""
        project = self.project
        if project is None:
            self.show_comparison(comparison)
            return
        self.document.apply(label, self._realigned(project, comparison, label))
        self.window.ready.emit()

    def _realigned(self, project: ManyProject, comparison: ManyComparison, label: str) -> ManyProject:
        problems: list[str] = []
        realigned = corrections.realign(project, comparison, problems=problems)
        if problems:
            QMessageBox.information(self.window, label, "Some of your work could not be kept:\n\n• "
                                    + "\n• ".join(problems[:12]))
        return realigned

    def _revert(self) -> None:
        """After a cancelled or failed run: the sources on screen are the current ones again."""
        shown = self.comparison
        self.target = SourceSet(shown.sources, shown.reference) if shown is not None else None
        if shown is not None:
            self.page.show_sources(self.target)

    def _options(self) -> AlignOptions:
        project = self.project or self.window.document.project
        return project.settings.options if project is not None else self.options

    # -- on screen -----------------------------------------------------------------------------

    def show_comparison(self, comparison: ManyComparison) -> None:
        """Start a new, unsaved project of a freshly computed ``comparison``."""
        self.show_project(ManyProject.new(comparison), saved=False)

    def show_project(self, project: ManyProject, path: str = "", *, saved: bool = True) -> None:
        """Put ``project`` on screen (a new comparison, or a project file opened): history cleared."""
        if self.window.document.project is not None:
            self.window.document.reset(None)  # the two-source project gives way
        self.document.reset(project, path, saved=saved)
        self.window.ready.emit()

    def _project_changed(self, project: ManyProject | None, old: ManyProject | None) -> None:
        """Show the project after any change (new, corrected, undone); the selected fact stays
        selected when it is still there."""
        if project is None:
            return
        comparison = project.comparison
        self.target = SourceSet(comparison.sources, comparison.reference)
        self.options = comparison.options
        self._pairs = {k: v for k, v in self._pairs.items() if v[0] is comparison}
        if old is None or old.comparison is not comparison:
            self.page.pair.clear()  # the pair view shows the facts: corrected, it is redrawn
        self.page.show_project(project)
        self.notes.show(project)
        self._enter()
        if self.page.tabs.currentIndex() == PAIR_TAB and self.page.pair.shown is None:
            self.show_pair(*self.page.pair.choice())  # on screen: redrawn with the changed facts
        if self.page.tabs.currentIndex() == PAIR_TAB and self.page.pair.shown is None:
            self.show_pair(*self.page.pair.choice())

    def _enter(self) -> None:
        window = self.window
        if window.stack.currentWidget() is not self.page:
            self._docks = {window.groups_dock: window.groups_dock.isVisible()}  # notes: any source's
            for dock in self._docks:
                dock.hide()
            window.stack.setCurrentWidget(self.page)
        window.counts.setText(status_text(self.comparison))
        window.act.undo_group.setActiveStack(self.document.undo_stack)
        window._refresh_title()
        window.act.refresh()

    def leave(self) -> None:
        """Back to the two-source workbench (a two-source project was opened)."""
        if self.comparison is None and self.target is None:
            return
        self.target = None
        self.document.reset(None)
        self.page.pair.clear()
        self.page.show_project(None)
        window = self.window
        window.notes.set_index(window.index)
        window.act.undo_group.setActiveStack(window.document.undo_stack)
        window.stack.setCurrentWidget(window.workspace)
        for dock, visible in self._docks.items():
            dock.setVisible(visible)
        self._docks = {}

    def title(self) -> str:
        shown, path = self.comparison, self.document.path
        if path:
            return path.replace("\\", "/").rsplit("/", 1)[-1]
        labels = [s.label for s in shown.sources[:2]]
        more = f" + {len(shown.sources) - 2} more" if len(shown.sources) > 2 else ""
        return f"{', '.join(labels)}{more} ({len(shown.sources)} sources, unsaved)"

    # -- two sources side by side --------------------------------------------------------------

    def _selection_changed(self, _fact: int) -> None:
        if hasattr(self.window, "act"):  # the actions are built after this controller
            self.window.act.refresh()  # Confirm, Merge... act on the selected facts

    def _tab_changed(self, tab: int) -> None:
        if tab == PAIR_TAB and self.active and self.page.pair.shown is None and not self._opening_pair:
            self.show_pair(*self.page.pair.choice())

    def show_pair(self, left: int, right: int, fact: int = -1) -> None:
        """Sources ``left`` and ``right`` side by side (``fact``: select its passages there)."""
        shown = self.comparison
        size = len(shown.sources) if shown is not None else 0
        if not (0 <= left < size and 0 <= right < size) or left == right:
            return
        page = self.page
        page.pair.set_choice(left, right)
        self._opening_pair = True  # showing the tab must not ask for a pair of its own
        try:
            page.tabs.setCurrentIndex(PAIR_TAB)
        finally:
            self._opening_pair = False
        reveal = shown.facts[fact].fact.passages(left) if 0 <= fact < len(shown.facts) else ()
        key = (id(shown), left, right)
        if key in self._pairs and self._pairs[key][0] is shown:
            page.pair.show_comparison(self._pairs[key][1], left, right, reveal)
            return
        page.pair.show_pending(left, right)

        def work(report) -> Comparison:  # the facts both report, as the analyst corrected them
            from desktop.core.pipeline import pair_of

            return pair_of(shown, left, right, progress=report)

        def done(comparison: Comparison) -> None:
            self._remember_pair(key, shown, comparison)
            if self.comparison is shown:
                page.pair.show_comparison(comparison, left, right, reveal)

        def failed(exc: BaseException) -> None:
            page.pair.note.setText("Cancelled." if isinstance(exc, Cancelled) else "")
            if not isinstance(exc, Cancelled):
                self.window.error("Cannot compare the two sources", exc)

        task = self.window.runner.run_task(work, done, failed, channel="pair")
        self.window.show_busy(task, f"Showing {letter(left)} and {letter(right)} side by side…")

    def _remember_pair(self, key, shown: ManyComparison, comparison: Comparison) -> None:
        self._pairs[key] = (shown, comparison)  # kept alive, so that its id stays its own
        while len(self._pairs) > _PAIR_CACHE:
            del self._pairs[next(iter(self._pairs))]

    # -- the coverage's context menu -----------------------------------------------------------

    def fact_menu(self, fact: int, source: int) -> QMenu:
        """What the analyst can do with a fact from the coverage view: two sources side by side,
        another reference, and the corrections of facts and notes (``fact_ops``)."""
        menu = QMenu(self.window)
        shown = self.comparison
        view = shown.facts[fact]
        ref = view.reference
        if source >= 0 and source != ref:
            others = [source] if source in view.fact.sources else []
        else:  # the reference's cell, or the fact as a whole: each other wording
            others = [s for s in view.fact.sources if s != ref]
        for other in others:
            left, right = min(ref, other), max(ref, other)
            menu.addAction(f"Show {letter(left)} and {letter(right)} side by side",
                           lambda _c=False, a=left, b=right: self.show_pair(a, b, fact))
        if source >= 0 and source != shown.reference:
            menu.addSeparator()
            menu.addAction(f"Make {letter(source)} the reference", lambda: self.set_reference(source))
        self.facts.fill_menu(menu, fact, source)
        return menu

    def context_menu(self, fact: int, source: int, position: QPoint) -> None:
        if self.active:
            self.fact_menu(fact, source).popup(position)


def _rewording(shown: ManyComparison, reference: int):
    """Background work: the same facts, their wordings diffed against a new reference source."""
    facts = [view.fact for view in shown.facts]

    def work(report) -> ManyComparison:
        from desktop.core.pipeline import assemble_many

        return assemble_many(shown.sources, shown.passages, facts, shown.options, reference=reference,
                             runs=shown.runs, pairs=shown.pairs, progress=report)

    return work

