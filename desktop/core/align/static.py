"""Static sentence embeddings distilled from all-MiniLM-L6-v2: one vector per WordPiece token.

The transformer costs ~20 ms a passage on one core; this costs a lookup and a mean (microseconds,
most of it the tokenizer), so a 10,000-sentence document embeds in about a second. It keeps much of
the model's sense of meaning but not word order or context (see benchmarks/embed_quality.py for
what that costs on the gold sets). The table is made by packaging/make_static_model.py
(model2vec-style: MiniLM on ``[CLS] token [SEP]``, PCA, frequency weighting, int8 per row).

A sentence's vector is the mean of its word pieces' rows, L2-normalised. Text is tokenised by
``minilm.WordPiece`` (lower case, accents stripped, punctuation and CJK characters split off, as
BERT's uncased tokenizer), without the 128-piece cut of the transformer: a long passage is read
whole. ``[UNK]`` pieces (scripts the vocabulary lacks) are dropped; a text with no known piece
gets the zero vector (cosine 0 with everything), not a NaN.

File format (safetensors): ``embeddings`` int8 (vocabulary, dims), ``embeddings.scale`` float32
(vocabulary, 1), ``vocab`` uint8 (the UTF-8 vocabulary, one token a line, row order).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from desktop.core.align.minilm import WordPiece, _basic_words
from desktop.core.align.models import STATIC
from desktop.core.align.safetensors_io import read_safetensors

FILE_NAME = STATIC.files[0]
_CHUNK_ROWS = 4_096  # passages summed at once (each running sum: 4k x 256 floats = 4 MB)
_LONG = 512  # pieces of a passage above which it is summed alone
_FEW_PIECES = 20_000  # below this many pieces in all, one reduceat
_CHUNK_CACHE = 200_000  # distinct whitespace-separated chunks remembered (a few tens of MB at most)
# Cc characters for which str.isspace() is true, other than \t \n \r: BERT deletes them
_DELETED_SPACES = re.compile("[\x0b\x0c\x1c-\x1f\x85]")


class StaticEmbedder:
    """A token-vector table and its tokenizer. ``embed(texts)`` gives float32 unit rows.

    ``table``: float rows, or int8 rows with ``scale`` (one float32 per row), multiplied back
    only as rows are first looked up: a run reads a few thousand of the 30,522 rows, and
    multiplying back the whole table took 46 ms of every start (the seed pair's whole run is
    about 0.9 s). A row's values are the same either way (``q * scale`` in float32)."""

    def __init__(self, table: np.ndarray, vocab: Sequence[str], scale: np.ndarray | None = None) -> None:
        if table.shape[0] != len(vocab):
            raise ValueError(f"{table.shape[0]} vectors for {len(vocab)} vocabulary tokens")
        if scale is None:
            self._rows = np.ascontiguousarray(table, dtype=np.float32)
            self._ready = np.ones(len(vocab), dtype=bool)
        else:
            self._q, self._scale = table, np.asarray(scale, dtype=np.float32)
            self._rows = np.empty(table.shape, dtype=np.float32)  # pages are touched as rows fill
            self._ready = np.zeros(len(vocab), dtype=bool)
        self._filling = threading.Lock()
        self.tokenizer = WordPiece(vocab)
        self._chunks: dict[str, list[int]] = {}

    @classmethod
    def load(cls, path: Path) -> StaticEmbedder:
        """The model in ``path`` (the file written by make_static_model)."""
        try:
            tensors = read_safetensors(path)
            q, scale = tensors["embeddings"], tensors["embeddings.scale"]
            vocab = tensors["vocab"].tobytes().decode("utf-8").split("\n")
        except (OSError, KeyError, ValueError) as error:
            raise ValueError(f"{path}: not a static embedding model ({error})") from error
        return cls(q, vocab, scale)

    @property
    def table(self) -> np.ndarray:
        """Every row as float32 (the embedding itself reads only the rows it needs)."""
        return self._rows_for(np.arange(len(self._ready)))

    def _rows_for(self, ids: np.ndarray) -> np.ndarray:
        """The float table with at least the rows ``ids`` multiplied back. Threads may embed at
        once: a row is marked ready only after it is written."""
        missing = ids[~self._ready[ids]]
        if len(missing):
            with self._filling:
                todo = np.unique(missing[~self._ready[missing]])
                self._rows[todo] = self._q[todo].astype(np.float32) * self._scale[todo]
                self._ready[todo] = True
        return self._rows

    @property
    def dims(self) -> int:
        return self._rows.shape[1]

    def ids(self, text: str) -> list[int]:
        """The word-piece ids of ``text`` that have a vector ([UNK] dropped).

        BERT's basic tokenizer never joins characters across whitespace, so the text is split on
        whitespace first and each chunk's pieces are looked up in a cache: ~20 dictionary hits a
        sentence instead of a Unicode category lookup per character (measured ten times faster).
        Control characters that Python counts as whitespace but BERT deletes (``\\x0b``,
        ``\\x1c``...) would split a chunk BERT keeps whole: such texts take the slow path."""
        if _DELETED_SPACES.search(text):
            return [i for word in _basic_words(text) for i in self._pieces(word)]
        out: list[int] = []
        for chunk in text.split():
            pieces = self._chunks.get(chunk)
            if pieces is None:
                pieces = [i for word in _basic_words(chunk) for i in self._pieces(word)]
                if len(self._chunks) < _CHUNK_CACHE:
                    self._chunks[chunk] = pieces
            out.extend(pieces)
        return out

    def _pieces(self, word: str) -> list[int]:
        return [i for i in self.tokenizer._word_pieces(word) if i != self.tokenizer.unk]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, shape (len(texts), dims); zero rows for texts without known pieces."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        pieces = [self.ids(t) for t in texts]
        rows = [r for r, p in enumerate(pieces) if p]
        if rows:
            flat = np.fromiter((i for r in rows for i in pieces[r]), dtype=np.int64)
            lengths = np.array([len(pieces[r]) for r in rows], dtype=np.int64)
            sums = _segment_sums(self._rows_for(flat), flat, lengths)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            out[rows] = sums / np.maximum(norms, np.float32(1e-12))
        return out


def _segment_sums(table: np.ndarray, flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The sum of each passage's piece vectors, for passages of ``lengths`` pieces laid end to end
    in ``flat``: bit for bit ``np.add.reduceat(table[flat], starts, axis=0)``, which adds the
    first piece to numpy's pairwise sum of the others (``_pairwise``). Passages of one length
    are summed together, at most ``_CHUNK_ROWS`` at a time, one piece position after the other:
    no (pieces, dims) matrix of the document exists, and each addition is a contiguous block.
    A passage of more than ``_LONG`` pieces is one reduceat of its own, and so is a document of
    fewer than ``_FEW_PIECES`` pieces."""
    out = np.empty((len(lengths), table.shape[1]), dtype=table.dtype)
    starts = np.cumsum(lengths) - lengths
    if len(flat) < _FEW_PIECES:  # a small document: one reduceat costs less than a call per position
        return np.add.reduceat(table[flat], starts, axis=0) if len(flat) else out
    for row in np.flatnonzero(lengths > _LONG):  # a long passage: one reduceat (few numpy calls)
        out[row] = np.add.reduceat(table[flat[starts[row]:starts[row] + lengths[row]]], [0], axis=0)[0]
    order = np.argsort(lengths, kind="stable")
    order = order[lengths[order] <= _LONG]
    by_length = lengths[order]
    bounds = np.flatnonzero(np.r_[True, by_length[1:] != by_length[:-1], True]) if len(order) else []
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        n = int(by_length[lo])
        for part in range(lo, hi, _CHUNK_ROWS):
            rows = order[part:min(hi, part + _CHUNK_ROWS)]
            first = starts[rows]

            def piece(k: int, first: np.ndarray = first) -> np.ndarray:
                return table[flat[first + k]]
            zero = np.zeros((len(rows), table.shape[1]), dtype=table.dtype)
            out[rows] = piece(0) + _pairwise(piece, 1, n - 1, zero) if n > 1 else piece(0)
    return out


def _pairwise(piece: Callable[[int], np.ndarray], lo: int, n: int, zero: np.ndarray) -> np.ndarray:
    """numpy's pairwise sum (``pairwise_sum`` in its loops: under 8 terms one by one from zero,
    up to 128 in 8 running sums, beyond that two halves) of pieces lo .. lo + n - 1."""
    if n < 8:
        res = zero.copy()
        for k in range(lo, lo + n):
            res += piece(k)
        return res
    if n <= 128:
        r = [piece(lo + k) for k in range(8)]
        k = 8
        while k < n - n % 8:
            for j in range(8):
                r[j] += piece(lo + k + j)
            k += 8
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        for rest in range(k, n):
            res += piece(lo + rest)
        return res
    half = n // 2 - (n // 2) % 8
    return _pairwise(piece, lo, half, zero) + _pairwise(piece, lo + half, n - half, zero)


def default_path() -> Path:
    return STATIC.directory() / FILE_NAME


@cache
def load(path: Path | None = None) -> StaticEmbedder:
    """The shipped model (or the one in ``path``), loaded once."""
    target = path or default_path()
    if not target.is_file():
        raise FileNotFoundError(f"{target}: static embedding model missing "
                                "(python packaging/make_static_model.py writes it)")
    return StaticEmbedder.load(target)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length static sentence vectors (float32) from the shipped model."""
    return load().embed(texts)


def word_vectors(words: Sequence[str]) -> np.ndarray:
    """Unit vectors of single words (the mean of their word pieces), zero rows for unknown ones."""
    return load().embed(words)
