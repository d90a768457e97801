"""The one resource locator: finds ``resources/`` and ``seeds/`` from source and from a bundle.

From a source checkout the folders sit beside the ``desktop`` package; in a PyInstaller bundle
they are collected under ``sys._MEIPASS`` with the same relative names (see ``build.spec``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def app_root() -> Path:
    """The folder that holds ``resources/`` and ``seeds/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """A path under ``resources/``, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    return app_root().joinpath("resources", *parts)


def seed_files() -> list[Path]:
    """The sample articles, in name order."""
    return sorted(app_root().joinpath("seeds").glob("*.txt"))
