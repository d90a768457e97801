"""The ``parallax`` command: argparse sub-commands; the GUI is one of them.

Each sub-command lives in ``desktop/commands/<name>.py`` and exposes ``register(subparsers)``,
which adds its parser and sets ``func`` to a function ``(args) -> int``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import desktop
from desktop.commands import COMMANDS
from desktop.core import components
from desktop.core.model import ParallaxError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Compare how different outlets report the same event.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


class _Version(argparse.Action):
    """``--version``: the version is looked up only when asked for (``desktop.__getattr__``)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"parallax {desktop.__version__}")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; with none, open the workbench."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Article text is any Unicode; a console or redirect in a legacy encoding (cp1252 on Windows)
    # must not turn one unprintable character into a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(args_list or ["gui"])
    unsubscribe = components.subscribe(_warn_missing)
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a short output is still buffered here: a closed pipe shows now, not at exit
        return code
    except ParallaxError as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("parallax: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`parallax align A B | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    finally:
        unsubscribe()


def _warn_missing(item: components.Missing) -> None:
    """A missing component, said once on stderr (stdout may be the JSON or the references)."""
    print(f"parallax: warning: {item.message()}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
