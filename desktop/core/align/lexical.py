"""The one adapter around the lexical similarity model of the aligner.

Every setting of the model is in ``Settings``; the defaults are the measured ones
(``benchmarks/align_quality.py``). The model is deliberately lexical and language-light, so it
works offline for English, German and any language with spaces between words:

- tokens are letter runs and numbers (``73.7``, ``850,000`` == ``850.000``); runs of CJK
  characters become character bigrams;
- each word gives three keys: its first 5 characters (light stemming that suits English and
  German alike), its first 4, and for long words its last 5 (the head of a German compound:
  "Zorneshitze" shares "hitze" with "Hitze"); numbers are one exact key;
- weights are TF-IDF with the IDF computed over the sentences of *both* documents, so a term
  is informative when it is rare in this pair of documents; numbers weigh double;
- vectors are L2-normalised, so the dot product of two rows is their cosine.

``Space`` holds the weighted vectors of both sides as CSR arrays (numpy) plus what the
aligner needs for groups (cosine of merged sentences, containment) and for reasons.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from desktop.core.text.scripts import CJK_RE as _CJK

_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+", re.UNICODE)
_THOUSANDS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")

NUMBER, NAME, WORD = "number", "name", "word"

# Shown in no reason and (with ``Settings.stop_weight``) optionally down-weighted. English and
# German only: other languages rely on the IDF alone.
_STOP_TEXT = """
a an the and or but if then else of to in on at by for with from
into onto over under about as is are was were be been being am do does did have has had having it its
this that these those there here he she they them their his her him we us our you your i me my not no
nor so than too very can could will would shall should may might must also just only which who whom
whose what when where why how all any both each few more most other some such own same up out off again
once said says say one after before while during since until against between through per via der die das
den dem des ein eine einer eines einem einen und oder aber wenn dann als wie im in am an auf aus bei mit
nach von vor zu zum zur um über unter durch für gegen ohne ist sind war waren sein bin bist seid wird
werden wurde wurden hat haben hatte hatten es er sie wir ihr ich du man sich nicht kein keine auch noch
nur schon so sehr dass daß was wer wo viel viele dieser diese dieses diesen diesem jeder jede jedes kann
können muss müssen soll sollen will wollen mehr dort hier da denn doch ja nein uns euch ihm ihn ihnen
mein dein seine seinen seinem seiner ihre ihren ihrem ihrer unser unsere
"""
STOPWORDS = frozenset(_STOP_TEXT.split())


@dataclass(frozen=True)
class Settings:
    """Tokenisation and weighting of the lexical model (defaults: measured)."""

    prefix: int = 5  # main key of a word: its first `prefix` lowercased characters
    short_prefix: int = 4  # second key (0: none)
    suffix: int = 5  # third key for words longer than `suffix_min_len` (0: none)
    suffix_min_len: int = 7
    extra_key_weight: float = 0.3  # weight of the short-prefix and suffix keys against the main key
    name_key: bool = True  # a capitalised non-initial word also gives a name key (matches names only)
    name_key_weight: float = 0.5
    number_boost: float = 2.0
    name_boost: float = 1.0
    stop_weight: float = 1.0  # multiplier of stopword keys (1: IDF alone decides)
    idf_smoothing: float = 0.5  # idf = ln((N + 1) / (df + smoothing)), N = sentences of A and B
    sublinear_tf: bool = True  # tf -> 1 + ln(tf)


DEFAULT_SETTINGS = Settings()


@dataclass
class Rows:
    """One side's sentences as CSR rows of L2-normalised weights (cosine = dot product)."""

    indptr: np.ndarray  # int64, len n + 1
    indices: np.ndarray  # int64 feature ids, sorted inside each row
    data: np.ndarray  # float64 weights

    @property
    def n(self) -> int:
        return len(self.indptr) - 1

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.indptr[i], self.indptr[i + 1]
        return self.indices[lo:hi], self.data[lo:hi]

    def row_ids(self) -> np.ndarray:
        """The row of every stored entry."""
        return np.repeat(np.arange(self.n, dtype=np.int64), np.diff(self.indptr))


@dataclass
class Space:
    """Both documents in one feature space, plus display information for reasons."""

    a: Rows
    b: Rows
    n_features: int
    kind: list[str]  # per feature id: NUMBER, NAME or WORD
    label: list[str]  # per feature id: a surface form to show ("Putin", "12", "peace")
    stop: np.ndarray  # bool per feature id: stopword key
    shown: np.ndarray  # bool per feature id: a whole-word key a reason may name
    is_name_key: np.ndarray  # bool per feature id: a key only capitalised non-initial words give

    def side(self, s: int) -> Rows:
        return self.a if s == 0 else self.b


class _Vocabulary:
    """Maps surface tokens to feature ids, caching per distinct token."""

    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self.ids: dict[str, int] = {}
        self.kind: list[str] = []
        self.label: list[str] = []
        self.stop: list[bool] = []
        self.shown: list[bool] = []
        self.name_key: list[bool] = []
        self._cache: dict[str, tuple[int, ...]] = {}

    def _fid(self, key: str, kind: str, label: str, stop: bool) -> int:
        fid = self.ids.get(key)
        if fid is None:
            fid = self.ids[key] = len(self.kind)
            self.kind.append(kind)
            self.label.append(label)
            self.stop.append(stop)
            self.shown.append(key[0] in "#pc")
            self.name_key.append(key[0] == "n")
        elif kind == NAME and self.kind[fid] == WORD:
            self.kind[fid], self.label[fid] = NAME, label
        return fid

    def features(self, token: str, capitalised_name: bool) -> tuple[int, ...]:
        """Feature ids of one token; ``capitalised_name``: a capitalised non-initial word."""
        cache_key = token if not capitalised_name else "\x00" + token
        got = self._cache.get(cache_key)
        if got is not None:
            return got
        s = self.s
        if token[0].isdigit():
            m = _THOUSANDS.fullmatch(token)
            norm = re.sub(r"[.,]", "", token) if m else token.replace(",", ".")
            out: tuple[int, ...] = (self._fid("#" + norm, NUMBER, token, False),)
        elif len(token) == 1 and not _CJK.search(token):
            out = ()  # "s" of "Xi’s", "I", "a": no evidence
        elif _CJK.search(token):
            grams = [token[k:k + 2] for k in range(len(token) - 1)] or [token]
            out = tuple(self._fid("c:" + g, WORD, g, False) for g in grams)
        else:
            low = token.lower()
            kind = NAME if capitalised_name else WORD
            stop = low in STOPWORDS
            ids = [self._fid("p:" + low[: s.prefix], kind, token, stop)]
            if s.short_prefix and len(low) > s.short_prefix:
                ids.append(self._fid("q:" + low[: s.short_prefix], kind, token, stop))
            if s.suffix and len(low) > s.suffix_min_len:
                ids.append(self._fid("s:" + low[-s.suffix:], kind, token, stop))
            if capitalised_name and s.name_key and not stop:
                ids.append(self._fid("n:" + low[: s.prefix], NAME, token, False))
            out = tuple(ids)
        self._cache[cache_key] = out
        return out


def tokens(text: str) -> list[str]:
    """The word and number tokens of a text, in order."""
    return _TOKEN.findall(text)


def _sentence_features(vocab: _Vocabulary, text: str) -> list[int]:
    feats: list[int] = []
    cache, features = vocab._cache, vocab.features
    toks = _TOKEN.findall(text)
    for k, tok in enumerate(toks):
        # A capitalised non-initial word (not an all-caps acronym) counts as a name.
        name = k > 0 and tok[0].isupper() and not tok.isupper()
        got = cache.get("\x00" + tok if name else tok)
        feats.extend(got if got is not None else features(tok, name))
    return feats


def build_space(texts_a: Sequence[str], texts_b: Sequence[str], settings: Settings = DEFAULT_SETTINGS,
                progress: Iterable[None] | None = None) -> Space:
    """Featurise and weigh both documents. ``progress`` is advanced once per 500 sentences."""
    vocab = _Vocabulary(settings)
    ticks = iter(progress) if progress is not None else None
    per_side: list[list[list[int]]] = []
    for texts in (texts_a, texts_b):
        rows = []
        for k, text in enumerate(texts):
            rows.append(_sentence_features(vocab, text))
            if ticks is not None and k % 500 == 499:
                next(ticks, None)
        per_side.append(rows)
    n_feat = len(vocab.kind)
    # Sentence-level term counts -> (row, feature, tf) per side, via numpy.
    counted = [_count(rows, n_feat) for rows in per_side]
    df = np.zeros(n_feat, dtype=np.float64)
    for _, feat, _ in counted:
        df += np.bincount(feat, minlength=n_feat)
    n_sent = len(texts_a) + len(texts_b)
    idf = np.log((n_sent + 1.0) / (df + settings.idf_smoothing))
    boost = np.ones(n_feat)
    kinds = np.array([{NUMBER: 0, NAME: 1, WORD: 2}[k] for k in vocab.kind], dtype=np.int8)
    boost[kinds == 0] = settings.number_boost
    boost[kinds == 1] = settings.name_boost
    stop = np.array(vocab.stop, dtype=bool)
    boost[stop] *= settings.stop_weight
    name_keys = np.array(vocab.name_key, dtype=bool)
    boost[~np.array(vocab.shown, dtype=bool) & ~name_keys] *= settings.extra_key_weight
    boost[name_keys] *= settings.name_key_weight
    sides = [_weigh(rows_, feat, tf, len(rows), idf * boost, settings)
             for (rows_, feat, tf), rows in zip(counted, per_side, strict=True)]
    return Space(sides[0], sides[1], n_feat, vocab.kind, vocab.label, stop,
                 np.array(vocab.shown, dtype=bool), name_keys)


def _count(rows: list[list[int]], n_feat: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    flat = np.fromiter((f for r in rows for f in r), dtype=np.int64, count=int(lengths.sum()))
    row_of = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    keys, tf = np.unique(row_of * max(n_feat, 1) + flat, return_counts=True)
    return keys // max(n_feat, 1), keys % max(n_feat, 1), tf


def _weigh(row: np.ndarray, feat: np.ndarray, tf: np.ndarray, n: int, fweight: np.ndarray,
           settings: Settings) -> Rows:
    tfw = 1.0 + np.log(tf) if settings.sublinear_tf else tf.astype(np.float64)
    w = tfw * fweight[feat]
    norms = np.sqrt(np.bincount(row, weights=w * w, minlength=n))
    w = w / np.where(norms > 0, norms, 1.0)[row]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n), out=indptr[1:])
    return Rows(indptr, feat, w)


def merged(rows: Rows, members: Iterable[int]) -> dict[int, float]:
    """The summed (unnormalised) vector of several sentences, as a dict."""
    out: dict[int, float] = {}
    for i in members:
        idx, dat = rows.row(i)
        for f, w in zip(idx.tolist(), dat.tolist(), strict=True):
            out[f] = out.get(f, 0.0) + w
    return out


def cosine(x: dict[int, float], y: dict[int, float]) -> float:
    if len(x) > len(y):
        x, y = y, x
    dot = sum(w * y[f] for f, w in x.items() if f in y)
    nx = math.sqrt(sum(w * w for w in x.values()))
    ny = math.sqrt(sum(w * w for w in y.values()))
    return dot / (nx * ny) if nx > 0 and ny > 0 else 0.0


def containment(x: dict[int, float], y: dict[int, float]) -> float:
    """Share of x's weight carried by features that also occur in y (0..1)."""
    total = sum(x.values())
    return sum(w for f, w in x.items() if f in y) / total if total > 0 else 0.0
