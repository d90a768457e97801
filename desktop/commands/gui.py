"""``parallax gui [A B] [--screenshot OUT.png]``: the workbench (also ``parallax`` alone).

PySide6 is imported inside ``run`` so the other commands start without loading Qt.
"""

from __future__ import annotations

import argparse
import os
import sys

from desktop.core.model import ParallaxError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="open the workbench (the default command)",
                                   description="Open the Parallax workbench, optionally comparing two "
                                               "sources.")
    parser.add_argument("a", nargs="?",
                        help="source A (.txt, .md, .html, .docx, .pdf) or a .parallax project")
    parser.add_argument("b", nargs="?", help="source B")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="align A and B, select the first group, save the 1400x900 window to OUT.png "
                             "and exit (works with QT_QPA_PLATFORM=offscreen)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for path in (args.a, args.b):
        if path and not os.path.exists(path):
            raise ParallaxError(f"{path}: no such file")
    if args.screenshot and bool(args.a) != bool(args.b):
        raise ParallaxError("--screenshot needs two sources (A and B) or none")
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
    return run_gui(args.a, args.b, args.screenshot, settings)


def _display_available() -> bool:
    """Qt aborts the process without a display; tell the user instead."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
