"""Menus, toolbar and keyboard shortcuts. Standard keys where Qt has them (Open, Save, Undo,
Find...); Alt+Up/Down for groups and F7/Shift+F7 for differences, as diff tools use."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMenu, QToolBar

from desktop.ui.sides import A, B

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

Key = QKeySequence.StandardKey


def describe(action: QAction, tip: str = "") -> None:
    """Tooltip (with the shortcut), status tip and accessible description of an action."""
    tip = tip or action.text().replace("&", "").rstrip("…")
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys})" if keys else tip)
    action.setStatusTip(tip)


class Actions:
    """Every action of the window, by name; ``refresh()`` enables what the state allows."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._needs_project: list[QAction] = []
        self._needs_group: list[QAction] = []
        self._needs_any: list[QAction] = []  # a project of two sources or of more

    def make(self, name: str, text: str, slot: Callable[[], object], *, keys=None, tip: str = "",
             needs: str = "", short: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if keys is not None:
            bindings = QKeySequence.keyBindings(keys) if isinstance(keys, Key) else [QKeySequence(keys)]
            action.setShortcuts(bindings)
        if short:
            action.setIconText(short)
        describe(action, tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # shortcuts work even with the menu bar hidden
        if needs == "project":
            self._needs_project.append(action)
        elif needs == "group":
            self._needs_group.append(action)
        elif needs == "any":
            self._needs_any.append(action)
        setattr(self, name, action)
        return action

    def refresh(self) -> None:
        window = self.window
        has_project = window.document.project is not None
        row = window.selection.row
        has_group = has_project and row is not None and row.kind == "group"
        for action in self._needs_project:
            action.setEnabled(has_project)
        for action in self._needs_group:
            action.setEnabled(has_group)
        for action in self._needs_any:
            action.setEnabled(has_project or window.many.active)
        for action in (self.open_a, self.open_b):  # no sides A and B among many sources
            action.setEnabled(not window.many.active)
        self.meta_source.setEnabled(window.many.active)
        if window.many.active:  # these act on the facts selected in the coverage view
            facts = window.many.facts.selected()
            for name in MANY_ACTIONS:
                getattr(self, name).setEnabled(bool(facts) and (name != "merge" or len(facts) > 1))


MANY_ACTIONS = ("merge", "split", "confirm", "reject", "unreview", "add_note")
"""Actions that, in the coverage view, act on the selected facts (``fact_ops.FactEdits.run_action``)."""


def _either(window: MainWindow, name: str, two: Callable[[], object]) -> Callable[[], object]:
    """The slot of an action the coverage view has too: there, on the selected facts."""
    return lambda: window.many.facts.run_action(name) if window.many.active else two()


def _cite(window: MainWindow) -> Callable[[], object]:
    """Copy Citation: of a passage with two sources, of the selected source with more."""
    return lambda: window.many.sources.copy_citation() if window.many.active else window.edits.copy_citation()


def _find(window: MainWindow, delta: int) -> Callable[[], object]:
    """Find (0), Find Next (1), Find Previous (-1): in both sources, or over the facts of many."""
    def run() -> object:
        find = window.many.find if window.many.active else window.workspace.find_bar
        return find.step(delta) if delta else find.open_bar()

    return run


def build(window: MainWindow) -> Actions:
    act = Actions(window)
    files, edits = window.files, window.edits
    # Undo and Redo act on the shown project's history: the two-source one or the many-source one.
    act.undo_group = QUndoGroup(window)
    act.undo_group.addStack(window.document.undo_stack)
    act.undo_group.addStack(window.many.document.undo_stack)
    act.undo_group.setActiveStack(window.many.document.undo_stack if window.many.active
                                  else window.document.undo_stack)

    act.make("new", "&New Comparison…", files.choose_sources, keys=Key.New,
             tip="Choose the source files to compare (two to twelve)")
    act.make("open_a", "Open Source &A…", lambda: files.choose_source(A),
             tip="Replace source A with a file")
    act.make("open_b", "Open Source &B…", lambda: files.choose_source(B),
             tip="Replace source B with a file")
    act.make("add_sources", "Add Sour&ces…", window.many.choose_files, keys="Ctrl+Shift+O",
             tip="Add source files to the comparison (three or more show the coverage view)")
    act.make("paste", "&Paste Text as Source…", files.paste_source, keys="Ctrl+Shift+V",
             tip="Type or paste an article's text as a source")
    act.make("open", "&Open Project…", files.choose_project, keys=Key.Open, tip="Open a .parallax project")
    act.make("save", "&Save Project", files.save, keys=Key.Save, needs="any", tip="Save the project")
    act.make("save_as", "Save Project &As…", files.save_as, keys=Key.SaveAs, needs="any")
    act.make("export", "&Export Briefing…", files.export_briefing, keys="Ctrl+E", needs="any",
             tip="Build the PDF briefing")
    act.make("quit", "&Quit", window.close, keys=Key.Quit)

    undo = act.undo_group.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.keyBindings(Key.Undo))
    redo = act.undo_group.createRedoAction(window, "&Redo")
    redo_keys = QKeySequence.keyBindings(Key.Redo)
    if QKeySequence("Ctrl+Y") not in redo_keys:
        redo_keys.append(QKeySequence("Ctrl+Y"))
    redo.setShortcuts(redo_keys)
    for action, short in ((undo, "Undo"), (redo, "Redo")):
        action.setIconText(short)
        describe(action, f"{short} the last change")
        window.addAction(action)
    act.undo, act.redo = undo, redo
    act.make("cite", "Copy &Citation", _cite(window), keys="Ctrl+Shift+C", needs="any",
             tip="Copy a citation of the passage under the cursor, or of the source selected in the "
                 "list of sources (plain and rich text)")
    act.make("find", "&Find…", _find(window, 0), keys=Key.Find, needs="any",
             tip="Find words in the sources")
    act.make("find_next", "Find &Next", _find(window, 1), keys=Key.FindNext, needs="any")
    act.make("find_prev", "Find Pre&vious", _find(window, -1), keys=Key.FindPrevious, needs="any")

    act.make("realign", "&Re-align…", edits.realign_dialog, keys="Ctrl+R", needs="any",
             tip="Align again with other options (threshold, granularity, case, punctuation)")
    act.make("swap", "S&wap Sides", edits.swap, keys="Ctrl+Shift+W", needs="project",
             tip="Exchange sources A and B")
    act.make("link", "&Link Passages", edits.link, keys="Ctrl+L", needs="project",
             tip="Link the passages selected (or last clicked) in A and B as one group")
    act.make("unlink", "&Unlink Group", edits.unlink, keys="Ctrl+U", needs="group",
             tip="Dissolve the selected group: its passages become unmatched")
    act.make("merge", "&Merge Groups", _either(window, "merge", edits.merge), keys="Ctrl+M",
             needs="project", tip="Join the groups (or facts) selected in the list into one")
    act.make("split", "S&plit Group…", _either(window, "split", edits.split), keys="Ctrl+Shift+M",
             needs="group", tip="Move some passages of the selected group (or fact) into a new one")
    act.make("confirm", "&Confirm Group", _either(window, "confirmed", lambda: edits.set_status("confirmed")),
             keys="Ctrl+Return", needs="group", tip="Mark the selected group (or facts) reviewed and correct")
    act.make("reject", "Re&ject Group", _either(window, "rejected", lambda: edits.set_status("rejected")),
             keys="Ctrl+Backspace", needs="group",
             tip="Mark the selected group (or facts) wrong: stored, but left out of the briefing")
    proposed = _either(window, "proposed", lambda: edits.set_status("proposed"))
    act.make("unreview", "Mark as &Proposed", proposed, needs="group")
    act.make("meta_a", "Details of Source A…", lambda: edits.edit_metadata(A), needs="project")
    act.make("meta_b", "Details of Source B…", lambda: edits.edit_metadata(B), needs="project")
    act.make("meta_source", "Details of the Selected Source…", lambda: window.many.sources.edit_metadata(),
             tip="Edit the author, outlet, date... of the source selected in the list of sources")

    act.make("add_note", "&Add Note…", _either(window, "add_note", edits.add_note), keys="Ctrl+Shift+N",
             needs="project",
             tip="Annotate the selected words, or the selected passage or group")

    act.make("next_group", "Next &Group", lambda: window.step_group(1), keys="Alt+Down", needs="project")
    act.make("prev_group", "Previous G&roup", lambda: window.step_group(-1), keys="Alt+Up", needs="project")
    act.make("next_diff", "Next &Difference", lambda: window.step_diff(1), keys="F7", needs="project")
    act.make("prev_diff", "Previous D&ifference", lambda: window.step_diff(-1), keys="Shift+F7",
             needs="project")
    sync = act.make("sync", "&Synchronised Scrolling", lambda: None, keys="Ctrl+Shift+Y",
                    tip="Scroll both sources together")
    sync.setCheckable(True)
    sync.setChecked(True)
    sync.toggled.connect(window.workspace.sync.set_enabled)

    _menus(window, act)
    _toolbar(window, act)
    act.refresh()
    return act


def _menus(window: MainWindow, act: Actions) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    for name in ("new", "add_sources", "open_a", "open_b", "paste", None, "open"):
        file_menu.addAction(getattr(act, name)) if name else file_menu.addSeparator()
    act.recent_menu = file_menu.addMenu("Open &Recent")
    act.recent_menu.aboutToShow.connect(lambda: window.files.fill_recent_menu(act.recent_menu))
    for name in ("save", "save_as", None, "export", None, "quit"):
        file_menu.addAction(getattr(act, name)) if name else file_menu.addSeparator()
    edit_menu = bar.addMenu("&Edit")
    for name in ("undo", "redo", None, "cite", None, "find", "find_next", "find_prev", None,
                 "add_note"):
        edit_menu.addAction(getattr(act, name)) if name else edit_menu.addSeparator()
    align_menu = bar.addMenu("&Alignment")
    for name in ("realign", "swap", None, "link", "unlink", "merge", "split", None, "confirm", "reject",
                 "unreview", None, "meta_a", "meta_b", "meta_source"):
        align_menu.addAction(getattr(act, name)) if name else align_menu.addSeparator()
    view_menu = bar.addMenu("&View")
    for name in ("next_group", "prev_group", "next_diff", "prev_diff", None, "sync"):
        view_menu.addAction(getattr(act, name)) if name else view_menu.addSeparator()
    view_menu.addSeparator()
    view_menu.addAction(window.groups_dock.toggleViewAction())
    view_menu.addAction(window.notes_dock.toggleViewAction())
    act.style_menu = view_menu.addMenu("Citation S&tyle")
    act.style_group = QActionGroup(window)
    act.style_menu.aboutToShow.connect(lambda: window.edits.fill_style_menu(act.style_menu, act.style_group))
    help_menu = bar.addMenu("&Help")
    help_menu.addAction("&Keyboard Shortcuts", window.edits.show_shortcuts)
    help_menu.addAction("&About Parallax", window.edits.show_about)


def _toolbar(window: MainWindow, act: Actions) -> None:
    toolbar = QToolBar("Main")
    toolbar.setObjectName("toolbar-main")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.setMovable(False)
    toolbar.setAccessibleName("Main toolbar")
    for name in ("new", "open", "save", None, "undo", "redo", None, "realign", "swap", None, "link",
                 "unlink", "merge", "split", "confirm", "reject", None, "add_note", "cite", None, "prev_diff",
                 "next_diff", "sync", None, "export"):
        if name is None:
            toolbar.addSeparator()
            continue
        toolbar.addAction(getattr(act, name))
    for name, text in SHORT.items():
        action = getattr(act, name)
        if name not in ("undo", "redo"):
            action.setIconText(text)
        button = toolbar.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)


SHORT = {"new": "New", "open": "Open", "save": "Save", "realign": "Re-align…", "swap": "Swap",
         "link": "Link", "unlink": "Unlink", "merge": "Merge", "split": "Split…", "confirm": "Confirm",
         "reject": "Reject", "add_note": "Note…", "cite": "Cite", "prev_diff": "◀ Diff",
         "next_diff": "Diff ▶", "sync": "Sync scroll", "export": "Export PDF…"}


def context_menu(window: MainWindow) -> QMenu:
    """The pane's right-click menu: the actions that act on what is under the pointer."""
    act = window.act
    menu = QMenu(window)
    for name in ("link", "unlink", "split", "confirm", "reject", None, "add_note", "cite"):
        menu.addAction(getattr(act, name)) if name else menu.addSeparator()
    return menu
