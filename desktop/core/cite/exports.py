"""Exports for reference managers (RIS, BibTeX, CSL-JSON). Parallax writes these files only.

The tag and field choices follow Zotero's import translators (RIS.js, BibTeX.js), so the files
import there without loss of what Parallax keeps: newspaper articles are RIS ``NEWS`` with the
outlet in ``T2``; BibTeX has no newspaper type, so they are ``@article`` with ``journal`` (the
type Zotero itself exports), web pages are ``@online``. All exports are UTF-8 text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from desktop.core.cite.bibtex import to_bibtex
from desktop.core.cite.items import parse_date, to_csl_item
from desktop.core.cite.names import sort_form, split_name
from desktop.core.model import Metadata, ParallaxError

EXPORT_FORMATS = ("ris", "bibtex", "csl-json")

# CSL type <-> RIS TY (Zotero's exportTypeMap, via Zotero's CSL type mapping)
_RIS_TYPES = {
    "article-newspaper": "NEWS", "article-magazine": "MGZN", "article-journal": "JOUR",
    "webpage": "ELEC", "post-weblog": "BLOG", "post": "ELEC", "report": "RPRT", "book": "BOOK",
    "chapter": "CHAP", "broadcast": "MPCT", "interview": "PCOMM", "speech": "SLIDE",
}


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
