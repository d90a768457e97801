"""The cover of a many-source briefing: title, one row per source (who, when, how much of the
shared facts it reports), the summary figures and the contents."""

from __future__ import annotations

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle

from desktop.core import coverage
from desktop.core.model import Source
from desktop.report import styles
from desktop.report.content import KIND_ORDER, short
from desktop.report.document import contents_table
from desktop.report.flowables import Heading, Outline
from desktop.report.many_body import letter
from desktop.report.many_context import ManyContext, source_color
from desktop.report.styles import hex_color, rich


def cover_story(ctx: ManyContext) -> list[Flowable]:
    s = styles.stylesheet()
    opts = ctx.options
    prepared = f"Prepared by {opts.analyst}" if opts.analyst else ""
    byline = " · ".join(x for x in (prepared, opts.shown_date()) if x)
    title = short(opts.shown_title(), 200)
    return [
        Paragraph("PARALLAX BRIEFING", s["small"]),
        Heading(rich(title), s["title"], Outline("cover", title)),
        Paragraph(rich(byline), s["subtitle"]),
        Paragraph(f"Sources ({len(ctx.comparison.sources)})", s["h2"]),
        _sources_table(ctx),
        Spacer(1, 12),
        Paragraph("Summary", s["h2"]),
        _summary_table(ctx),
        Spacer(1, 10),
        Heading("Contents", s["h2"], Outline("contents", "Contents", 0)),
        contents_table(),
        NextPageTemplate("body"),
        PageBreak(),
    ]


def _source_lines(ctx: ManyContext, n: int, source: Source) -> str:
    meta = source.metadata
    muted = hex_color(styles.MUTED)
    parts: list[str] = []
    if meta.title and meta.title != source.label:
        parts.append(f"<i>{rich(short(meta.title, 200), styles.SANS_ITALIC)}</i>")
    for label, value in (("By", ", ".join(meta.authors)), ("Published", meta.issued), ("URL", meta.url),
                         ("File", source.origin if source.origin != meta.url else "")):
        if value:
            parts.append(f'<font color="{muted}">{label}</font> {rich(short(value, 200))}')
    count = len(ctx.passages(n))
    unit = ctx.comparison.options.granularity.value
    parts.append(f'<font color="{muted}">{count} {unit}{"s" if count != 1 else ""}, '
                 f"{len(source.text):,} characters</font>")
    return "<br/>".join(parts)


def _sources_table(ctx: ManyContext) -> Table:
    s = styles.stylesheet()
    rows = []
    for n, source in enumerate(ctx.comparison.sources):
        name = (f'<font color="{hex_color(source_color(n))}">{letter(n)}</font>  '
                f"{rich(short(source.label, 80), styles.SANS_BOLD)}")
        if n == ctx.comparison.reference:
            name += f'<br/><font color="{hex_color(styles.MUTED)}" size="7.5">reference</font>'
        reports = sum(1 for k in ctx.facts if n in ctx.comparison.facts[k].fact.sources)
        only = len(ctx.only_in(n))
        plural = "s" if only != 1 else ""
        figures = (f"reports {reports} of {len(ctx.facts)} facts<br/>{only} passage{plural} only here"
                   f"<br/>omits {len(ctx.omitted_by(n))}")
        rows.append([Paragraph(name, s["cell_head"]), Paragraph(_source_lines(ctx, n, source), s["cell"]),
                     Paragraph(figures, s["cell"])])
    table = Table(rows, colWidths=[ctx.width * 0.26, ctx.width * 0.52, ctx.width * 0.22], repeatRows=0)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), styles.SANS),
             ("LINEBELOW", (0, 0), (-1, -2), 0.4, styles.RULE),
             ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    style += [("LINEBEFORE", (0, n), (0, n), 2.2, source_color(n)) for n in range(len(rows))]
    table.setStyle(TableStyle(style))
    return table


def _summary_table(ctx: ManyContext) -> Table:
    s = styles.stylesheet()
    comparison = ctx.comparison
    everyone = set(coverage.by_all(comparison)) & set(ctx.facts)
    kinds = dict.fromkeys(KIND_ORDER, 0)
    for k in ctx.facts:
        for wording in comparison.facts[k].wordings:
            for d in wording.differences:
                kinds[d.kind] += 1
    reference = f"{letter(comparison.reference)}: {comparison.sources[comparison.reference].label}"
    differences = " · ".join(f"{kind.value} {kinds[kind]}" for kind in KIND_ORDER)
    rows = [
        ("Facts two or more sources report", f"{len(ctx.facts)}; {len(everyone)} reported by all "
                                             f"{len(comparison.sources)}"),
        ("Reference source", reference),
        ("Differences against the reference", differences),
        ("Analyst notes", str(len(ctx.notes))),
    ]
    data = [[Paragraph(rich(k, styles.SANS_BOLD), s["cell_head"]), Paragraph(rich(v), s["cell"])]
            for k, v in rows]
    table = Table(data, colWidths=[ctx.width * 0.34, ctx.width * 0.66])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), styles.SANS),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, styles.RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table
