"""int8 weights for ``minilm``: a quarter of the fp32 file, and the same floats from source and bundle.

Format (a safetensors file, ``QUANT_FILE``): every 2-D matrix the encoder multiplies by (word and
position embeddings, attention and feed-forward linears) is stored as int8 ``q`` plus a float32
``NAME.scale`` of shape (rows, columns / group): one scale per ``group`` consecutive input columns
of a row, ``scale = max|w| / 127`` over the group and ``q = round(w / scale)``. Biases, LayerNorm
and the token-type embeddings stay float32; tensors the encoder never reads (the pooler, the
position ids) are left out. ``dequantise`` gives ``q * scale`` in float32, so the group size is read
back from the scales' shape.

The bundle ships only the quantised file (written by the CLI below at build time); a source install
has the fp32 package, which ``load_weights`` quantises and dequantises in memory with the same
functions. Both give bit-identical float32 arrays, hence identical embeddings frozen and from
source. ``load_weights(..., exact=True)`` reads the fp32 weights as they are (the reference test).

    python -m desktop.core.minilm_quant SRC_DIR DEST_DIR

writes ``QUANT_FILE``, vocab.txt, config.json and the model card (README.md, with its licence and a
note of the change) into DEST_DIR.
"""

from __future__ import annotations

import json
import struct
import sys
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from desktop.core.minilm import read_safetensors

FP32_FILE = "model.safetensors"
QUANT_FILE = "model.int8.safetensors"
GROUP: int | None = None  # input columns per scale, None: one per row (benchmarks/minilm_quant.py)
SCALE = ".scale"
UNUSED = ("pooler.", "embeddings.position_ids")
SHIPPED = ("vocab.txt", "config.json")
_DTYPE_NAMES = {np.dtype(np.float32): "F32", np.dtype(np.float16): "F16", np.dtype(np.int8): "I8",
                np.dtype(np.int64): "I64", np.dtype(np.uint8): "U8"}


def quantisable(name: str, array: np.ndarray) -> bool:
    """The matrices stored as int8: every 2-D weight except the (two-row) token-type embeddings."""
    return array.ndim == 2 and "token_type" not in name


def quantise(weights: Mapping[str, np.ndarray], group: int | None = GROUP) -> dict[str, np.ndarray]:
    """The tensors of the quantised file, from the fp32 ones (deterministic)."""
    out: dict[str, np.ndarray] = {}
    for name, array in weights.items():
        if name.startswith(UNUSED):
            continue
        if quantisable(name, array):
            out[name], out[name + SCALE] = quantise_matrix(array, group)
        else:
            out[name] = np.asarray(array, dtype=np.float32)
    return out


def quantise_matrix(w: np.ndarray, group: int | None) -> tuple[np.ndarray, np.ndarray]:
    """int8 values and float32 scales (rows, columns / group) of one matrix; all-zero groups get
    scale 1 so that nothing divides by zero."""
    rows, cols = w.shape
    size = cols if group is None else group
    if cols % size:
        raise ValueError(f"{cols} columns do not split into groups of {size}")
    blocks = np.asarray(w, dtype=np.float32).reshape(rows, cols // size, size)
    absmax = np.abs(blocks).max(axis=-1)
    scale = np.where(absmax > 0, absmax / np.float32(127), np.float32(1)).astype(np.float32)
    q = np.clip(np.rint(blocks / scale[..., None]), -127, 127).astype(np.int8)
    return q.reshape(rows, cols), scale


def dequantise(tensors: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """float32 weights from the quantised tensors (``q * scale``, group size from the scales)."""
    out: dict[str, np.ndarray] = {}
    for name, array in tensors.items():
        if name.endswith(SCALE):
            continue
        if array.dtype == np.int8:
            scale = tensors[name + SCALE]
            rows, cols = array.shape
            blocks = array.reshape(rows, scale.shape[1], cols // scale.shape[1]).astype(np.float32)
            out[name] = (blocks * scale[..., None]).reshape(rows, cols)
        else:
            out[name] = np.asarray(array, dtype=np.float32)
    return out


def load_weights(model_dir: Path, *, exact: bool = False) -> dict[str, np.ndarray]:
    """The float32 weights ``MiniLM`` runs on: the dequantised int8 file when the directory has
    one (the bundle), else the fp32 file through ``quantise`` and ``dequantise`` (a source
    install); with ``exact`` the fp32 file unchanged."""
    quantised, fp32 = model_dir / QUANT_FILE, model_dir / FP32_FILE
    if exact:
        return dict(read_safetensors(fp32))
    if quantised.is_file():
        return dequantise(read_safetensors(quantised))
    return dequantise(quantise(read_safetensors(fp32), GROUP))


def write_safetensors(path: Path, tensors: Mapping[str, np.ndarray],
                      metadata: Mapping[str, str] | None = None) -> None:
    """A .safetensors file of ``tensors`` (names sorted, header padded to 8 bytes): byte-identical
    for identical input."""
    header: dict[str, object] = {"__metadata__": dict(metadata)} if metadata else {}
    chunks, at = [], 0
    for name in sorted(tensors):
        array = np.ascontiguousarray(tensors[name])
        data = array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": _DTYPE_NAMES[array.dtype], "shape": list(array.shape),
                        "data_offsets": [at, at + len(data)]}
        chunks.append(data)
        at += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"".join(chunks))


def convert(src: Path, dest: Path, group: int | None = GROUP) -> Path:
    """Write the quantised weights, the vocabulary, the config and the model card into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / QUANT_FILE
    write_safetensors(target, quantise(read_safetensors(src / FP32_FILE), group),
                      {"format": "pt", "quantisation": f"int8, group {group or 'row'}"})
    for name in SHIPPED:
        (dest / name).write_bytes((src / name).read_bytes())
    card = (src / "README.md").read_text(encoding="utf-8")
    scales = f"per {group} input columns of a row" if group else "per row"
    (dest / "README.md").write_text(card.rstrip("\n") + _NOTICE.format(file=QUANT_FILE, scales=scales),
                                    encoding="utf-8")
    return target


_NOTICE = """

## Changes in this copy (Parallax)

`{file}` was derived from the original `model.safetensors` by Parallax's
`desktop/core/minilm_quant.py`: the 2-D weight matrices are stored as int8 with one float32 scale
{scales}; biases, LayerNorm and token-type embeddings are unchanged float32; the
pooler and position ids, which sentence embeddings do not use, are left out. The licence (Apache-2.0,
above) is unchanged.
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m desktop.core.minilm_quant SRC_DIR DEST_DIR", file=sys.stderr)
        return 2
    target = convert(Path(args[0]), Path(args[1]))
    print(f"{target}: {target.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
