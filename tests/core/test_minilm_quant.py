"""The int8 MiniLM weights: the scheme by hand, the file round trip, source == bundle."""

from __future__ import annotations

import numpy as np
import pytest
from published_model import published_weights

from desktop.core.align import minilm_quant
from desktop.core.align.minilm_quant import QUANT_FILE, dequantise, load_weights, quantise, quantise_matrix
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


def test_quantise_keeps_vectors_float_and_drops_unused_tensors():
    weights = {"a.weight": W, "a.LayerNorm.weight": np.ones(4, np.float32),
               "embeddings.token_type_embeddings.weight": W, "pooler.dense.weight": W,
               "embeddings.position_ids": np.arange(4, dtype=np.int64)[None]}
    out = quantise(weights, group=2)
    assert sorted(out) == ["a.LayerNorm.weight", "a.weight", "a.weight.scale",
                           "embeddings.token_type_embeddings.weight"]
    assert out["embeddings.token_type_embeddings.weight"].dtype == np.float32
    back = dequantise(out)
    assert sorted(back) == ["a.LayerNorm.weight", "a.weight", "embeddings.token_type_embeddings.weight"]
    assert np.allclose(back["a.weight"], [[0.5, -1.27, 0, 2.54], [0, 0, 0, 0]], atol=1e-6)
    assert np.array_equal(back["embeddings.token_type_embeddings.weight"], W)


def test_ragged_groups_are_refused():
    with pytest.raises(ValueError):
        quantise_matrix(W, group=3)


def test_file_round_trip_equals_in_memory_quantisation(tmp_path):
    rng = np.random.default_rng(0)
    weights = {"x.weight": rng.normal(size=(6, 8)).astype(np.float32),
               "x.bias": rng.normal(size=6).astype(np.float32)}
    write_safetensors(tmp_path / "model.safetensors", weights)
    write_safetensors(tmp_path / "q.safetensors", quantise(weights, group=4), {"format": "pt"})
    read = read_safetensors(tmp_path / "q.safetensors")
    assert read["x.weight"].dtype == np.int8 and read["x.weight.scale"].shape == (6, 2)
    from_file, in_memory = dequantise(read), dequantise(quantise(weights, group=4))
    assert all(np.array_equal(from_file[k], in_memory[k]) for k in ("x.weight", "x.bias"))
    assert np.array_equal(read_safetensors(tmp_path / "model.safetensors")["x.weight"], weights["x.weight"])


def test_load_weights_prefers_the_quantised_file(tmp_path, monkeypatch):
    monkeypatch.setattr(minilm_quant, "GROUP", 4)
    weights = {"x.weight": np.linspace(-1, 1, 16, dtype=np.float32).reshape(2, 8)}
    write_safetensors(tmp_path / "model.safetensors", weights)
    source = load_weights(tmp_path)  # fp32 only: quantised in memory
    assert not np.array_equal(source["x.weight"], weights["x.weight"])
    assert np.array_equal(load_weights(tmp_path, exact=True)["x.weight"], weights["x.weight"])
    write_safetensors(tmp_path / QUANT_FILE, quantise(weights, group=4))
    (tmp_path / "model.safetensors").unlink()
    assert np.array_equal(load_weights(tmp_path)["x.weight"], source["x.weight"])


def test_writer_is_deterministic(tmp_path):
    tensors = quantise({"b.weight": W, "a": np.ones(3, np.float32)}, group=2)
    write_safetensors(tmp_path / "1.safetensors", tensors)
    write_safetensors(tmp_path / "2.safetensors", dict(reversed(tensors.items())))
    assert (tmp_path / "1.safetensors").read_bytes() == (tmp_path / "2.safetensors").read_bytes()


def test_bundle_file_gives_the_source_weights_bit_for_bit(tmp_path):
    """The shipped file (``convert``) dequantises to exactly what quantising the fp32 weights in
    memory gives (what benchmarks/minilm_quant.py measures)."""
    source = published_weights()
    target = minilm_quant.convert(source, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "config.json", QUANT_FILE, "vocab.txt"]
    assert "Apache-2.0" in (tmp_path / "README.md").read_text("utf-8")
    assert target.stat().st_size < (source / "model.safetensors").stat().st_size / 3.5
    bundled, computed = load_weights(tmp_path), load_weights(source)
    assert sorted(bundled) == sorted(computed)
    assert all(np.array_equal(bundled[name], computed[name]) for name in computed)
