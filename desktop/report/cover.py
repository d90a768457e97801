"""The cover (title, sources, computed summary, contents) and the overview figure."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle

from desktop.core.model import Source, Which
from desktop.report import styles
from desktop.report.body import section_heading
from desktop.report.content import KIND_ORDER, percent, short, summarize
from desktop.report.context import SIDES, A, B, Context
from desktop.report.document import contents_table
from desktop.report.flowables import Heading, Outline, Strip, overview_drawing
from desktop.report.options import BriefingOptions
from desktop.report.styles import hex_color, rich


def cover_story(ctx: Context) -> list[Flowable]:
    s = styles.stylesheet()
    return [
        *cover_title(ctx.options),
        _sources_table(ctx),
        Spacer(1, 14),
        Paragraph("Summary", s["h2"]),
        _summary_table(ctx),
        *cover_contents(),
    ]


def cover_title(opts: BriefingOptions) -> list[Flowable]:
    """The top of a cover (two sources or many): kicker, title (an outline entry), byline."""
    s = styles.stylesheet()
    prepared = f"Prepared by {opts.analyst}" if opts.analyst else ""
    byline = " · ".join(x for x in (prepared, opts.shown_date()) if x)
    title = short(opts.shown_title(), 200)
    return [Paragraph("PARALLAX BRIEFING", s["small"]),
            Heading(rich(title), s["title"], Outline("cover", title)),
            Paragraph(rich(byline), s["subtitle"])]


def cover_contents() -> list[Flowable]:
    """The end of a cover: the contents, then the body pages begin."""
    s = styles.stylesheet()
    return [Spacer(1, 10), Heading("Contents", s["h2"], Outline("contents", "Contents", 0)), contents_table(),
            NextPageTemplate("body"), PageBreak()]


def source_lines(source: Source, passages: int, unit: str, *, limit: int = 300, brief: bool = False) -> str:
    """A source's description on a cover (markup): title, authors, date, URL, file, how long.

    ``brief`` (the many-source cover's narrower column) leaves out the access date and language;
    ``limit`` caps each value's characters.
    """
    meta = source.metadata
    muted = hex_color(styles.MUTED)
    lines: list[str] = []
    if meta.title and meta.title != source.label:
        lines.append(f"<i>{rich(short(meta.title, limit), styles.SANS_ITALIC)}</i>")
    fields = [("By", ", ".join(meta.authors)), ("Published", meta.issued), ("URL", meta.url)]
    if not brief:
        fields += [("Accessed", meta.accessed), ("Language", meta.language)]
    fields.append(("File", source.origin if source.origin != meta.url else ""))
    for label, value in fields:
        if value:
            lines.append(f'<font color="{muted}">{label}</font> {rich(short(value, limit))}')
    lines.append(f'<font color="{muted}">{passages} {unit}{"s" if passages != 1 else ""}, '
                 f"{len(source.text):,} characters</font>")
    return "<br/>".join(lines)


def _source_cell(ctx: Context, side: Which, source: Source) -> list[Flowable]:
    s = styles.stylesheet()
    color = hex_color(styles.side_colour(side))
    lines = source_lines(source, len(ctx.passages(side)), ctx.comparison.options.granularity.value)
    name = rich(short(source.label, 120), styles.SANS_BOLD)
    return [Paragraph(f'<font color="{color}">{side.letter}</font>  {name}', s["h2"]),
            Paragraph(lines, s["cell"])]


def _sources_table(ctx: Context) -> Table:
    half = ctx.width / 2
    table = Table([[_source_cell(ctx, A, ctx.comparison.a), _source_cell(ctx, B, ctx.comparison.b)]],
                  colWidths=[half, half])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), styles.SANS),
        ("BACKGROUND", (0, 0), (0, 0), styles.TINT_A), ("BACKGROUND", (1, 0), (1, 0), styles.TINT_B),
        ("LINEBEFORE", (0, 0), (0, 0), 2.2, styles.SIDE_A),
        ("LINEBEFORE", (1, 0), (1, 0), 2.2, styles.SIDE_B),
        ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 9),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    return table


def _summary_table(ctx: Context) -> Table:
    summary = summarize(ctx.comparison, ctx.view)
    a, b = ctx.comparison.a.label, ctx.comparison.b.label
    groups = f"{summary.groups}"
    extra = [f"{summary.confirmed} confirmed by the analyst"] if summary.confirmed else []
    if summary.rejected:
        extra.append(f"{summary.rejected} rejected and left out")
    if extra:
        groups += " (" + "; ".join(extra) + ")"
    kinds = " · ".join(f"{kind.value} {summary.kinds.get(kind, 0)}" for kind in KIND_ORDER)
    rows = [
        ("Aligned groups", groups),
        (f"Passages of A ({a})", f"{summary.aligned_a} of {summary.passages_a} aligned; B covers "
                                 f"{percent(summary.share_a)} of A's text"),
        (f"Passages of B ({b})", f"{summary.aligned_b} of {summary.passages_b} aligned; A covers "
                                 f"{percent(summary.share_b)} of B's text"),
        ("Differences in aligned groups", kinds),
        ("Analyst notes", str(len(ctx.notes))),
    ]
    run = ctx.comparison.run
    if run is not None and run.reading_cut:
        rows.append(("Faster reading", run.reading_note()))
    return summary_table(rows, ctx.width)


def summary_table(rows: Sequence[tuple[str, str]], width: float) -> Table:
    """The cover's summary: a label and a figure per row (plain text, marked up here)."""
    s = styles.stylesheet()
    data = [[Paragraph(rich(k, styles.SANS_BOLD), s["cell_head"]), Paragraph(rich(v), s["cell"])]
            for k, v in rows]
    table = Table(data, colWidths=[width * 0.34, width * 0.66])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), styles.SANS),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, styles.RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def overview_story(ctx: Context) -> list[Flowable]:
    s = styles.stylesheet()
    comparison, view = ctx.comparison, ctx.view
    strips = []
    for side, only in zip(SIDES, (view.only_a, view.only_b), strict=True):
        passages = ctx.passages(side)
        unmatched = set(only)
        strips.append(Strip(f"{side.letter}: {ctx.source(side).label}", [len(p.text) for p in passages],
                            frozenset(p.index for p in passages if p.index not in unmatched)))
    links = [(g.group.a, g.group.b, g.group.status.value == "confirmed") for g in view.groups]
    caption = (f"Figure 1. Each bar is a passage of {rich(comparison.a.label)} (A, top) or "
               f"{rich(comparison.b.label)} (B, bottom), in reading order, as wide as its text is long. "
               "A band links the passages of each aligned group; grey bars with a tick are passages "
               "the other source does not report.")
    return [section_heading("Overview", "overview"), overview_drawing(ctx.width, *strips, links),
            Paragraph(caption, s["caption"]), Spacer(1, 12)]
