"""Reading and writing .safetensors files (8-byte little-endian header length, JSON header, raw
little-endian tensor data) with numpy alone: the static model (``static``) reads its table with it,
and packaging/make_static_model.py reads MiniLM's weights (``minilm``) and writes the table.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

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


def _file_header(f: BinaryIO, size: int) -> tuple[dict[str, dict], int]:
    """The header of an open file of ``size`` bytes (read from its start) and where its data
    starts; ValueError when the file is shorter than its header says."""
    first = f.read(8)
    header, base = _header(first + f.read(struct.unpack("<Q", first)[0]))
    _check_size(header, base, size)
    return header, base


def _check_size(header: dict[str, dict], base: int, size: int) -> None:
    needed = base + max((info["data_offsets"][1] for info in header.values()), default=0)
    if size < needed:
        raise ValueError(f"truncated: {size:,} of {needed:,} bytes")


def tensor_spans(path: Path) -> dict[str, tuple[int, int]]:
    """Where each tensor's bytes lie in the file: (offset from the file's start, length)."""
    with path.open("rb") as f:
        header, base = _file_header(f, path.stat().st_size)
    return {name: (base + info["data_offsets"][0], info["data_offsets"][1] - info["data_offsets"][0])
            for name, info in header.items()}


def _array(data: bytes, info: dict, offset: int) -> np.ndarray:
    dtype = np.dtype(_DTYPES[info["dtype"]])
    start, end = info["data_offsets"]
    return np.frombuffer(data, dtype=dtype, count=(end - start) // dtype.itemsize,
                         offset=offset).reshape(info["shape"])


def read_safetensors(path: Path, prefixes: tuple[str, ...] | None = None) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file (8-byte header length, JSON header, raw data); with
    ``prefixes``, only those whose name starts with one of them, and only their bytes are read."""
    if prefixes is None:
        data = path.read_bytes()
        header, base = _header(data)
        _check_size(header, base, len(data))
        return {name: _array(data, info, base + info["data_offsets"][0]) for name, info in header.items()}
    tensors = {}
    with path.open("rb") as f:
        header, base = _file_header(f, path.stat().st_size)
        for name, info in header.items():
            if name.startswith(prefixes):
                start, end = info["data_offsets"]
                f.seek(base + start)
                tensors[name] = _array(f.read(end - start), info, 0)
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
