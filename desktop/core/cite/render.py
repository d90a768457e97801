"""Reference-list entries and in-text citations of sources, in any registered style."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from desktop.core.cite.items import to_csl_item
from desktop.core.cite.processor import FORMATTERS, Cite, Processor
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
    Works whose citations would read alike get year suffixes ("2023a", "2023b") where the style
    asks for them.
    """
    _check_format(fmt)
    proc = processor(style)
    items, alike = disambiguated(proc, [to_csl_item(meta, f"item-{i}") for i, meta in enumerate(metas)])
    if not proc.has_bibliography:  # a citation-only style: its citations are the list
        return [proc.citation(Cite(item), fmt, disambiguate=item["id"] in alike) for item in items]
    return proc.bibliography(_canonical(items), fmt)


def cite_passage(meta: Metadata, locator: str | None = None, style: str = "apa", fmt: str = "text",
                 *, cited_with: Sequence[Metadata] = ()) -> str:
    """The in-text citation of a passage, e.g. APA "(Silva, 2023, para. 4)"; for a note style
    (chicago-notes) the full note. ``locator`` is a paragraph number ("4" or "para. 4").
    ``cited_with``: the other works cited in the same document, so that a citation that would
    read like one of theirs is told apart as the reference list does ("2023a"; MLA: a title)."""
    _check_format(fmt)
    label, value = parse_locator(locator)
    proc = processor(style)
    cited = [to_csl_item(m, f"item-{i}") for i, m in enumerate([meta, *cited_with])]
    items, alike = disambiguated(proc, cited)
    return proc.citation(Cite(items[0], label, value), fmt, disambiguate=items[0]["id"] in alike)


def cite_passages(metas: Sequence[Metadata], locator: str | None = None, style: str = "apa",
                  fmt: str = "text") -> list[str]:
    """The in-text citation of a passage of each work in ``metas``, all cited in one document:
    the citations ``cite_passage`` gives each with the others as ``cited_with``, told apart in
    one pass instead of one per work (a briefing of twelve sources cites all twelve)."""
    _check_format(fmt)
    label, value = parse_locator(locator)
    proc = processor(style)
    items, alike = disambiguated(proc, [to_csl_item(m, f"item-{i}") for i, m in enumerate(metas)])
    return [proc.citation(Cite(item, label, value), fmt, disambiguate=item["id"] in alike) for item in items]


def disambiguated(proc: Processor, items: list[dict]) -> tuple[list[dict], set[str]]:
    """Works cited together whose plain citations read alike, told apart as CSL prescribes
    (citeproc-py does not): with the style's "disambiguate-add-year-suffix", lettered a, b, c...
    in reference-list order; otherwise their ids are returned, for rendering with the style's
    ``disambiguate="true"`` branch."""
    if len(items) < 2:
        return items, set()
    by_id = {item["id"]: item for item in items}
    groups: dict[str, list[str]] = {}
    for item_id in proc.reference_order(_canonical(items)):
        groups.setdefault(proc.citation(Cite(by_id[item_id])), []).append(item_id)
    alike = [ids for ids in groups.values() if len(ids) > 1]
    if not proc.adds_year_suffix:
        return items, {item_id for ids in alike for item_id in ids}
    suffix = {item_id: _letters(n) for ids in alike for n, item_id in enumerate(ids)}
    return [{**item, "year-suffix": suffix[item["id"]]} if item["id"] in suffix else item
            for item in items], set()


def _canonical(items: list[dict]) -> list[dict]:
    """The items in an order that depends on their content only, so that works the style sorts
    alike (same author, date and title) are lettered and listed the same way whichever is cited."""
    return sorted(items, key=lambda item: json.dumps({**item, "id": ""}, sort_keys=True, ensure_ascii=False))


def _letters(n: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa", 27 -> "ab" (CSL's year-suffix sequence)."""
    return _letters(n // 26 - 1) + chr(ord("a") + n % 26) if n >= 26 else chr(ord("a") + n)
