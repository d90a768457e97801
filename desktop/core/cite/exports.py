"""Exports for reference managers (RIS, BibTeX, CSL-JSON) and the parsers that read them back.

The tag and field choices follow Zotero's import translators (RIS.js, BibTeX.js), so the files
import there without loss of what Parallax keeps: newspaper articles are RIS ``NEWS`` with the
outlet in ``T2``; BibTeX has no newspaper type, so they are ``@article`` with ``journal`` (the
type Zotero itself exports), web pages are ``@online``. All exports are UTF-8 text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from desktop.core.cite.bibtex import parse_bibtex, to_bibtex
from desktop.core.cite.items import DEFAULT_TYPE, format_date, from_csl_item, parse_date, to_csl_item
from desktop.core.cite.names import from_sort_form, sort_form, split_name
from desktop.core.model import Metadata, ParallaxError

EXPORT_FORMATS = ("ris", "bibtex", "csl-json")

# CSL type <-> RIS TY (Zotero's exportTypeMap, via Zotero's CSL type mapping)
_RIS_TYPES = {
    "article-newspaper": "NEWS", "article-magazine": "MGZN", "article-journal": "JOUR",
    "webpage": "ELEC", "post-weblog": "BLOG", "post": "ELEC", "report": "RPRT", "book": "BOOK",
    "chapter": "CHAP", "broadcast": "MPCT", "interview": "PCOMM", "speech": "SLIDE",
}
_CSL_TYPES = {ty: csl for csl, ty in _RIS_TYPES.items() if csl != "post"}
_CSL_TYPES.update({"GEN": "article", "WEB": "webpage", "EJOUR": "article-journal"})


def export(metas: Sequence[Metadata], fmt: str) -> str:
    """The sources as a RIS, BibTeX or CSL-JSON file (text, UTF-8 when written)."""
    if fmt == "ris":
        return "".join(_ris_record(meta) for meta in metas)
    if fmt == "bibtex":
        return to_bibtex(metas)
    if fmt == "csl-json":
        items = [to_csl_item(meta, f"item-{i + 1}") for i, meta in enumerate(metas)]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    raise ParallaxError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")


def parse(text: str, fmt: str) -> list[Metadata]:
    """Read an export back (or a file from a reference manager) as ``Metadata``."""
    if fmt == "ris":
        return parse_ris(text)
    if fmt == "bibtex":
        return parse_bibtex(text)
    if fmt == "csl-json":
        return parse_csl_json(text)
    raise ParallaxError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")


# --- RIS ----------------------------------------------------------------------------------------

def _ris_date(iso: str) -> str:
    """RIS dates are "YYYY/MM/DD/other"; missing parts stay empty ("2023//")."""
    parts = parse_date(iso)
    if not parts:
        return f"///{iso.strip()}" if iso.strip() else ""
    cells = [f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])]
    return "/".join(cells + [""] * (3 - len(cells))) + "/"


def _ris_line(tag: str, value: str) -> str:
    value = " ".join(value.split())  # a record field is one line
    return f"{tag}  - {value}\n" if value else ""


def _ris_record(meta: Metadata) -> str:
    names = [split_name(a) for a in meta.authors]
    lines = [_ris_line("TY", _RIS_TYPES.get(meta.kind, "GEN"))]
    lines += [_ris_line("AU", sort_form(n, suffix_last=True)) for n in names if n]
    lines += [
        _ris_line("TI", meta.title), _ris_line("T2", meta.outlet),
        _ris_line("PY", str(parse_date(meta.issued)[0]) if parse_date(meta.issued) else ""),
        _ris_line("DA", _ris_date(meta.issued)), _ris_line("UR", meta.url),
        _ris_line("Y2", _ris_date(meta.accessed)), _ris_line("LA", meta.language),
        "ER  - \n",
    ]
    return "".join(lines)


def _from_ris_date(value: str) -> str:
    """"2023/03/22/" (RIS) or "2024-01-05 10:00:00" (Zotero's Y2) to an ISO date."""
    cells = value.split("/")
    digits = [c for c in cells[:3] if c.strip().isdigit()]
    if not digits:
        iso = parse_date(value)
        return format_date(iso) if iso else (cells[3].strip() if len(cells) > 3 else value.strip())
    return "-".join([f"{int(digits[0]):04d}", *(f"{int(c):02d}" for c in digits[1:])])


def parse_ris(text: str) -> list[Metadata]:
    """RIS records ("TAG  - value" lines, each record ended by "ER  -")."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    for raw in text.lstrip("\ufeff").splitlines():
        tag, sep, value = raw.partition("  -")
        tag = tag.strip()
        if not sep or len(tag) != 2:
            continue
        if tag == "TY":
            current = {}
        if current is None:
            continue
        if tag == "ER":
            records.append(current)
            current = None
            continue
        current.setdefault(tag, []).append(value.strip())
    return [_ris_metadata(r) for r in records]


def _ris_metadata(record: dict[str, list[str]]) -> Metadata:
    def first(*tags: str) -> str:
        return next((record[t][0] for t in tags if record.get(t)), "")

    issued = _from_ris_date(first("DA", "Y1")) if first("DA", "Y1") else first("PY")
    accessed = _from_ris_date(first("Y2")) if first("Y2") else ""
    return Metadata(
        title=first("TI", "T1"), outlet=first("T2", "JO", "JF"),
        authors=tuple(from_sort_form(a, suffix_last=True)
                      for a in record.get("AU", []) + record.get("A1", []) if a),
        issued=issued, url=first("UR"), accessed=accessed, language=first("LA"),
        kind=_CSL_TYPES.get(first("TY"), DEFAULT_TYPE),
    )


# --- CSL-JSON -----------------------------------------------------------------------------------

def parse_csl_json(text: str) -> list[Metadata]:
    """A CSL-JSON array of items (or a single item)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParallaxError(f"not CSL-JSON: {exc}") from exc
    items = data if isinstance(data, list) else [data]
    return [from_csl_item(item) for item in items if isinstance(item, dict)]
