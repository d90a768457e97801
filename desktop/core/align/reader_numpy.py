"""The same-fact reader's encoder in numpy: the arithmetic of its onnxruntime graph, without it.

``packaging/make_reader_graph.py`` writes the graph onnxruntime runs (``reader_onnx``); this module
computes the same thing where onnxruntime is not installed, and is what the tests hold the graph
to. Each dense product multiplies the stored int8 matrix by the activations quantised to uint8 per
token over the token's own range (``quantise_rows``, rounded half to even): integer products,
then the token's scale and the matrix row's scale. About 3 times slower than the graph
(``benchmarks/reader_speed.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.core.align.minilm import (
    HEADS,
    HIDDEN,
    _layer_norm,
    attend,
    gelu_tanh,
    layer_names,
    layer_prefixes,
)


@dataclass(frozen=True)
class Int8Linear:
    """One dense layer: int8 values held as float32 (in, out), their scale per output, the bias."""

    q: np.ndarray
    scale: np.ndarray
    bias: np.ndarray

    def __call__(self, x: np.ndarray) -> np.ndarray:
        codes, row_scale = quantise_rows(x)
        product = codes @ self.q
        product *= self.scale
        product *= row_scale
        product += self.bias
        return product

    def columns(self, part: slice) -> Int8Linear:
        return Int8Linear(np.ascontiguousarray(self.q[:, part]), self.scale[part], self.bias[part])


def quantise_rows(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row of x as uint8 codes over its own range [min(x, 0), max(x, 0)], minus the row's
    zero point (so float32 in [-255, 255]), and the row's scale: ``x ~ codes * scale``."""
    low = np.minimum(x.min(-1, keepdims=True), np.float32(0))
    high = np.maximum(x.max(-1, keepdims=True), np.float32(0))
    row_scale = np.maximum(high - low, np.float32(1e-12)) * np.float32(1 / 255)
    zero = np.rint(-low / row_scale)
    codes = np.rint(x / row_scale)
    codes += zero
    np.clip(codes, 0, 255, out=codes)
    codes -= zero
    return codes, row_scale


@dataclass(frozen=True)
class Layer:
    qkv: Int8Linear
    out: Int8Linear
    ln1: tuple[np.ndarray, np.ndarray]
    up: Int8Linear
    down: Int8Linear
    ln2: tuple[np.ndarray, np.ndarray]


def int8_linear(raw: dict[str, np.ndarray], names: list[str]) -> Int8Linear:
    """The stored int8 matrices (out, in) of ``names``, stacked by output, as one layer."""
    q = np.concatenate([raw[n + ".weight.q"] for n in names]).T.astype(np.float32)
    scale = np.concatenate([raw[n + ".weight.scale"][:, 0] for n in names]).astype(np.float32)
    bias = np.concatenate([raw[n + ".bias"] for n in names]).astype(np.float32)
    return Int8Linear(np.ascontiguousarray(q), scale, bias)


def layer(raw: dict[str, np.ndarray], p: str) -> Layer:
    n = layer_names(p)
    return Layer(
        qkv=int8_linear(raw, n.qkv),
        out=int8_linear(raw, [n.out]),
        ln1=(raw[n.ln1 + ".weight"], raw[n.ln1 + ".bias"]),
        up=int8_linear(raw, [n.up]),
        down=int8_linear(raw, [n.down]),
        ln2=(raw[n.ln2 + ".weight"], raw[n.ln2 + ".bias"]),
    )


class Encoder:
    """``encoder(h0, bias)``: one logit per pair from the first hidden states (n, length, 384) and
    the attention bias (n, 1, 1, length; -1e9 on padding)."""

    def __init__(self, raw: dict[str, np.ndarray], pooler: tuple[np.ndarray, np.ndarray],
                 head: tuple[np.ndarray, float]) -> None:
        self.layers = [layer(raw, p) for p in layer_prefixes(raw)]
        last = self.layers[-1].qkv
        self.last_q, self.last_kv = last.columns(slice(0, HIDDEN)), last.columns(slice(HIDDEN, None))
        self.pooler, self.head = pooler, head

    def __call__(self, h0: np.ndarray, bias: np.ndarray) -> np.ndarray:
        n, length, _ = h0.shape
        h = h0.reshape(n * length, HIDDEN)
        for lay in self.layers[:-1]:
            q, k, v = _heads(lay.qkv(h), n, length, 3)
            context = attend(q, k, v, bias).transpose(0, 2, 1, 3).reshape(n * length, HIDDEN)
            h = _layer_norm(h + lay.out(context), *lay.ln1)
            h = _layer_norm(h + lay.down(gelu_tanh(lay.up(h))), *lay.ln2)
        first = self._first_token(h, bias, n, length)
        pooled = np.tanh(first @ self.pooler[0] + self.pooler[1])
        return pooled @ self.head[0] + self.head[1]

    def _first_token(self, h: np.ndarray, bias: np.ndarray, n: int, length: int) -> np.ndarray:
        """The last layer for the first token only, (n, 384): the head reads nothing else, so only
        its query, attention output and feed-forward rows are computed (keys and values from
        every token)."""
        lay = self.layers[-1]
        k, v = _heads(self.last_kv(h), n, length, 2)
        first = h.reshape(n, length, HIDDEN)[:, 0]
        q = self.last_q(first).reshape(n, HEADS, 1, HIDDEN // HEADS)
        context = attend(q, k, v, bias).reshape(n, HIDDEN)
        first = _layer_norm(first + lay.out(context), *lay.ln1)
        return _layer_norm(first + lay.down(gelu_tanh(lay.up(first))), *lay.ln2)


def _heads(x: np.ndarray, n: int, length: int, parts: int) -> list[np.ndarray]:
    """(n * length, parts * 384) as ``parts`` tensors (n, heads, length, 32)."""
    stacked = x.reshape(n, length, parts, HEADS, HIDDEN // HEADS).transpose(2, 0, 3, 1, 4)
    return list(stacked)


