"""Reading and writing .safetensors files (8-byte little-endian header length, JSON header, raw
little-endian tensor data) with numpy alone: the static model (``static``) reads its table with it,
and packaging/make_static_model.py reads MiniLM's weights (``minilm``) and writes the table.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping
from pathlib import Path

import numpy as np

_DTYPES = {"F32": np.float32, "F16": np.float16, "I8": np.int8, "U8": np.uint8, "I64": np.int64}
_DTYPE_NAMES = {np.dtype(np.float32): "F32", np.dtype(np.float16): "F16", np.dtype(np.int8): "I8",
                np.dtype(np.int64): "I64", np.dtype(np.uint8): "U8"}


def _header(head: bytes) -> tuple[dict[str, dict], int]:
    """The tensors' entries of a header (file's first bytes) and where their data starts."""
    (header_len,) = struct.unpack("<Q", head[:8])
    header = json.loads(head[8:8 + header_len])
    header.pop("__metadata__", None)
    return header, 8 + header_len


def tensor_spans(path: Path) -> dict[str, tuple[int, int]]:
    """Where each tensor's bytes lie in the file: (offset from the file's start, length)."""
    with path.open("rb") as f:
        (header_len,) = struct.unpack("<Q", f.read(8))
        header, base = _header(struct.pack("<Q", header_len) + f.read(header_len))
    return {name: (base + info["data_offsets"][0], info["data_offsets"][1] - info["data_offsets"][0])
            for name, info in header.items()}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file (8-byte header length, JSON header, raw data)."""
    data = path.read_bytes()
    header, base = _header(data)
    tensors = {}
    for name, info in header.items():
        start, end = info["data_offsets"]
        array = np.frombuffer(data, dtype=_DTYPES[info["dtype"]], count=(end - start)
                              // np.dtype(_DTYPES[info["dtype"]]).itemsize, offset=base + start)
        tensors[name] = array.reshape(info["shape"])
    return tensors


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
