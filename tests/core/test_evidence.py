"""Tests of the per-passage evidence (desktop.core.align.evidence) on hand-made sentences."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop.core.align import evidence
from desktop.core.align.pairfeatures import shared

A = [
    "Read more at https://example.com/story",
    "www . cnn . com",  # ECB+ tokenisation of a URL line
    "Updated: November 11, 2011 18:50 IST",
    "2023-03-22",
    "March 3 was a long day for the ministers who met in Brussels to talk.",  # too long for a date line
    "“We are ready,” he said.",
]


def test_url_date_and_quote_lines():
    ev = evidence.gather(A, ["Plain text here."])
    assert ev.url[0].tolist() == [True, True, False, False, False, False]
    assert ev.date_line[0].tolist() == [False, False, True, True, False, False]
    assert ev.quote[0].tolist() == [False, False, False, False, False, True]
    assert ev.url[1].tolist() == ev.date_line[1].tolist() == ev.quote[1].tolist() == [False]


def test_length_is_the_log_of_the_word_count():
    ev = evidence.gather(["one two three"], ["one"])
    assert ev.length[0].tolist() == pytest.approx([math.log(4)])
    assert ev.length[1].tolist() == pytest.approx([math.log(2)])


def test_names_leave_out_function_words():
    assert evidence._names("The President met Putin in Moscow. But Xi") == {"presid", "putin", "moscow", "xi"}


def test_shared_names_count_no_the():
    ev = evidence.gather(["The talks ended.", "Putin met Xi."], ["The talks ended.", "Xi met Putin."])
    pairs = np.array([0, 1]), np.array([0, 1])
    assert shared(ev.names, *pairs).tolist() == [0.0, 2.0]
    assert ev.names.sizes(0).tolist() == [0.0, 2.0]


def test_numbers_drop_thousands_separators():
    assert evidence._numbers("850,000 people, 1,234.5 and 12") == {"850000", "1234.5", "12"}
    ev = evidence.gather(["About 850,000 people fled."], ["Some 850000 people fled.", "Only 85 fled."])
    assert shared(ev.numbers, np.array([0, 0]), np.array([0, 1])).tolist() == [1.0, 0.0]


def test_key_weights_are_the_idf_over_both_documents():
    # stems: A0 {putin, moscow}, B0 {putin}, B1 {paris}; 3 passages; df putin 2, mosco 1, paris 1
    ev = evidence.gather(["Putin Moscow"], ["Putin", "Paris"])
    weights = sorted(ev.content.weight.tolist())
    assert weights == pytest.approx([math.log(4 / 2), math.log(4), math.log(4)])
    assert shared(ev.content, np.array([0, 0]), np.array([0, 1]), weighted=True).tolist() == \
        pytest.approx([math.log(2), 0.0])
