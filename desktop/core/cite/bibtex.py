"""BibTeX export.

Values are UTF-8 with TeX's special characters escaped (Zotero and biber read UTF-8). Names are
"Family, Given" joined by "and"; an organisation is wrapped in braces so that BibTeX and Zotero
keep it whole. The date goes out as ``year``/``month`` for classic BibTeX styles and as
biblatex's ``date`` last: Zotero's importer lets a later ``date`` replace what ``year`` and
``month`` built.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from desktop.core.cite.items import format_date, parse_date
from desktop.core.cite.names import sort_form, split_name
from desktop.core.model import Metadata

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_TYPES = {"article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
          "webpage": "online", "post-weblog": "online", "post": "online"}


def escape(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in " ".join(text.split()))


def _key(meta: Metadata, taken: set[str]) -> str:
    """An ASCII citation key: family name, year, first title word ("silva2023xi")."""
    names = [split_name(a) for a in meta.authors]
    first = names[0] if names and names[0] else {}
    family = first.get("family") or first.get("literal") or ""
    parts = parse_date(meta.issued) or []
    word = next(iter(re.findall(r"\w+", meta.title)), "")
    base = "".join((_ascii(family.split(" ")[0]) or "source", str(parts[0]) if parts else "", _ascii(word)))
    base = base.lower()
    key, n = base, 0
    while key in taken:
        n += 1
        key = base + "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * (1 + (n - 1) // 26)
    taken.add(key)
    return key


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]", "", folded)


def _author_field(authors: Sequence[str]) -> str:
    out = []
    for name in (split_name(a) for a in authors):
        if not name:
            continue
        if "literal" in name:
            out.append("{" + escape(name["literal"]) + "}")
        else:
            out.append(escape(sort_form(name)))
    return " and ".join(out)


def _entry(meta: Metadata, key: str) -> str:
    kind = _TYPES.get(meta.kind, "misc")
    parts = parse_date(meta.issued) or []
    outlet_field = {"article": "journal", "online": "organization"}.get(kind, "howpublished")
    fields = [
        ("author", _author_field(meta.authors)), ("title", escape(meta.title)),
        (outlet_field, escape(meta.outlet)),
        ("year", str(parts[0]) if parts else ""),
        ("month", _MONTHS[parts[1] - 1] if len(parts) > 1 else ""),
        ("url", meta.url.strip()), ("urldate", format_date(parse_date(meta.accessed) or [])),
        ("language", escape(meta.language)),
        ("date", format_date(parts) if len(parts) > 1 else ""),
    ]
    body = ",\n".join(f"  {name} = {value if name == 'month' else '{' + value + '}'}"
                      for name, value in fields if value)
    return f"@{kind}{{{key}" + (",\n" + body if body else "") + "\n}\n"


def to_bibtex(metas: Sequence[Metadata]) -> str:
    taken: set[str] = set()
    return "\n".join(_entry(meta, _key(meta, taken)) for meta in metas)


# --- reading ------------------------------------------------------------------------------------
