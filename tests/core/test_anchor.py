"""Anchoring by quotation: exact, normalised, ambiguous, not found; NOTES.json loading."""

from __future__ import annotations

import json

import pytest

from desktop.core.model import Note, ParallaxError, Source, Which
from desktop.core.project.anchor import AmbiguousQuote, find_all, find_quote, load_notes_json, reanchor


def test_exact_match_returns_its_offsets():
    assert find_quote("Putin met Xi in Moscow.", "met Xi") == (6, 12)


def test_normalised_match_spans_the_original_words():
    text = "He called it a “Peace\u00a0 plan” today."
    start, end = find_quote(text, '"peace plan"')
    assert text[start:end] == "“Peace\u00a0 plan”"


def test_dashes_soft_hyphens_and_line_breaks_are_made_uniform():
    text = "Talks in 2022–2023 were sche\u00adduled"
    assert text[slice(*find_quote(text, "2022-2023"))] == "2022–2023"
    assert text[slice(*find_quote(text, "were scheduled"))] == "were sche\u00adduled"
    assert find_quote("a long\n  sentence here", "long sentence") == (2, 17)


def test_exact_matches_win_over_normalised_ones():
    text = "Peace plan. peace plan."
    assert find_all(text, "peace plan") == [(12, 22)]


def test_unicode_case_folding_and_composition():
    assert find_quote("Путин сказал", "ПУТИН") == (0, 5)
    street = "Die Straße ist lang"
    assert street[slice(*find_quote(street, "STRASSE"))] == "Straße"
    assert find_quote("Cafe\u0301 au lait", "Café") == (0, 5)
    assert find_quote("习近平抵达莫斯科。", "莫斯科") == (5, 8)
    assert find_quote("قال بوتين 🙂 اليوم", "بوتين 🙂") == (4, 11)


def test_ambiguous_quote_needs_near():
    text = "the plan and the plan"
    with pytest.raises(AmbiguousQuote) as info:
        find_quote(text, "the plan")
    assert info.value.matches == [(0, 8), (13, 21)]
    assert find_quote(text, "the plan", near=11) == (13, 21)
    assert find_quote(text, "the plan", near=2) == (0, 8)


def test_whole_words_are_preferred_over_parts_of_words():
    text = "Xinhua reported that Xi left."
    assert find_all(text, "Xi") == [(21, 23)]
    assert find_all("Xinhua", "Xi") == [(0, 2)]  # a part of a word when nothing else fits
    assert len(find_all("莫斯科莫斯科", "莫斯科")) == 2  # no word boundaries in Chinese


def test_not_found_and_empty_quote():
    assert find_quote("Putin met Xi.", "Biden") is None
    assert find_quote("Putin met Xi.", "   ") is None


def test_reanchor_moves_a_note_or_drops_it():
    note = Note("a", 4, 9, "Putin", "n")
    assert reanchor(note, "Mr. Putin left") is note
    moved = reanchor(note, "Yesterday Mr. Putin left")
    assert (moved.start, moved.end, moved.quote) == (14, 19, "Putin")
    assert reanchor(note, "Mr. Xi left") is None


# -- NOTES.json --------------------------------------------------------------------------------

SOURCES = {"a": Source("Putin met Xi. Xi smiled. The deal was “historic”.", origin="a.txt"),
           "b": Source("习近平会见普京。Die Straße.", origin="b.txt")}


def write(tmp_path, data, name="NOTES.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_load_notes_anchors_found_quotes_and_reports_the_others(tmp_path):
    path = write(tmp_path, [
        {"source": "a", "quote": 'The deal was "historic"', "note": "framing", "tags": ["framing"]},
        {"source": "b", "quote": "会见普京", "note": "CJK"},
        {"source": "a", "quote": "Biden", "note": "missing"},
        {"source": "a", "quote": "Xi", "note": "twice"},
        {"source": "a", "quote": "Xi", "note": "second", "occurrence": 2},
    ])
    notes, problems = load_notes_json(path, SOURCES)
    assert [(n.side, n.quote, n.text, n.tags) for n in notes] == [
        (Which(0), "The deal was “historic”", "framing", ("framing",)),
        (Which(1), "会见普京", "CJK", ()),
        (Which(0), "Xi", "second", ()),
    ]
    assert notes[2].start == SOURCES["a"].text.index("Xi smiled")
    assert len(problems) == 2
    assert "note 3" in problems[0] and "“Biden”" in problems[0] and "not found" in problems[0]
    assert "note 4" in problems[1] and "“Xi”" in problems[1] and "2 times" in problems[1]


def test_load_notes_accepts_a_bom_and_an_empty_list(tmp_path):
    path = tmp_path / "n.json"
    path.write_bytes(b"\xef\xbb\xbf[]")
    assert load_notes_json(path, SOURCES) == ([], [])


def test_notes_anchor_to_any_source_named_by_letter_up_to_l(tmp_path):
    c = Source("Protests in Moscow were small.", origin="c.txt")
    sources = [SOURCES["a"], SOURCES["b"], c]
    path = write(tmp_path, [{"source": "C", "quote": "Protests", "note": "only C"},
                            {"source": "a", "quote": "Putin met", "note": "lead"}])
    notes, problems = load_notes_json(path, sources)
    assert problems == []
    assert [(n.side, n.start, n.end, n.quote) for n in notes] == [(Which(2), 0, 8, "Protests"),
                                                                  (Which(0), 0, 9, "Putin met")]
    twelve = write(tmp_path, [{"source": "l", "quote": "Protests"}], "twelve.json")
    assert load_notes_json(twelve, [c] * 12)[0][0].side == Which(11)
    with pytest.raises(ParallaxError, match='is for source "m", but the sources are a, b, .*, l'):
        load_notes_json(write(tmp_path, [{"source": "m", "quote": "Protests"}], "m.json"), [c] * 12)
    with pytest.raises(ParallaxError, match='is for source "d", but the sources are a, b, c$'):
        load_notes_json(write(tmp_path, [{"source": "d", "quote": "Protests"}], "d.json"), sources)


def test_occurrence_past_the_end_is_a_problem(tmp_path):
    path = write(tmp_path, [{"source": "a", "quote": "Xi", "note": "x", "occurrence": 3}])
    notes, problems = load_notes_json(path, SOURCES)
    assert notes == [] and "occurrence 3 does not exist" in problems[0]


@pytest.mark.parametrize(("content", "message"), [
    ("[{\"source\": \"a\",", "not valid JSON"),
    ('{"source": "a"}', "expected a list of notes"),
    ('[{"source": "c", "quote": "Xi", "note": "x"}]', 'note 1 is for source "c"'),
    ('[{"source": "a", "note": "x"}]', 'no "quote"'),
    ('["just a string"]', "not an object"),
    ('[{"source": "a", "quote": "Xi", "tags": [1]}]', '"tags" must be a list of strings'),
    ('[{"source": "a", "quote": "Xi", "occurrence": 0}]', '"occurrence" must be'),
])
def test_bad_notes_files_raise_naming_the_file(tmp_path, content, message):
    path = write(tmp_path, content, "bad notes.json")
    with pytest.raises(ParallaxError, match=message) as info:
        load_notes_json(path, SOURCES)
    assert "bad notes.json" in str(info.value)


def test_missing_or_undecodable_notes_file(tmp_path):
    with pytest.raises(ParallaxError, match="no such notes file"):
        load_notes_json(tmp_path / "absent.json", SOURCES)
    latin = tmp_path / "latin.json"
    latin.write_bytes('[{"source": "a", "quote": "Stra\xdfe"}]'.encode("latin-1"))
    with pytest.raises(ParallaxError, match="latin.json: cannot read"):
        load_notes_json(latin, SOURCES)


@pytest.mark.parametrize("content, message", [
    ('[{"source": "a", "quote": "Xi smiled", "note": "half a pair \\ud800"}]',
     '"note" holds a lone surrogate (\\ud800)'),
    ('[{"source": "a", "quote": "Xi \\udfff smiled", "note": ""}]', '"quote" holds a lone surrogate'),
    ('[{"source": "a", "quote": "Xi smiled", "occurrence": ' + "9" * 5000 + "}]", "not a notes file"),
])
def test_notes_json_cannot_hold_is_a_one_line_error(tmp_path, content, message):
    path = tmp_path / "notes.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParallaxError) as err:
        load_notes_json(path, SOURCES)
    assert str(path) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)
