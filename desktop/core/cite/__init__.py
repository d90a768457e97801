"""Citations: ``cite`` owns source metadata as references: CSL rendering (citeproc-py, with the
fixes in ``csl_elements`` where it departs from CSL 1.0.1), the style registry and exports for
reference managers. This module is its public face; the rest of Parallax imports from here.

- ``available_styles()``: style key -> display name (built-in styles and the user's ``.csl`` files)
- ``to_csl_item(meta)`` / ``from_csl_item(item)``: ``Metadata`` <-> CSL-JSON
- ``bibliography(metas, style, fmt)``: reference-list entries as "text", "html" or "reportlab"
- ``cite_passage(meta, locator, style, fmt)``: in-text citation with a paragraph locator
  (``cite_passages(metas, ...)``: of each of several works cited together)
- ``export(metas, fmt)``: RIS, BibTeX, CSL-JSON for reference managers (written, never read)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.paths import user_style_dir

if TYPE_CHECKING:
    from desktop.core.cite.exports import EXPORT_FORMATS, export
    from desktop.core.cite.items import from_csl_item, to_csl_item
    from desktop.core.cite.render import bibliography, cite_passage, cite_passages, parse_locator
    from desktop.core.cite.styles import available_styles


def __getattr__(name: str) -> Any:
    """The rest of the public face, imported on first use: rendering loads citeproc-py and lxml
    (about 30 ms), which ``parallax align`` never needs. The imports are spelled out so that
    PyInstaller's analysis finds the modules."""
    if name in ("EXPORT_FORMATS", "export"):
        from desktop.core.cite import exports as module
    elif name in ("from_csl_item", "to_csl_item"):
        from desktop.core.cite import items as module
    elif name in ("bibliography", "cite_passage", "cite_passages", "parse_locator"):
        from desktop.core.cite import render as module
    elif name == "available_styles":
        from desktop.core.cite import styles as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value


__all__ = [
    "EXPORT_FORMATS",
    "available_styles",
    "bibliography",
    "cite_passage",
    "cite_passages",
    "export",
    "from_csl_item",
    "parse_locator",
    "to_csl_item",
    "user_style_dir",
]
