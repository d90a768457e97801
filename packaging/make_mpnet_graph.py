"""Turn the larger same-fact reader's float32 ONNX graph into one with per-token int8 products.

    TORCH/python packaging/train_reader_mpnet.py train BASE FOLDER   # torch: FOLDER/fp32.onnx
    .venv/bin/python packaging/make_mpnet_graph.py FOLDER/fp32.onnx FOLDER/reader-int8.onnx

onnxruntime's own ``quantize_dynamic`` quantises each product's activations over the range of the
whole batch (one scale for every token of every pair): one token with a large activation coarsens
all the others, and a pair's logit depends on the pairs it is batched with. Read that way the
mpnet reader lost .011 of average precision on the news-facts pairs and .021 of engine F1. This
rewrite quantises as ``make_reader_graph.int8_linear`` does for the MiniLM reader: each token's
activations to uint8 over the token's own range [min(x, 0), max(x, 0)], and each weight matrix to
int8 with one scale per output column; the word-piece table is stored as int8 with a scale per
row. Everything else (layer norms, attention, the relative position buckets, the head) stays as
torch exported it, in float32. Deterministic: the same input graph gives the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

WORD_TABLE_ROWS = 30527  # the mpnet vocabulary: the one Gather over an initialiser this big


def quantise_columns(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 (in, out) and a float32 scale per output column: symmetric, 127 steps each side."""
    scale = np.maximum(np.abs(w).max(axis=0), 1e-12) / 127.0
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale.astype(np.float32)


class Rewriter:
    """The new nodes and initialisers of the rewritten graph, with unique names."""

    def __init__(self) -> None:
        self.nodes: list = []
        self.inits: list = []
        self.count = 0
        self.quantised: dict[str, tuple[str, str, str]] = {}  # input -> (xq, zero, row scale)

    def name(self, stem: str) -> str:
        self.count += 1
        return f"pq_{stem}_{self.count}"

    def const(self, value: object, dtype: type) -> str:
        from onnx import numpy_helper

        out = self.name("c")
        self.inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), out))
        return out

    def op(self, kind: str, *inputs: str, out: str | None = None, domain: str = "", **attrs: object) -> str:
        from onnx import helper

        out = out or self.name(kind)
        self.nodes.append(helper.make_node(kind, list(inputs), [out], domain=domain or None, **attrs))
        return out

    def per_token(self, x: str) -> tuple[str, str, str]:
        """x quantised to uint8 over each token's own range (once per input: query, key and
        value read the same one), its zero point and its scale, both (..., 1)."""
        if x not in self.quantised:
            zero_f = self.const(0.0, np.float32)
            low = self.op("Min", self.op("ReduceMin", x, axes=[-1], keepdims=1), zero_f)
            high = self.op("Max", self.op("ReduceMax", x, axes=[-1], keepdims=1), zero_f)
            scale = self.op("Mul", self.op("Max", self.op("Sub", high, low), self.const(1e-12, np.float32)),
                            self.const(1 / 255, np.float32))
            zero = self.op("Round", self.op("Div", self.op("Neg", low), scale))
            shifted = self.op("Add", self.op("Round", self.op("Div", x, scale)), zero)
            clipped = self.op("Clip", shifted, zero_f, self.const(255.0, np.float32))
            self.quantised[x] = (self.op("Cast", clipped, to=2), zero, scale)  # 2: uint8
        return self.quantised[x]

    def int8_matmul(self, x: str, w: np.ndarray, out: str) -> None:
        """out = x @ w, with x per token and w per column quantised (``make_reader_graph``'s
        arithmetic: the product runs with zero point 0, each token's zero point times the
        columns' sums comes off after)."""
        q, scale = quantise_columns(w)
        xq, zero, row_scale = self.per_token(x)
        acc = self.op("MatMulIntegerToFloat", xq, self.const(q, np.int8), self.const(1.0, np.float32),
                      self.const(scale, np.float32), self.const(0, np.uint8), domain="com.microsoft")
        sums = (q.astype(np.float64).sum(axis=0) * scale).astype(np.float32)
        centred = self.op("Sub", acc, self.op("Mul", zero, self.const(sums, np.float32)))
        self.op("Mul", centred, row_scale, out=out)

    def int8_lookup(self, table: np.ndarray, ids: str, out: str) -> None:
        """out = table[ids], the table stored as int8 with a float32 scale per row."""
        scale = (np.maximum(np.abs(table).max(axis=1, keepdims=True), 1e-12) / 127.0).astype(np.float32)
        q = np.clip(np.round(table / scale), -127, 127).astype(np.int8)
        rows = self.op("Cast", self.op("Gather", self.const(q, np.int8), ids, axis=0), to=1)  # 1: float
        self.op("Mul", rows, self.op("Gather", self.const(scale, np.float32), ids, axis=0), out=out)


def rewrite(model: object) -> tuple[int, int]:
    """Rewrite ``model`` (a ModelProto) in place; returns (products, lookups) rewritten."""
    from onnx import helper, numpy_helper

    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    r = Rewriter()
    kept, dropped, products, lookups = [], set(), 0, 0
    for node in graph.node:
        second = node.input[1] if len(node.input) > 1 else ""
        if node.op_type == "MatMul" and second in inits and len(inits[second].dims) == 2:
            r.int8_matmul(node.input[0], numpy_helper.to_array(inits[second]), node.output[0])
            dropped.add(second)
            products += 1
        elif (node.op_type == "Gather" and node.input[0] in inits
              and inits[node.input[0]].dims[0] == WORD_TABLE_ROWS):
            r.int8_lookup(numpy_helper.to_array(inits[node.input[0]]), node.input[1], node.output[0])
            dropped.add(node.input[0])
            lookups += 1
        else:
            kept.append(node)
            continue
        kept.extend(r.nodes)
        r.nodes.clear()
    del graph.node[:]
    graph.node.extend(kept)
    others = [i for i in graph.initializer if i.name not in dropped]
    del graph.initializer[:]
    graph.initializer.extend(others + r.inits)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return products, lookups


def main(argv: list[str] | None = None) -> int:
    import onnx

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="the float32 graph torch exported")
    ap.add_argument("out", type=Path, help="the int8 graph (FOLDER/reader-int8.onnx: the teacher)")
    args = ap.parse_args(argv)
    model = onnx.load(str(args.source), load_external_data=True)
    products, lookups = rewrite(model)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(model.SerializeToString(deterministic=True))
    onnx.checker.check_model(str(args.out))
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB; {products} int8 products, "
          f"{lookups} int8 lookup")
    return 0


if __name__ == "__main__":
    sys.exit(main())
