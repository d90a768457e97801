"""int8 matrices with float32 scales (the static model's storage): the scheme by hand, the file."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.align.minilm_quant import quantise_matrix
from desktop.core.align.safetensors_io import read_safetensors, write_safetensors

W = np.array([[0.5, -1.27, 0.0, 2.54],
              [0.0, 0.0, 0.0, 0.0]], dtype=np.float32)


def test_quantise_matrix_per_group_by_hand():
    q, scale = quantise_matrix(W, group=2)
    # Row 0: groups [0.5, -1.27] (max 1.27, scale 0.01) and [0, 2.54] (scale 0.02); the zero row
    # gets scale 1 so nothing divides by zero.
    assert np.allclose(scale, [[0.01, 0.02], [1.0, 1.0]])
    assert q.dtype == np.int8 and q.tolist() == [[50, -127, 0, 127], [0, 0, 0, 0]]


def test_quantise_matrix_per_row_by_hand():
    q, scale = quantise_matrix(W, group=None)
    assert np.allclose(scale, [[0.02], [1.0]])
    assert q.tolist() == [[25, -64, 0, 127], [0, 0, 0, 0]]  # -63.5 rounds to even


def test_ragged_groups_are_refused():
    with pytest.raises(ValueError):
        quantise_matrix(W, group=3)


def test_file_round_trip_keeps_values_and_scales(tmp_path):
    rng = np.random.default_rng(0)
    w = rng.normal(size=(6, 8)).astype(np.float32)
    q, scale = quantise_matrix(w, None)
    write_safetensors(tmp_path / "q.safetensors", {"embeddings": q, "embeddings.scale": scale})
    read = read_safetensors(tmp_path / "q.safetensors")
    assert read["embeddings"].dtype == np.int8 and read["embeddings.scale"].shape == (6, 1)
    back = read["embeddings"].astype(np.float32) * read["embeddings.scale"]
    assert np.abs(back - w).max() <= scale.max() / 2 + 1e-7  # at most half a step off


def test_writer_is_deterministic(tmp_path):
    q, scale = quantise_matrix(W, group=2)
    tensors = {"b": q, "b.scale": scale, "a": np.ones(3, np.float32)}
    write_safetensors(tmp_path / "1.safetensors", tensors)
    write_safetensors(tmp_path / "2.safetensors", dict(reversed(tensors.items())))
    assert (tmp_path / "1.safetensors").read_bytes() == (tmp_path / "2.safetensors").read_bytes()
