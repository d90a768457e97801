"""int8 matrices with float32 scales: how the static model's table is stored (a quarter of float32).

``quantise_matrix`` stores a matrix as int8 ``q`` plus a float32 scale of shape (rows, columns /
group): one scale per ``group`` consecutive columns of a row (``None``: one per row), ``scale =
max|w| / 127`` over the group and ``q = round(w / scale)``; ``q * scale`` gives the floats back.
packaging/make_static_model.py writes resources/models/minilm-static/ with it (one scale per row)
and ``static.StaticEmbedder.load`` multiplies back. It is deterministic, so the committed file is
reproduced byte for byte.
"""

from __future__ import annotations

import numpy as np


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
