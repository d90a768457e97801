"""``parallax gui``: not built yet."""

from __future__ import annotations

import argparse

from desktop.core.model import ParallaxError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="(not built yet)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raise ParallaxError("'gui' is not built yet")
