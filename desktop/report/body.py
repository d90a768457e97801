"""The body sections: shared facts (groups side by side), only in A / B, notes, references.

Within the layout budget of ``desktop.core.limits``: a passage or note longer than the layout
can take is cut visibly ("… [12,345 more characters: see the source]"), and the shared facts
and only-in sections lay out a bounded number of items, then say how many more there are.
reportlab re-breaks a paragraph's remaining lines at every page it splits across, so a
250,000-character passage took 67 s; the layout time of a whole section grows with its items.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from reportlab.platypus import Flowable, Paragraph, Spacer

from desktop.core import limits
from desktop.core.model import AlignedGroup, Difference, DiffKind, DiffOp, GroupStatus, Note, Passage, Which
from desktop.report import styles
from desktop.report.annotations import Mark, Marks
from desktop.report.content import KIND_ORDER, clip, notes_on, short
from desktop.report.context import SIDES, A, B, Context
from desktop.report.document import icon_x
from desktop.report.flowables import Heading, Outline, Pair
from desktop.report.markup import Run, passage_markup
from desktop.report.references import References
from desktop.report.styles import DiffLook, diff_look, hex_color, rich

NOTE_LOOK = DiffLook(styles.NOTE_MARK, styles.INK)
MAX_CHANGES = 12
SHORT_TEXT = 40


def section_heading(title: str, key: str, *, closed: bool = False) -> Heading:
    return Heading(rich(title), styles.stylesheet()["h1"], Outline(key, title, 0, toc=True, closed=closed))


class _Marks:
    """The annotation marks of one rendering (a group, or an unmatched passage)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._ids: dict[tuple[object, ...], str] = {}

    def diff(self, n: int, side: Which, d, look: DiffLook) -> str:  # noqa: ANN001 (Difference)
        key = ("d", n, side)
        if key not in self._ids:
            self._ids[key] = diff_mark(self.ctx.marks, _clipped(d.summary, limits.PDF_NOTE_CHARS), look)
        return self._ids[key]

    def note(self, index: int) -> str:
        key = ("n", index)
        if key not in self._ids:
            ctx, note = self.ctx, self.ctx.notes[index]
            self._ids[key] = note_mark(ctx.marks, index, note, author=ctx.author,
                                       sticky=index not in ctx.shown_notes,
                                       x=icon_x(ctx.options.page_size, note.side))
        return self._ids[key]


def diff_mark(marks: Marks, summary: str, look: DiffLook) -> str:
    """Register the Highlight of a difference (``summary`` its contents) over the passage's line
    band; returns the href to wrap its words in."""
    return marks.add(Mark(summary, look.rgb, band=styles.stylesheet()["passage"].leading))


def note_mark(marks: Marks, index: int, note: Note, *, author: str, sticky: bool, x: float) -> str:
    """Register the Highlight of note ``index``'s words; ``sticky`` (the note's first drawing in
    the briefing) adds its sticky note, an icon at page x ``x``. Returns the href."""
    summary = note_summary(index, note)
    return marks.add(Mark(summary, NOTE_LOOK.rgb, author=author, note=summary if sticky else "",
                          band=styles.stylesheet()["passage"].leading, icon_x=x))


def note_summary(index: int, note: Note) -> str:
    """The text of a note's sticky annotation: number, note, tags, quoted words."""
    lines = [f"Note N{index + 1}: {note_text(note)}".rstrip()]
    if note.tags:
        lines.append("Tags: " + ", ".join(note.tags))
    lines.append(f"On: “{short(note.quote, 300)}”")
    return "\n".join(lines)


def note_text(note: Note) -> str:
    """A note's text as the briefing shows it: cut at ``limits.PDF_NOTE_CHARS``, visibly."""
    return _clipped(note.text, limits.PDF_NOTE_CHARS, "the full note")


def _clipped(text: str, limit: int, where: str = "the source") -> str:
    shown, hidden = clip(text, limit)
    return shown + (limits.cut_marker(hidden, where) if hidden else "")


def _passage_runs(ctx: Context, side: Which, passage: Passage, marks: _Marks,
                  aligned: AlignedGroup | None) -> list[Run]:
    runs: list[Run] = []
    if aligned is not None:
        runs += diff_runs(aligned.differences, side, ctx.options.show_format_changes,
                          lambda n, d, look: marks.diff(n, side, d, look))
    for index in notes_on(ctx.notes, side, [passage]):
        note = ctx.notes[index]
        runs.append(Run(note.start, note.end, NOTE_LOOK, marks.note(index)))
    return runs


def diff_runs(differences: Sequence[Difference], side: Which, with_format: bool,
              mark: Callable[[int, Difference, DiffLook], str]) -> list[Run]:
    """The runs of ``differences`` on ``side`` of a pair: its differing words (deleted look on A,
    inserted on B; ``mark(n, d, look)`` gives each its href) and a wedge where the other side has
    words this side lacks. Case and punctuation changes only ``with_format``."""
    runs: list[Run] = []
    for n, d in enumerate(differences):
        if d.kind is DiffKind.FORMAT and not with_format:
            continue
        start, end = side.of(((d.a_start, d.a_end), (d.b_start, d.b_end)))
        if end > start:
            look = diff_look(d.kind, side, side.of((d.a_text, d.b_text)))
            runs.append(Run(start, end, look, mark(n, d, look)))
        elif d.op is side.of((DiffOp.INSERT, DiffOp.DELETE)):  # the other source has words here
            other = diff_look(d.kind, side.other)
            runs.append(Run(start, start, caret=hex_color(other.text)))
    return runs


def passage_flowables(ctx: Context, side: Which, passage: Passage, marks: _Marks,
                      aligned: AlignedGroup | None, *, single: bool = False) -> list[Flowable]:
    """The locator line (source, locator, citation) and the passage text with its runs."""
    s = styles.stylesheet()
    color = hex_color(styles.side_colour(side))
    cite = ctx.refs.cite(side.index, passage)
    locator = (f'<font color="{color}">{side.letter}</font> · {passage.locator}'
               f'<font name="{styles.SANS}" color="{hex_color(styles.MUTED)}"> · {cite}</font>')
    style = styles.passage_style(side if single else None, cjk=styles.is_cjk_text(passage.text))
    text, hidden = clip(passage.text, limits.PDF_PASSAGE_CHARS)
    shown = replace(passage, end=passage.start + len(text), text=text) if hidden else passage
    markup = passage_markup(shown.text, shown.start, _passage_runs(ctx, side, shown, marks, aligned))
    if hidden:
        markup += f'<font color="{hex_color(styles.MUTED)}">{rich(limits.cut_marker(hidden))}</font>'
    return [Paragraph(locator, s["locator_single" if single else "locator"]), Paragraph(markup, style)]


def group_story(ctx: Context, number: int, aligned: AlignedGroup) -> list[Flowable]:
    s = styles.stylesheet()
    group = aligned.group
    marks = _Marks(ctx)
    left: list[Flowable] = []
    right: list[Flowable] = []
    for side, indices, column in zip(SIDES, (group.a, group.b), (left, right), strict=True):
        for i in indices:
            column.extend(passage_flowables(ctx, side, ctx.passages(side)[i], marks, aligned))
    muted = hex_color(styles.MUTED)
    head = f'Group {number}<font name="{styles.SANS}" color="{muted}"> · score {group.score:.2f}'
    if group.status is GroupStatus.CONFIRMED:
        head += f'</font><font name="{styles.SANS}" color="{hex_color(styles.CONFIRMED)}"> · ✓ confirmed'
    head += "</font>"
    header: list[Flowable] = [Paragraph(head, s["group_head"])]
    if group.reason:
        header.append(Paragraph(rich(short(group.reason, 300)), s["small"]))
    cont = [Paragraph(f"Group {number} (continued)", s["small"])]
    first_a = ctx.passages(A)[group.a[0]].text if group.a else ""
    outline = Outline(f"group-{number}", f"{number}. {short(first_a, 80)}", level=1)
    changes = changes_line(aligned, ctx.options.show_format_changes)
    footer = [Paragraph(changes, s["changes"])] if changes else []
    story: list[Flowable] = [Pair(header, left, right, footer=footer, cont_header=cont, outline=outline)]
    passages = [ctx.passages(A)[i] for i in group.a], [ctx.passages(B)[j] for j in group.b]
    on_group = notes_on(ctx.notes, A, passages[0]) + notes_on(ctx.notes, B, passages[1])
    story.extend(note_boxes(ctx, on_group))
    story.append(Spacer(1, 12))
    return story


def changes_line(aligned: AlignedGroup, with_format: bool) -> str:
    """"Changes: number 4 → 2 · name Kiev → Kyiv · also: wording 3" under a pair (markup).

    Short changes of numbers, names and quotes are spelt out; longer rewrites (visible in the
    columns anyway) are only counted by kind.
    """
    listed, counted = [], dict.fromkeys(KIND_ORDER, 0)
    for d in aligned.differences:
        if d.kind is DiffKind.FORMAT and not with_format:
            continue
        brief = max(len(d.a_text), len(d.b_text)) <= SHORT_TEXT
        if d.kind in (DiffKind.NUMBER, DiffKind.NAME, DiffKind.QUOTE) and brief and len(listed) < MAX_CHANGES:
            before, after = rich(d.a_text.strip() or "∅"), rich(d.b_text.strip() or "∅")
            listed.append(f"<b>{d.kind.value}</b> {before} → {after}")
        else:
            counted[d.kind] += 1
    others = ", ".join(f"{kind.value} {n}" for kind, n in counted.items() if n)
    if others:
        listed.append(("also " if listed else "") + others)
    return ("Changes: " + " · ".join(listed)) if listed else ""


def note_boxes(ctx: Context, indices: Sequence[int]) -> list[Flowable]:
    """A box per note not shown yet: number, side and locator, tags, quote and text."""
    return unshown_note_boxes(ctx.shown_notes, indices, partial(note_markup, ctx))


def unshown_note_boxes(shown: set[int], indices: Sequence[int], markup: Callable[[int], str],
                       paragraph: type[Paragraph] = Paragraph) -> list[Flowable]:
    """A box (``markup(index)`` in the note style) per note of ``indices`` not in ``shown``, in
    note order; each is added to ``shown``, so a note is boxed once in a briefing."""
    s = styles.stylesheet()
    out: list[Flowable] = []
    for index in sorted(set(indices)):
        if index in shown:
            continue
        shown.add(index)
        out.append(paragraph(markup(index), s["note"]))
    return out


def note_markup(ctx: Context, index: int) -> str:
    note = ctx.notes[index]
    return note_box_markup(index, note, note.side.letter, ctx.passages(note.side), note_text(note))


def note_box_markup(index: int, note: Note, letter: str, passages: Sequence[Passage], text: str) -> str:
    """A note's box: its number (a link target), source ``letter`` and the locator of the first
    of ``passages`` (the note's source's) it touches, its tags, quote and ``text``."""
    where = [p.locator for p in passages if p.start < max(note.end, note.start + 1) and note.start < p.end]
    head = f'<a name="note-{index + 1}"/><b>Note N{index + 1}</b> · on {letter}'
    if where:
        head += f", {where[0]}"
    if note.tags:
        head += " · <i>" + rich(", ".join(note.tags), styles.SANS_ITALIC) + "</i>"
    return f"{head}<br/>“{rich(short(note.quote, 400))}” — {rich(text)}"


def note_line(index: int, note: Note, letter: str) -> str:
    """A note's entry in the notes section once its box is in the body: a link to the box."""
    return (f'<a href="#note-{index + 1}"><b>N{index + 1}</b></a> · {letter} · '
            f"“{rich(short(note.quote, 80))}” — {rich(short(note.text, 160))}")


def only_story(ctx: Context, side: Which, indices: Sequence[int]) -> list[Flowable]:
    label = ctx.source(side).label
    title = f"Only in {side.letter}"
    s = styles.stylesheet()
    story: list[Flowable] = [section_heading(title, f"only-{side.key}")]
    if not indices:
        story.append(Paragraph(rich(f"Every passage of {label} is in an aligned group."), s["body"]))
        return story
    other = ctx.source(side.other).label
    story.append(Paragraph(rich(f"Passages of {label} that no passage of {other} reports "
                                f"({len(indices)})."), s["small"]))
    passages = ctx.passages(side)
    for i in indices[:limits.PDF_ONLY_PASSAGES]:
        marks = _Marks(ctx)
        story.extend(passage_flowables(ctx, side, passages[i], marks, None, single=True))
        story.extend(note_boxes(ctx, notes_on(ctx.notes, side, [passages[i]])))
    story.extend(_left_out(len(indices), limits.PDF_ONLY_PASSAGES, "passage"))
    return story


def _left_out(total: int, shown: int, what: str) -> list[Flowable]:
    """The line that ends a section cut to its layout budget (nothing when all is shown)."""
    if total <= shown:
        return []
    more = total - shown
    text = (f"… and {more:,} more {what}{'s' if more != 1 else ''}, not laid out: a briefing shows at most "
            f"{shown:,}. The workbench and parallax align --json list them all.")
    return [Spacer(1, 6), Paragraph(rich(text), styles.stylesheet()["small"])]


def notes_story(ctx: Context) -> list[Flowable]:
    """The list of all notes with links to their boxes; notes not placed yet appear in full."""
    s = styles.stylesheet()
    story: list[Flowable] = [section_heading("Analyst notes", "notes")]
    for index, note in enumerate(ctx.notes):
        if index in ctx.shown_notes:
            story.append(Paragraph(note_line(index, note, note.side.letter), s["reference"]))
        else:
            story.extend(note_boxes(ctx, [index]))
    return story


def references_story(refs: References, paragraph: type[Paragraph] = Paragraph) -> list[Flowable]:
    """The References section (of a two- or many-source briefing): ``refs``' reference list."""
    s = styles.stylesheet()
    story: list[Flowable] = [section_heading("References", "references")]
    story.extend(paragraph(entry, s["reference"]) for entry in refs.reference_list())
    return story


def shared_story(ctx: Context) -> list[Flowable]:
    s = styles.stylesheet()
    groups = ctx.view.groups
    story: list[Flowable] = [section_heading("Shared facts", "shared", closed=len(groups) > 30)]
    if not groups:
        story.append(Paragraph("No passages of the two sources were aligned.", s["body"]))
        return story
    story.append(Paragraph(legend_markup(), s["small"]))
    story.append(Spacer(1, 6))
    for number, aligned in enumerate(groups[:limits.PDF_GROUPS], start=1):
        story.extend(group_story(ctx, number, aligned))
    story.extend(_left_out(len(groups), limits.PDF_GROUPS, "aligned group"))
    return story


def legend_markup() -> str:
    """The colour key of the side-by-side pairs."""
    return ("Each group shows what A (left) and B (right) say about the same facts. "
            f"{legend_chip(DiffKind.WORDING, A, ' words only in A ')} "
            f"{legend_chip(DiffKind.WORDING, B, ' words only in B ')} "
            f"{legend_chip(DiffKind.NUMBER, A, ' numbers, names ')} "
            f"{legend_chip(DiffKind.NUMBER, B, ' numbers, names ')} "
            f"{legend_chip(DiffKind.FORMAT, A, ' case or punctuation ')} "
            f'<font backColor="{hex_color(styles.NOTE_MARK)}"> analyst note </font>. '
            "Hover or click a highlight to read what changed; a small wedge marks where the other "
            "side has words this side lacks. " + _kinds_hint())


def legend_chip(kind: DiffKind, side: Which | str, text: str) -> str:
    """A colour key's entry: ``text`` drawn as a difference of ``kind`` on ``side``."""
    look = diff_look(kind, side)
    face = f' name="{styles.SANS_BOLD}"' if look.bold else ""
    return f'<font{face} color="{hex_color(look.text)}" backColor="{hex_color(look.back)}">{text}</font>'


def _kinds_hint() -> str:
    return "Kinds of change: " + ", ".join(k.value for k in KIND_ORDER) + "."
