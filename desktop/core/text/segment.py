"""Cut a source into passages (sentences or paragraphs) with exact character offsets.

Paragraphs: blocks separated by blank lines. Inside a block, every line break starts a new
paragraph (news copied from the web puts one paragraph per line, like the second seed) unless
the text looks hard-wrapped: most lines then fill a similar width and rarely end a sentence.
In hard-wrapped text a line break is soft, except after a line clearly shorter than the
width (a paragraph's last line, a headline), before a bullet, or before an indented line.

Sentences come from ``desktop.core.text.sentences`` inside each paragraph, so a passage never
crosses a paragraph boundary. For every passage ``text[p.start:p.end] == p.text``.

No passage is longer than ``limits.MAX_PASSAGE_CHARS``: a longer sentence or paragraph (a text
without punctuation, a page pasted as one line) is cut into pieces, each ending at the last
sentence or clause break (". ", ", ", "; ", "。") in the second half of the allowed length,
else at the last whitespace, else (a script without spaces, one endless token) at the limit
itself, never inside a combining sequence. Every later stage's cost per passage is bounded by this length.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop.core import limits
from desktop.core.model import Granularity, Passage, Source
from desktop.core.text.language import guess_language, other_script
from desktop.core.text.sentences import sentence_spans

_BULLET = re.compile(r"\s*([-*+•‣◦▪●–—]\s|\(?\d{1,3}[.)]\s|[a-z][.)]\s)")
_SENTENCE_END = (".", "!", "?", "…", ":", ";", "。", "！", "？", '"', "”", "»", "’", "'")
_MAX_WRAP_WIDTH = 110  # wider lines are paragraphs, not a hard-wrapped column
_OWN_LANGUAGE_CHARS = 120  # a paragraph this long is enough to guess its own language
_SHORT_LINE = 0.6  # a line shorter than this share of the width ends its paragraph
_BREAK = re.compile(r"[.!?…;:,،]\s|[。！？、，；]")  # a sentence or clause ends here (the first character)
_JOINERS = frozenset("\u200c\u200d\u2060")  # zero-width (non-)joiners and word joiner


@dataclass(frozen=True)
class _Line:
    start: int  # first non-blank character
    end: int  # after the last non-blank character
    indented: bool

    @property
    def length(self) -> int:
        return self.end - self.start


def split(source: Source, granularity: Granularity = Granularity.SENTENCE) -> tuple[Passage, ...]:
    """The passages of ``source`` from ``source.body_start`` on."""
    language = source.metadata.language or guess_language(source.text[source.body_start:])
    return split_text(source.text, granularity, start=source.body_start, language=language)


def split_text(text: str, granularity: Granularity = Granularity.SENTENCE, start: int = 0, *,
               language: str = "") -> tuple[Passage, ...]:
    """The passages of ``text[start:]``; offsets count from the beginning of ``text``."""
    if not language:
        language = guess_language(text[start:])
    passages: list[Passage] = []
    for number, (p_start, p_end) in enumerate(paragraph_spans(text, start), 1):
        if granularity is Granularity.PARAGRAPH:
            spans = [(p_start, p_end)]
        else:
            paragraph = text[p_start:p_end]
            own = sentence_spans(paragraph, _language(paragraph, language))
            spans = [(p_start + s, p_start + e) for s, e in own]
        spans = [piece for span in spans for piece in bounded(text, *span)]
        for sentence, (s_start, s_end) in enumerate(spans, 1):
            passages.append(Passage(len(passages), s_start, s_end, text[s_start:s_end], number, sentence))
    return tuple(passages)


def bounded(text: str, start: int, end: int, limit: int | None = None) -> list[tuple[int, int]]:
    """``text[start:end]`` as pieces of at most ``limit`` (default ``MAX_PASSAGE_CHARS``)
    characters, stripped of surrounding whitespace; a span within the limit is kept whole."""
    limit = limit or limits.MAX_PASSAGE_CHARS
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        cut = _cut(text, start, start + limit)
        pieces.append((start, _rstrip(text, start, cut)))
        start = _lstrip(text, cut, end)
    if start < end:
        pieces.append((start, end))
    return pieces


def _cut(text: str, start: int, stop: int) -> int:
    """Where to end a piece that may run from ``start`` to ``stop`` (exclusive)."""
    half = start + (stop - start) // 2
    breaks = list(_BREAK.finditer(text, half, stop))
    if breaks:
        return breaks[-1].start() + 1
    space = max(text.rfind(c, start + 1, stop) for c in " \n\t\u00a0\u3000")
    if space > start:
        return space
    cut = stop  # no whitespace at all: at the limit, but not inside a combining sequence
    while cut > start + 1 and (unicodedata.combining(text[cut]) or text[cut] in _JOINERS
                               or text[cut - 1] in _JOINERS):
        cut -= 1
    return cut


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _language(paragraph: str, default: str) -> str:
    """A long paragraph in another script than the document's (a Russian quote in an English
    article, a bilingual page) gets its own rules; short ones, with too little evidence, and
    ones in the same script keep the document's (guessing every paragraph would cost more
    than splitting it)."""
    if len(paragraph) < _OWN_LANGUAGE_CHARS or (default and not other_script(paragraph, default)):
        return default
    return guess_language(paragraph) or default


def paragraph_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of every paragraph in ``text[start:]``, stripped of surrounding whitespace."""
    blocks = _blocks(text, start)
    width = _wrap_width(text, blocks)
    spans: list[tuple[int, int]] = []
    for block in blocks:
        first = block[0]
        for prev, line in zip(block, block[1:], strict=False):
            if width is None or _breaks(text, prev, line, width):
                spans.append((first.start, prev.end))
                first = line
        spans.append((first.start, block[-1].end))
    return spans


def _blocks(text: str, start: int) -> list[list[_Line]]:
    """Non-blank lines grouped into blank-line separated blocks."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    pos = start
    length = len(text)
    while pos <= length:
        nl = text.find("\n", pos)
        stop = length if nl < 0 else nl
        line = _line(text, pos, stop)
        if line is None:
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
        if nl < 0:
            break
        pos = nl + 1
    if current:
        blocks.append(current)
    return blocks


def _line(text: str, pos: int, stop: int) -> _Line | None:
    begin, end = pos, stop
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if begin == end:
        return None
    return _Line(begin, end, indented=begin - pos >= 2 or text[pos:begin].startswith("\t"))


def _wrap_width(text: str, blocks: list[list[_Line]]) -> int | None:
    """The column width if the text looks hard-wrapped, else None (every newline is a break).

    Evidence: the pairs of neighbouring lines inside a block. In hard-wrapped prose the first
    lines of the pairs have similar lengths (most at least half the 90th-percentile width), no
    wider than a typewriter column, mostly do not end a sentence, and the sentence visibly runs
    on (the next line starts in lower case, or the line ends in a comma or hyphen). A list of
    headlines has the first traits but not the last.
    """
    pairs = [(a, b) for block in blocks for a, b in zip(block, block[1:], strict=False)]
    if len(pairs) < 3:
        return None
    lengths = sorted(a.length for a, _ in pairs)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > _MAX_WRAP_WIDTH:
        return None
    full = sum(1 for n in lengths if n >= width * 0.5) / len(pairs)
    ends = sum(1 for a, _ in pairs if text[a.start:a.end].endswith(_SENTENCE_END)) / len(pairs)
    runs_on = sum(1 for a, b in pairs if _runs_on(text, a, b)) / len(pairs)
    if full < 0.75 or ends > 0.4 or runs_on < 0.3:
        return None
    return width


def _runs_on(text: str, line: _Line, following: _Line) -> bool:
    """Does the sentence visibly continue on the next line? (Caseless scripts count as yes.)"""
    first = text[following.start]
    return first.islower() or (first.isalpha() and not first.isupper()) or text[line.end - 1] in ",;-–"


def _breaks(text: str, prev: _Line, line: _Line, width: int) -> bool:
    """In hard-wrapped text: does the line break between ``prev`` and ``line`` end a paragraph?"""
    if prev.length < width * _SHORT_LINE:
        return True
    if _BULLET.match(text, line.start):
        return True
    return line.indented and not prev.indented
