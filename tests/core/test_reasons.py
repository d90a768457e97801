"""Tests of a group's reason (desktop.core.align.reasons.shared_fact): the shared fact in words."""

from __future__ import annotations

import pytest

from desktop.core.align.reasons import SPAN_WORDS, shared_fact


@pytest.mark.parametrize("a, b, reason", [
    (["Russian President Vladimir Putin said the talks were sincere."],
     ["The talks were sincere, said Putin."], "same statement by Putin"),
    (["Putin said the 12-point plan could work."],  # the speaker comes before the number
     ["The 12-point plan can work, Putin told reporters."], "same statement by Putin"),
    (["China proposed a 12-point peace plan."], ["The 12-point plan was praised."],
     "same number: 12-point peace"),
    (["About 850,000 people fled."], ["Some 850000 people fled."], "same number: 850,000 people"),
    (["The blast left 17 dead in the market."], ["The blast left 12 dead in the market."],
     "number differs: 17 dead / 12 dead"),
    (["Xi Jinping left Moscow on Wednesday after the summit."], ["On Wednesday Xi Jinping left Moscow."],
     "same event: “Xi Jinping left Moscow on Wednesday”"),  # the name whole
    (["Putin said the plan could work."], ["Zelensky said the plan could work."],  # two speakers
     "same event: “plan could work”"),
    (["The orchestra played Mahler."], ["Rain flooded villages."], "same fact in other words"),
])
def test_shared_fact(a, b, reason):
    assert shared_fact(a, b) == reason


def test_both_sides_of_an_n_to_m_group_are_read_together():
    # shared stems across the passages: "minis" (minister/ministers) and "reaso"; the span runs
    # from the first to the last over A's two passages joined
    assert shared_fact(["The minister resigned.", "He gave no reason."],
                       ["No reason was given.", "The 12 ministers met."]) == \
        "same event: “minister resigned. He gave no reason”"


def test_the_quoted_span_is_at_most_span_words_long():
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
             "kilo", "lima"]
    reason = shared_fact([" ".join(words)], [" ".join(reversed(words))])
    span = reason.removeprefix("same event: “").removesuffix("”").split()
    assert len(span) == SPAN_WORDS and span == words[:SPAN_WORDS]


def test_only_names_shared_reads_as_same_names_with_the_whole_name():
    reason = shared_fact(["Chinese President Xi Jinping left Moscow on Wednesday."],
                         ["Xi Jinping's trip to Moscow lasted three days."])
    assert reason == "same names: Chinese President Xi Jinping, Moscow"  # A's whole name


def test_a_title_the_other_side_writes_in_lower_case_is_not_shown_as_a_whole_name():
    # the seed pair's A19 / B4: only "prime minister" is shared, and B gives no name with it
    reason = shared_fact(["Japanese Prime Minister Fumio Kishida traveled to Kiev on Tuesday."],
                         ["The Chinese prime minister thinks he will get a lot out of his visit."])
    assert reason == "same names: Prime Minister"



def test_a_name_the_quote_cuts_is_given_whole():
    # the seed pair's A17 / B22: B writes "U.N.", so "United" is not shared, but the quote does not
    # start inside the name
    reason = shared_fact(["China and Russia act together on the United Nations Security Council, "
                          "using their veto power."],
                         ["The nations are members of the U.N. Security Council and its veto."])
    assert reason == "same event: “United Nations Security Council, using their veto”"


def test_a_name_is_widened_over_spaces_only_and_at_most_name_words():
    assert shared_fact(["In Tokyo, Kishida spoke."], ["Kishida spoke."]) == "same event: “Kishida spoke”"
    assert shared_fact(["Reporters saw Alpha Bravo Charlie Delta Echo host."], ["Echo will host."]) == \
        "same event: “Bravo Charlie Delta Echo host”"

