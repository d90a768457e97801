"""The body of a many-source briefing: the coverage figure, each fact with every outlet's
wording, a section per source (what only it reports, what it omits), notes and references.

A fact's wordings are stacked (side by side does not fit twelve outlets): the reference wording
first, its numbers, names and quotes that some outlet words differently marked as deleted words;
then every other outlet's wording with its own differing words marked as inserted words and a
wedge where the reference has words it lacks, exactly as B is drawn in a two-source briefing.
Every marked run is a PDF Highlight annotation saying what changed; notes on any source's words
are highlighted and get a sticky note, as in the two-source briefing.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, partial

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from desktop.core import coverage
from desktop.core.model import Difference, DiffKind, FactView, GroupStatus, Passage, Which, Wording
from desktop.report import styles
from desktop.report.body import (
    NOTE_LOOK,
    changes_line,
    diff_mark,
    diff_runs,
    legend_chip,
    note_box_markup,
    note_mark,
    note_text,
    section_heading,
    unshown_note_boxes,
)
from desktop.report.content import short
from desktop.report.context import B
from desktop.report.coverage_figure import CoverageRow, SourceTotals, coverage_drawings
from desktop.report.document import icon_x
from desktop.report.flowables import Heading, Outline
from desktop.report.many_context import ManyContext, note_source, source_color
from desktop.report.markup import Run, passage_markup
from desktop.report.styles import diff_look, hex_color, rich
from desktop.report.wrap_once import WrapOnce

NOTABLE = (DiffKind.NUMBER, DiffKind.NAME, DiffKind.QUOTE)


def letter(source: int) -> str:
    return Which(source).letter


@cache
def _fact_head_style() -> ParagraphStyle:
    head = styles.stylesheet()["group_head"]
    return ParagraphStyle("fact_head", parent=head, keepWithNext=1, spaceBefore=4)


# ---- coverage ------------------------------------------------------------------------------

def coverage_story(ctx: ManyContext) -> list[Flowable]:
    s = styles.stylesheet()
    comparison = ctx.comparison
    rows = [CoverageRow(ctx.number(k), reference_text(ctx, comparison.facts[k]), coverage.row(comparison, k))
            for k in ctx.facts]
    count = len(comparison.sources)
    totals = [SourceTotals(ctx.reports(n), len(ctx.only_in(n)), len(ctx.omitted_by(n))) for n in range(count)]
    intro = (f"Each row is a fact two or more of the {count} sources report, numbered as in "
             "“Facts”; each column a source. A filled cell: the source reports the fact, coloured by "
             f"how its wording differs from the reference ({letter(comparison.reference)} unless it "
             "leaves the fact out). An empty cell: the source does not report it.")
    story: list[Flowable] = [section_heading("Coverage", "coverage"), WrapOnce(rich(intro), s["small"]),
                             Spacer(1, 4)]
    story.extend(coverage_drawings(ctx.width, rows, totals))
    if not rows:
        story.append(WrapOnce("No fact is reported by two or more sources.", s["body"]))
    story.append(Spacer(1, 10))
    return story


def reference_text(ctx: ManyContext, view: FactView) -> str:
    """The reference source's words of a fact (its passages joined)."""
    passages = ctx.passages(view.reference)
    return " ".join(passages[i].text for i in view.fact.passages(view.reference))


# ---- facts ---------------------------------------------------------------------------------

def facts_story(ctx: ManyContext) -> list[Flowable]:
    s = styles.stylesheet()
    story: list[Flowable] = [section_heading("Facts", "facts", closed=len(ctx.facts) > 30)]
    if not ctx.facts:
        story.append(WrapOnce("No passages of two sources were aligned.", s["body"]))
        return story
    story.append(WrapOnce(legend_markup(ctx), s["small"]))
    story.append(Spacer(1, 6))
    for k in ctx.facts:
        story.extend(fact_story(ctx, k))
    return story


def fact_story(ctx: ManyContext, k: int) -> list[Flowable]:
    """One fact: its heading (an outline entry), each outlet's wording, the notes on them."""
    s = styles.stylesheet()
    view = ctx.comparison.facts[k]
    fact, number = view.fact, ctx.number(k)
    muted = hex_color(styles.MUTED)
    reporters = " ".join(_letter_markup(w) for w in view.fact.sources)
    head = (f'Fact {number}<font name="{styles.SANS}" color="{muted}"> · reported by </font>{reporters}'
            f'<font name="{styles.SANS}" color="{muted}"> · score {fact.score:.2f}</font>')
    if fact.status is GroupStatus.CONFIRMED:
        head += f'<font name="{styles.SANS}" color="{hex_color(styles.CONFIRMED)}"> · ✓ confirmed</font>'
    outline = Outline(f"fact-{number}", f"{number}. {short(reference_text(ctx, view), 80)}", level=1)
    block: list[Flowable] = [Heading(head, _fact_head_style(), outline)]
    if fact.reason:
        block.append(WrapOnce(rich(short(fact.reason, 300)), s["small"]))
    notes: list[int] = []
    note_marks: dict[int, str] = {}
    for wording in view.wordings:
        block.extend(wording_flowables(ctx, view, wording, note_marks))
        notes += ctx.notes_on(wording.source, [ctx.passages(wording.source)[i] for i in wording.passages])
    block.extend(note_boxes(ctx, notes))
    return [*block, Spacer(1, 10)]


def _letter_markup(source: int) -> str:
    return f'<font color="{hex_color(source_color(source))}">{letter(source)}</font>'


def wording_flowables(ctx: ManyContext, view: FactView, wording: Wording, note_marks: dict[int, str]
                      ) -> list[Flowable]:
    """The locator line and the marked text of each passage of one outlet's wording
    (``note_marks``: the annotation of each note already drawn in this fact)."""
    s = styles.stylesheet()
    is_reference = wording.source == view.reference
    runs = _reference_runs(ctx, view) if is_reference else _wording_runs(ctx, wording)
    out: list[Flowable] = []
    for i in wording.passages:
        passage = ctx.passages(wording.source)[i]
        tag = " · reference" if is_reference else ""
        out.append(WrapOnce(locator_markup(ctx, wording.source, passage, tag), s["locator"]))
        body = runs + note_runs(ctx, wording.source, passage, note_marks)
        style = styles.passage_style(cjk=styles.is_cjk_text(passage.text))
        out.append(WrapOnce(passage_markup(passage.text, passage.start, body), _indented(style)))
    if not is_reference:
        changes = changes_line(wording, ctx.options.show_format_changes)  # type: ignore[arg-type]
        if changes:
            out.append(WrapOnce(changes.replace("Changes:", f"Changes against {letter(view.reference)}:", 1),
                                 _indented(s["changes"])))
    return out


@cache
def _indented(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` set in from the locators; the same name, so right-to-left passages still set
    their direction from their text (``rtl.AUTO_DIRECTION_STYLES``)."""
    return ParagraphStyle(style.name, parent=style, leftIndent=10, spaceAfter=3)


def locator_markup(ctx: ManyContext, source: int, passage: Passage, tag: str = "") -> str:
    cite = ctx.refs.cite(source, passage)
    label = rich(short(ctx.source(source).label, 80), styles.SANS_BOLD)
    return (f"{_letter_markup(source)} {label} · {passage.locator}{tag}"
            f'<font name="{styles.SANS}" color="{hex_color(styles.MUTED)}"> · {cite}</font>')


def _wording_runs(ctx: ManyContext, wording: Wording) -> list[Run]:
    """An outlet's own differing words (inserted look) and wedges where it lacks reference words:
    drawn as B of a pair with the reference."""
    return diff_runs(wording.differences, B, ctx.options.show_format_changes,
                     lambda _n, d, look: diff_mark(ctx.marks, d.summary, look))


def _reference_runs(ctx: ManyContext, view: FactView) -> list[Run]:
    """The reference's numbers, names and quotes that outlets word differently: one run per
    range of words, its annotation listing every outlet's version."""
    changed: dict[tuple[int, int, DiffKind], list[tuple[int, Difference]]] = {}
    for wording in view.wordings:
        for d in wording.differences:
            if d.kind in NOTABLE and d.a_end > d.a_start:
                changed.setdefault((d.a_start, d.a_end, d.kind), []).append((wording.source, d))
    runs = []
    for (start, end, kind), found in sorted(changed.items()):
        look = diff_look(kind, "a", found[0][1].a_text)
        summary = f"{kind.value}: " + "; ".join(f"{letter(src)} {d.b_text or '∅'}" for src, d in found)
        runs.append(Run(start, end, look, diff_mark(ctx.marks, f"{found[0][1].a_text} -> {summary}", look)))
    return runs


def note_runs(ctx: ManyContext, source: int, passage: Passage, note_marks: dict[int, str]) -> list[Run]:
    """The highlighted words of the notes on ``passage``; a note's sticky annotation comes with
    its first drawing in the briefing (one mark per note and rendering, kept in ``note_marks``)."""
    runs = []
    for index in ctx.notes_on(source, [passage]):
        note = ctx.notes[index]
        if index not in note_marks:
            note_marks[index] = note_mark(ctx.marks, index, note, author=ctx.author,
                                          sticky=index not in ctx.shown_notes,
                                          x=icon_x(ctx.options.page_size, B))
        runs.append(Run(note.start, note.end, NOTE_LOOK, note_marks[index]))
    return runs


def legend_markup(ctx: ManyContext) -> str:
    return ("Each fact shows every outlet’s wording; the first is the reference the others are "
            f"compared with ({letter(ctx.comparison.reference)} unless it does not report the fact). "
            f"{legend_chip(DiffKind.NUMBER, 'a', ' numbers, names, quotes others word differently ')} "
            "in the reference; "
            f"{legend_chip(DiffKind.WORDING, 'b', ' words an outlet has and the reference lacks ')} "
            f"{legend_chip(DiffKind.NUMBER, 'b', ' numbers, names ')} in the others; "
            "a small wedge marks where "
            "the reference has words an outlet lacks; "
            f'<font backColor="{hex_color(styles.NOTE_MARK)}"> analyst note </font>. '
            "Hover or click a highlight to read what changed.")


def note_boxes(ctx: ManyContext, indices: Sequence[int]) -> list[Flowable]:
    """A box per note not shown yet: number, source and locator, tags, quote and text."""
    return unshown_note_boxes(ctx.shown_notes, indices, partial(note_markup, ctx), WrapOnce)


def note_markup(ctx: ManyContext, index: int) -> str:
    note = ctx.notes[index]
    source = note_source(note)
    return note_box_markup(index, note, letter(source), ctx.passages(source), note_text(note))
