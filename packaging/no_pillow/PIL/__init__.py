"""A stand-in for Pillow in the frozen bundle, which draws and reads no raster image.

reportlab 5 imports ``PIL.Image`` when it starts (``reportlab/lib/utils.py``), although it uses
Pillow only to embed raster images, and Parallax's briefings hold none (text, vector figures and
annotations only). Pillow's compiled core and the image codecs it links (libjpeg, libtiff,
OpenJPEG, zstd, xz, xcb) are 8.6 MB of the bundle. ``build.spec`` puts this package first on
PyInstaller's search path, so the bundle carries it instead of Pillow; running from source uses
the real Pillow. pypdf looks for Pillow only to extract images, which Parallax never asks for.
"""

__version__ = "0 (not bundled)"
