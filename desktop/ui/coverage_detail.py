"""The selected fact in full: every source's wording, its word differences against the reference
tinted with the colours of the side-by-side view, and the sources that do not report it.

Words a source lacks (the reference has them, this source does not) are shown struck through
at the place they would be; in the reference wording, the words some other source words
differently carry that difference's colour. Under each wording, the analyst's notes on it, with
links to add a note or edit one.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop.core.model import Difference, DiffKind, Note, Wording
from desktop.ui import theme
from desktop.ui.coverage import clip, source_name
from desktop.ui.coverage_index import CoverageIndex
from desktop.ui.models import short_locator
from desktop.ui.source_set import letter

Mark = tuple[int, int, DiffKind, str]  # start, end (source offsets), kind, words this source lacks


def highlighted(text: str, base: int, marks: list[Mark]) -> str:
    """HTML of ``text`` (which starts at offset ``base`` of its source) with ``marks`` tinted;
    an empty mark shows the missing words struck through. Overlapping marks keep the first."""
    colours = theme.colours()
    out, at = [], base
    for start, end, kind, missing in sorted(marks, key=lambda m: (m[0], m[1])):
        if start < at or end > base + len(text):
            continue
        out.append(_plain(text[at - base:start - base]))
        style = f"background-color:{colours.kind(kind).name()}; color:{colours.kind_text.name()};"
        if start == end:
            out.append(f'<span style="{style} text-decoration: line-through;">{_plain(missing)}</span>')
        else:
            out.append(f'<span style="{style}">{_plain(text[start - base:end - base])}</span>')
        at = end
    out.append(_plain(text[at - base:]))
    return "".join(out)


def _plain(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class FactDetail(QWidget):
    """Shows one fact of a ``CoverageIndex``; links ask for two sources side by side."""

    pairRequested = Signal(int, int, int)  # left source, right source, fact
    noteRequested = Signal(int, int)  # fact, source: add a note on that source's wording
    noteEditRequested = Signal(int)  # index of the note in the project

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Fact")
        self.title.setStyleSheet("font-weight: bold;")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Wordings of the selected fact")
        self.browser.anchorClicked.connect(self._link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.browser, 1)
        self.fact = -1
        self.notes: tuple[tuple[int, Note], ...] = ()
        self.show_fact(None, -1)

    def text(self) -> str:
        return self.browser.toPlainText()

    def show_fact(self, index: CoverageIndex | None, fact: int,
                  notes: tuple[tuple[int, Note], ...] = ()) -> None:
        """Show fact ``fact`` with ``notes`` (index in the project, note) on its passages."""
        self.fact, self.notes = fact, notes
        if index is None or not 0 <= fact < len(index):
            self.title.setText("Fact")
            self.browser.setHtml("<p style='color:gray'>Select a fact in the table to read how each "
                                 "source words it.</p>")
            return
        view = index.comparison.facts[fact]
        reporters = view.fact.sources
        self.title.setText(f"Fact {fact + 1} · reported by {len(reporters)} of {index.size}")
        reason = f"Linked by {view.fact.reason} · score {view.fact.score:.2f}" if view.fact.reason else ""
        parts = [f"<p style='color:gray'>{html.escape(reason)}</p>" if reason else ""]
        ordered = sorted(view.wordings, key=lambda w: (w.source != view.reference, w.source))
        parts += [self._wording_html(index, fact, w) for w in ordered]
        missing = [s for s in range(index.size) if s not in reporters]
        if missing:
            names = ", ".join(f"{letter(s)} {html.escape(source_name(index.comparison, s))}" for s in missing)
            parts.append(f"<p><i>Not reported by:</i> {names}</p>")
        self.browser.setHtml("".join(parts))

    def _wording_html(self, index: CoverageIndex, fact: int, wording: Wording) -> str:
        view = index.comparison.facts[fact]
        source = wording.source
        passages = index.comparison.passages[source]
        base = passages[wording.passages[0]].start
        where = short_locator(passages, wording.passages)
        if source == view.reference:
            marks = [(d.a_start, d.a_end, d.kind, "") for w in view.wordings for d in w.differences
                     if d.a_start < d.a_end]
            how, summaries = "reference wording", ""
        else:
            marks = [(d.b_start, d.b_end, d.kind, d.a_text if d.b_start == d.b_end else "")
                     for d in wording.differences]
            counts = [f"{wording.count(k)} {theme.KIND_LABELS[k].lower()}"
                      for k in DiffKind if wording.count(k)]
            how = ", ".join(counts) or "same wording"
            summaries = " · ".join(html.escape(_summary(d)) for d in wording.differences)
        colours = theme.colours()
        badge = colours.selected if source == view.reference else colours.aligned[0]
        link = (f" · <a href='pair:{view.reference}:{source}'>side by side</a>"
                if source != view.reference else "")
        name = html.escape(source_name(index.comparison, source))
        head = (f"<p style='margin-top:10px'><span style='background-color:{badge.name()}; "
                f"color:{colours.kind_text.name()}'>&nbsp;{letter(source)}&nbsp;</span> "
                f"<b>{name}</b> · {where} · <i>{how}</i>{link}</p>")
        body = f"<p>{highlighted(index.texts[fact][source], base, marks)}</p>"
        tail = f"<p style='color:gray'>{summaries}</p>" if summaries else ""
        return head + body + tail + self._notes_html(source)

    def _notes_html(self, source: int) -> str:
        items = [f"<li>“{html.escape(clip(note.quote, 60))}”: {html.escape(note.text) or '<i>(no text)</i>'}"
                 + _tags_html(note.tags) + f" · <a href='note:{n}'>edit</a></li>"
                 for n, note in self.notes if note.side.index == source]
        add = f"<a href='addnote:{source}'>add a note</a>"
        if not items:
            return f"<p style='margin:0'>{add}</p>"
        return f"<p style='margin:0'><b>Notes</b> · {add}</p><ul style='margin-top:0'>{''.join(items)}</ul>"

    def _link(self, url: QUrl) -> None:
        kind, _, rest = url.toString().partition(":")
        if kind == "pair" and self.fact >= 0:
            left, right = (int(x) for x in rest.split(":"))
            self.pairRequested.emit(min(left, right), max(left, right), self.fact)
        elif kind == "addnote" and self.fact >= 0:
            self.noteRequested.emit(self.fact, int(rest))
        elif kind == "note":
            self.noteEditRequested.emit(int(rest))


def _tags_html(tags: tuple[str, ...]) -> str:
    return f" <span style='color:gray'>[{html.escape(', '.join(tags))}]</span>" if tags else ""


def _summary(d: Difference) -> str:
    """"number: 12 → 14", long wordings clipped as in the list of differences."""
    return f"{theme.KIND_LABELS[d.kind].lower()}: {clip(d.a_text, 40) or '∅'} → {clip(d.b_text, 40) or '∅'}"
