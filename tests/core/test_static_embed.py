"""Static sentence embeddings: the adapter on a hand-made table, the shipped model, and that
packaging/make_static_model.py reproduces the committed file byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from published_model import published_weights

from desktop.core.align import static as static_embed
from desktop.core.align.minilm import _basic_words
from desktop.core.align.safetensors_io import read_safetensors, write_safetensors
from desktop.core.align.static import StaticEmbedder

REPO = Path(__file__).resolve().parents[2]
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "world", "##s", "cafe", ",", "!"]
TABLE = np.array([[0, 0], [9, 9], [9, 9], [9, 9], [3, 0], [0, 4], [0, 2], [1, 1], [0, 0], [0, 0]],
                 dtype=np.float32)


@pytest.fixture(scope="module")
def tiny() -> StaticEmbedder:
    return StaticEmbedder(TABLE, VOCAB)


def test_a_sentence_is_the_normalised_sum_of_its_pieces(tiny):
    # hello (3, 0) + world (0, 4) + ##s (0, 2) = (3, 6) -> (1, 2) / sqrt(5)
    vectors = tiny.embed(["Hello, worlds!"])
    assert vectors.dtype == np.float32
    assert np.allclose(vectors[0], np.array([1, 2]) / np.sqrt(5))


def test_case_and_accents_are_folded_as_bert_uncased(tiny):
    assert tiny.ids("CAFÉ café Cafe") == [7, 7, 7]


def test_empty_and_unknown_texts_give_zero_rows_not_nan(tiny):
    vectors = tiny.embed(["", "   ", "日本語 😀 ¿", "hello"])
    assert np.array_equal(vectors[:3], np.zeros((3, 2), dtype=np.float32))
    assert np.allclose(vectors[3], [1, 0])
    assert tiny.embed([]).shape == (0, 2)


def test_unknown_pieces_are_dropped_not_averaged_in(tiny):
    # "zzz" is [UNK] (row (9, 9)): it must not pull the vector off "hello"
    assert np.allclose(tiny.embed(["hello zzz 😀"])[0], [1, 0])


def test_the_chunk_cache_tokenises_exactly_as_bert_on_the_whole_text():
    model = static_embed.load()
    texts = ["Putin's 12-point plan—“peace” (U.S.) café naïve ΟΔΟΣ Σ 北京x",
             "tab\there\nnew line\u00a0nbsp\u3000ideographic", "soft\u00adhy\u200bphen \u0301accent",
             "vertical\x0btab and\x1cfile\x85nel", "  ", ""]
    for text in texts:
        slow = [i for w in _basic_words(text) for i in model.tokenizer._word_pieces(w)
                if i != model.tokenizer.unk]
        assert model.ids(text) == slow == model.ids(text), text


def test_a_table_that_does_not_match_its_vocabulary_is_refused():
    with pytest.raises(ValueError, match="9 vectors for 10"):
        StaticEmbedder(TABLE[:9], VOCAB)


def test_load_reads_the_file_format(tmp_path):
    # int8 rows times their scales: a = 127 * 0.5, b = -127 * 0.25, c = 64 * 2
    q = np.array([[0], [0], [0], [127], [-127], [64]], dtype=np.int8)
    scale = np.array([[1.0], [1.0], [1.0], [0.5], [0.25], [2.0]], dtype=np.float32)
    path = tmp_path / "m.safetensors"
    vocab = np.frombuffer(b"[UNK]\n[CLS]\n[SEP]\na\nb\nc", dtype=np.uint8)
    write_safetensors(path, {"embeddings": q, "embeddings.scale": scale, "vocab": vocab})
    model = StaticEmbedder.load(path)
    assert np.allclose(model.table[3:, 0], [63.5, -31.75, 128])
    assert np.allclose(model.embed(["b", "a c"]), [[-1], [1]])


def test_a_file_that_is_not_a_model_is_named_in_the_error(tmp_path):
    path = tmp_path / "broken.safetensors"
    write_safetensors(path, {"x": np.zeros(2, dtype=np.float32)})
    with pytest.raises(ValueError, match="broken.safetensors: not a static embedding model"):
        StaticEmbedder.load(path)


def test_the_shipped_model_gives_deterministic_unit_vectors_that_rank_paraphrases_first():
    texts = ["Putin flew to Beijing for talks with Xi.",
             "The Russian president travelled to China to meet its leader.",
             "Heavy rain flooded the football stadium on Sunday.",
             "", "北京 🚀"]
    model = static_embed.load()
    first, again = model.embed(texts), static_embed.embed(texts)
    assert np.array_equal(first, again)
    assert first.shape == (5, model.dims) and first.dtype == np.float32
    assert np.allclose(np.linalg.norm(first[:3], axis=1), 1.0, atol=1e-5)
    assert not first[3].any()
    sims = first[:3] @ first[:3].T
    assert sims[0, 1] > sims[0, 2] + 0.1


def test_the_script_reproduces_the_committed_model(tmp_path):
    target = tmp_path / "minilm-static.safetensors"
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    source = published_weights()  # the test extras install them (.ci/bootstrap)
    subprocess.run([sys.executable, str(REPO / "packaging" / "make_static_model.py"), str(source),
                    str(target)], check=True, env=env, capture_output=True)
    made, shipped = read_safetensors(target), read_safetensors(static_embed.default_path())
    assert made.keys() == shipped.keys()
    # Bit for bit with the numpy and OpenBLAS it was made with; another release of either moves a
    # float's last bit here and there, which can turn an int8 rounding by one step (seen: numpy
    # 2.4.6 changed 1 of 11.7 million values), never more.
    for name, value in shipped.items():
        steps = np.abs(made[name].astype(np.float64) - value.astype(np.float64))
        if value.dtype == np.int8:
            assert steps.max() <= 1 and (steps > 0).mean() < 1e-4, name
        else:
            assert np.allclose(made[name], value, rtol=1e-5, atol=1e-7), name


def test_segment_sums_equal_one_reduceat_whatever_the_chunking(monkeypatch):
    """Bit for bit numpy's reduceat (the first piece plus the pairwise sum of the rest): every
    length up to 300 (one by one under 8, 8 running sums up to 128, halves beyond), twice each."""
    rng = np.random.default_rng(1)
    table = rng.normal(size=(50, 4)).astype(np.float32)
    table[3] = -0.0
    lengths = np.repeat(np.arange(1, 301, dtype=np.int64), 2)
    rng.shuffle(lengths)
    flat = rng.integers(0, 50, size=int(lengths.sum()))
    whole = np.add.reduceat(table[flat], np.cumsum(lengths) - lengths, axis=0)
    for chunk, long in ((1, 512), (7, 512), (1000, 512), (1000, 100)):
        monkeypatch.setattr(static_embed, "_CHUNK_ROWS", chunk)
        monkeypatch.setattr(static_embed, "_LONG", long)  # 100: passages of 101+ pieces alone
        monkeypatch.setattr(static_embed, "_FEW_PIECES", 0)  # never the one reduceat
        got = static_embed._segment_sums(table, flat, lengths)
        assert got.tobytes() == whole.tobytes()
    monkeypatch.setattr(static_embed, "_FEW_PIECES", 10 ** 9)
    assert static_embed._segment_sums(table, flat, lengths).tobytes() == whole.tobytes()


def test_int8_rows_are_multiplied_back_as_first_looked_up_with_the_same_values():
    tensors = read_safetensors(static_embed.default_path())
    q, scale = tensors["embeddings"], tensors["embeddings.scale"]
    vocab = tensors["vocab"].tobytes().decode("utf-8").split("\n")
    lazy = StaticEmbedder(q, vocab, scale)
    whole = StaticEmbedder(q.astype(np.float32) * scale, vocab)
    texts = ["Putin flew to Beijing for talks with Xi.", "Heavy rain flooded the stadium.", ""]
    assert np.array_equal(lazy.embed(texts[:1]), whole.embed(texts[:1]))
    assert 0 < lazy._ready.sum() < 100  # only the rows of one sentence were multiplied back
    assert np.array_equal(lazy.embed(texts), whole.embed(texts))
    assert np.array_equal(lazy.table, whole.table)
