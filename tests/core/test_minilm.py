"""The numpy MiniLM against the reference implementation, and the semantic adapter.

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

from desktop.core import semantic
from desktop.core.minilm import MiniLM, WordPiece, read_safetensors

REFERENCE = json.loads((Path(__file__).parent / "fixtures" / "minilm_reference.json").read_text("utf-8"))
TEXTS = REFERENCE["texts"]


@pytest.fixture(scope="module")
def model() -> MiniLM:
    directory = semantic.model_dir()
    assert directory is not None, "the MiniLM weights are not installed (see .ci/bootstrap)"
    return MiniLM(directory)


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


def test_similarity_matrix_stays_lexical_for_large_documents():
    many = ["A sentence about the summit."] * (semantic.DEFAULT_SEMANTIC.max_passages + 1)
    assert semantic.similarity_matrix(many, ["One more."]) is None
    sims = semantic.similarity_matrix(["Putin met Xi."], ["Xi met Putin.", "Rain fell."])
    assert sims.shape == (1, 2) and sims[0, 0] > sims[0, 1]
