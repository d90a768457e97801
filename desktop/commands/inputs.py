"""The sources a command compares: 2 to 12 files, each named once, every problem said at once.

``align`` and ``brief`` read their sources here, so both refuse the same input the same way:
more than ``MAX_SOURCES`` files or a file given twice before anything is read; then every file
is read, and the ones that cannot be (missing, no text, wrong type...) are named together in
one message, so the analyst fixes them all in one go instead of one per run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.commands.guard import same_file
from desktop.core.model import MAX_SOURCES, ParallaxError, Source, SourceError


def check_count(paths: Sequence[str], command: str) -> None:
    """Refuse fewer than two or more than ``MAX_SOURCES`` sources."""
    if len(paths) < 2:
        raise ParallaxError(f"{command} needs two or more sources ({len(paths)} given): "
                            f"parallax {command} A B [C ...]")
    if len(paths) > MAX_SOURCES:
        raise ParallaxError(f"{command}: {len(paths)} sources given; a comparison holds at most "
                            f"{MAX_SOURCES}")


def check_distinct(paths: Sequence[str]) -> None:
    """Refuse a file named twice (also under two spellings or through a link)."""
    seen: list[str] = []
    for path in paths:
        for earlier in seen:
            if same_file(Path(path), Path(earlier)):
                shown = path if path == earlier else f"{path} (also given as {earlier})"
                raise ParallaxError(f"{shown}: given twice; compare each source once")
        seen.append(path)


def read_sources(paths: Sequence[str], command: str) -> list[Source]:
    """The sources of ``paths``, in order; one ``ParallaxError`` naming every file that cannot be
    read (a single failure keeps the reader's own message, as with two sources before)."""
    check_count(paths, command)
    check_distinct(paths)
    from desktop.core.sources import loading

    sources: list[Source] = []
    problems: list[str] = []
    for path in paths:
        try:
            sources.append(loading.read_source(path))
        except SourceError as exc:
            problems.append(str(exc))
    if len(problems) == 1:
        raise ParallaxError(problems[0])
    if problems:
        raise ParallaxError(f"{len(problems)} of {len(paths)} sources cannot be read: " + "; ".join(problems))
    return sources

