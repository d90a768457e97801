"""``build_briefing``: a comparison (and the analyst's notes) as an annotated PDF briefing.

The workbench's export and ``parallax brief`` both call this. The file is written to a
temporary file beside the target and renamed over it, so a failed or cancelled build never
leaves a half-written briefing.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from reportlab.platypus import Flowable

from desktop.core.model import Comparison, Note, ParallaxError
from desktop.core.sources.titles import titled
from desktop.report import styles
from desktop.report.annotations import Marks
from desktop.report.body import notes_story, only_story, references_story, shared_story
from desktop.report.content import ordered_notes, shown
from desktop.report.context import A, B, Context
from desktop.report.cover import cover_story, overview_story
from desktop.report.document import BriefingDoc, DocInfo, frame_width
from desktop.report.options import SECTIONS, BriefingOptions
from desktop.report.references import References

__all__ = ["SECTIONS", "BriefingOptions", "build_briefing", "check_output", "write_pdf"]


def build_briefing(comparison: Comparison, path: str | Path, *, options: BriefingOptions | None = None,
                   notes: Sequence[Note] = (), progress: Callable[[float], None] | None = None) -> None:
    """Write the briefing of ``comparison`` to ``path`` (PDF).

    Rejected groups are left out, confirmed ones marked. ``notes`` appear next to their
    passages and as PDF annotations. ``progress`` is called with fractions in [0, 1] and may
    raise ``Cancelled``; nothing is written then. An unwritable path raises ``ParallaxError``.
    """
    options = options or BriefingOptions()
    target = Path(path)
    check_output(target)
    # a source without a title is named by its headline or file name, as in cite and the workbench
    comparison = replace(comparison, a=titled(comparison.a), b=titled(comparison.b))
    styles.register_fonts()
    ctx = Context(
        comparison=comparison, options=options, notes=ordered_notes(notes), view=shown(comparison),
        refs=References([comparison.a, comparison.b], options.style), width=frame_width(options.page_size),
    )
    story = build_story(ctx)
    doc_info = DocInfo(
        title=options.shown_title(), author=options.analyst,
        subject=options.subject or f"How {comparison.a.label} and {comparison.b.label} report the same event",
        keywords=sorted({tag for note in notes for tag in note.tags}),
        running_left=f"A: {comparison.a.label} · B: {comparison.b.label}", date=options.shown_date(),
    )
    write_pdf(target, doc_info, options.page_size, story, ctx.marks, progress)


def write_pdf(target: Path, doc_info: DocInfo, page_size: str, story: list[Flowable], marks: Marks,
              progress: Callable[[float], None] | None) -> None:
    """Build ``story`` into a temporary file beside ``target`` and rename it over ``target``
    (nothing is left behind when the build fails or is cancelled)."""
    fd, temp = _temporary(target)
    try:
        with os.fdopen(fd, "wb") as out:
            BriefingDoc(out, doc_info, page_size).run(story, marks, progress)
        os.chmod(temp, _mode(target))
        os.replace(temp, target)
    except OSError as exc:
        _discard(temp)
        raise ParallaxError(f"{target}: cannot write the briefing ({exc.strerror or exc})") from exc
    except BaseException:
        _discard(temp)
        raise
    if progress is not None:
        progress(1.0)


def build_story(ctx: Context) -> list[Flowable]:
    """The flowables of the whole briefing, in order."""
    opts = ctx.options
    story = cover_story(ctx)
    if opts.has("overview"):
        story += overview_story(ctx)
    if opts.has("shared"):
        story += shared_story(ctx)
    if opts.has("only_a"):
        story += only_story(ctx, A, ctx.view.only_a)
    if opts.has("only_b"):
        story += only_story(ctx, B, ctx.view.only_b)
    if opts.has("notes") and ctx.notes:
        story += notes_story(ctx)
    if opts.has("references"):
        story += references_story(ctx.refs)
    return story


def check_output(target: Path) -> None:
    """Raise ``ParallaxError`` now if ``target`` cannot be written (before any long work)."""
    if target.is_dir():
        raise ParallaxError(f"{target}: is a folder; give the PDF file to write")
    folder = target.parent
    if not folder.is_dir():
        raise ParallaxError(f"{target}: cannot write the briefing (no folder {folder})")
    if not os.access(folder, os.W_OK):
        raise ParallaxError(f"{target}: cannot write the briefing (the folder is not writable)")


def _mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual rw-r--r--."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _discard(temp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temp)


def _temporary(target: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise ParallaxError(f"{target}: cannot write the briefing ({exc.strerror or exc})") from exc
