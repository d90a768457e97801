"""The sources of a many-source comparison as the analyst arranges them: which ones, in which
order (their letters), and which is the reference the others are compared with.

No Qt: the rules the workbench applies before it reads or aligns anything (at most 12 sources,
a file only once) live here so they can be tested without a window, and say in one line what
was refused and why.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.model import MAX_SOURCES, ParallaxError, Source, Which

Item = str | Source  # a file path to read, or a source already read (pasted, or kept)


def letter(index: int) -> str:
    """The letter the analyst sees for source ``index`` (A for the first)."""
    return Which(index).letter


def file_key(path: str) -> str:
    """One spelling per file: "./a.txt", "a.txt" and a symlink to it are the same file."""
    return os.path.normcase(os.path.realpath(path))


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1] or path


@dataclass(frozen=True)
class SourceSet:
    """The sources in order and the reference's position; every change returns a new set."""

    sources: tuple[Source, ...] = ()
    reference: int = 0

    def __len__(self) -> int:
        return len(self.sources)

    def added(self, new: Sequence[Source]) -> SourceSet:
        """This set with ``new`` appended (the reference stays)."""
        check_count(len(self.sources), len(new))
        return SourceSet(self.sources + tuple(new), self.reference)

    def removed(self, index: int) -> SourceSet:
        """This set without source ``index``; the reference follows its source, or becomes A
        when it is the one removed."""
        self._check(index)
        reference = self.reference
        if index == reference:
            reference = 0
        elif index < reference:
            reference -= 1
        return SourceSet(self.sources[:index] + self.sources[index + 1:], reference)

    def with_reference(self, index: int) -> SourceSet:
        self._check(index)
        return SourceSet(self.sources, index)

    def screen(self, items: Sequence[Item]) -> tuple[list[Item], list[str]]:
        """The items to add, without files already here or given twice; one message per refusal."""
        seen = {file_key(s.origin): letter(k) for k, s in enumerate(self.sources) if _is_file(s.origin)}
        keep: list[Item] = []
        refused: list[str] = []
        for item in items:
            if isinstance(item, Source) or not item:
                keep.append(item)
                continue
            key = file_key(item)
            if key in seen:
                where = f"is already source {seen[key]}" if seen[key] else "was chosen twice"
                refused.append(f"{_name(item)}: {where}; a file is compared only once")
                continue
            seen[key] = ""
            keep.append(item)
        return keep, refused

    def _check(self, index: int) -> None:
        if not 0 <= index < len(self.sources):
            raise ParallaxError(f"there is no source {letter(index) if 0 <= index < 26 else index + 1}")


def check_count(present: int, adding: int) -> None:
    """Refuse a comparison of more than ``MAX_SOURCES`` sources, saying how many were asked for."""
    total = present + adding
    if total > MAX_SOURCES:
        have = f"{present} open + {adding} new = {total}" if present else f"{total} chosen"
        raise ParallaxError(f"a comparison holds at most {MAX_SOURCES} sources ({have}); "
                            "choose fewer files")


def _is_file(origin: str) -> bool:
    """Pasted text has no origin; a URL is not a path on this machine."""
    return bool(origin) and "://" not in origin
