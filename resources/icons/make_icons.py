"""Regenerate the app icons from ``parallax.svg``: PNG sizes, ``parallax.ico`` and ``parallax.icns``.

Run from the repository root after editing the SVG (the outputs are committed, so neither the
build nor the app needs this script)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py

Qt's SVG renderer draws each size from the vector (crisper than scaling one bitmap down); Pillow
(a dependency of reportlab) packs the Windows and macOS containers. ``build.spec`` leaves this
script out of the bundle.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SVG = HERE / "parallax.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)   # hicolor theme sizes, also the Qt window icon set
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)        # Windows: 256 is the largest an .ico frame holds
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)    # macOS: 16..512 at 1x and 2x


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    """The SVG drawn at ``size`` x ``size`` pixels, as a Pillow RGBA image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> None:
    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    images = {size: render(renderer, size) for size in sorted(set(PNG_SIZES + ICNS_SIZES))}
    for size in PNG_SIZES:
        images[size].save(HERE / f"parallax-{size}.png", optimize=True)
    largest_ico = images[max(ICO_SIZES)]
    largest_ico.save(HERE / "parallax.ico", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    largest_icns = images[max(ICNS_SIZES)]
    largest_icns.save(HERE / "parallax.icns",
                      append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)])
    print(f"wrote {len(PNG_SIZES)} PNGs, parallax.ico and parallax.icns in {HERE}")


if __name__ == "__main__":
    main()
