"""The wheel carries everything the program reads at run time, and the locator finds it there.

setup.py copies resources/ and seeds/ into ``desktop/_data`` of the built package; the real wheel
is built, installed into a clean venv and run by .ci/wheel-check. Here: the copy itself, and the
locator on a package laid out as an installed wheel.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from desktop import paths
from desktop.core.align.models import MODELS
from desktop.core.cite.styles import BUILTIN
from desktop.report.styles import _FONT_FILES
from desktop.ui.theme import FONT_FILES

ROOT = Path(__file__).resolve().parents[2]


def _setup_module():
    spec = importlib.util.spec_from_file_location("parallax_setup", ROOT / "setup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # not __main__: defines copy_data without calling setup()
    return module


def runtime_files() -> list[str]:
    """Every file under resources/ that the program opens, by the name the code uses."""
    fonts = {f"fonts/{name}" for name in (*_FONT_FILES.values(), *FONT_FILES)}
    styles = {f"csl/{style.file}.csl" for style in BUILTIN.values()}
    models = {f"models/{m.folder}/{name}" for m in MODELS for name in m.files}
    return sorted(fonts | styles | models | {"icons/parallax.svg", "parallax.desktop"})


@pytest.fixture
def wheel_package(tmp_path, monkeypatch):
    """``desktop/`` as it lands in site-packages: _data copied by setup.py, no checkout beside it."""
    _setup_module().copy_data(tmp_path)
    package = tmp_path / "desktop"
    monkeypatch.setattr(paths, "PACKAGE", package)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    paths.app_root.cache_clear()
    yield package
    paths.app_root.cache_clear()


def test_the_wheel_copy_holds_every_runtime_file_and_the_seeds(wheel_package):
    data = wheel_package / "_data"
    for name in runtime_files():
        assert (data / "resources" / name).is_file(), name
    assert sorted(p.name for p in (data / "seeds").iterdir()) == [p.name for p in paths.seed_files()]


def test_the_wheel_copy_leaves_development_scripts_out(wheel_package):
    data = wheel_package / "_data"
    assert not list(data.rglob("*.py"))
    assert (ROOT / "resources" / "icons" / "make_icons.py").is_file()  # it is there to leave out


def test_locator_finds_the_wheel_data(wheel_package):
    data = wheel_package / "_data"
    assert paths.app_root() == data
    assert paths.resource("fonts", "DejaVuSans.ttf") == data / "resources" / "fonts" / "DejaVuSans.ttf"
    assert paths.seed_files()[0].parent == data / "seeds"
    for model in MODELS:
        assert model.directory() == data / "resources" / "models" / model.folder
        assert model.absent() == ()


def test_locator_finds_the_checkout_without_wheel_data(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PACKAGE", ROOT / "desktop")
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    paths.app_root.cache_clear()
    try:
        assert not (ROOT / "desktop" / "_data").exists()
        assert paths.app_root() == ROOT
        for name in runtime_files():
            assert paths.resource(*name.split("/")).is_file(), name
    finally:
        paths.app_root.cache_clear()


def test_sdist_manifest_grafts_the_data_folders():
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").split("\n")
    assert {"graft resources", "graft seeds"} <= set(manifest)
