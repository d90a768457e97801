"""The reason of a group: the shared fact named in words an analyst reads at a glance.

In order of what an analyst looks for first:
- "same statement by Putin": both sides attribute words to the same speaker (a name next to
  said / says / told / according to);
- "same number: 12-point plan" (a number both sides give, with the words that follow it), or
  "number differs: 12-point / 10-point" when both give a number in the same words and none agrees;
- "same event: “Xi Jinping left Moscow”": the shortest stretch of A's wording that holds most
  of the content words both sides share, with any name it cuts given whole; "same names:
  Chinese President Xi Jinping, Moscow" when the only words shared are names (who and where,
  not what happened);
- "same fact in other words": nothing shared word for word (the meaning model linked them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from desktop.core.align.lexical import STOPWORDS

_WORD = re.compile(r"\d+(?:[.,]\d+)*(?:-[^\W\d_]+)?|[^\W\d_][\w\-'’]*")
_SPEECH = r"(?:said|says|told|stated|declared|announced|added|wrote|according\s+to)"
_NAME = r"[A-Z][\w\-'’]+(?:\s+[A-Z][\w\-'’]+){0,2}"
_SPEAKER_AFTER = re.compile(rf"\b{_SPEECH}\s+(?:the\s+)?(?:[a-z]+\s+)?({_NAME})")
_SPEAKER_BEFORE = re.compile(rf"({_NAME})\s+(?:has\s+|had\s+)?{_SPEECH}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:-[^\W\d_]+)?(?:\s+[^\W\d_]+)?")
_THOUSANDS = re.compile(r"[.,](?=\d{3}\b)")
_LEADING_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*-?")
T = TypeVar("T")
SPAN_WORDS = 9  # the longest stretch of wording quoted in a reason (names it cuts are added whole)
NAME_WORDS = 3  # the words of a cut name added to the quote at most, on each side
_TITLES = frozenset({"president", "minister", "spokesman", "spokeswoman", "police", "officials", "the"})


def shared_fact(texts_a: Sequence[str], texts_b: Sequence[str]) -> str:
    """A short phrase naming what the two sides of a group have in common."""
    return Namer([" ".join(texts_a)], [" ".join(texts_b)]).name([0], [0])


class Namer:
    """Names the shared fact of groups of two documents; each passage is read once (speakers,
    numbers, content stems), so naming thousands of groups costs little more than reading."""

    def __init__(self, texts_a: Sequence[str], texts_b: Sequence[str]) -> None:
        self.texts = (texts_a, texts_b)
        self._speakers: tuple[dict[int, dict[str, str]], ...] = ({}, {})
        self._stems: tuple[dict[int, set[str]], ...] = ({}, {})
        self._capitalised: tuple[dict[int, set[str]], ...] = ({}, {})
        self._words: dict[int, list[tuple[int, int, str]]] = {}
        self._numbers: tuple[dict[int, dict[str, str]], ...] = ({}, {})

    def numbers(self, side: int, ks: Sequence[int]) -> dict[str, str]:
        """``_number_map`` of the passages ``ks`` joined (cached for a single passage: a number
        and its word may straddle two joined passages, so a join is read as a whole)."""
        if len(ks) != 1:
            return _number_map(" ".join(self.texts[side][k] for k in ks))
        return _read_once(self._numbers[side], ks[0], lambda: _number_map(self.texts[side][ks[0]]))

    def speakers(self, side: int, k: int) -> dict[str, str]:
        return _read_once(self._speakers[side], k, lambda: _speakers(self.texts[side][k]))

    def stems(self, side: int, k: int) -> set[str]:
        return _read_once(self._stems[side], k, lambda: _stems(self.texts[side][k]))

    def capitalised(self, side: int, k: int) -> set[str]:
        return _read_once(self._capitalised[side], k, lambda: _capitalised_stems(self.texts[side][k]))

    def words(self, a: Sequence[int], text: str) -> list[tuple[int, int, str]]:
        if len(a) != 1:
            return _content_words(text)
        return _read_once(self._words, a[0], lambda: _content_words(text))

    def name(self, a: Sequence[int], b: Sequence[int]) -> str:
        speakers_b = {s for j in b for s in self.speakers(1, j)}
        for i in a:
            for stem, name in self.speakers(0, i).items():
                if stem in speakers_b:
                    return f"same statement by {name}"
        number = _compare_numbers(self.numbers(0, a), self.numbers(1, b))
        if number:
            return number
        text_a = self.texts[0][a[0]] if len(a) == 1 else " ".join(self.texts[0][i] for i in a)
        shared = self.stems(1, b[0]) if len(b) == 1 else set().union(*(self.stems(1, j) for j in b))
        named_b = set().union(*(self.capitalised(1, j) for j in b))
        return _shared_span(text_a, shared, self.words(a, text_a), named_b) or "same fact in other words"


def _read_once(cache: dict[int, T], k: int, read: Callable[[], T]) -> T:
    """What ``read`` gives for passage ``k``, read once per passage."""
    got = cache.get(k)
    if got is None:
        got = cache[k] = read()
    return got


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


def _numbers(a: str, b: str) -> str:
    return _compare_numbers(_number_map(a), _number_map(b))


def _number_map(text: str) -> dict[str, str]:
    """Number key -> the last number written with it (with its word), keys in order of first use."""
    return {_number_key(t): t for t in _NUMBER.findall(text)}


def _compare_numbers(na: dict[str, str], nb: dict[str, str]) -> str:
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
    return _THOUSANDS.sub("", text.split()[0].split("-")[0])


def _unit(text: str) -> str:
    """The word a number counts ("12-point plan" -> "point"; "17 dead" -> "dead")."""
    rest = _LEADING_NUMBER.sub("", text).strip().lower()
    return rest.split()[0] if rest and rest.split()[0] not in STOPWORDS else ""


def _trim(text: str) -> str:
    words = text.split()
    return " ".join(w for w in words if w.lower() not in STOPWORDS) or words[0]


def _shared_span(a: str, shared: set[str], words: list[tuple[int, int, str]] | None = None,
                 named_b: set[str] | None = None) -> str:
    """"same event: “...”" with the stretch of at most SPAN_WORDS words of ``a`` holding the most
    shared content stems, or "same names: ..." when all it shares are names; "" when nothing.
    A name the stretch cuts is given whole ("Xi Jinping left Moscow", not "Jinping left Moscow").
    ``words``: ``_content_words(a)`` when the caller has it already; ``named_b``: the stems the
    other side capitalises (None: every shared word counts as a name there too)."""
    words = _content_words(a) if words is None else words
    hits = [(k, stem) for k, (_, _, stem) in enumerate(words) if stem and stem in shared]
    if not hits:
        return ""
    start, end = _best_stretch(hits)
    in_span = [k for k, _ in hits if start <= k <= end]
    if all(a[words[k][0]].isupper() for k in in_span):
        return _people(a, words, in_span, shared, named_b)
    start, end = _whole_names(a, words, start, end)
    return f"same event: “{a[words[start][0]:words[end][1]]}”"


def _best_stretch(hits: list[tuple[int, str]]) -> tuple[int, int]:
    """(first, last) word of the stretch of at most SPAN_WORDS words with the most distinct
    shared stems, the shortest first."""
    best, best_key = (hits[0][0], hits[0][0]), (0, 0)
    for h, (start, _) in enumerate(hits):
        seen: set[str] = set()
        for end, stem in hits[h:]:
            if end - start >= SPAN_WORDS:
                break
            seen.add(stem)
            key = (len(seen), -(end - start))
            if key > best_key:
                best, best_key = (start, end), key
    return best


def _whole_names(a: str, words: list[tuple[int, int, str]], start: int, end: int) -> tuple[int, int]:
    """The stretch widened over the capitalised words (not stopwords, at most NAME_WORDS a side,
    separated by spaces only) of a name it cuts."""
    def in_name(k: int) -> bool:
        word = a[words[k][0]:words[k][1]]
        return word[0].isupper() and word.lower() not in STOPWORDS

    def joined(k: int) -> bool:  # words k and k + 1 are separated by spaces only
        return not a[words[k][1]:words[k + 1][0]].strip()

    if in_name(start):
        first = max(0, start - NAME_WORDS)
        while start > first and in_name(start - 1) and joined(start - 1):
            start -= 1
    if in_name(end):
        last = min(len(words) - 1, end + NAME_WORDS)
        while end < last and in_name(end + 1) and joined(end):
            end += 1
    return start, end


def _people(a: str, words: list[tuple[int, int, str]], hits: list[int], shared: set[str],
            named_b: set[str] | None) -> str:
    """Only capitalised words are shared: the group shares who and where, and says so. Each
    shared name is shown with the capitalised words around it ("Chinese President Xi Jinping")
    when the other side writes it as a name too; where it does not ("Japanese Prime Minister
    Fumio Kishida" against "the Chinese prime minister"), only the shared words are shown ("Prime
    Minister"), not a name the other side never gives."""
    names: list[str] = []
    covered = -1
    for k in hits:
        if k <= covered:
            continue
        lo, hi = k, k
        while lo > 0 and a[words[lo - 1][0]].isupper():
            lo -= 1
        while hi + 1 < len(words) and a[words[hi + 1][0]].isupper():
            hi += 1
        covered = hi
        common = [t for t in range(lo, hi + 1) if words[t][2] in shared]
        if named_b is not None and not any(words[t][2] in named_b for t in common):
            lo, hi = common[0], common[-1]
        names.append(a[words[lo][0]:words[hi][1]])
    return f"same names: {', '.join(dict.fromkeys(names))}"


def _capitalised_stems(text: str) -> set[str]:
    """Stems of the words ``text`` writes with a capital letter (names, and a sentence's first word)."""
    return {_stem(w) for w in _WORD.findall(text) if w[0].isupper()}


def _content_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stem) of every word; stem "" for stopwords and words of two letters or fewer."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0)
        out.append((m.start(), m.end(), _stem(w) if w.lower() not in STOPWORDS and len(w) > 2 else ""))
    return out
