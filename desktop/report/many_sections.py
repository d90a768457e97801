"""The closing sections of a many-source briefing: one per source (what only it reports, which
facts it omits while every other source reports them) and the analyst's notes."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from desktop.report import styles
from desktop.report.body import note_line, section_heading
from desktop.report.content import short
from desktop.report.flowables import Heading, Outline
from desktop.report.many_body import letter, locator_markup, note_boxes, note_runs, reference_text
from desktop.report.many_context import ManyContext, note_source, source_color
from desktop.report.markup import passage_markup
from desktop.report.styles import hex_color, rich
from desktop.report.wrap_once import WrapOnce

TINT = colors.HexColor("#f4f5f7")


@cache
def _single_style(cjk: bool) -> ParagraphStyle:
    """A passage alone on a grey tint; its style name is the two-source briefing's, so its
    direction follows its text (``rtl.AUTO_DIRECTION_STYLES``)."""
    base = styles.passage_style(cjk=cjk)
    return ParagraphStyle("single_a" + ("_cjk" if cjk else ""), parent=base, spaceAfter=10, leftIndent=6,
                          rightIndent=4, backColor=TINT, borderPadding=(3, 4, 4, 4))


def sources_story(ctx: ManyContext) -> list[Flowable]:
    """A heading per source (outline level 1) with its only-here passages and its omissions."""
    story: list[Flowable] = [section_heading("Sources", "sources")]
    for source in range(len(ctx.comparison.sources)):
        story.extend(source_story(ctx, source))
    return story


def source_story(ctx: ManyContext, source: int) -> list[Flowable]:
    s = styles.stylesheet()
    label = ctx.source(source).label
    title = f"{letter(source)} · {short(label, 100)}"
    color = hex_color(source_color(source))
    head = f'<font color="{color}">{letter(source)}</font> · {rich(short(label, 100), styles.SANS_BOLD)}'
    story: list[Flowable] = [Heading(head, s["h2"], Outline(f"source-{letter(source).lower()}", title, 1,
                                                              toc=True))]
    reports = ctx.reports(source)
    only, omitted = ctx.only_in(source), ctx.omitted_by(source)
    story.append(WrapOnce(rich(f"Reports {reports} of the {len(ctx.facts)} facts two or more sources report; "
                                f"{len(only)} of its {len(ctx.passages(source))} passages no other source "
                                f"reports; omits {len(omitted)} fact{'s' if len(omitted) != 1 else ''} "
                                "every other source reports."), s["small"]))
    story.extend(_omissions(ctx, omitted))
    story.extend(_only(ctx, source, only))
    story.append(Spacer(1, 6))
    return story


def _omissions(ctx: ManyContext, omitted: tuple[int, ...]) -> list[Flowable]:
    if not omitted:
        return []
    s = styles.stylesheet()
    out: list[Flowable] = [WrapOnce("<b>Omits</b> (every other source reports these facts)", s["body"])]
    for k in omitted:
        number = ctx.number(k)
        view = ctx.comparison.facts[k]
        text = reference_text(ctx, view)
        out.append(WrapOnce(f'<a href="#fact-{number}"><b>Fact {number}</b></a> · {letter(view.reference)}: '
                             f"“{rich(short(text, 160))}”", s["reference"]))
    return out


def _only(ctx: ManyContext, source: int, only: tuple[int, ...]) -> list[Flowable]:
    if not only:
        return []
    s = styles.stylesheet()
    out: list[Flowable] = [WrapOnce(f"<b>Only {letter(source)} reports</b> ({len(only)} passage"
                                     f"{'s' if len(only) != 1 else ''})", s["body"])]
    for i in only:
        passage = ctx.passages(source)[i]
        runs = note_runs(ctx, source, passage, {})
        out.append(WrapOnce(locator_markup(ctx, source, passage), s["locator_single"]))
        out.append(WrapOnce(passage_markup(passage.text, passage.start, runs),
                             _single_style(styles.is_cjk_text(passage.text))))
        out.extend(note_boxes(ctx, ctx.notes_on(source, [passage])))
    return out


def notes_story(ctx: ManyContext) -> list[Flowable]:
    """Every note with a link to its box; notes not placed yet appear in full."""
    s = styles.stylesheet()
    story: list[Flowable] = [section_heading("Analyst notes", "notes")]
    for index, note in enumerate(ctx.notes):
        if index in ctx.shown_notes:
            story.append(WrapOnce(note_line(index, note, letter(note_source(note))), s["reference"]))
        else:
            story.extend(note_boxes(ctx, [index]))
    return story
