"""``Metadata`` <-> CSL-JSON items (the format of Zotero and of citation processors)."""

from __future__ import annotations

import re
from typing import Any

from desktop.core.cite.names import display_name, split_name
from desktop.core.model import Metadata
from desktop.core.sources.metadata import parse_date as find_date

DEFAULT_TYPE = "article-newspaper"
# CSL 1.0.1 item types; anything else falls back to the default rather than confusing a style.
CSL_TYPES = frozenset({
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "dataset", "entry", "entry-dictionary", "entry-encyclopedia", "figure",
    "graphic", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "personal_communication", "post",
    "post-weblog", "report", "review", "review-book", "song", "speech", "thesis", "treaty",
    "webpage"
})
_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][0-9:.+\-Z]*)?\s*$")


def parse_date(text: str) -> list[int] | None:
    """An ISO date, possibly partial ("2023", "2023-03", "2023-03-22T10:00Z"), as CSL date-parts."""
    match = _ISO_DATE.match(text or "")
    if not match:
        return None
    parts = [int(g) for g in match.groups() if g is not None]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return parts[:2]
    return parts


def format_date(parts: list[int] | tuple[int, ...]) -> str:
    """CSL date-parts back to an ISO (partial) date."""
    if not parts:
        return ""
    year, rest = parts[0], parts[1:3]
    return "-".join([f"{int(year):04d}", *(f"{int(p):02d}" for p in rest)])


def _csl_date(text: str) -> dict[str, Any] | None:
    """CSL date-parts; a date the analyst typed another way ("March 22, 2023", "22.3.2023") is
    read with the loader's date parser; text without any date stays a CSL literal."""
    if not text.strip():
        return None
    parts = parse_date(text) or parse_date(find_date(text)[0])
    return {"date-parts": [parts]} if parts else {"literal": text.strip()}


def to_csl_item(meta: Metadata, item_id: str = "source") -> dict:
    """The CSL-JSON item of a source; empty fields are left out (the styles then apply their
    rules for missing data: title first, "n.d.")."""
    item: dict[str, Any] = {"id": item_id, "type": meta.kind if meta.kind in CSL_TYPES else DEFAULT_TYPE}
    for key, value in (("title", meta.title), ("container-title", meta.outlet), ("URL", meta.url),
                       ("language", meta.language)):
        if value.strip():
            item[key] = " ".join(value.split())
    authors = [name for name in (split_name(a) for a in meta.authors) if name]
    if authors:
        item["author"] = authors
    for key, value in (("issued", meta.issued), ("accessed", meta.accessed)):
        date = _csl_date(value)
        if date:
            item[key] = date
    return item


def from_csl_item(item: dict) -> Metadata:
    """The ``Metadata`` of a CSL-JSON item (fields Parallax does not keep are dropped)."""
    def text(key: str) -> str:
        value = item.get(key, "")
        return " ".join(str(value).split()) if value is not None else ""

    def date(key: str) -> str:
        value = item.get(key) or {}
        if isinstance(value, str):
            return value
        parts = (value.get("date-parts") or [[]])[0]
        if parts:
            return format_date([int(p) for p in parts if str(p).strip().lstrip("-").isdigit()])
        return str(value.get("literal") or value.get("raw") or "")

    authors = tuple(display_name(n) for n in item.get("author") or [] if isinstance(n, dict))
    kind = text("type")
    return Metadata(
        title=text("title"), outlet=text("container-title"), authors=tuple(a for a in authors if a),
        issued=date("issued"), url=text("URL"), accessed=date("accessed"), language=text("language"),
        kind=kind if kind in CSL_TYPES else DEFAULT_TYPE,
    )
