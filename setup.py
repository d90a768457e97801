"""One build step on top of pyproject.toml: the wheel carries ``resources/`` and ``seeds/``.

The project keeps both folders at the top of the repository; a wheel installs only packages. So
``build_py`` copies them into the built package as ``desktop/_data/resources`` and
``desktop/_data/seeds``, where ``desktop/paths.py`` looks first. Editable installs skip the copy:
there the locator finds the folders beside the package. Development tools inside them (Python
scripts such as resources/icons/make_icons.py) stay out. MANIFEST.in puts the folders in the sdist,
so a wheel built from the sdist carries them too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_FOLDERS = ("resources", "seeds")
SKIP = shutil.ignore_patterns("__pycache__", "*.py", "*.pyc")


def copy_data(build_lib: str | Path) -> None:
    """Copy the data folders into ``build_lib/desktop/_data`` (replacing an earlier copy)."""
    for folder in DATA_FOLDERS:
        target = Path(build_lib, "desktop", "_data", folder)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ROOT / folder, target, ignore=SKIP)


class BuildPyWithData(build_py):
    """``build_py`` plus ``copy_data``, except for editable installs."""

    def run(self) -> None:
        super().run()
        if not getattr(self, "editable_mode", False):
            copy_data(self.build_lib)


if __name__ == "__main__":  # setuptools' build backend runs this file as __main__
    setup(cmdclass={"build_py": BuildPyWithData})
