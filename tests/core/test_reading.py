"""The ``read_pairs`` pass: which pairs the reader reads, what the second trees see, and how a run
reports a reading its budget cut."""

import json
from pathlib import Path

import numpy as np
import pytest

from desktop.core import components
from desktop.core.align import engine, models, reader_onnx, reading, samefact
from desktop.core.align.crossencoder import GRAPH, NUMPY, CrossEncoder, _even_batch, _pair_ids
from desktop.core.align.models import READER
from desktop.core.align.tuning import Tuning

A = ["Xi Jinping left Moscow on Wednesday after two days of talks with Vladimir Putin.",
     "The two leaders signed a joint statement on their economic partnership.",
     "China has put forward a 12-point plan for peace in Ukraine.",
     "Oil prices rose two percent in London trading."]
B = ["Chinese President Xi Jinping departed Moscow on Wednesday, ending a two-day state visit.",
     "Putin said he was open to discussing Beijing's 12-point peace proposal.",
     "The leaders signed a statement pledging deeper economic ties.",
     "Heavy rain flooded several streets in Lisbon."]


def test_choose_reads_the_likeliest_pairs_above_the_floor_within_the_budget():
    p = np.array([0.05, 0.5, 0.2, 0.9, 0.2])
    assert reading.choose(p, 0.15, 2).tolist() == [1, 3]  # .9 and .5 of the four at or above .15
    assert reading.choose(p, 0.15, 3).tolist() == [1, 2, 3]  # of the two at .2, the earlier row
    assert reading.choose(p, 0.95, 10).tolist() == []


def test_short_pairs_cost_a_share_of_a_full_read():
    p = np.array([0.05, 0.5, 0.2, 0.9, 0.2])
    half = {1: 0.5, 2: 0.5, 3: 0.5, 4: 1.0}
    assert reading.choose(p, 0.15, 2, half.get).tolist() == [1, 2, 3]  # .9, .5, .2: 1.5 of 2
    assert reading.choose(p, 0.15, 1.4, half.get).tolist() == [1, 3]
    assert reading.choose(p, 0.15, 0.4, half.get).tolist() == []  # not even the likeliest fits


def test_a_pairs_cost_is_its_word_pieces_over_the_most_the_reader_reads():
    reader = reading.load_reader()
    pieces = len(reader.pieces(A[0])) + len(reader.pieces(B[0])) + 3
    assert reader.pair_pieces(A[0], B[0]) == pieces < reader.max_pair_tokens
    cost = reading.read_cost(A, B, np.array([0, 1]), np.array([0, 0]))
    assert cost(0) == pieces / reader.max_pair_tokens
    assert reader.pair_pieces(" ".join(A), " ".join(B)) == reader.max_pair_tokens  # cut as it is read


def test_reader_features_are_each_logit_and_its_gaps_to_its_row_and_column_best():
    pi, pj, logits = np.array([0, 0, 1]), np.array([0, 1, 1]), np.array([1.0, 3.0, 2.0])
    assert reading.reader_features(pi, pj, logits).tolist() == [[1, -2, 0], [3, 0, 0], [2, 0, -1]]
    assert reading.reader_features(pi[:0], pj[:0], logits[:0]).shape == (0, len(reading.READER_FEATURES))


def test_a_pair_too_long_is_cut_from_its_longer_passage_first():
    ids, second = _pair_ids([11, 12, 13, 14, 15], [21, 22], ([2], [3], [3]), 7)
    assert ids == [2, 11, 12, 3, 21, 22, 3] and second == 4


def test_mpnets_pair_has_two_separators_in_the_middle():
    """The teacher's marks (``packaging/mpnet_teacher.py``): ``<s> a </s></s> b </s>``."""
    ids, second = _pair_ids([11, 12, 13, 14, 15], [21, 22], ([0], [2, 2], [2]), 8)
    assert ids == [0, 11, 12, 2, 2, 21, 22, 2] and second == 5


@pytest.mark.parametrize("runtime", [reader_onnx.RUNTIME, NUMPY])
def test_both_runtimes_of_the_reader_match_the_trained_model(runtime):
    """The int8 reader (onnxruntime's graph and the numpy fallback) against the torch model it was
    made from (logits computed by torch from the trained folder, before int8; stored with the
    pairs). Measured: 0.05 at most on these pairs."""
    path = Path(__file__).parent / "fixtures" / "reader_reference.json"
    ref = json.loads(path.read_text(encoding="utf-8"))
    reader = CrossEncoder(READER.directory(), runtime)
    assert reader.runtime == runtime
    got = reader.scores([tuple(p) for p in ref["pairs"]])
    assert np.abs(got - np.array(ref["logits"])).max() < 0.15


def test_the_numpy_fallback_computes_what_the_graph_computes():
    """Same arithmetic, two implementations: they part only where a value lands within rounding
    of a quantisation step (measured on 248 news-facts pairs: 0.018 on average, 0.15 at most)."""
    pairs = [(a, b) for a in A for b in B]
    graph = CrossEncoder(READER.directory()).scores(pairs)
    numpy_ = CrossEncoder(READER.directory(), NUMPY).scores(pairs)
    assert np.abs(graph - numpy_).mean() < 0.03 and np.abs(graph - numpy_).max() < 0.2


def test_without_onnxruntime_the_reader_runs_in_numpy(monkeypatch):
    monkeypatch.setattr(reader_onnx, "available", lambda: False)
    assert CrossEncoder(READER.directory()).runtime == NUMPY


def test_an_unreadable_graph_leaves_the_reader_to_numpy(tmp_path):
    for name in READER.files[:3]:
        (tmp_path / name).write_bytes((READER.directory() / name).read_bytes())
    (tmp_path / GRAPH).write_bytes(b"not a graph")
    reader = CrossEncoder(tmp_path)
    assert reader.runtime == NUMPY
    assert reader.scores([(A[0], B[0])])[0] > 0


def test_the_reader_reads_a_restatement_higher_than_an_unrelated_pair():
    reader = CrossEncoder(READER.directory())
    same, other = reader.scores([(A[0], B[0]), (A[3], B[3])])
    assert same > 0 > other


def test_the_reader_shares_its_batches_between_two_threads_with_the_same_values():
    reader = CrossEncoder(READER.directory())
    pairs = [(a, b) for a in A for b in B]
    alone = np.array([reader.scores([pair])[0] for pair in pairs])
    ticks = []
    together = reader.scores(pairs, batch_size=4, tick=lambda: ticks.append(1))
    assert np.abs(together - alone).max() < 1e-4
    assert np.abs(reader.scores(pairs, batch_size=4, threads=1) - together).max() < 1e-4
    assert len(ticks) >= 2  # 16 pairs: 4 batches, two of them on this thread


def test_a_tick_that_raises_stops_the_reading():
    def cancel() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        CrossEncoder(READER.directory()).scores([(A[0], B[0])] * 6, batch_size=2, tick=cancel)


def test_batches_are_cut_evenly_for_two_threads():
    assert [_even_batch(n, 32) for n in (1, 2, 44, 64, 65, 24)] == [1, 1, 22, 32, 17, 12]


def test_the_second_trees_read_the_first_features_and_the_reader_features():
    trees = reading.load_trees()
    assert trees.features[-3:] == reading.READER_FEATURES
    assert len(trees.features) == len(samefact.load().features) + 3
    assert trees.fit["reads"] == {"floor": Tuning().reader_floor, "budget": Tuning().reader_budget}


def test_a_run_with_the_reader_names_its_pass_and_model():
    result = engine.align(A, B)
    assert result.run.passes.index("read_pairs") == result.run.passes.index("score_same_fact") + 1
    assert READER.folder in result.run.models and result.run.reader_runtime == reader_onnx.RUNTIME
    assert 0 < result.run.pairs_read == result.run.pairs_to_read and not result.run.reading_cut
    assert result.run.reading_note() == ""
    off = engine.align(A, B, tuning=Tuning(read_pairs=False))
    assert "read_pairs" not in off.run.passes and off.run.pairs_read == 0


def test_a_budget_that_cuts_the_reading_is_reported():
    large = Tuning(dense_pairs=1, reader_budget_large=1, reader_floor=0.0)  # A x B counts as large
    result = engine.align(A, B, tuning=large)
    # One full read (96 word pieces) pays for two to four of these pairs (20-37 pieces each).
    read = result.run.pairs_read
    assert 2 <= read <= 4 and result.run.pairs_to_read == 16
    assert result.run.reading_cut
    assert result.run.reading_note().startswith(
        f"the same-fact reader read the {read} likeliest of 16 likely pairs")


def test_the_analysts_own_budget_is_the_full_reading_not_a_cut_one():
    result = engine.align(A, B, tuning=Tuning(reader_budget=1, reader_floor=0.0))
    assert 2 <= result.run.pairs_read == result.run.pairs_to_read <= 4
    assert not result.run.reading_cut


@pytest.fixture
def no_reader(tmp_path, monkeypatch):
    """The reader's folder is empty; the other models are where they were."""
    real = models.resource
    monkeypatch.setattr(models, "resource", lambda *parts: tmp_path.joinpath(*parts)
                        if parts[-1] == READER.folder else real(*parts))
    reading.load_reader.cache_clear()
    components.reset()
    yield
    reading.load_reader.cache_clear()
    components.reset()


def test_without_the_reader_the_first_trees_decide_and_the_run_says_so(no_reader):
    result = engine.align(A, B)
    assert result.run.mode == engine.REPORTS and "read_pairs" not in result.run.passes
    assert READER.folder not in result.run.models and result.groups
    [item] = components.missing()
    assert item.component == READER.role and item.effect == READER.without


def test_a_cancel_while_reading_propagates():
    from desktop.core.model import Cancelled

    trees = reading.load_trees()
    pi, pj = np.array([0, 1, 2]), np.array([0, 2, 1])
    x = np.zeros((3, len(trees.features) - 3))

    def cancel() -> None:
        raise Cancelled("stop")

    with pytest.raises(Cancelled):
        reading.read_pairs(A, B, pi, pj, x, np.ones(3), floor=0.5, budget=3, normal=3, trees=trees,
                           tick=cancel)


def test_a_many_source_run_shares_the_reading_budget_among_its_source_pairs():
    from desktop.core.align.facts import align_many

    c = ["Xi Jinping left Moscow on Wednesday.", "Oil prices rose in London.", "China has a 12-point plan."]
    found = align_many([A, B, c], tuning=Tuning(reader_budget_many=6, reader_floor=0.0))
    assert len(found.runs) == 3
    # 6 full reads shared by 3 source pairs: 2 each, for two or more of these short pairs
    assert all(2 <= run.pairs_read < run.pairs_to_read for run in found.runs)
    assert all(run.reading_cut for run in found.runs)


def test_documents_too_large_to_score_every_pair_get_the_large_budget():
    tuning = Tuning()  # dense_pairs 60,000; both budgets 64 (the full reading at every size)
    assert engine.reader_budget(200, 300, tuning) == engine.reader_budget(201, 300, tuning) == 64
    smaller = Tuning(reader_budget_large=24)
    assert engine.reader_budget(200, 300, smaller) == 64  # 60,000 pairs: every pair scored
    assert engine.reader_budget(201, 300, smaller) == 24
    assert engine.reader_budget(201, 300, Tuning(reader_budget=10)) == 10
    assert engine.reader_budget(200, 300, Tuning(reader_share=28)) == 6  # 8 sources: 192 // 28 pairs
    assert engine.reader_budget(201, 300, Tuning(reader_share=28)) == 6
    assert engine.reader_budget(20, 30, Tuning(reader_share=3)) == 64  # 3 sources: the full reading


def test_a_three_source_run_reads_every_pair_in_full():
    from desktop.core.align.facts import align_many

    c = ["Xi Jinping left Moscow on Wednesday.", "Oil prices rose in London.", "China has a 12-point plan."]
    found = align_many([A, B, c], tuning=Tuning(reader_budget=4, reader_floor=0.0))
    assert len(found.runs) == 3
    assert all(run.pairs_read == run.pairs_to_read >= 4 and not run.reading_cut for run in found.runs)


def test_preload_loads_the_reader_once():
    reading.preload()
    first = reading.load_reader()
    reading.preload()
    assert reading.load_reader() is first and reading.load_reader.cache_info().currsize == 1


def test_preload_leaves_a_missing_reader_to_the_run_that_needs_it(no_reader):
    reading.preload()  # no exception, nothing reported yet
    assert components.missing() == ()
    result = engine.align(A, B)
    assert "read_pairs" not in result.run.passes and len(components.missing()) == 1
