"""The title of a source that has none in its metadata: its headline, else its file name.

A plain-text or pasted article rarely says "Title: ...", yet every view names it and every
citation style wants a title (APA without one prints only "(n.d.)."). So the loader fills an
empty title with the first headline-like line of the text or, failing that, the file name's
stem; the analyst can still edit it. Views and the briefing call ``titled`` too, so a source
saved before this rule, or whose title the analyst cleared, is named the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import unquote, urlsplit

from desktop.core.model import Source
from desktop.core.sources.metadata import parse_date

MAX_CHARS = 160  # a headline fits a line; longer is a paragraph
MAX_WORDS = 22
# A headline ends without a full stop; "?" and "!" are left out: headlines ask and exclaim.
_SENTENCE_END = frozenset(".,;:…。．，；：")
_CLOSERS = "\"'”’»)]›"
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$|^\S+\.(?:com|org|net|html?)(?:/\S*)?$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|von|par|por|от)\s+(?P<names>.+)$", re.IGNORECASE)
_NAME_JOIN = frozenset({"and", "und", "et", "y", "e", "и", "&", "de", "da", "van", "von", "der", "del"})
_DATE_WORD = re.compile(  # weekdays, "a.m.", time zones: no words of a headline
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
    r"sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|"
    r"viernes|sábado|domingo|[ap]\.?m\.?)[.,]?$", re.IGNORECASE)
_ZONE = re.compile(r"^[A-Z]{2,5}(?:[+-]\d{1,2})?[.,]?$")
_STAMP = re.compile(r"^(?:updated|published|posted|last (?:updated|modified)|aktualisiert|publié|"
                    r"publicado|atualizado)\b", re.IGNORECASE)


def titled(source: Source) -> Source:
    """``source`` with an empty metadata title filled by ``derive_title`` (unchanged otherwise)."""
    if source.metadata.title.strip():
        return source
    title = derive_title(source.text, source.body_start, source.origin)
    return replace(source, metadata=replace(source.metadata, title=title)) if title else source


def derive_title(text: str, body_start: int = 0, origin: str = "") -> str:
    """The first headline-like line of ``text[body_start:]``, else the stem of ``origin``'s
    file name (or of a URL's last path segment), else ""."""
    return headline(text[body_start:]) or name_title(origin)


def headline(text: str) -> str:
    """The first non-empty line when it reads as a headline, else "".

    Headline-like: followed by more text, at most ``MAX_WORDS`` words and ``MAX_CHARS``
    characters, at least two words (or a few CJK characters), no final full stop, comma or
    colon, and neither a URL, a byline ("By Maria Silva") nor a dateline or time stamp.
    """
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        return ""
    line = " ".join(lines[0].split())
    return line if _is_headline(line) else ""


def name_title(origin: str) -> str:
    """The stem of the file name in ``origin`` (a path or URL); the host for a bare URL."""
    if not origin:
        return ""
    if re.match(r"^https?://", origin, re.IGNORECASE):
        parts = urlsplit(origin)
        last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
        return _stem(last) or parts.hostname or ""
    return _stem(PureWindowsPath(origin).name if "\\" in origin else PurePosixPath(origin).name)


def _stem(name: str) -> str:
    stem = PurePosixPath(name).stem if "." in name.strip(".") else name
    return stem.strip()


def _is_headline(line: str) -> bool:
    words = line.split()
    if len(line) > MAX_CHARS or len(words) > MAX_WORDS:
        return False
    if not any(c.isalpha() for c in line):
        return False
    if len(words) < 2 and not (len(line) >= 4 and _has_cjk(line)):
        return False
    if line.rstrip(_CLOSERS)[-1:] in _SENTENCE_END:
        return False
    return not (_URL.match(line) or _is_byline(line) or _is_dateline(line) or _STAMP.match(line))


def _is_byline(line: str) -> bool:
    """ "By Maria Silva and John Doe": a byline word, then a few capitalised names."""
    match = _BYLINE.match(line)
    if not match:
        return False
    names = match.group("names").replace(",", " ").split()
    return len(names) <= 8 and all(w[:1].isupper() or w.lower() in _NAME_JOIN for w in names)


def _is_dateline(line: str) -> bool:
    """A line that is little more than a date ("Wednesday, March 22, 2023 10:05")."""
    iso, end = parse_date(line)
    if not iso:
        return False
    match_start = _date_start(line, end)
    rest = (line[:match_start] + " " + line[end:]).split()
    words = [w for w in rest if any(c.isalpha() for c in w) and not (_DATE_WORD.match(w) or _ZONE.match(w))]
    return len(words) <= 1  # a place: "MOSCOW, 22 March 2023"


def _date_start(line: str, end: int) -> int:
    """Where the date that ends at ``end`` starts (the shortest suffix of ``line[:end]`` that
    still parses to the same date)."""
    iso = parse_date(line[:end])[0]
    start = 0
    while start < end and parse_date(line[start + 1:end])[0] == iso:
        start += 1
    return start


def _has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) == "W" and c.isalpha() for c in text)
