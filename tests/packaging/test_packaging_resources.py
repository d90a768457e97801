"""The files the bundle ships for the desktops: app icons and the Linux desktop entry.

The bundle itself is tested frozen by .ci/bundle-smoke; these checks are the fast part.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from PIL import Image

from desktop import paths

ICONS = paths.resource("icons")


def test_png_icons_have_the_size_their_name_says():
    pngs = sorted(ICONS.glob("parallax-*.png"))
    assert {int(re.search(r"-(\d+)\.png$", p.name).group(1)) for p in pngs} >= {16, 32, 48, 128, 256, 512}
    for png in pngs:
        size = int(re.search(r"-(\d+)\.png$", png.name).group(1))
        with Image.open(png) as image:
            assert image.size == (size, size), png.name
            assert image.mode == "RGBA"
            assert image.getpixel((0, 0))[3] == 0, f"{png.name}: corners should be transparent"


def test_windows_icon_holds_every_size_up_to_256():
    with Image.open(ICONS / "parallax.ico") as ico:
        assert ico.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


def test_macos_icon_holds_retina_sizes():
    with Image.open(ICONS / "parallax.icns") as icns:
        assert icns.format == "ICNS"
        assert (512, 512, 2) in icns.info["sizes"] and (16, 16, 2) in icns.info["sizes"]


def test_svg_is_the_source_of_the_icons():
    svg = (ICONS / "parallax.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and 'viewBox="0 0 256 256"' in svg


def test_desktop_entry_starts_the_workbench_with_the_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(Path(paths.resource("parallax.desktop")), encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"].split()[:2] == ["parallax", "gui"]
    assert section["Icon"] == "parallax"
    assert section["Terminal"] == "false"
    assert section["Categories"].endswith(";")
