"""Reference list and passage citations for the briefing, in the chosen citation style.

Uses ``desktop.core.cite`` (CSL styles) and turns its Paragraph markup into markup with
font fallback. Should that module be missing (a stripped build), a plain reference list
("Authors (date). Title. Outlet. URL") and "(Label, para. N)" citations stand in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from desktop.core.model import Metadata, Passage, Source
from desktop.core.sources.titles import titled
from desktop.report.styles import SANS, SANS_ITALIC, escape, rich

try:
    from desktop.core import cite as _cite
except ImportError:  # pragma: no cover - the fallback for a build without the citations module
    _cite = None

_TAG = re.compile(r"(<[^>]*>)")
_SENTINEL = "987654321"


def citations_available() -> bool:
    return _cite is not None


class References:
    """Citation markup for one briefing; passage citations are cached per paragraph."""

    def __init__(self, sources: Sequence[Source], style: str) -> None:
        self.sources = list(sources)
        self.style = style
        self._cache: dict[tuple[int, int], str] = {}
        self._templates: dict[int, str | None] = {}

    def reference_list(self) -> list[str]:
        metas = [_meta(s) for s in self.sources]
        if _cite is None:
            return sorted(escape(_plain_reference(m)) for m in metas)
        return [with_fallback_fonts(entry) for entry in _cite.bibliography(metas, self.style,
                                                                                 fmt="reportlab")]

    def cite(self, side: int, passage: Passage) -> str:
        """The in-text citation of a passage of source number ``side`` (locator: its paragraph)."""
        key = (side, passage.paragraph)
        if key not in self._cache:
            self._cache[key] = with_fallback_fonts(self._render(side, passage.paragraph))
        return self._cache[key]

    def _render(self, side: int, paragraph: int) -> str:
        meta = _meta(self.sources[side])
        others = [_meta(s) for i, s in enumerate(self.sources) if i != side]  # for "2023a" / "2023b"
        if _cite is None:
            return escape(f"({meta.outlet or meta.title}, para. {paragraph})")
        # A CSL render costs ~15 ms and a long source has hundreds of paragraphs, so each source
        # is rendered once with a sentinel locator, which is then replaced by the paragraph
        # number. Should the style alter the sentinel (it does not print it exactly once),
        # every paragraph is rendered in full instead.
        if side not in self._templates:  # every source's at once: one disambiguation for all
            templates = _cite.cite_passages([_meta(s) for s in self.sources], _SENTINEL, self.style,
                                            fmt="reportlab")
            self._templates = {n: t if t.count(_SENTINEL) == 1 else None for n, t in enumerate(templates)}
        template = self._templates[side]
        if template is None:
            return _cite.cite_passage(meta, str(paragraph), self.style, fmt="reportlab",
                                           cited_with=others)
        return template.replace(_SENTINEL, str(paragraph))


def _meta(source: Source) -> Metadata:
    """The source's metadata with a title (``titled``: headline or file name; else its label),
    so a citation names it."""
    meta = titled(source).metadata
    if meta.title or meta.outlet:
        return meta
    return Metadata(**{**meta.__dict__, "title": source.label})


def _plain_reference(meta: Metadata) -> str:
    parts = [", ".join(meta.authors) or meta.outlet or meta.title, f"({meta.issued or 'n.d.'})."]
    if meta.title and parts[0] != meta.title:
        parts.append(f"{meta.title}.")
    if meta.outlet and parts[0] != meta.outlet:
        parts.append(f"{meta.outlet}.")
    if meta.url:
        parts.append(meta.url)
    return " ".join(parts)


def with_fallback_fonts(markup: str) -> str:
    """Apply ``rich`` font fallback to the text between the tags of Paragraph markup."""
    out = []
    italic = 0  # inside <i>: the oblique face lacks Arabic, so fallback starts from it
    for piece in _TAG.split(markup):
        if piece.startswith("<"):
            italic += {"<i>": 1, "</i>": -1}.get(piece.lower(), 0)
            out.append(piece)
        elif piece:
            out.append(rich(html.unescape(piece), SANS_ITALIC if italic > 0 else SANS))
    return "".join(out)

