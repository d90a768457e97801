"""``parallax brief A B [C ...] -o briefing.pdf``: the annotated PDF briefing of a comparison.

Two sources give the side-by-side briefing (``report.briefing``); three or more, or
``--reference``, the many-source briefing (``report.many``: coverage figure, every outlet's
wording of each fact, a section per source). Notes name their source by letter, "a" to "l".
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.commands.align import (
    add_align_options,
    add_reference_option,
    check_reference,
    options_from_args,
    workers,
)
from desktop.commands.guard import refuse_overwriting_inputs
from desktop.core.model import Comparison, ManyComparison, Note, ParallaxError, Source, Which

STYLES = ("apa", "chicago", "mla")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "brief", help="write an annotated PDF briefing of two or more sources",
        description="Compare two to twelve sources (or open a saved project) and write a PDF briefing. "
                    "Two sources: the aligned passages side by side with their differences highlighted. "
                    "More: a coverage figure (which outlet reports which fact) and every outlet's "
                    "wording of each fact with its differences from the reference source. Both: what "
                    "only one source reports, the analyst's notes as PDF annotations, and references.",
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="a source: .txt, .md, .html, .docx or .pdf (2 to 12)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PDF file to write")
    parser.add_argument("--title", help="title of the briefing (default: the project's, or a generic one)")
    parser.add_argument("--analyst", help="your name, printed on the cover and on the notes")
    parser.add_argument("--date", help="date printed on the briefing (default: today)")
    parser.add_argument("--style", choices=STYLES, default=None, help="citation style (default: apa)")
    parser.add_argument("--notes", type=Path, metavar="NOTES.json",
                        help='notes anchored by quotation: [{"source": "a", "quote": "...", "note": "...", '
                             '"tags": [...]}] ("source": the letter of a source, a to l)')
    parser.add_argument("--project", type=Path, metavar="FILE",
                        help="a saved workbench project of two sources or more (its corrected groups or "
                             "facts and notes) instead of the sources")
    parser.add_argument("--page-size", choices=("a4", "letter"), default="a4",
                        help="paper size (default: a4)")
    add_reference_option(parser)
    add_align_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.report.briefing import BriefingOptions, build_briefing, check_output

    # Everything that can fail fast (output folder, notes file) is checked before comparing.
    refuse_overwriting_inputs(args.output, (*args.sources, args.notes, args.project))
    check_output(args.output)
    compute, notes, settings = _load(args)
    comparison = compute()
    options = BriefingOptions(
        title=args.title or settings.get("title") or "Comparison briefing",
        analyst=args.analyst if args.analyst is not None else settings.get("analyst", ""),
        date=args.date or "",
        style=args.style or settings.get("style") or "apa",
        page_size=args.page_size,
    )
    if isinstance(comparison, ManyComparison):
        from desktop.report.many import build_many_briefing

        build_many_briefing(comparison, args.output, options=options, notes=notes)
    else:
        build_briefing(comparison, args.output, options=options, notes=notes)
    print(f"wrote {args.output}")
    return 0


Computed = Callable[[], Comparison | ManyComparison]


def _load(args: argparse.Namespace) -> tuple[Computed, tuple[Note, ...], dict[str, str]]:
    """What to brief: (a function computing the comparison, the notes, project settings)."""
    if args.project is not None:
        if args.sources:
            raise ParallaxError("give either the sources A B ..., or --project FILE, not both")
        return _project(args)
    if len(args.sources) < 2:
        raise ParallaxError("brief needs two sources or more (parallax brief A B [C ...] -o briefing.pdf) "
                            "or --project FILE")
    from desktop.commands.inputs import check_count, read_sources

    check_count(args.sources, "brief")
    reference = check_reference(args.reference, len(args.sources))
    sources = read_sources(args.sources, "brief")
    notes = _notes_file(args, sources)
    options = options_from_args(args)
    if len(sources) > 2 or args.reference is not None:
        from desktop.core.pipeline import compare_many

        return (lambda: compare_many(sources, options, reference=reference, workers=workers())), notes, {}
    from desktop.core.pipeline import compare

    return (lambda: compare(sources[0], sources[1], options)), notes, {}


def _project(args: argparse.Namespace) -> tuple[Computed, tuple[Note, ...], dict[str, str]]:
    """A saved project: its corrected facts (or groups) and notes. Two sources give the
    side-by-side briefing (unless ``--reference``), more the many-source one."""
    from desktop.core.project.many import to_pair
    from desktop.core.project.storage import load_many

    project = load_many(args.project)
    s = project.settings
    settings = {"title": s.title, "analyst": s.analyst, "style": s.style}
    notes = tuple(project.notes) + _notes_file(args, project.comparison.sources)
    if project.count == 2 and args.reference is None:
        return (lambda: to_pair(project).comparison), notes, settings
    reference = check_reference(args.reference, project.count)
    if reference != project.comparison.reference:
        from desktop.core.project.corrections import set_reference

        return (lambda: set_reference(project, reference).comparison), notes, settings
    return (lambda: project.comparison), notes, settings


def _notes_file(args: argparse.Namespace, sources: Sequence[Source]) -> tuple[Note, ...]:
    """The notes of ``--notes``; quotes not found (or found twice) are warned about and skipped."""
    if args.notes is None:
        return ()
    from desktop.core.project.anchor import load_notes_json

    notes, problems = load_notes_json(args.notes, {Which(n).key: s for n, s in enumerate(sources)})
    for problem in problems:
        print(f"parallax: warning: {problem}", file=sys.stderr)
    return tuple(notes)
