"""Coverage cells (``core.coverage``) and the version 2 JSON of a many-source comparison,
on a hand-built comparison (no engine)."""

from __future__ import annotations

import json

import pytest
from builders import source

from desktop.core import coverage
from desktop.core.model import (
    AlignOptions,
    DiffKind,
    EngineRun,
    Fact,
    GroupStatus,
    ManyComparison,
    ParallaxError,
)
from desktop.core.pipeline import assemble_many
from desktop.core.project.serialize import many_from_dict, many_to_dict

A = ["The ministry said 12 people died on Monday.", "Rain is expected.", "Only A says this."]
B = ["The ministry said 14 people died on Monday.", "Rain is expected."]
C = ["Officials said 12 people died on Monday.", "The ministry said 12 people died on Monday."]


def _comparison(reference: int = 0) -> ManyComparison:
    built = [source(p, title=f"T{n}", authors=("Maria Silva",)) for n, p in enumerate((A, B, C))]
    facts = [Fact(((0, (0,)), (1, (0,)), (2, (0,))), 0.9, "numbers: 12", GroupStatus.CONFIRMED),
             Fact(((0, (1,)), (1, (1,))), 0.8),
             Fact(((1, (0,)), (2, (1,))), 0.7),
             Fact(((0, (2,)),), 0.0)]
    return assemble_many([b[0] for b in built], [b[1] for b in built], facts, AlignOptions(),
                         reference=reference, runs=[EngineRun("independent reports", ("p",), ("m",))] * 3,
                         pairs=[(0, 1), (0, 2), (1, 2)])


def test_cells_mark_the_reference_the_same_words_each_kind_and_absence():
    many = _comparison()
    assert [c.code for c in coverage.row(many, 0)] == ["R", "n", "w"]
    assert [c.code for c in coverage.row(many, 1)] == ["R", "=", ""]
    # A does not report fact 2: its first source (B) is the reference there
    assert [c.code for c in coverage.row(many, 2)] == ["", "R", "n"]
    assert coverage.row(many, 0)[1].main is DiffKind.NUMBER
    assert coverage.shared(many) == (0, 1, 2) and coverage.by_all(many) == (0,)


def test_many_to_dict_lists_per_source_facts_and_reads_back():
    many = _comparison(reference=1)
    data = json.loads(json.dumps(many_to_dict(many)))
    assert [s["only_in"] for s in data["sources"]] == [[3], [], []]
    assert [s["omitted_by"] for s in data["sources"]] == [[2], [], [1]]
    assert data["facts"][0]["status"] == "confirmed" and data["facts"][0]["reference"] == 1
    assert data["engine"]["pairs"][2] == {"sources": [1, 2], "mode": "independent reports", "passes": ["p"],
                                          "models": ["m"], "pairs_read": 0, "pairs_to_read": 0,
                                          "reading_cut": False, "reader_runtime": ""}
    assert many_from_dict(data) == many


def test_a_reading_cut_in_some_source_pairs_is_said_and_kept():
    from dataclasses import replace

    many = _comparison()
    assert many.reading_note() == ""
    cut = replace(many.runs[0], pairs_read=2, pairs_to_read=64)
    many = replace(many, runs=(cut, *many.runs[1:]))
    assert many.reading_note() == ("the same-fact reader's budget left likely pairs unread in 1 of 3 "
                                   "source pairs (decided without it)")
    data = json.loads(json.dumps(many_to_dict(many)))
    assert data["engine"]["pairs"][0]["pairs_read"] == 2 and data["engine"]["pairs"][0]["reading_cut"]
    assert not data["engine"]["pairs"][1]["reading_cut"]
    assert many_from_dict(data) == many


@pytest.mark.parametrize("damage", [{"version": 1}, {"facts": [{"members": "x"}]}, {"sources": None}])
def test_a_damaged_document_is_refused(damage):
    data = {**many_to_dict(_comparison()), **damage}
    with pytest.raises(ParallaxError, match="parallax-comparison"):
        many_from_dict(data)
