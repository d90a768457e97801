"""``parallax gui [A B [C ...]] [--screenshot OUT.png]``: the workbench (also ``parallax`` alone).

Two sources open the side-by-side workbench, three to twelve the coverage view; one argument
may be a source or a ``.parallax`` project.

PySide6 is imported inside ``run`` so the other commands start without loading Qt.
"""

from __future__ import annotations

import argparse
import os
import sys

from desktop.core.model import ParallaxError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="open the workbench (the default command)",
                                   description="Open the Parallax workbench, optionally comparing two to "
                                               "twelve sources (three or more: the coverage view).")
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="a source (.txt, .md, .html, .docx, .pdf), 2 to 12 of them; or one .parallax "
                             "project")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="align the sources, select the first group (or fact), save the 1400x900 window "
                             "to OUT.png and exit (works with QT_QPA_PLATFORM=offscreen)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    sources = list(getattr(args, "sources", None) or [])
    for path in sources:
        if not os.path.exists(path):
            raise ParallaxError(f"{path}: no such file")
    if len(sources) > 1:
        from desktop.commands.inputs import check_count, check_distinct

        check_count(sources, "gui")
        check_distinct(sources)
    if args.screenshot and len(sources) == 1:
        raise ParallaxError("--screenshot needs two sources or more, or none")
    if not _display_available():
        raise ParallaxError("no display available: set DISPLAY or WAYLAND_DISPLAY, or run with "
                            "QT_QPA_PLATFORM=offscreen for --screenshot")
    try:
        from desktop.ui.app import run_gui
    except ImportError as exc:
        raise ParallaxError(f"the workbench cannot start: {exc}") from None
    settings = None
    if args.screenshot:
        from PySide6.QtCore import QTemporaryDir

        from desktop.ui.screenshot import isolated_settings

        folder = QTemporaryDir()
        settings = isolated_settings(folder)
    return run_gui(sources, args.screenshot, settings)


def _display_available() -> bool:
    """Qt aborts the process without a display; tell the user instead."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
