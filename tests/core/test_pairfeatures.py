"""Tests of the same-fact feature rows (desktop.core.align.pairfeatures) on hand-made matrices.

Every figure below is worked out by hand from the literal vectors; the blocked computations are
checked against the same figures with blocks of one row.
"""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.align import engine, pairfeatures
from desktop.core.align.lexical import Rows
from desktop.core.align.pairfeatures import FEATURES


def rows(*entries: dict[int, float]) -> Rows:
    """CSR rows from {feature: weight} dicts (indices sorted inside a row)."""
    indptr = np.cumsum([0] + [len(e) for e in entries]).astype(np.int64)
    indices = np.array([k for e in entries for k in sorted(e)], dtype=np.int64)
    data = np.array([e[k] for e in entries for k in sorted(e)], dtype=np.float64)
    return Rows(indptr, indices, data)


# -- sparse dot products of candidate pairs ------------------------------------------------------

def test_pair_dots_by_hand():
    a = rows({0: 1.0, 2: 2.0}, {1: 3.0})
    b = rows({0: 4.0, 1: 5.0}, {2: 1.0}, {})
    pi = np.array([0, 0, 1, 1, 0, 1])
    pj = np.array([0, 1, 0, 1, 2, 2])
    # a0.b0 = 1*4; a0.b1 = 2*1; a1.b0 = 3*5; a1.b1 = 0; with the empty row b2: 0
    assert pairfeatures.pair_dots(a, b, pi, pj).tolist() == [4.0, 2.0, 15.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize("table", [1, 3, 1_000])
def test_shared_keys_in_pair_then_key_order_whatever_the_table_size(table, monkeypatch):
    """The look-up table holds one row of A (table 1), one row with room to spare (3: 3 keys) or
    all rows: the matches are the same, in the callers' pair order, keys ascending in a pair."""
    monkeypatch.setattr(pairfeatures, "MATCH_TABLE", table)
    a = rows({0: 1.0, 2: 2.0}, {1: 3.0}, {0: 1.0, 1: 1.0, 2: 1.0})
    b = rows({0: 4.0, 1: 5.0}, {2: 1.0}, {0: 2.0, 2: 3.0})
    pi = np.array([2, 0, 1, 2, 0])
    pj = np.array([2, 2, 0, 0, 1])
    pair, entry_a, entry_b = pairfeatures._matches(a, b, pi, pj)
    # pair 0 (a2, b2): keys 0 and 2; pair 1 (a0, b2): keys 0, 2; pair 2 (a1, b0): key 1;
    # pair 3 (a2, b0): keys 0, 1; pair 4 (a0, b1): key 2
    assert pair.tolist() == [0, 0, 1, 1, 2, 3, 3, 4]
    assert a.indices[entry_a].tolist() == [0, 2, 0, 2, 1, 0, 1, 2]
    assert b.indices[entry_b].tolist() == [0, 2, 0, 2, 1, 0, 1, 2]
    assert pairfeatures.pair_dots(a, b, pi, pj).tolist() == [5.0, 8.0, 15.0, 9.0, 2.0]


def test_pair_dots_with_nothing_to_multiply():
    empty = rows({}, {})
    assert pairfeatures.pair_dots(empty, empty, np.array([0, 1]), np.array([1, 0])).tolist() == [0.0, 0.0]
    a = rows({0: 1.0})
    assert len(pairfeatures.pair_dots(a, a, np.array([], dtype=np.int64), np.array([], dtype=np.int64))) == 0


def test_count_above_counts_strictly_greater_entries_of_the_row():
    sorted_rows = np.array([[0.1, 0.5, 0.9], [-0.2, 0.0, 0.3]])
    found = pairfeatures._count_above(sorted_rows, np.array([0, 0, 1, 1, 1]),
                                      np.array([0.5, 0.0, 0.3, -1.0, 1.0]))
    assert found.tolist() == [1, 3, 0, 3, 0]


# -- standing of the embedding cosines -------------------------------------------------------------

EA = np.array([[1.0, 0.0], [0.0, 1.0]])
EB = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])
# EA @ EB.T = [[1, .6, 0], [0, .8, 1]]
S = [[1.0, 0.6, 0.0], [0.0, 0.8, 1.0]]


@pytest.mark.parametrize("block_pairs", [pairfeatures.BLOCK_PAIRS, 3])  # 3: one row per block
def test_scan_standing_by_hand(block_pairs, monkeypatch):
    monkeypatch.setattr(pairfeatures, "BLOCK_PAIRS", block_pairs)
    st = pairfeatures.standing(pairfeatures.scan(EA, EB), pairfeatures.scan(EB, EA))
    assert st.row_max.tolist() == [1.0, 1.0]
    assert st.row_mean == pytest.approx([1.6 / 3, 1.8 / 3])
    assert st.row_std == pytest.approx([np.std(S[0]), np.std(S[1])])
    assert st.row_top3 == pytest.approx([1.6 / 3, 1.8 / 3])  # three columns: the top 3 are all
    assert st.col_max.tolist() == [1.0, 0.8, 1.0]
    assert st.col_mean == pytest.approx([0.5, 0.7, 0.5])
    assert st.col_std == pytest.approx([0.5, 0.1, 0.5])
    assert st.col_top3 == pytest.approx([0.5, 0.7, 0.5])  # two rows: the mean of both
    assert st.mean == pytest.approx(3.4 / 6)
    assert st.std == pytest.approx(np.std(S))


@pytest.mark.parametrize("block_pairs", [pairfeatures.BLOCK_PAIRS, 3])
def test_scan_ranks_by_hand(block_pairs, monkeypatch):
    monkeypatch.setattr(pairfeatures, "BLOCK_PAIRS", block_pairs)
    pi, pj = np.array([0, 1, 1, 0]), np.array([1, 1, 0, 0])
    s = np.array([0.6, 0.8, 0.0, 1.0])
    by_row = pairfeatures.scan(EA, EB).ranks(pi, s)
    by_col = pairfeatures.scan(EB, EA).ranks(pj, s)
    # row 0 = [1, .6, 0]: one above .6, none above 1; row 1 = [0, .8, 1]: one above .8, two above 0
    assert by_row.tolist() == [1, 1, 2, 0]
    # column 1 = [.6, .8]: one above .6, none above .8; column 0 = [1, 0]: one above 0, none above 1
    assert by_col.tolist() == [1, 0, 1, 0]


# -- standing of the sparse (lexical) cosines ----------------------------------------------------

# non-zero entries of [[.5, 0, .2], [0, 0, .4]]
SI, SJ, SV = np.array([0, 0, 1]), np.array([0, 2, 2]), np.array([0.5, 0.2, 0.4])
DENSE = [[0.5, 0.0, 0.2], [0.0, 0.0, 0.4]]


def test_sparse_standing_by_hand():
    st = pairfeatures.sparse_standing(SI, SJ, SV, 2, 3)
    assert st.row_max.tolist() == [0.5, 0.4]
    assert st.row_mean == pytest.approx([0.7 / 3, 0.4 / 3])
    assert st.row_std == pytest.approx([np.std(DENSE[0]), np.std(DENSE[1])])
    assert st.row_top3 == pytest.approx([0.7 / 3, 0.4 / 3])
    assert st.col_max.tolist() == [0.5, 0.0, 0.4]
    assert st.col_mean == pytest.approx([0.25, 0.0, 0.3])
    assert st.col_std == pytest.approx([0.25, 0.0, 0.1])
    assert st.col_top3 == pytest.approx([0.25, 0.0, 0.3])
    assert st.mean == pytest.approx(1.1 / 6)
    assert st.std == pytest.approx(np.std(DENSE))


def test_sparse_ranks_by_hand():
    pi, pj = np.array([0, 0, 1, 1]), np.array([0, 2, 2, 0])
    s = np.array([0.5, 0.2, 0.4, 0.0])  # the last candidate is a zero entry
    by_row, by_col = pairfeatures.sparse_ranks(SI, SJ, SV, pi, pj, s, 2, 3)
    assert by_row.tolist() == [0, 1, 0, 1]  # row 0 non-zeros [.5, .2]; row 1 [.4]
    assert by_col.tolist() == [0, 1, 0, 1]  # column 0 [.5]; column 2 [.2, .4]


# -- whole feature rows (as the engine makes them, with the shipped embeddings) ----------------------

def test_features_of_a_one_by_one_pair_with_nothing_shared():
    pi, pj, x, _ = engine.training_rows(["Oil rose."], ["Rain fell in Paris."])
    assert pi.tolist() == [0] and pj.tolist() == [0]
    assert x.shape == (1, len(FEATURES)) and not np.isnan(x).any()
    row = dict(zip(FEATURES, x[0], strict=True))
    assert row["lex"] == 0.0 and row["names_shared"] == 0.0 and row["sem_rank_row"] == 1.0
    assert row["head_a"] == 1.0 and row["pos_a"] == 0.0 and row["doc_size"] == 0.0


def test_features_of_a_three_by_two_pair():
    a = ["Putin met Xi in Moscow on Monday.", "They signed 12 agreements.", "www . example . com"]
    b = ["Xi met Putin in Moscow.", "The leaders signed 14 agreements."]
    pi, pj, x, _ = engine.training_rows(a, b)
    assert pi.tolist() == [0, 0, 1, 1, 2, 2] and pj.tolist() == [0, 1, 0, 1, 0, 1]
    assert x.shape == (6, len(FEATURES)) and not np.isnan(x).any()
    col = {name: x[:, k] for k, name in enumerate(FEATURES)}
    ea, eb = engine.embed(a), engine.embed(b)
    assert col["sem"] == pytest.approx((ea @ eb.T).ravel(), abs=5e-6)  # cosines on a 1e-5 grid
    assert col["names_shared"].tolist() == [3, 0, 0, 0, 0, 0]  # Putin, Xi, Moscow
    assert col["numbers_shared"].tolist() == [0, 0, 0, 0, 0, 0]
    assert col["numbers_differ"].tolist() == [0, 0, 0, 1, 0, 0]  # 12 agreements / 14 agreements
    assert col["url_a"].tolist() == [0, 0, 0, 0, 1, 1]
    assert col["head_b"].tolist() == [1, 0, 1, 0, 1, 0]
    assert col["pos_a"].tolist() == [0, 0, 0.5, 0.5, 1, 1]
    assert col["lex"][0] > col["lex"][1] == 0.0


def test_scan_keeps_the_best_entries_of_each_row_best_first(monkeypatch):
    monkeypatch.setattr(pairfeatures, "RANK_CAP", 2)
    sc = pairfeatures.scan(EA, EB)  # rows [1, .6, 0] and [0, .8, 1]
    assert sc.best_index.tolist() == [[0, 1], [2, 1]]
    assert sc.best_values.tolist() == [[1.0, 0.6], [1.0, 0.8]]
    # ranks are exact below the cap and stop at it: row 0 has 2 entries above 0, capped at 2
    assert sc.ranks(np.array([0, 0, 1]), np.array([0.6, 0.0, 0.8])).tolist() == [1, 2, 1]


def test_cosines_from_two_products_agree_on_the_grid():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(7, 16)).astype(np.float32)
    b = rng.normal(size=(5, 16)).astype(np.float32)
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    assert (pairfeatures._cosines(a @ b.T) == pairfeatures._cosines((b @ a.T).T)).all()


def test_scan_figures_do_not_depend_on_how_many_rows_are_read_at_once(monkeypatch):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(23, 8)).astype(np.float32)
    y = rng.normal(size=(70, 8)).astype(np.float32)
    whole = pairfeatures.scan(x, y)
    monkeypatch.setattr(pairfeatures, "STAT_CELLS", 1)  # one row at a time
    by_row = pairfeatures.scan(x, y)
    for name in ("max", "mean", "sq_mean", "std", "top3", "best_values", "best_index"):
        assert getattr(by_row, name).tobytes() == getattr(whole, name).tobytes()
    assert whole.std == pytest.approx(np.round(x.astype(np.float64) @ y.T.astype(np.float64), 5).std(1),
                                      abs=1e-4)
