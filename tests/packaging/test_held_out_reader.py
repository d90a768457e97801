"""The benchmarks' held-out reader: each news-facts sentence pair gets the logit of the fold reader
that never saw it (``benchmarks/fit_same_fact.held_out_reader``), any other pair the real reader's."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import fit_same_fact  # noqa: E402

from desktop.core.align import reading  # noqa: E402

EXAMPLE = {"id": "x", "sents_a": ["a1", "a2"], "sents_b": ["b1", "b2", "b3"]}


def test_known_pairs_read_their_stored_logit_and_others_the_real_reader(tmp_path, monkeypatch):
    path = tmp_path / "oof.json"
    path.write_text(json.dumps({"logits": {"x": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]}}), encoding="utf-8")
    asked = []

    def real(texts_a, texts_b, pi, pj, tick=lambda: None, threads=2):
        asked.append((pi.tolist(), pj.tolist()))
        return np.full(len(pi), 9.0, dtype=np.float32)

    monkeypatch.setattr(reading, "reader_logits", real)
    with fit_same_fact.held_out_reader([EXAMPLE], path):
        got = reading.reader_logits(["a1", "a2", "new"], ["b1", "b2", "b3"],
                                    np.array([1, 0, 2]), np.array([2, 1, 0]))
    assert got.tolist() == [5.0, 1.0, 9.0]  # a2/b3 = row 1 x 3 + 2; a1/b2 = 1; "new" is read
    assert asked == [([2], [0])]
    assert reading.reader_logits is real


def test_the_committed_logits_hold_every_pair_of_31_document_pairs():
    table = json.loads(fit_same_fact.OOF.read_text(encoding="utf-8"))
    assert table["set"] == "news-facts-dev" and table["folds"] == 31  # one per pair
    assert len(table["logits"]) == 31
    assert all(len(row) >= 4 and all(-20 < v < 20 for v in row) for row in table["logits"].values())


def test_stage_3_folds_leave_one_pair_out_by_default():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
    import train_reader_dev as stage3

    assert stage3.FOLDS == 0 and stage3.fold_count(stage3.FOLDS, 31) == 31
    assert [stage3.fold_of(k, 0) for k in (0, 7, 30)] == [0, 7, 30]  # each pair its own fold
    assert [stage3.fold_of(k, 5) for k in (0, 7, 30)] == [0, 2, 0]  # the first scheme: k % 5
