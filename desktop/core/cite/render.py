"""Reference-list entries and in-text citations of sources, in any registered style."""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.core.cite.items import to_csl_item
from desktop.core.cite.processor import FORMATTERS, Cite
from desktop.core.cite.styles import processor
from desktop.core.model import Metadata, ParallaxError

# Locator labels as analysts type them -> CSL locator terms. Ours are paragraph numbers.
_LABELS = {
    "¶": "paragraph", "¶¶": "paragraph", "para": "paragraph", "paras": "paragraph", "par": "paragraph",
    "pars": "paragraph", "paragraph": "paragraph", "paragraphs": "paragraph",
    "p": "page", "pp": "page", "page": "page", "pages": "page",
    "sec": "section", "section": "section", "l": "line", "ll": "line", "line": "line", "lines": "line",
}
_NUMBERS = r"\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*"
_LOCATOR = re.compile(rf"^(?:(?P<label>¶{{1,2}}|[^\W\d_]+)\.?\s*)?(?P<value>{_NUMBERS})$")
_SENTENCE = re.compile(r",?\s*sent(?:ence)?\.?\s*\d+\s*$", re.IGNORECASE)  # Passage.locator's tail


def parse_locator(locator: str | None) -> tuple[str, str]:
    """("paragraph", "4") from "4", "para. 4", "¶ 4", "paras. 4-5" or "para. 4, sent. 2";
    ("", "") for none. CSL has no sentence locator, so a sentence number is dropped."""
    text = _SENTENCE.sub("", " ".join((locator or "").split()))
    if not text:
        return "", ""
    match = _LOCATOR.match(text)
    label = (match.group("label") or "para").lower() if match else ""
    if not match or label not in _LABELS:
        raise ParallaxError(f"cannot read the locator {locator!r}: give a paragraph number such as "
                            "'4', 'para. 4' or 'paras. 4-5'")
    value = re.sub(r"\s*([-–,])\s*", lambda m: m.group(1) + (" " if m.group(1) == "," else ""),
                   match.group("value"))
    return _LABELS[label], value


def _check_format(fmt: str) -> None:
    if fmt not in FORMATTERS:
        raise ParallaxError(f"unknown citation format {fmt!r}; use one of: {', '.join(FORMATTERS)}")


def bibliography(metas: Sequence[Metadata], style: str = "apa", fmt: str = "text") -> list[str]:
    """The reference-list entries of the sources, sorted as the style prescribes.

    ``fmt`` is "text", "html" (``<i>``, ``<a href>``... for the rich clipboard) or "reportlab"
    (the markup of reportlab's Paragraph: ``<i>``, ``<b>``, ``<a href>``, escaped ``& < >``).
    """
    _check_format(fmt)
    items = [to_csl_item(meta, f"item-{i}") for i, meta in enumerate(metas)]
    proc = processor(style)
    if not proc.has_bibliography:  # a citation-only style: its citations are the list
        return [proc.citation(Cite(item), fmt) for item in items]
    return proc.bibliography(items, fmt)


def cite_passage(meta: Metadata, locator: str | None = None, style: str = "apa", fmt: str = "text") -> str:
    """The in-text citation of a passage, e.g. APA "(Silva, 2023, para. 4)"; for a note style
    (chicago-notes) the full note. ``locator`` is a paragraph number ("4" or "para. 4")."""
    _check_format(fmt)
    label, value = parse_locator(locator)
    return processor(style).citation(Cite(to_csl_item(meta), label, value), fmt)
