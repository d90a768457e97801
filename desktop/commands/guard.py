"""Checks every command makes before it writes: never replace one of the user's inputs."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from desktop.core.model import ParallaxError


def refuse_overwriting_inputs(output: Path | None, inputs: Iterable[str | Path | None]) -> None:
    """Raise ``ParallaxError`` (before any work) when ``output`` is one of ``inputs``.

    ``brief A B -o A`` would otherwise replace the article with the PDF, and ``-o`` naming the
    project given to ``--project`` would destroy the analyst's work.
    """
    if output is None:
        return
    for item in inputs:
        if item is None or str(item).startswith(("http://", "https://")):
            continue
        if same_file(Path(output), Path(item)):
            raise ParallaxError(f"{output}: is also an input ({item}); choose another output file")


def same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return False
