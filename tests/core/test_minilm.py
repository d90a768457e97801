"""The numpy MiniLM (the tool that distils the static model) against the reference implementation.

Reference values (fixtures/minilm_reference.json) were computed once with sentence-transformers
6.2 + torch 2.13 (CPU) on the same weights, with its tokenizer and
``SentenceTransformer(model_dir).encode(texts, normalize_embeddings=True)``; the project itself
never imports torch.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from published_model import published_weights

from desktop.core.align.minilm import MiniLM, WordPiece
from desktop.core.align.safetensors_io import read_safetensors

REFERENCE = json.loads((Path(__file__).parent / "fixtures" / "minilm_reference.json").read_text("utf-8"))
TEXTS = REFERENCE["texts"]


@pytest.fixture(scope="module")
def model() -> MiniLM:
    """The port on the published fp32 weights (what packaging/make_static_model.py runs)."""
    return MiniLM(published_weights())


def test_tokenizer_matches_bert_uncased(model):
    assert [model.tokenizer.encode(t) for t in TEXTS] == REFERENCE["ids"]


def test_embeddings_match_the_reference(model):
    vectors = model.embed(TEXTS)
    assert vectors.shape == (5, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.abs(vectors[:, :6] - np.array(REFERENCE["head"])).max() < 1e-4
    assert np.abs(vectors @ vectors.T - np.array(REFERENCE["cos"])).max() < 1e-4


def test_paraphrase_scores_higher_than_unrelated(model):
    a, b, c = model.embed(["He was open to negotiating.", "He was willing to discuss it.",
                           "Bananas are a yellow fruit."])
    assert a @ b > 0.5 > a @ c


def test_hidden_gives_one_vector_per_token_and_embed_pools_them(model):
    ids = model.tokenizer.encode("Putin met Xi.")
    h = model.hidden(np.array([ids]))
    assert h.shape == (1, len(ids), 384)
    pooled = h[0].mean(axis=0)
    assert np.allclose(model.embed_ids([ids])[0], pooled / np.linalg.norm(pooled), atol=1e-6)


def test_wordpiece_splits_greedily_longest_first():
    tok = WordPiece(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "aff", ",", "x"])
    assert tok.encode("Unaffable, xyz") == [2, 4, 5, 6, 8, 1, 3]


def test_safetensors_reader(tmp_path):
    import struct

    data = np.arange(6, dtype=np.float32).tobytes()
    header = json.dumps({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, len(data)]}}).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(header)) + header + data)
    assert read_safetensors(path)["w"].tolist() == [[0, 1, 2], [3, 4, 5]]


def test_safetensors_reader_reads_only_the_tensors_asked_for(tmp_path):
    from desktop.core.align.safetensors_io import write_safetensors

    path = tmp_path / "t.safetensors"
    write_safetensors(path, {"embeddings.w": np.array([[1, -2]], dtype=np.int8),
                             "encoder.v": np.array([0.5, 1.5], dtype=np.float32),
                             "embeddings.s": np.array([3.0], dtype=np.float32)})
    some = read_safetensors(path, ("embeddings.",))
    assert sorted(some) == ["embeddings.s", "embeddings.w"]
    assert some["embeddings.w"].tolist() == [[1, -2]] and some["embeddings.s"].tolist() == [3.0]
    assert read_safetensors(path)["encoder.v"].tolist() == [0.5, 1.5]


def test_a_truncated_safetensors_file_says_so_whether_read_whole_or_in_part(tmp_path):
    from desktop.core.align.safetensors_io import write_safetensors

    path = tmp_path / "t.safetensors"
    write_safetensors(path, {"embeddings.w": np.arange(8, dtype=np.float32)})
    path.write_bytes(path.read_bytes()[:-4])
    for prefixes in (None, ("embeddings.",)):
        with pytest.raises(ValueError, match="truncated"):
            read_safetensors(path, prefixes)
