"""The cover of a many-source briefing: title, one row per source (who, when, how much of the
shared facts it reports), the summary figures and the contents."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop.core import coverage
from desktop.report import styles
from desktop.report.content import KIND_ORDER, short
from desktop.report.cover import cover_contents, cover_title, source_lines, summary_table
from desktop.report.many_body import letter
from desktop.report.many_context import ManyContext, source_color
from desktop.report.styles import hex_color, rich


def cover_story(ctx: ManyContext) -> list[Flowable]:
    s = styles.stylesheet()
    return [
        *cover_title(ctx.options),
        Paragraph(f"Sources ({len(ctx.comparison.sources)})", s["h2"]),
        _sources_table(ctx),
        Spacer(1, 12),
        Paragraph("Summary", s["h2"]),
        _summary_table(ctx),
        *cover_contents(),
    ]


def _sources_table(ctx: ManyContext) -> Table:
    s = styles.stylesheet()
    unit = ctx.comparison.options.granularity.value
    rows = []
    for n, source in enumerate(ctx.comparison.sources):
        name = (f'<font color="{hex_color(source_color(n))}">{letter(n)}</font>  '
                f"{rich(short(source.label, 80), styles.SANS_BOLD)}")
        if n == ctx.comparison.reference:
            name += f'<br/><font color="{hex_color(styles.MUTED)}" size="7.5">reference</font>'
        lines = source_lines(source, len(ctx.passages(n)), unit, limit=200, brief=True)
        only = len(ctx.only_in(n))
        plural = "s" if only != 1 else ""
        figures = (f"reports {ctx.reports(n)} of {len(ctx.facts)} facts<br/>{only} passage{plural} only here"
                   f"<br/>omits {len(ctx.omitted_by(n))}")
        rows.append([Paragraph(name, s["cell_head"]), Paragraph(lines, s["cell"]),
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
    note = comparison.reading_note()
    if note:
        rows.append(("Faster reading", note))
    return summary_table(rows, ctx.width)
