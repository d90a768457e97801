"""Citations: CSL rendering (citeproc-py, patched where it departs from CSL 1.0.1), the style
registry, and exports for reference managers (RIS, BibTeX, CSL-JSON).

``desktop.core.citations`` re-exports the public API; import from either.
"""

from desktop.core.cite.exports import EXPORT_FORMATS, export, parse
from desktop.core.cite.items import from_csl_item, to_csl_item
from desktop.core.cite.render import bibliography, cite_passage, parse_locator
from desktop.core.cite.styles import available_styles, user_style_dir

__all__ = [
    "EXPORT_FORMATS",
    "available_styles",
    "bibliography",
    "cite_passage",
    "export",
    "from_csl_item",
    "parse",
    "parse_locator",
    "to_csl_item",
    "user_style_dir",
]
