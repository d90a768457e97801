"""Metadata found in the text itself: dates in many spellings and a leading header block.

A plain-text article often starts with a few header lines ("Title: ...", "Date: 2023-03-22")
or, like the first seed, with ``date 2023-03-22`` followed by the body on the same line. The
header becomes ``Metadata`` and the body starts after it (``Source.body_start``).
"""

from __future__ import annotations

import re
from dataclasses import fields, replace

from desktop.core.model import Metadata

_MONTHS = {
    # English, German, French, Spanish, Italian, Portuguese; prefixes of 3+ letters also match
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "dezembro": 12,
}
_MONTH_WORD = r"[^\W\d_]{3,10}\.?"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
        ("ymd", r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"
                r"(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?"),
        ("dmy_dot", r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})"),
        ("mdy_slash", r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"),
        ("d_month_y", rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<mw>{_MONTH_WORD})"
                      r",?\s+(?:de\s+)?(?P<y>\d{4})"),
        ("month_d_y", rf"(?P<mw>{_MONTH_WORD})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"),
        ("month_y", rf"(?P<mw>{_MONTH_WORD})\s+(?P<y>\d{{4}})"),
        ("y", r"(?P<y>(?:19|20)\d{2})"),
    )
)
_WEEKDAY = re.compile(  # "Wednesday, " / "Mi., " before a date
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|montag|dienstag|mittwoch|donnerstag|freitag|samstag"
    r"|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves"
    r"|viernes|sábado|domingo|mo|di|mi|do|fr|sa|so)\.?,?\s+",
    re.IGNORECASE,
)
_TIME = re.compile(  # a time after a header date: "14:05", "2:05 p.m. EDT", "14:05 UTC+1"
    r"[ \t]*,?[ \t]*(?:at[ \t]+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ \t]*(?:am|pm|a\.m\.|p\.m\.))?"
    r"(?:[ \t]*(?:[A-Z]{2,5}(?:[+-]\d{1,2})?|[+-]\d{2}:?\d{2}))?",
    re.IGNORECASE,
)

_HEADER_KEYS = {
    "title": "title", "headline": "title", "titel": "title",
    "author": "authors", "authors": "authors", "by": "authors", "byline": "authors", "autor": "authors",
    "date": "issued", "dated": "issued", "published": "issued", "publication date": "issued",
    "pubdate": "issued", "datum": "issued",
    "source": "outlet", "outlet": "outlet", "publication": "outlet", "publisher": "outlet",
    "newspaper": "outlet", "quelle": "outlet",
    "url": "url", "link": "url",
    "language": "language", "lang": "language", "sprache": "language",
}
_HEADER_LINE = re.compile(
    r"[ \t]*(?P<key>" + "|".join(sorted(map(re.escape, _HEADER_KEYS), key=len, reverse=True))
    + r")[ \t]*(?::|：|=|\s-\s)[ \t]*(?P<value>[^\n]*?)[ \t]*(?:\n|$)",
    re.IGNORECASE,
)
_BARE_DATE = re.compile(
    r"[ \t]*(?:date|dated|published|publication date|pubdate|datum)(?:[ \t]*[:：=][ \t]*|[ \t]+)",
    re.IGNORECASE,
)
_FRONT_MATTER = re.compile(r"---[ \t]*\n(?P<body>(?:[^\n]*\n){0,40}?)---[ \t]*(?:\n|$)")


def parse_date(value: str, *, anchored: bool = False) -> tuple[str, int]:
    """An ISO date ("2023-03-22", "2023-03", "2023") found in ``value``, and where it ends.

    ``anchored`` requires the date at the start (after an optional weekday). Dotted numeric
    dates are read day first (European), slashed ones month first (US) unless that is
    impossible. Returns ("", 0) when no date is found.
    """
    for name, pattern in _DATE_PATTERNS:
        match = _find(pattern, value, anchored)
        if match is None:
            continue
        iso = _iso(name, match)
        if iso:
            return iso, match.end()
    return "", 0


def _find(pattern: re.Pattern[str], value: str, anchored: bool) -> re.Match[str] | None:
    if not anchored:
        return pattern.search(value)
    prefix = _WEEKDAY.match(value)
    start = prefix.end() if prefix else 0
    return pattern.match(value, start) or pattern.match(value, 0)


def _iso(name: str, match: re.Match[str]) -> str:
    groups = match.groupdict()
    year = int(groups["y"])
    if "mw" in groups:
        month = _month_number(groups["mw"])
    elif "m" in groups:
        month = int(groups["m"])
    else:
        return f"{year:04d}" if 1000 <= year <= 2999 else ""
    day = int(groups["d"]) if groups.get("d") else 0
    if name == "mdy_slash" and month > 12 and day <= 12:
        month, day = day, month
    if not (1 <= month <= 12 and 1000 <= year <= 2999 and 0 <= day <= 31) or ("d" in groups and day == 0):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"


def _month_number(word: str) -> int:
    word = word.rstrip(".").lower()
    if word in _MONTHS:
        return _MONTHS[word]
    if len(word) >= 3:
        for name, number in _MONTHS.items():
            if name.startswith(word):
                return number
    return 0


def parse_text_header(text: str, start: int = 0) -> tuple[Metadata, int]:
    """Metadata from a leading header block of ``text[start:]`` and the offset where the body begins.

    Recognised: YAML-like front matter between ``---`` lines; ``Key: value`` lines with keys
    such as Title, Author, Date, Source, URL, Language; and a bare ``date 2023-03-22`` that may
    be followed by the body on the same line. Without a header: (Metadata(), first non-blank).
    """
    fields: dict[str, str] = {}
    pos = _skip_blank(text, start)
    front = _FRONT_MATTER.match(text, pos)
    if front:
        fields.update(_front_fields(front))
        pos = _skip_blank(text, front.end())
    while pos < len(text):
        bare = _BARE_DATE.match(text, pos)
        if bare and "issued" not in fields:
            line_end = text.find("\n", bare.end())
            iso, end = parse_date(text[bare.end():line_end if line_end >= 0 else len(text)], anchored=True)
            if iso:
                fields["issued"] = iso
                after = bare.end() + end
                time = _TIME.match(text, after)
                pos = _skip_blank(text, time.end() if time else after)
                continue
        line = _HEADER_LINE.match(text, pos)
        if line and _take(fields, line):
            pos = _skip_blank(text, line.end())
            continue
        break
    if pos >= len(text):  # all "header": it was the text itself
        return Metadata(), _skip_blank(text, start)
    return _metadata(fields), pos


def split_front_matter(text: str) -> tuple[Metadata, str]:
    """Metadata of a leading YAML-like front matter block (Markdown), and the text after it.

    Only simple ``key: value`` lines are read; other keys (tags, layout...) are ignored.
    """
    front = _FRONT_MATTER.match(text, _skip_blank(text, 0))
    if front is None:
        return Metadata(), text
    return _metadata(_front_fields(front)), text[front.end():]


def _front_fields(front: re.Match[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in front.group("body").splitlines():
        _take(fields, _HEADER_LINE.fullmatch(line + "\n"))
    return fields


def _take(fields: dict[str, str], match: re.Match[str] | None) -> bool:
    """Store one header line; False when it is not a usable header (then the body starts there)."""
    if match is None:
        return False
    key = _HEADER_KEYS[match.group("key").lower()]
    value = match.group("value").strip().strip("\"'")
    if not value or key in fields:
        return False
    if key == "issued":
        value = parse_date(value)[0]
        if not value:
            return False
    if not _plausible(key, value):
        return False
    fields[key] = value
    return True


def _plausible(key: str, value: str) -> bool:
    """Keeps "Source: the ministry said nothing." in the body: header values are short labels."""
    if key == "url":
        return re.match(r"(?:https?://|www\.)\S+$", value) is not None
    if key == "language":
        return re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*|[^\W\d_]{3,20}", value) is not None
    if key == "outlet":
        return len(value) <= 80 and not value.endswith((".", "!", "?"))
    if key == "authors":
        return len(value) <= 200 and not value.endswith((".", "!", "?"))
    return len(value) <= 300


def _metadata(fields: dict[str, str]) -> Metadata:
    authors = fields.pop("authors", "")
    meta = Metadata(**fields)
    if authors:
        meta = replace(meta, authors=split_authors(authors))
    return meta


def split_authors(value: str) -> tuple[str, ...]:
    """"By Maria Silva and João Pereira" / "Silva; Pereira" -> ("Maria Silva", "João Pereira").

    Commas separate names only when every piece has two words or more, so "Silva, Maria"
    stays one name.
    """
    value = re.sub(r"^\s*(?:by|von|par|por|di)\s+", "", value.strip(), flags=re.IGNORECASE)
    names: list[str] = []
    for part in re.split(r"\s*(?:;|\||&|\s(?:and|und|et|y|e)\s)\s*", value):
        part = part.strip(" ,.")
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
            names.extend(pieces)
        elif part:
            names.append(part)
    return tuple(dict.fromkeys(names))


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def merge_metadata(first: Metadata, second: Metadata) -> Metadata:
    """``first``'s fields, with ``second``'s where ``first`` has none."""
    missing = {f.name: getattr(second, f.name) for f in fields(Metadata)
               if not getattr(first, f.name) and getattr(second, f.name)}
    return replace(first, **missing)
