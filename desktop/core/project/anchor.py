"""Anchoring notes to words by quotation: find a quote in a source, load a NOTES.json file.

A quote is looked for exactly first; when it is not there, it is looked for again with
whitespace runs, quotation marks, dashes, compatibility forms and case made uniform (so
``"Putin's  “plan”"`` finds ``Putin’s "Plan"``). The range returned always points into the
original text. When a quote occurs several times, matches on word boundaries are preferred
("Xi" is not found inside "Xinhua" when it also stands alone); if that still leaves several,
``near`` (a former position) picks the closest, and without it the quote is ambiguous.
"""

from __future__ import annotations

import json
import unicodedata
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.core import limits
from desktop.core.model import MAX_SOURCES, Note, ParallaxError, Source, Which

Span = tuple[int, int]

_DROPPED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")  # soft hyphen, zero-width characters
_SAME = {
    **dict.fromkeys("‘’‚‛′`´‹›", "'"),
    **dict.fromkeys("“”„‟″«»「」『』", '"'),
    **dict.fromkeys("‐‑‒–—―−﹣－", "-"),
}


class AmbiguousQuote(ParallaxError):
    """A quote occurs several times and nothing says which one is meant."""

    def __init__(self, quote: str, matches: list[Span]):
        super().__init__(f"{_shorten(quote)} occurs {len(matches)} times")
        self.quote = quote
        self.matches = matches


def find_all(text: str, quote: str) -> list[Span]:
    """Every occurrence of ``quote`` in ``text`` as (start, end), exact ones if there are any."""
    if not quote.strip():
        return []
    spans = _occurrences(text, quote)
    if not spans:
        norm_text, positions = _normalised(text)
        norm_quote = _normalised(quote.strip())[0].strip()
        spans = [(positions[s], positions[s + len(norm_quote) - 1] + 1)
                 for s in _starts(norm_text, norm_quote)]
    on_words = [s for s in spans if _on_word_boundaries(text, *s)]
    return on_words or spans


def find_quote(text: str, quote: str, *, near: int | None = None) -> Span | None:
    """Where ``quote`` is in ``text``; None when it is not there.

    Raises ``AmbiguousQuote`` when it occurs several times and ``near`` is None.
    """
    spans = find_all(text, quote)
    if not spans:
        return None
    if len(spans) == 1:
        return spans[0]
    if near is None:
        raise AmbiguousQuote(quote, spans)
    return min(spans, key=lambda s: (abs(s[0] - near), s[0]))


def reanchor(note: Note, text: str) -> Note | None:
    """The note moved onto ``text`` (a source's new text); None when its quote is gone.

    A note whose quote is still at its offsets is returned unchanged; otherwise its quote
    is searched near its former position and the note takes the words found there.
    """
    if text[note.start:note.end] == note.quote and note.quote:
        return note
    span = find_quote(text, note.quote, near=note.start)
    if span is None:
        return None
    return replace(note, start=span[0], end=span[1], quote=text[span[0]:span[1]])


def load_notes_json(path: str | Path, sources: Sequence[Source] | Mapping[str, Source]
                    ) -> tuple[list[Note], list[str]]:
    """Read a NOTES.json file and anchor its notes in ``sources`` (source A first; a mapping from
    the letters "a", "b", ... to the sources is accepted too).

    The file is a list of ``{"source": "a", "quote": "exact words", "note": "text",
    "tags": ["omission"]}``, a source named by its letter ("a" to "l", either case); an optional
    ``"occurrence": N`` (1-based) chooses among repeated quotes. Notes whose quote is not found,
    or found several times without a way to choose, are skipped and described in the returned
    problems. A file that cannot be read, is not JSON, is not a list, or holds a malformed note or
    one for an unknown source raises ``ParallaxError`` naming the file, and so does a file over
    ``limits.MAX_NOTES_BYTES`` or with more than ``limits.MAX_NOTES`` notes (anchoring and laying
    out each note takes time).
    """
    path = Path(path)
    ordered = _in_order(sources)
    entries = _read_list(path)
    if len(entries) > limits.MAX_NOTES:
        raise ParallaxError(f"{path}: the notes file holds {len(entries):,} notes; the limit is "
                            f"{limits.MAX_NOTES:,}")
    notes: list[Note] = []
    problems: list[str] = []
    for number, entry in enumerate(entries, start=1):
        which, quote, text, tags, occurrence = _parse_entry(path, number, entry, len(ordered))
        source = which.of(ordered)
        side = which.key
        where = f"{path.name}, note {number}: the quote {_shorten(quote)}"
        spans = find_all(source.text, quote)
        if occurrence is not None:
            if occurrence > len(spans):
                problems.append(f"{where} occurs {len(spans)} time(s) in source {side} "
                                f"({source.label}), so occurrence {occurrence} does not exist")
                continue
            spans = [spans[occurrence - 1]]
        if not spans:
            problems.append(f"{where} was not found in source {side} ({source.label})")
        elif len(spans) > 1:
            problems.append(f"{where} occurs {len(spans)} times in source {side} ({source.label}); "
                            'quote more words, or add "occurrence": N, so it is found once')
        else:
            start, end = spans[0]
            notes.append(Note(which, start, end, source.text[start:end], text, tags))
    return notes, problems


def _in_order(sources: Sequence[Source] | Mapping[str, Source]) -> tuple[Source, ...]:
    """The sources in order; a mapping must name them "a", "b", ... without a gap."""
    if not isinstance(sources, Mapping):
        return tuple(sources)
    letters = [Which(k).key for k in range(len(sources))]
    if sorted(sources) != letters:
        raise ValueError(f"sources must be named {', '.join(letters)}, not {', '.join(sorted(sources))}")
    return tuple(sources[key] for key in letters)


# -- NOTES.json parsing ------------------------------------------------------------------------

def _read_list(path: Path) -> list[Any]:
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.MAX_NOTES_BYTES + 1)
        if len(data) > limits.MAX_NOTES_BYTES:
            raise ParallaxError(f"{path}: the notes file is {_file_size(path)}; the limit is "
                                f"{limits.size(limits.MAX_NOTES_BYTES)}")
        raw = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise ParallaxError(f"{path}: no such notes file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ParallaxError(f"{path}: cannot read the notes file ({exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ParallaxError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, "
                            f"column {exc.colno})") from None
    except RecursionError:
        raise ParallaxError(f"{path}: not a notes file (nested too deeply)") from None
    except ValueError as exc:  # a number longer than Python converts (4,300 digits)
        raise ParallaxError(f"{path}: not a notes file ({exc})") from None
    if not isinstance(data, list):
        raise ParallaxError(f'{path}: expected a list of notes like [{{"source": "a", "quote": "...", '
                            f'"note": "..."}}], found a JSON {type(data).__name__}')
    return data


def _file_size(path: Path) -> str:
    """The size of a notes file found too large (a pipe's ``stat`` says 0: "more than")."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    limit = limits.MAX_NOTES_BYTES
    return limits.size(size) if size > limit else f"more than {limits.size(limit)}"


def _unicode_text(where: str, name: str, value: str) -> None:
    """JSON may spell half of a surrogate pair ("\\ud800"), which no Unicode text can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParallaxError(f'{where}: "{name}" holds a lone surrogate (\\u{ord(value[exc.start]):04x}), '
                            "not Unicode text") from None


def _parse_entry(path: Path, number: int, entry: Any, count: int
                 ) -> tuple[Which, str, str, tuple[str, ...], int | None]:
    where = f"{path}: note {number}"
    if not isinstance(entry, dict):
        raise ParallaxError(f"{where} is not an object with source, quote and note")
    letters = ", ".join(w.key for w in Which.all(min(count, MAX_SOURCES)))
    side = entry.get("source")
    if not isinstance(side, str):
        raise ParallaxError(f'{where} has no "source" (one of {letters})')
    which = _letter(side.strip())
    if which is None or which.index >= count:
        raise ParallaxError(f'{where} is for source "{side}", but the sources are {letters}')
    quote = entry.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        raise ParallaxError(f'{where} has no "quote" (the exact words the note is about)')
    text = entry.get("note", "")
    if not isinstance(text, str):
        raise ParallaxError(f'{where}: "note" must be a string')
    tags = entry.get("tags", [])
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ParallaxError(f'{where}: "tags" must be a list of strings')
    occurrence = entry.get("occurrence")
    if occurrence is not None and (type(occurrence) is not int or occurrence < 1):
        raise ParallaxError(f'{where}: "occurrence" must be a whole number from 1')
    for name, value in (("quote", quote), ("note", text), *(("tags", t) for t in tags)):
        _unicode_text(where, name, value)
    return which, quote, text, tuple(t.strip() for t in tags if t.strip()), occurrence


def _letter(text: str) -> Which | None:
    """The source a letter names ("a" to "l", either case); None for anything else."""
    try:
        which = Which.parse(text)
    except ValueError:
        return None
    return which if which.index < MAX_SOURCES else None


# -- matching ----------------------------------------------------------------------------------

def _starts(text: str, quote: str) -> list[int]:
    """Start of every occurrence, overlapping ones included."""
    found: list[int] = []
    if not quote:
        return found
    at = text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _occurrences(text: str, quote: str) -> list[Span]:
    return [(s, s + len(quote)) for s in _starts(text, quote)]


@lru_cache(maxsize=MAX_SOURCES + 4)
def _normalised(text: str) -> tuple[str, array]:
    """``text`` made uniform, and for each of its characters the index it came from.

    Cached: loading a notes file searches the same few sources many times.
    """
    out: list[str] = []
    positions = array("q")
    for i, ch in enumerate(text):
        if ch.isspace():
            if not out or out[-1] != " ":
                out.append(" ")
                positions.append(i)
            continue
        if ch in _DROPPED:
            continue
        folded = _fold(ch)
        out.extend(folded)
        positions.extend([i] * len(folded))
    return "".join(out), tuple(positions)


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    same = _SAME.get(ch)
    if same is not None:
        return same
    if ch.isascii():
        return ch.lower()
    return "".join(_SAME.get(c, c) for c in unicodedata.normalize("NFKD", ch).casefold())


def _wordish(ch: str) -> bool:
    """A character that continues a word; scripts written without spaces (CJK) never do."""
    return ch.isalnum() and ord(ch) < 0x2E80


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    if start >= end:
        return False
    left = start == 0 or not (_wordish(text[start - 1]) and _wordish(text[start]))
    right = end == len(text) or not (_wordish(text[end - 1]) and _wordish(text[end]))
    return left and right


def _shorten(quote: str, limit: int = 60) -> str:
    flat = " ".join(quote.split())
    return f"“{flat if len(flat) <= limit else flat[:limit - 1] + '…'}”"
