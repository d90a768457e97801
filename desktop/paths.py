"""The one resource locator: finds ``resources/`` and ``seeds/`` in every way Parallax is installed.

- A source checkout (or an editable install): the folders sit beside the ``desktop`` package.
- An installed wheel (``pip install``, pipx): setup.py copies them into the package as
  ``desktop/_data/resources`` and ``desktop/_data/seeds``.
- A PyInstaller bundle: build.spec collects them under ``sys._MEIPASS`` with the same names.

Everything the program reads at run time (fonts, icons, citation styles, models, the sample
articles) is found through here, so all three give the same program.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
WHEEL_DATA = "_data"  # the folder inside the package that holds them in a wheel (see setup.py)


@cache
def app_root() -> Path:
    """The folder that holds ``resources/`` and ``seeds/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    installed = PACKAGE / WHEEL_DATA
    if (installed / "resources").is_dir():
        return installed
    return PACKAGE.parent


def resource(*parts: str) -> Path:
    """A path under ``resources/``, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    return app_root().joinpath("resources", *parts)


def seed_files() -> list[Path]:
    """The sample articles, in name order."""
    return sorted(app_root().joinpath("seeds").glob("*.txt"))
