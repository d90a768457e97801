"""BibTeX export and a small reader for it.

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
from desktop.core.cite.names import display_name, from_sort_form, sort_form, split_name
from desktop.core.model import Metadata, ParallaxError

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
# an escape, or a bare grouping brace ("{{Title}}", "{Xinhua}"), which carries no text
_UNESCAPE = re.compile("|".join([*(re.escape(v) for v in sorted(_UNESCAPES, key=len, reverse=True)), "[{}]"]))
_TYPES = {"article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
          "webpage": "online", "post-weblog": "online", "post": "online"}
_KINDS = {"article": "article-newspaper", "online": "webpage", "misc": "webpage"}


def escape(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in " ".join(text.split()))


def unescape(text: str) -> str:
    return _UNESCAPE.sub(lambda m: _UNESCAPES.get(m.group(0), ""), text)


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

_ENTRY = re.compile(r"@(\w+)\s*[{(]\s*([^,\s]*)\s*,?", re.UNICODE)
_FIELD = re.compile(r"\s*([A-Za-z][\w-]*)\s*=\s*")


def _value(text: str, pos: int) -> tuple[str, int]:
    """One field value from ``pos``: {braced}, "quoted" or a bare word/number; returns (raw, end)."""
    if text[pos] == "{":
        depth, i = 0, pos
        while i < len(text):
            if text[i] == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            if depth == 0:
                return text[pos + 1:i], i + 1
            i += 1
        raise ParallaxError("BibTeX: unbalanced braces")
    if text[pos] == '"':
        end = text.index('"', pos + 1)
        return text[pos + 1:end], end + 1
    match = re.compile(r"[\w.-]+").match(text, pos)
    if not match:
        raise ParallaxError(f"BibTeX: unexpected {text[pos]!r} in a field value")
    return match.group(0), match.end()


def _fields(text: str, pos: int) -> tuple[dict[str, str], int]:
    fields: dict[str, str] = {}
    while True:
        match = _FIELD.match(text, pos)
        if not match:
            break
        raw, pos = _value(text, match.end())
        fields[match.group(1).lower()] = raw
        pos = re.compile(r"\s*,?").match(text, pos).end()
    end = re.compile(r"\s*[})]").match(text, pos)
    return fields, end.end() if end else pos


def _names(raw: str) -> tuple[str, ...]:
    names, depth, start = [], 0, 0
    for i, ch in enumerate(raw):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and raw[i:i + 5].lower() == " and ":
            names.append(raw[start:i])
            start = i + 5
    names.append(raw[start:])
    out = []
    for name in (n.strip() for n in names if n.strip()):
        if name.startswith("{") and name.endswith("}") and _balanced(name[1:-1]):
            out.append(display_name({"literal": " ".join(unescape(name[1:-1]).split())}))
        else:
            out.append(from_sort_form(unescape(name)))
    return tuple(out)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in re.sub(r"\\.", "", text):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def parse_bibtex(text: str) -> list[Metadata]:
    """The entries of a BibTeX file (@comment, @string and @preamble are skipped)."""
    metas, pos = [], 0
    while (match := _ENTRY.search(text, pos)) is not None:
        kind = match.group(1).lower()
        fields, pos = _fields(text, match.end())
        if kind in ("comment", "string", "preamble"):
            continue
        metas.append(_metadata(kind, fields))
    return metas


def _metadata(kind: str, f: dict[str, str]) -> Metadata:
    def text(*names: str) -> str:
        return next((" ".join(unescape(f[n]).split()) for n in names if f.get(n)), "")

    issued = text("date")
    if not issued and text("year"):
        month = f.get("month", "").strip().lower()[:3]
        month_no = _MONTHS.index(month) + 1 if month in _MONTHS else (int(month) if month.isdigit() else 0)
        issued = format_date([int(text("year"))] + ([month_no] if month_no else [])) if text(
            "year").isdigit() else text("year")
    return Metadata(
        title=text("title"),
        outlet=text("journal", "journaltitle", "organization", "howpublished", "booktitle"),
        authors=_names(f.get("author", "")), issued=issued, url=text("url"),
        accessed=text("urldate"), language=text("language", "langid"),
        kind=_KINDS.get(kind, "article-newspaper"),
    )
