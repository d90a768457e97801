"""Difference kinds: tiny hand-computed cases for each rule, and the flags' precision on the
hand-labelled spans of the news-facts set (tests/core/fixtures/diff_kinds_gold.jsonl)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop.core.diff.kinds import classify, facts, quote_spans
from desktop.core.diff.words import diff_texts

FIXTURES = Path(__file__).parent / "fixtures"


def kinds(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(d.kind.value, d.a_text, d.b_text) for d in diff_texts(a, b)]


# --- names ------------------------------------------------------------------------------------

def test_capitalised_function_word_is_no_name_even_if_capitalised_elsewhere():
    # "The" is capitalised mid-text in "The Hague", but a function word is never a name
    a = "Talks ended in The Hague. The envoy left."
    b = "Talks ended in The Hague. An envoy left."
    assert kinds(a, b) == [("wording", "The", "An")]


def test_sentence_start_word_written_in_lower_case_elsewhere_is_no_name():
    a = "Police said so. The police left."
    b = "Officers said so. The police left."
    assert kinds(a, b) == [("wording", "Police", "Officers")]


def test_title_case_headline_words_are_no_names():
    # "Host" and "To" are capitalised only because the line is a headline
    assert kinds("Ellen DeGeneres To Host Oscars\nShe will host the Oscars.",
                  "Ellen DeGeneres Set As Oscars Host\nShe will host the Oscars.")[0][0] == "wording"


def test_name_after_an_abbreviation_or_at_a_start_before_a_name():
    # "Sgt." does not end a sentence: Marty is mid-sentence
    assert kinds("said Sgt. Marty Earley.", "said Sgt. Bill Earley.") == [("name", "Marty", "Bill")]
    # at a sentence start, a capitalised word followed by a name is part of that name
    assert kinds("He left. Anthony Phillip Lasalle was charged.",
                 "He left. Tony Phillip Lasalle was charged.") == [("name", "Anthony", "Tony")]


def test_a_title_alone_is_no_name():
    assert kinds("said President Xi Jinping today", "said Xi Jinping today") == [("wording", "President", "")]


# --- quotes -----------------------------------------------------------------------------------

def test_quote_change_needs_most_changed_words_inside_quotes():
    assert kinds("He said “we want peace now” and left.", "He said “we want war now” and left.") == [
        ("quote", "peace", "war")]
    # a rewritten clause that keeps a short quoted phrase is wording
    a = "They talked, and called it “very useful” in a statement."
    b = "They talked for hours about the new trade routes."
    assert {k for k, _, _ in kinds(a, b)} == {"wording"}


@pytest.mark.parametrize(("a", "b"), [
    ("He said `` we want peace '' today.", "He said `` we want war '' today."),
    ("他说「我们要和平」。", "他说「我们要战争」。"),
    ("Il a dit « la paix » hier.", "Il a dit « la guerre » hier."),
])
def test_corpus_and_cjk_quotation_marks(a, b):
    assert [k for k, _, _ in kinds(a, b)] == ["quote"]


def test_a_contraction_counts_as_one_word():
    # outside: "announced it" (2 words); inside: "It's official" (2 words, 3 tokens): not most
    text = 'She announced it: "It\'s official".'
    f = facts(text)
    tokens = [t for t in f.tokens if t.start >= text.index("announced") and t.text not in ':".']
    assert classify(tokens, f, [], facts("x")).value == "wording"


def test_reopened_quotes():
    # a new paragraph of a quotation whose break was lost: the same opener again
    text = "`` We lost. `` We will win, '' he said."
    assert [text[s:e].strip() for s, e in quote_spans(text)] == ["We lost.", "We will win,"]
    # a closer typed as an opener ends the quote; no reopening before a lower-case word
    text = "“ I thank my wife “, the host said."
    assert [text[s:e].strip() for s, e in quote_spans(text)] == ["I thank my wife"]
    # a straight mark before a word opens a new quote
    text = 'He said: "It snowed. "It was steep. " Then he left.'
    assert [text[s:e].strip() for s, e in quote_spans(text)] == ["It snowed.", "It was steep."]
    # a reopened quote that never closes was none
    text = "`` We go. `` The team left."
    assert [text[s:e].strip() for s, e in quote_spans(text)] == ["We go."]


# --- numbers ----------------------------------------------------------------------------------

def test_relative_dates_are_numbers():
    assert kinds("She will host the show this year.", "She will host the show.") == [
        ("number", "this year", "")]
    assert kinds("a year of talks", "a round of talks") == [("wording", "year", "round")]


# --- the labelled set -------------------------------------------------------------------------

def _documents() -> dict[str, tuple[str, str, list[int], list[int]]]:
    out = {}
    for line in (FIXTURES / "diff_kinds_docs.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        out[d["pair"]] = (_join(d["sents_a"]), _join(d["sents_b"]),
                           _starts(d["sents_a"]), _starts(d["sents_b"]))
    return out


def _join(sents: list[str]) -> str:
    """Sentences joined by a space; a line break after a headline (no sentence end)."""
    return "".join(s if not n else (" " if re.search(r"[.!?…:;,]\W*$", sents[n - 1]) else "\n") + s
                   for n, s in enumerate(sents))


def _starts(sents: list[str]) -> list[int]:
    out, at = [], 0
    for s in sents:
        out.append(at)
        at += len(s) + 1
    return out


def test_flags_are_right_on_the_labelled_spans():
    docs = _documents()
    gold = (FIXTURES / "diff_kinds_gold.jsonl").read_text(encoding="utf-8")
    spans = [json.loads(x) for x in gold.splitlines()]
    assert len(spans) >= 250
    flagged: dict[str, list[bool]] = {}
    for s in spans:
        text_a, text_b, starts_a, starts_b = docs[s["pair"]]
        fa, fb = facts(text_a), facts(text_b)
        a0, a1 = starts_a[s["i"]] + s["a"][0], starts_a[s["i"]] + s["a"][1]
        b0, b1 = starts_b[s["j"]] + s["b"][0], starts_b[s["j"]] + s["b"][1]
        assert (text_a[a0:a1], text_b[b0:b1]) == (s["a_text"], s["b_text"])
        kind = classify([t for t in fa.tokens if a0 <= t.start and t.end <= a1], fa,
                        [t for t in fb.tokens if b0 <= t.start and t.end <= b1], fb).value
        flagged.setdefault(kind, []).append(kind in s["kinds"])
    for kind in ("number", "name", "quote"):
        assert len(flagged[kind]) >= 10, kind
        assert sum(flagged[kind]) / len(flagged[kind]) >= 0.95, kind
