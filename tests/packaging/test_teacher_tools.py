"""The tools of the readers measured and not kept: the teacher's int8 weights, the pairs its verdicts
are taken on, and the residual reader's examples."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))

import distil_reader  # noqa: E402
import make_mpnet_graph  # noqa: E402
import train_reader_residual  # noqa: E402


def test_each_column_is_quantised_over_its_own_largest_value():
    w = np.array([[1.0, -0.02], [-0.5, 0.004], [0.254, 0.0]], dtype=np.float32)
    q, scale = make_mpnet_graph.quantise_columns(w)
    assert q.dtype == np.int8 and scale.tolist() == np.float32([1 / 127, 0.02 / 127]).tolist()
    assert q[:, 0].tolist() == [127, -64, 32] and q[:, 1].tolist() == [-127, 25, 0]
    assert np.abs(q * scale - w).max() <= scale.max() / 2  # within half a step of its column


def test_no_held_out_pair_is_read_for_the_teacher(tmp_path):
    """The unlabelled pairs come from ECB+ training article pairs that are neither in the gold
    the reader trains on nor in the held-out gold (news-facts-ecbtrain-2)."""
    sentence = "Xi Jinping left Moscow on Wednesday after two days of talks."
    docs = [{"id": f"train/{name}", "sents_a": [sentence, "Oil rose."],
             "sents_b": [sentence.replace("left", "departed"), "Rain fell in Lisbon."]}
            for name in ("10_13ecbplus__10_17ecbplus", "99_1ecb__99_2ecb")]  # the first is held out
    (tmp_path / "ecbplus-train.jsonl").write_text("\n".join(map(json.dumps, docs)), encoding="utf-8")
    pairs = distil_reader.unlabelled_pairs(tmp_path)
    assert 1 <= len(pairs) <= 4 and (sentence, docs[1]["sents_b"][0]) in pairs


def test_the_residual_reader_trains_on_the_pairs_align_reads_offset_by_the_first_trees():
    """Pairs below the reader's floor (.02) are not read; each read pair carries the first trees'
    logit: log(p / (1 - p))."""

    doc = {"sents_a": ["Xi left Moscow.", "Oil rose."],
           "sents_b": ["Xi departed Moscow.", "Oil prices rose."]}
    rows = (np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]), None, np.array([1, 0, 0, 1]), False)
    got = train_reader_residual.read_examples(doc, rows, np.array([0.9, 0.01, 0.2, 0.5]))
    assert [(e["a"], e["b"], e["y"]) for e in got] == [
        ("Xi left Moscow.", "Xi departed Moscow.", 1), ("Oil rose.", "Xi departed Moscow.", 0),
        ("Oil rose.", "Oil prices rose.", 1)]
    assert [round(e["offset"], 4) for e in got] == [2.1972, -1.3863, 0.0]
