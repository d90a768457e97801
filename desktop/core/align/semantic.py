"""The one adapter around the semantic similarity model (all-MiniLM-L6-v2, run by ``minilm``).

The aligner's lexical model finds passages that share words; this one scores meaning, so
"was open to negotiating" and "was willing to discuss" come out close. Its settings are here,
measured on ``../shared/benchmarks`` (``benchmarks/align_quality.py``):

- ``veto``: a lexical group whose closest passage pair scores below it is dropped (words shared
  by chance: "prime minister ... visit" about two different people);
- ``link``: mutual best partners scoring at least this form a group even with few shared words;
- ``variant_floor`` / ``variant_ratio``: two passages that are each other's (one-sided) best
  partner with at least ``variant_floor``, and that carry the same rare name spelled differently
  ("Vnukovo" / "Vnunkovo", spelling similarity >= ``variant_ratio``), report the same fact.

The model is English (uncased WordPiece): on Latin-script text its scores still help (measured on
German), but Cyrillic, CJK or Arabic sentences score 0.7+ with unrelated ones, so documents that
are not mostly Latin script stay lexical. It reads the first ``minilm.MAX_TOKENS`` word pieces of
a passage; ``truncated`` tells which passages were longer, so the veto spares them.

The weights are the int8 file in ``resources/models/all-MiniLM-L6-v2`` (``models.MINILM``, made by
packaging/make_model.py and shipped by the checkout, the wheel and the bundle alike, so every install
computes the same vectors). Without them the aligner stays lexical, and ``components`` says so.
Embeddings are cached per passage text, so re-aligning after an edit costs little.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from desktop.core import components
from desktop.core.align.minilm import MAX_TOKENS
from desktop.core.align.models import MINILM

MODEL_NAME = MINILM.folder


@dataclass(frozen=True)
class SemanticSettings:
    veto: float = 0.40
    link: float = 0.65
    variant_floor: float = 0.45
    variant_ratio: float = 0.85
    min_latin_share: float = 0.8  # of the letters of both documents
    max_passages: int = 600  # per side; above it the run stays lexical (embedding ~15 ms a passage)
    batch_size: int = 32
    cache_size: int = 50_000


DEFAULT_SEMANTIC = SemanticSettings()


@cache
def model_dir() -> Path | None:
    """Where the weights are, or None when this installation has none."""
    return None if MINILM.absent() else MINILM.directory()


def available() -> bool:
    return model_dir() is not None


class _Embedder:
    """The loaded model with a bounded cache of passage vectors (thread-safe)."""

    def __init__(self, directory: Path, settings: SemanticSettings) -> None:
        from desktop.core.align.minilm import MiniLM  # numpy work starts only when a model is needed

        self.model = MiniLM(directory)
        self.settings = settings
        # text -> (unit vector, whether the model read only its first MAX_TOKENS word pieces)
        self.cache: OrderedDict[str, tuple[np.ndarray, bool]] = OrderedDict()
        self.lock = threading.Lock()

    def embed(self, texts: Sequence[str], tick: Callable[[float], None] | None) -> np.ndarray:
        with self.lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        size = self.settings.batch_size
        for start in range(0, len(missing), size):
            chunk = missing[start:start + size]
            ids = [self.model.tokenizer.encode(t) for t in chunk]
            vectors = self.model.embed_ids(ids, batch_size=size)
            with self.lock:
                for text, vector, pieces in zip(chunk, vectors, ids, strict=True):
                    self.cache[text] = (vector, len(pieces) >= MAX_TOKENS)
            if tick:
                tick(min(1.0, (start + size) / len(missing)))
        with self.lock:
            out = np.stack([self.cache[t][0] for t in texts]) if texts else np.zeros((0, 384), np.float32)
            for t in texts:
                self.cache.move_to_end(t)
            while len(self.cache) > self.settings.cache_size:
                self.cache.popitem(last=False)
        return out


_embedder: _Embedder | None = None
_load_lock = threading.Lock()


_unloadable = False


def _get_embedder(settings: SemanticSettings) -> _Embedder | None:
    """The loaded model; None (reported once to ``components``) when its files do not load."""
    global _embedder, _unloadable
    directory = model_dir()
    if directory is None or _unloadable:
        return None
    with _load_lock:
        if _embedder is None and not _unloadable:
            try:
                _embedder = _Embedder(directory, settings)
            except Exception as exc:  # noqa: BLE001 - a damaged file: lexical, and said so
                _unloadable = True
                components.report(components.Missing(
                    MINILM.role, f"cannot load: {type(exc).__name__}: {exc}", MINILM.without))
    return _embedder


def similarity_matrix(texts_a: Sequence[str], texts_b: Sequence[str], *,
                      settings: SemanticSettings = DEFAULT_SEMANTIC,
                      tick: Callable[[float], None] | None = None) -> np.ndarray | None:
    """Cosines of every passage of A with every passage of B, or None when the model is not
    installed or the documents are larger than ``settings.max_passages``."""
    if not texts_a or not texts_b or max(len(texts_a), len(texts_b)) > settings.max_passages:
        return None
    if latin_share([*texts_a, *texts_b]) < settings.min_latin_share:
        return None
    embedder = _get_embedder(settings)
    if embedder is None:
        return None
    total = len(texts_a) + len(texts_b)
    ea = embedder.embed(texts_a, tick and (lambda f: tick(f * len(texts_a) / total)))
    eb = embedder.embed(texts_b, tick and (lambda f: tick((len(texts_a) + f * len(texts_b)) / total)))
    return ea @ eb.T


def latin_share(texts: Sequence[str]) -> float:
    """The share of letters that are Latin script (Basic Latin to Latin Extended, and Additional)."""
    letters = latin = 0
    for text in texts:
        for char in text:
            if char.isalpha():
                letters += 1
                code = ord(char)
                latin += code < 0x250 or 0x1E00 <= code <= 0x1EFF
    return latin / letters if letters else 0.0


def truncated(texts: Sequence[str]) -> list[bool]:
    """Which texts are longer than the model reads (their embedding covers only the start), as
    recorded when ``similarity_matrix`` embedded them; texts not embedded count as read whole."""
    embedder = _embedder
    if embedder is None:
        return [False] * len(texts)
    with embedder.lock:
        return [embedder.cache.get(t, (None, False))[1] for t in texts]
