"""``parallax brief A B -o briefing.pdf``: the annotated PDF briefing of a comparison."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.commands.align import add_align_options, options_from_args
from desktop.commands.guard import refuse_overwriting_inputs
from desktop.core.model import Comparison, Note, ParallaxError, Source

STYLES = ("apa", "chicago", "mla")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "brief", help="write an annotated PDF briefing of two sources",
        description="Compare two sources (or open a saved project) and write a PDF briefing: the "
                    "aligned passages side by side with their differences highlighted, what only "
                    "one source reports, the analyst's notes as PDF annotations, and references.",
    )
    parser.add_argument("a", nargs="?", help="first source: .txt, .md, .html, .docx or .pdf")
    parser.add_argument("b", nargs="?", help="second source")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PDF file to write")
    parser.add_argument("--title", help="title of the briefing (default: the project's, or a generic one)")
    parser.add_argument("--analyst", help="your name, printed on the cover and on the notes")
    parser.add_argument("--date", help="date printed on the briefing (default: today)")
    parser.add_argument("--style", choices=STYLES, default=None, help="citation style (default: apa)")
    parser.add_argument("--notes", type=Path, metavar="NOTES.json",
                        help='notes anchored by quotation: [{"source": "a", "quote": "...", "note": "...", '
                             '"tags": [...]}]')
    parser.add_argument("--project", type=Path, metavar="FILE",
                        help="a saved workbench project (its corrected groups and notes) instead of A and B")
    parser.add_argument("--page-size", choices=("a4", "letter"), default="a4",
                        help="paper size (default: a4)")
    add_align_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.report.briefing import BriefingOptions, build_briefing, check_output

    # Everything that can fail fast (output folder, notes file) is checked before comparing.
    refuse_overwriting_inputs(args.output, (args.a, args.b, args.notes, args.project))
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
    build_briefing(comparison, args.output, options=options, notes=notes)
    print(f"wrote {args.output}")
    return 0


def _load(args: argparse.Namespace) -> tuple[Callable[[], Comparison], tuple[Note, ...], dict[str, str]]:
    """What to brief: (a function computing the comparison, the notes, project settings)."""
    if args.project is not None:
        if args.a or args.b:
            raise ParallaxError("give either two sources A B, or --project FILE, not both")
        from desktop.core.project.storage import load_project

        project = load_project(args.project)
        s = project.settings
        notes = tuple(project.notes) + _notes_file(args, project.comparison.a, project.comparison.b)
        return (lambda: project.comparison), notes, {"title": s.title, "analyst": s.analyst, "style": s.style}
    if not (args.a and args.b):
        raise ParallaxError("brief needs two sources (parallax brief A B -o briefing.pdf) or --project FILE")
    from desktop.core.pipeline import compare
    from desktop.core.sources.loading import read_source

    a, b = read_source(args.a), read_source(args.b)
    notes = _notes_file(args, a, b)
    return (lambda: compare(a, b, options_from_args(args))), notes, {}


def _notes_file(args: argparse.Namespace, a: Source, b: Source) -> tuple[Note, ...]:
    """The notes of ``--notes``; quotes not found (or found twice) are warned about and skipped."""
    if args.notes is None:
        return ()
    from desktop.core.project.anchor import load_notes_json

    notes, problems = load_notes_json(args.notes, {"a": a, "b": b})
    for problem in problems:
        print(f"parallax: warning: {problem}", file=sys.stderr)
    return tuple(notes)
