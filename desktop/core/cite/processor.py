"""The CSL processor: citeproc-py with the patched element classes of ``csl_elements``,
output formats (plain text, HTML, reportlab markup) and a thread-safe rendering API."""

from __future__ import annotations

import html
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from citeproc import model
from citeproc.formatter import html as _html_formatter
from citeproc.formatter import plain as _plain_formatter
from citeproc.frontend import CitationStylesBibliography, CitationStylesStyle
from citeproc.source import Citation, CitationItem, Locator, Name
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString
from lxml import etree

from desktop.core.cite.csl_elements import CSL_NS, MACROS, assemble, disambiguating, element_lookup

# --- output formats -----------------------------------------------------------------------------

def _wrapper(open_tag: str, close_tag: str) -> Callable[[str], str]:
    return lambda text: f"{open_tag}{text}{close_tag}"


def _link(text: str) -> str:
    return f'<a href="{text.replace(chr(34), "&quot;")}">{text}</a>'


def _escape(text: str) -> str:
    return html.escape(str(text), quote=False)


FORMATTERS: dict[str, Any] = {
    "text": _plain_formatter,
    "html": SimpleNamespace(
        preformat=_escape, Italic=_html_formatter.Italic, Oblique=_html_formatter.Oblique,
        Bold=_html_formatter.Bold, Light=str, Underline=_html_formatter.Underline,
        Superscript=_html_formatter.Superscript, Subscript=_html_formatter.Subscript,
        SmallCaps=_html_formatter.SmallCaps, Link=_link,
    ),
    # reportlab Paragraph mini-markup: only <i>, <b> and <a href>; & < > escaped.
    "reportlab": SimpleNamespace(
        preformat=_escape, Italic=_wrapper("<i>", "</i>"), Oblique=_wrapper("<i>", "</i>"),
        Bold=_wrapper("<b>", "</b>"), Light=str, Underline=str, Superscript=str, Subscript=str,
        SmallCaps=str, Link=_link,
    ),
}


# --- items --------------------------------------------------------------------------------------

class _EscapedSource(CiteProcJSON):
    """CSL-JSON items with their text escaped for the output format as they are loaded."""

    def __init__(self, items: Sequence[dict], preformat: Callable[[str], str]) -> None:
        self._preformat = preformat
        super().__init__(list(items))

    def parse_string(self, string):
        parsed = super().parse_string(string)
        return MixedString([type(part)(self._preformat(str(part))) for part in parsed])

    def parse_date(self, json_data):
        if isinstance(json_data, dict) and "literal" in json_data:
            json_data = {**json_data, "literal": self._preformat(str(json_data["literal"]))}
        return super().parse_date(json_data)

    def parse_names(self, json_data):
        return [Name(**{key: self._preformat(str(value)) for key, value in name.items()})
                for name in json_data]


# --- styles -------------------------------------------------------------------------------------

class StyleError(Exception):
    """A style file that cannot be used (not XML, not a CSL style, no layout)."""


class _Style(CitationStylesStyle):
    """A parsed CSL style using the patched element classes."""

    def __init__(self, path: Path, locale: str | None) -> None:  # noqa: D107 - no super().__init__
        parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True,
                                 resolve_entities=False)
        parser.set_element_class_lookup(element_lookup())
        try:
            self.xml = etree.parse(str(path), parser)
        except (OSError, etree.XMLSyntaxError) as exc:
            raise StyleError(f"{path}: not a readable CSL style ({exc})") from exc
        self.root = self.xml.getroot()
        if not isinstance(self.root, model.Style) or self.root.citation is None:
            raise StyleError(f"{path}: not an independent CSL style (no <citation> layout)")
        MACROS[id(self.root)] = {m.get("name"): m for m in self.root.iterchildren(f"{{{CSL_NS}}}macro")}
        try:
            self.root.set_locale_list(locale or self.root.get("default-locale", "en-US"), validate=False)
        except ValueError as exc:
            raise StyleError(f"{path}: {exc}") from exc


@dataclass(frozen=True)
class Cite:
    """One item to cite: its CSL-JSON and an optional locator ("paragraph", "4")."""

    item: dict
    label: str = ""
    locator: str = ""


class Processor:
    """Renders citations and reference lists with one style; safe to share between threads."""

    def __init__(self, path: Path, locale: str | None = None) -> None:
        self._style = _Style(path, locale)
        self._lock = threading.Lock()

    @property
    def is_note_style(self) -> bool:
        return self._style.root.get("class") == "note"

    @property
    def has_bibliography(self) -> bool:
        return self._style.has_bibliography()

    @property
    def adds_year_suffix(self) -> bool:
        """Whether the style tells works whose citations read alike apart by "2023a", "2023b"."""
        return self._style.root.citation.get("disambiguate-add-year-suffix") == "true"

    def reference_order(self, items: Sequence[dict]) -> list[str]:
        """The ids of the items in the order of the style's reference list."""
        with self._lock:
            bib = self._new(items, "text")
            for item in items:
                bib.register(Citation([CitationItem(item["id"])]))
            if self.has_bibliography:
                bib.sort()
            return list(bib.keys)

    def bibliography(self, items: Sequence[dict], fmt: str = "text") -> list[str]:
        """Reference-list entries, sorted as the style prescribes."""
        if not items:
            return []
        with self._lock:
            bib = self._new(items, fmt)
            for item in items:
                bib.register(Citation([CitationItem(item["id"])]))
            bib.sort()
            return [assemble(entry) for entry in bib.bibliography()]

    def citation(self, cite: Cite, fmt: str = "text", *, disambiguate: bool = False) -> str:
        """The in-text citation (or, for a note style, the first note) of one item;
        ``disambiguate``: it would read like another's, so the style's last resort applies."""
        with self._lock, disambiguating(disambiguate):
            bib = self._new([cite.item], fmt)
            extra = {}
            if cite.locator:
                extra["locator"] = Locator(cite.label, FORMATTERS[fmt].preformat(cite.locator))
            citation = Citation([CitationItem(cite.item["id"], **extra)])
            bib.register(citation)
            return assemble(bib.cite(citation, lambda _item: None))

    def _new(self, items: Sequence[dict], fmt: str) -> CitationStylesBibliography:
        formatter = FORMATTERS[fmt]
        return CitationStylesBibliography(self._style, _EscapedSource(items, formatter.preformat), formatter)
