"""``build_many_briefing``: a comparison of three or more sources as an annotated PDF briefing.

The same document machinery as the two-source briefing (``briefing.write_pdf``: page templates,
outline, real annotations, atomic writing), with sections made for many outlets: a cover listing
every source, the coverage figure (facts x sources), each fact with every outlet's wording, a
section per source (what only it reports, what it omits), the notes and the references.

``BriefingOptions.sections`` apply as: "overview" the coverage figure, "shared" the facts,
"only_a"/"only_b" (either) the per-source sections, "notes", "references".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from reportlab.platypus import Flowable

from desktop.core.model import ManyComparison, Note
from desktop.core.sources.titles import titled
from desktop.report import styles
from desktop.report.body import references_story
from desktop.report.briefing import check_output, write_pdf
from desktop.report.document import DocInfo, frame_width
from desktop.report.many_body import coverage_story, facts_story, letter
from desktop.report.many_context import ManyContext
from desktop.report.many_cover import cover_story
from desktop.report.many_sections import notes_story, sources_story
from desktop.report.options import BriefingOptions
from desktop.report.wrap_once import WrapOnce

__all__ = ["build_many_briefing"]


def build_many_briefing(comparison: ManyComparison, path: str | Path, *,
                        options: BriefingOptions | None = None, notes: Sequence[Note] = (),
                        progress: Callable[[float], None] | None = None) -> None:
    """Write the briefing of ``comparison`` to ``path`` (PDF).

    ``notes`` are on any source (``Note.side`` its letter, "a".."l"); they appear next to their
    passages and as PDF annotations. ``progress`` gets fractions in [0, 1] and may raise
    ``Cancelled``; nothing is written then. An unwritable path raises ``ParallaxError``.
    """
    options = options or BriefingOptions()
    target = Path(path)
    check_output(target)
    comparison = replace(comparison, sources=tuple(titled(s) for s in comparison.sources))
    styles.register_fonts()
    ctx = ManyContext.of(comparison, options, notes, frame_width(options.page_size))
    story = build_story(ctx)
    labels = [s.label for s in comparison.sources]
    doc_info = DocInfo(
        title=options.shown_title(), author=options.analyst,
        subject=options.subject or f"How {len(labels)} outlets report the same event: {', '.join(labels)}",
        keywords=sorted({tag for note in notes for tag in note.tags}),
        running_left=" · ".join(f"{letter(n)}: {label}" for n, label in enumerate(labels)),
        date=options.shown_date(),
    )
    write_pdf(target, doc_info, options.page_size, story, ctx.marks, progress)


def build_story(ctx: ManyContext) -> list[Flowable]:
    """The flowables of the whole briefing, in order."""
    opts = ctx.options
    story = cover_story(ctx)
    if opts.has("overview"):
        story += coverage_story(ctx)
    if opts.has("shared"):
        story += facts_story(ctx)
    if opts.has("only_a") or opts.has("only_b"):
        story += sources_story(ctx)
    if opts.has("notes") and ctx.notes:
        story += notes_story(ctx)
    if opts.has("references"):
        story += references_story(ctx.refs, WrapOnce)
    return story
