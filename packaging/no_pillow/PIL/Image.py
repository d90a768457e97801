"""What reportlab reads from ``PIL.Image``: ``Image`` for its isinstance checks and ``open``,
which here says that this build cannot read raster images (see the package docstring)."""

from __future__ import annotations

from typing import NoReturn


class Image:
    """No image is ever an instance of this class: reportlab's ``_isPILImage`` is False."""


def open(*_args: object, **_kwargs: object) -> NoReturn:  # noqa: A001 - Pillow's name
    raise OSError("this build of Parallax reads no raster images (Pillow is not bundled)")
