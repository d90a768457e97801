"""The reason of a group: the shared fact named in words an analyst reads at a glance.

In order of what an analyst looks for first:
- "same statement by Putin": both sides attribute words to the same speaker (a name next to
  said / says / told / according to);
- "same number: 12-point plan" (a number both sides give, with the words that follow it), or
  "number differs: 12-point / 10-point" when both give a number in the same words and none agrees;
- "same event: “Xi Jinping left Moscow”": the shortest stretch of A's wording that holds most
  of the content words both sides share;
- "same fact in other words": nothing shared word for word (the meaning model linked them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.core.align.lexical import STOPWORDS, Space

_WORD = re.compile(r"\d+(?:[.,]\d+)*(?:-[^\W\d_]+)?|[^\W\d_][\w\-'’]*")
_SPEECH = r"(?:said|says|told|stated|declared|announced|added|wrote|according\s+to)"
_NAME = r"[A-Z][\w\-'’]+(?:\s+[A-Z][\w\-'’]+){0,2}"
_SPEAKER_AFTER = re.compile(rf"\b{_SPEECH}\s+(?:the\s+)?(?:[a-z]+\s+)?({_NAME})")
_SPEAKER_BEFORE = re.compile(rf"({_NAME})\s+(?:has\s+|had\s+)?{_SPEECH}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:-[^\W\d_]+)?(?:\s+[^\W\d_]+)?")
SPAN_WORDS = 9  # the longest stretch of wording quoted in a reason
_TITLES = frozenset({"president", "minister", "spokesman", "spokeswoman", "police", "officials", "the"})


def shared_fact(texts_a: Sequence[str], texts_b: Sequence[str], space: Space | None = None,
                va: dict[int, float] | None = None, vb: dict[int, float] | None = None) -> str:
    """A short phrase naming what the two sides of a group have in common."""
    a, b = " ".join(texts_a), " ".join(texts_b)
    speaker = _same_speaker(a, b)
    if speaker:
        return f"same statement by {speaker}"
    number = _numbers(a, b)
    if number:
        return number
    span = _shared_span(a, _stems(b))
    if span:
        return f"same event: “{span}”"
    return "same fact in other words"


def _stem(word: str) -> str:
    return word.lower()[:5]


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 2}


def _speakers(text: str) -> dict[str, str]:
    """Speaker stems (each word of the name) -> the name as written."""
    out: dict[str, str] = {}
    for pattern in (_SPEAKER_AFTER, _SPEAKER_BEFORE):
        for match in pattern.finditer(text):
            name = match.group(1)
            words = [w for w in name.split() if w.lower() not in _TITLES]
            for word in words:
                out.setdefault(_stem(word), words[-1])
    return out


def _same_speaker(a: str, b: str) -> str:
    sa, sb = _speakers(a), _speakers(b)
    for stem, name in sa.items():
        if stem in sb:
            return name
    return ""


def _numbers(a: str, b: str) -> str:
    na = {_number_key(m.group(0)): m.group(0) for m in _NUMBER.finditer(a)}
    nb = {_number_key(m.group(0)): m.group(0) for m in _NUMBER.finditer(b)}
    common = [k for k in na if k in nb]
    if common:
        return f"same number: {_trim(na[common[0]])}"
    by_unit_a = {_unit(t): t for t in na.values() if _unit(t)}
    for t in nb.values():
        unit = _unit(t)
        if unit and unit in by_unit_a:
            return f"number differs: {_trim(by_unit_a[unit])} / {_trim(t)}"
    return ""


def _number_key(text: str) -> str:
    return re.sub(r"[.,](?=\d{3}\b)", "", text.split()[0].split("-")[0])


def _unit(text: str) -> str:
    """The word a number counts ("12-point plan" -> "point"; "17 dead" -> "dead")."""
    rest = re.sub(r"^\d+(?:[.,]\d+)*-?", "", text).strip().lower()
    return rest.split()[0] if rest and rest.split()[0] not in STOPWORDS else ""


def _trim(text: str) -> str:
    words = text.split()
    return " ".join(w for w in words if w.lower() not in STOPWORDS) or words[0]


def _shared_span(a: str, shared: set[str]) -> str:
    """The stretch of at most SPAN_WORDS words of ``a`` holding the most shared content stems."""
    words = list(_WORD.finditer(a))
    hits = [_stem(w.group(0)) in shared and w.group(0).lower() not in STOPWORDS and len(w.group(0)) > 2
            for w in words]
    if not any(hits):
        return ""
    best, best_key = (0, 0), (-1, 0)
    for start in range(len(words)):
        if not hits[start]:
            continue
        seen: set[str] = set()
        for end in range(start, min(len(words), start + SPAN_WORDS)):
            if hits[end]:
                seen.add(_stem(words[end].group(0)))
                key = (len(seen), -(end - start))
                if key > best_key:
                    best, best_key = (start, end), key
    start, end = best
    return a[words[start].start():words[end].end()]
