"""The one resource locator: finds ``resources/`` and ``seeds/`` in every way Parallax is installed.

- A source checkout (or an editable install): the folders sit beside the ``desktop`` package.
- An installed wheel (``pip install``, pipx): setup.py copies them into the package as
  ``desktop/_data/resources`` and ``desktop/_data/seeds``.
- A PyInstaller bundle: build.spec collects them under ``sys._MEIPASS`` with the same names.

Everything the program reads at run time (fonts, icons, citation styles, models, the sample
articles) is found through here, so all three give the same program.
"""

from __future__ import annotations

import os
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


def user_style_dir() -> Path:
    """Where the user drops extra ``.csl`` files (created on demand, not here; ``desktop.core.cite``
    reads them). It lives here, not in ``cite``, so that naming it does not load citeproc."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "Parallax" / "styles"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Parallax" / "styles"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "parallax" / "styles"
