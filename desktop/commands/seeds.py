"""``parallax seeds [--copy DIR]``: where the sample articles are, to try Parallax on them.

Every install carries two articles about the same event (a checkout in seeds/, the wheel and the
bundle inside the program's files), so a new user can run the other commands at once:

    parallax seeds                      # the paths, one per line
    parallax seeds --copy samples       # copy them into ./samples and print the copies' paths
    parallax brief $(parallax seeds) -o briefing.pdf
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from desktop.core.model import ParallaxError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "seeds", help="print the paths of the sample articles (or copy them into a folder)",
        description="Print the paths of the sample articles shipped with Parallax, one per line, "
                    "to try the other commands on them: parallax align $(parallax seeds).",
    )
    parser.add_argument("--copy", type=Path, metavar="DIR",
                        help="copy the articles into DIR (created if needed) and print the copies' paths")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.paths import seed_files

    files = seed_files()
    if not files:
        raise ParallaxError("the sample articles are missing from this installation")
    if args.copy is not None:
        files = [_copy(path, args.copy) for path in files]
    for path in files:
        print(path)
    return 0


def _copy(path: Path, folder: Path) -> Path:
    """Copy one article into ``folder``; an existing different file of that name is kept."""
    target = folder / path.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.read_bytes() != path.read_bytes():
            raise ParallaxError(f"{target}: already exists and differs from the sample; "
                                "choose another folder")
        shutil.copyfile(path, target)
    except OSError as exc:
        raise ParallaxError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    return target
