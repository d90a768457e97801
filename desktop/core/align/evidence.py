"""What each passage says that the same-fact model can compare: its names, numbers, content
words, character trigrams, and whether it is boilerplate (a URL line, a bare date) or a quote.

Everything here is per passage and per document pair; ``pairfeatures`` turns two documents'
evidence into the feature rows of candidate pairs. Sets of keys are stored as sparse rows
(``lexical.Rows``) so that what two passages share is a vectorised sparse dot product.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from desktop.core.align.lexical import STOPWORDS, Rows, tokens

URL_RE = re.compile(r"https?\s*:|www\s*\.|\.\s*(?:com|org|net|html?)\b", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE_LINE_RE = re.compile(
    rf"^\W*(?:updated|posted|published)?\W*(?:{_MONTH}\s+\d|\d{{1,2}}\s+{_MONTH}|\d{{4}}-\d\d-\d\d)",
    re.IGNORECASE)
QUOTE_RE = re.compile(r"[\"“”„«»「」]|``|''")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_NAME_RE = re.compile(r"[^\W\d_][\w\-'’]*")
DATE_LINE_MAX_WORDS = 8  # a "date line" is short: "Updated: November 11, 2011 18:50 IST"


@dataclass(frozen=True)
class KeySets:
    """Per passage of both documents, one set of keys as binary sparse rows, plus key weights."""

    a: Rows
    b: Rows
    weight: np.ndarray  # per key: its IDF over the passages of both documents

    def sizes(self, side: int) -> np.ndarray:
        rows = self.a if side == 0 else self.b
        return np.diff(rows.indptr).astype(np.float64)


@dataclass(frozen=True)
class Evidence:
    """The per-passage evidence of two documents (side 0 is A, side 1 is B)."""

    names: KeySets
    numbers: KeySets
    content: KeySets  # content-word stems (5 letters), stopwords left out
    words: tuple[list[list[str]], list[list[str]]]  # per passage: its content words, lower case
    recurring: np.ndarray  # per content stem: ln(1 + passages of A with it) * ln(1 + of B)
    trigrams: tuple[Rows, Rows]  # character-trigram TF-IDF rows, L2-normalised (cosine = dot)
    url: tuple[np.ndarray, np.ndarray]  # bool per passage
    date_line: tuple[np.ndarray, np.ndarray]
    quote: tuple[np.ndarray, np.ndarray]
    length: tuple[np.ndarray, np.ndarray]  # log(1 + word count)
    keyword: tuple[np.ndarray, np.ndarray]  # how much of the pair's recurring vocabulary it holds


def gather(texts_a: Sequence[str], texts_b: Sequence[str]) -> Evidence:
    """The evidence of both documents."""
    toks = ([tokens(t) for t in texts_a], [tokens(t) for t in texts_b])
    words = tuple([content_words(t) for t in side] for side in toks)
    content = _key_sets([[{w[:5] for w in ws} for ws in side] for side in words])
    recurring = _recurring(content)
    return Evidence(
        names=_key_sets([[_names(t) for t in texts] for texts in (texts_a, texts_b)]),
        numbers=_key_sets([[_numbers(t) for t in texts] for texts in (texts_a, texts_b)]),
        content=content,
        words=words,
        recurring=recurring,
        trigrams=_trigram_rows(texts_a, texts_b),
        url=_flags(texts_a, texts_b, lambda t: bool(URL_RE.search(t))),
        date_line=(_date_lines(texts_a, toks[0]), _date_lines(texts_b, toks[1])),
        quote=_flags(texts_a, texts_b, lambda t: bool(QUOTE_RE.search(t))),
        length=tuple(np.array([math.log1p(len(t)) for t in side]) for side in toks),
        keyword=_keyword_weight(content, recurring),
    )


def content_words(words: list[str]) -> list[str]:
    """The words that carry content, in lower case: no stopwords, no one- or two-letter words
    (numbers of any length stay)."""
    return [low for w in words if (len(w) > 2 or w[0].isdigit()) and (low := w.lower()) not in STOPWORDS]


def _names(text: str) -> set[str]:
    """Capitalised words that are not function words ("The", "But"), first 6 letters, lower case."""
    return {low[:6] for w in _NAME_RE.findall(text)
            if len(w) > 1 and w[0].isupper() and (low := w.lower()) not in STOPWORDS}


def _numbers(text: str) -> set[str]:
    return {m.replace(",", "") for m in _NUMBER_RE.findall(text)}


def _flags(texts_a: Sequence[str], texts_b: Sequence[str], test) -> tuple[np.ndarray, np.ndarray]:
    return (np.array([test(t) for t in texts_a], dtype=bool),
            np.array([test(t) for t in texts_b], dtype=bool))


def _date_lines(texts: Sequence[str], toks: list[list[str]]) -> np.ndarray:
    return np.array([len(w) < DATE_LINE_MAX_WORDS and bool(DATE_LINE_RE.search(t))
                     for t, w in zip(texts, toks, strict=True)], dtype=bool)


def _key_sets(sides: list[list[set[str]]]) -> KeySets:
    """Binary rows over one shared key vocabulary, with IDF weights over both documents. Keys get
    their ids in sorted order, not set order: set order follows the process's string hashing, and
    sums over a different order differ in their last bits from one run to the next."""
    ids: dict[str, int] = {}
    rows = []
    for side in sides:
        per = [sorted(ids.setdefault(k, len(ids)) for k in sorted(keys)) for keys in side]
        rows.append(binary_rows(per))
    df = np.zeros(len(ids))
    for r in rows:
        df += np.bincount(r.indices, minlength=len(ids))  # whole counts: as exact as adding ones
    n = sum(r.n for r in rows)
    weight = np.log((n + 1.0) / np.maximum(df, 1.0)) if len(ids) else np.zeros(0)
    return KeySets(rows[0], rows[1], weight)


def binary_rows(per_row: list[list[int]]) -> Rows:
    """Rows holding the given sorted key ids, each with the value 1."""
    indptr = np.zeros(len(per_row) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in per_row], out=indptr[1:])
    indices = np.fromiter((k for r in per_row for k in r), dtype=np.int64, count=int(indptr[-1]))
    return Rows(indptr, indices, np.ones(len(indices)))


def _trigram_rows(texts_a: Sequence[str], texts_b: Sequence[str]) -> tuple[Rows, Rows]:
    """Character trigrams of the lower-cased text, sublinear TF x IDF over both documents.

    Vectorised: a trigram is the integer c0 * 2^42 + c1 * 2^21 + c2 of its code points, so one
    sort of all trigrams of both documents gives the vocabulary in string order (the ids), the
    counts per passage and the document frequencies. The logarithms are taken with ``math.log``
    on the distinct counts and frequencies, and each row is normalised on its own, so the values
    are bit for bit those of the per-passage computation this replaced."""
    texts = [_normalised(t) for t in (*texts_a, *texts_b)]
    n = len(texts)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes = codes.astype(np.int64)
    ends = np.cumsum(lengths)
    grams = np.maximum(lengths - 2, 0)  # trigrams per passage
    row = np.repeat(np.arange(n, dtype=np.int64), grams)
    start = np.repeat(ends - lengths - (np.cumsum(grams) - grams), grams) + np.arange(int(grams.sum()))
    key = (codes[start] << 42) | (codes[start + 1] << 21) | codes[start + 2]
    vocab = np.unique(key)
    gram_id = np.searchsorted(vocab, key)  # np.unique's inverse, without its argsort
    pair, count = np.unique(row * len(vocab) + gram_id, return_counts=True)
    pair_row, pair_gram = pair // max(len(vocab), 1), pair % max(len(vocab), 1)
    df = np.bincount(pair_gram, minlength=len(vocab))
    idf = _mapped(df, lambda d: math.log((n + 1.0) / (d + 0.5)))
    w = (1.0 + _mapped(count, math.log)) * idf[pair_gram]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(pair_row, minlength=n), out=indptr[1:])
    norms = np.ones(len(w))
    for r in range(n):
        lo, hi = indptr[r], indptr[r + 1]
        if hi > lo:
            part = w[lo:hi]
            norms[lo:hi] = float(np.sqrt((part * part).sum())) or 1.0
    data = w / norms
    split = len(texts_a)
    cut = indptr[split]
    return (Rows(indptr[:split + 1].copy(), pair_gram[:cut], data[:cut]),
            Rows(indptr[split:] - cut, pair_gram[cut:], data[cut:]))


def _normalised(text: str) -> str:
    return " " + " ".join(text.lower().split()) + " "


def _mapped(values: np.ndarray, fn) -> np.ndarray:
    """``fn`` (a Python float function) of each value, computed once per distinct value."""
    distinct = np.unique(values)
    return np.array([fn(int(v)) for v in distinct], dtype=np.float64)[np.searchsorted(distinct, values)]


def _recurring(content: KeySets) -> np.ndarray:
    """Per content stem: ln(1 + passages of A with it) * ln(1 + passages of B with it)."""
    per_a = np.bincount(content.a.indices, minlength=len(content.weight)).astype(np.float64)
    per_b = np.bincount(content.b.indices, minlength=len(content.weight)).astype(np.float64)
    return np.log1p(per_a) * np.log1p(per_b)


def _keyword_weight(content: KeySets, recurring: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per passage: how much of the vocabulary both documents keep returning to it holds.

    A stem used in many passages of A *and* of B names the event both report ("killed", "Sam's
    Club"); a passage full of such stems states the central fact (the guidelines link every
    statement of it). A passage's score is the sum of its stems' ``recurring`` weights / sqrt(1 +
    its stem count).
    """
    out = []
    for rows in (content.a, content.b):
        sums = np.bincount(rows.row_ids(), weights=recurring[rows.indices], minlength=rows.n)
        out.append(sums / np.sqrt(1.0 + np.diff(rows.indptr)))
    return out[0], out[1]
