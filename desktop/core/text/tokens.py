"""Tokens for the word diff: words, numbers, single ideographs, punctuation and symbols.

Whitespace and invisible format characters (zero-width space, bidi marks, BOM, soft hyphen) are
not tokens: the diff never sees them, so changes of spacing are never differences.

- a *word* is a run of letters/digits with their combining marks (so decomposed accents,
  Devanagari vowel signs and Arabic harakat stay inside the word) and joiners (ZWNJ in Persian);
- a *number* starts with a digit and may hold inner separators: ``12``, ``3.5``, ``1,000``,
  ``12:30``, ``22/03`` and a suffix ``12th``, ``5km``;
- in scripts written without spaces (CJK ideographs, kana, Thai, Lao, Khmer, Myanmar) every
  character is its own token;
- anything else is one token per character (punctuation, symbols), an emoji keeps its modifiers
  and ZWJ sequence, a flag its two regional indicators.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from desktop.core.text.scripts import NO_SPACES

WORD, NUMBER, CHAR, PUNCT, SYMBOL = "word", "number", "char", "punct", "symbol"


class Token(NamedTuple):
    """A token and its character range in the text it was cut from (``text[start:end]``)."""

    start: int
    end: int
    text: str
    kind: str  # WORD, NUMBER, CHAR, PUNCT or SYMBOL


def _mark_ranges() -> str:
    """A regex class body for every combining mark (categories Mn, Mc, Me) of this Python."""
    marks = [cp for cp in range(0x300, 0x20000) if unicodedata.category(chr(cp))[0] == "M"]
    parts: list[str] = []
    start = prev = marks[0]
    for cp in [*marks[1:], -1]:
        if cp != prev + 1:
            parts.append(chr(start) if start == prev else f"{chr(start)}-{chr(prev)}")
            start = cp
        prev = cp
    return "".join(parts) + "\U000e0100-\U000e01ef"  # variation selectors supplement


_MARKS = _mark_ranges()
_JOINERS = "\u00ad\u200c\u200d"  # soft hyphen, ZWNJ, ZWJ: they may sit inside a word
_NOSPACE = NO_SPACES  # scripts written without spaces between words: one token per character
_INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_EMOJI_MODS = "\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
_LETTER = rf"[^\W_{_NOSPACE}]"
_INWORD = rf"(?:{_LETTER}|[{_MARKS}{_JOINERS}])"
_OTHER = rf"[^\s{_INVISIBLE}][{_MARKS}{_EMOJI_MODS}]*"

_TOKEN = re.compile(
    rf"(?P<{CHAR}>[{_NOSPACE}][{_MARKS}]*)"
    rf"|(?P<{NUMBER}>\d+(?:[.,:/]\d+)*{_INWORD}*)"
    rf"|(?P<{WORD}>{_LETTER}{_INWORD}*)"
    rf"|(?P<flag>[\U0001f1e6-\U0001f1ff]{{2}})"
    rf"|(?P<other>{_OTHER}(?:\u200d{_OTHER})*)"
)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Cut ``text`` into tokens whose ranges are shifted by ``offset``.

    Every character that is not whitespace or invisible belongs to exactly one token.
    """
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        s = m.group()
        if kind == "other":
            kind = PUNCT if unicodedata.category(s[0])[0] == "P" else SYMBOL
        elif kind == "flag":
            kind = SYMBOL
        append(Token(m.start() + offset, m.end() + offset, s, kind))
    return tokens
