"""Word differences: hand-computed cases, classification, options, absolute offsets, Unicode."""

from __future__ import annotations

import random

import pytest

from desktop.core.diff.words import DiffSettings, diff_group, diff_texts
from desktop.core.model import Difference, DiffKind, DiffOp, Passage, Source
from desktop.core.text.tokens import tokenize

R, D, INS = DiffOp.REPLACE, DiffOp.DELETE, DiffOp.INSERT


def brief(diffs: list[Difference]) -> list[tuple[str, str, str, str]]:
    return [(d.op.value, d.kind.value, d.a_text, d.b_text) for d in diffs]


def ranges(diffs: list[Difference]) -> list[tuple[int, int, int, int]]:
    return [(d.a_start, d.a_end, d.b_start, d.b_end) for d in diffs]


def assert_consistent(diffs: list[Difference], a: str, b: str) -> None:
    """The invariants every result keeps: slices match, ranges ordered, ops match empty sides."""
    last_a = last_b = 0
    for d in diffs:
        assert a[d.a_start:d.a_end] == d.a_text
        assert b[d.b_start:d.b_end] == d.b_text
        assert last_a <= d.a_start <= d.a_end <= len(a)
        assert last_b <= d.b_start <= d.b_end <= len(b)
        last_a, last_b = d.a_end, d.b_end
        ops = {(True, True): R, (True, False): D, (False, True): INS}
        assert d.op is ops[(bool(d.a_text), bool(d.b_text))]
        assert d.a_text == d.a_text.strip() and d.b_text == d.b_text.strip()


# --- basic operations -------------------------------------------------------------------------

def test_identical_texts_have_no_differences():
    text = "Xi left Moscow on Wednesday after a summit with Putin."
    assert diff_texts(text, text) == []
    assert diff_texts("", "") == []


def test_whitespace_only_changes_are_not_differences():
    assert diff_texts("Xi  left\nMoscow .", "Xi left Moscow\u200b .") == []


def test_one_word_replaced():
    diffs = diff_texts("the quick fox", "the slow fox")
    assert brief(diffs) == [("replace", "wording", "quick", "slow")]
    assert ranges(diffs) == [(4, 9, 4, 8)]


def test_words_are_never_cut():
    assert brief(diff_texts("a greed b", "a grind b")) == [("replace", "wording", "greed", "grind")]


def test_insertion_and_deletion_positions():
    # the empty side's range sits right after the last word both sides share
    assert ranges(diff_texts("the cat sat", "the black cat sat")) == [(3, 3, 4, 9)]
    assert ranges(diff_texts("the black cat sat", "the cat sat")) == [(4, 9, 3, 3)]
    assert brief(diff_texts("the black cat sat", "the cat sat")) == [("delete", "wording", "black", "")]
    assert ranges(diff_texts("cat sat", "the cat sat")) == [(0, 0, 0, 3)]  # at the very start
    assert ranges(diff_texts("the cat", "the cat sat")) == [(7, 7, 8, 11)]  # at the very end
    assert ranges(diff_texts("", "new words")) == [(0, 0, 0, 9)]


def test_adjacent_delete_and_insert_merge_into_one_replace():
    diffs = diff_texts("they met for four hours on Monday", "they met for two days on Monday")
    assert brief(diffs) == [("replace", "number", "four hours", "two days")]


# --- classification ---------------------------------------------------------------------------

def test_number_changes():
    assert brief(diff_texts("12 people died", "15 people died")) == [("replace", "number", "12", "15")]
    assert brief(diff_texts("a 12-point plan", "a 10-point plan")) == [("replace", "number", "12", "10")]
    assert diff_texts("on Wednesday (22) after", "on Friday after")[0].kind is DiffKind.NUMBER
    assert diff_texts("it grew 3.5 percent", "it grew 3.6 percent")[0].a_text == "3.5"
    assert diff_texts("in May he left", "in June he left")[0].kind is DiffKind.NUMBER
    assert diff_texts("他们谈了三个小时", "他们谈了两个小时")[0].kind is DiffKind.NUMBER


def test_a_changed_fact_stands_alone_in_rewritten_words():
    a = "the plane took off from the base at 12 sharp after a farewell ceremony"
    b = "the jet that landed at the base at 15 sharp to the sounds of a band"
    assert brief(diff_texts(a, b)) == [
        ("replace", "wording", "plane took off from", "jet that landed at"),
        ("replace", "number", "12", "15"),
        ("replace", "wording", "after a farewell ceremony", "to the sounds of a band"),
    ]
    # with no fact in it, the semantic cleanup merges the same rewrite into one replacement
    a, b = a.replace("12", "noon"), b.replace("15", "dawn")
    assert brief(diff_texts(a, b)) == [("replace", "wording", a[4:], b[4:])]


def test_reordered_number_is_not_a_number_change():
    diffs = diff_texts("On Monday they met and talked", "They met on Monday and talked")
    assert {d.kind for d in diffs} <= {DiffKind.WORDING, DiffKind.FORMAT}


def test_pronoun_one_is_not_a_number():
    diffs = diff_texts("they praised one another.", "they praised each other.")
    assert brief(diffs) == [("replace", "wording", "one another", "each other")]


def test_seed_name_change_vnukovo():
    a = "Xi’s plane took off from Moscow’s Vnukovo airport after a farewell ceremony"
    b = "Xi, who landed yesterday at Moscow’s Vnunkovo airport to the sounds of a military band"
    diffs = diff_texts("Moscow’s Vnukovo airport", "Moscow’s Vnunkovo airport")
    assert brief(diffs) == [("replace", "name", "Vnukovo", "Vnunkovo")]
    assert ranges(diffs) == [(9, 16, 9, 17)]
    # in the seeds' rewritten sentences the semantic cleanup would merge the words around the
    # name into one replacement; the shared name and the spelling variant still stand alone
    diffs = diff_texts(a, b)
    assert [(d.op, d.kind, d.a_text, d.b_text) for d in diffs if "Vnukovo" in d.a_text] == [
        (R, DiffKind.NAME, "Vnukovo", "Vnunkovo")]
    assert not any("Moscow" in d.a_text or "Moscow" in d.b_text for d in diffs)
    assert brief(diffs)[-1] == ("replace", "wording", "after a farewell ceremony",
                                "to the sounds of a military band")


def test_name_at_sentence_start_counts_when_known_elsewhere():
    a = "Talks ended. Putin left. Later Putin spoke."
    b = "Talks ended. Xi left. Later Putin spoke."
    assert brief(diff_texts(a, b)) == [("replace", "name", "Putin", "Xi")]
    # a capitalised word at a sentence start that is not known as a name is wording
    assert brief(diff_texts("Talks ended. The talks resumed.", "Talks ended. Those talks resumed.")) == [
        ("replace", "wording", "The", "Those")]


def test_cyrillic_name_change():
    diffs = diff_texts("Путин прилетел в Москву вчера.", "Путин прилетел в Пекин вчера.")
    assert brief(diffs) == [("replace", "name", "Москву", "Пекин")]


def test_quote_change():
    a, b = "He said “we want peace now” and left.", "He said “we want war now” and left."
    assert brief(diff_texts(a, b)) == [("replace", "quote", "peace", "war")]
    assert diff_texts('He said "we want peace".', 'He said "we want war".')[0].kind is DiffKind.QUOTE
    assert diff_texts("Il a dit « nous voulons la paix ».", "Il a dit « nous voulons la guerre ».")[0].kind \
        is DiffKind.QUOTE
    assert diff_texts("He said ‘peace’ twice.", "He said ‘war’ twice.")[0].kind is DiffKind.QUOTE


def test_words_outside_quotes_are_not_quote_changes():
    # an apostrophe is no quotation mark, and a closing mark with no opener quotes nothing
    assert diff_texts("Moscow’s big airport", "Moscow’s small airport")[0].kind is DiffKind.WORDING
    a = "ties in the Asia-Pacific region” and accused the North Atlantic Treaty Organization"
    b = "ties in the Asia-Pacific region” and blamed the North Atlantic Treaty Organization"
    assert brief(diff_texts(a, b)) == [("replace", "wording", "accused", "blamed")]


def test_seed_dear_friend_is_wording_not_quote():
    a = "referred to each other as “dear friend”"
    b = "called each other “dear friend,”"
    assert brief(diff_texts(a, b)) == [
        ("replace", "wording", "referred to", "called"),
        ("delete", "wording", "as", ""),
        ("insert", "format", "", ","),
    ]


def test_precedence_number_over_name_over_quote():
    a, b = "He said “they met Putin 12 times”.", "He said “they met Xi 15 times”."
    assert brief(diff_texts(a, b)) == [("replace", "number", "Putin 12", "Xi 15")]
    assert diff_texts("He said “Putin met them”.", "He said “Xi met them”.")[0].kind is DiffKind.NAME
    assert brief(diff_texts("He said “12 envoys”.", "He said “15 envoys”.")) == [
        ("replace", "number", "12", "15")]


@pytest.mark.parametrize(("a", "b"), [
    ("the U.S. said", "the US said"),
    ("Moscow’s airport", "Moscow's airport"),
    ("a peace plan", "a Peace plan"),
    ("friend”.", "friend,”."),
])
def test_case_and_punctuation_only_is_format_and_ignored_with_the_options(a, b):
    diffs = diff_texts(a, b)
    assert diffs and all(d.kind is DiffKind.FORMAT for d in diffs)
    assert diff_texts(a, b, ignore_case=True, ignore_punctuation=True) == []


def test_each_option_ignores_only_its_own_kind():
    assert diff_texts("a peace plan", "a Peace plan", ignore_case=True) == []
    assert diff_texts("the U.S. said", "the US said", ignore_punctuation=True) == []
    assert diff_texts("Moscow’s airport", "Moscows airport", ignore_punctuation=True) == []
    assert brief(diff_texts("a peace plan", "a Peace plan", ignore_punctuation=True)) == [
        ("replace", "format", "peace", "Peace")]
    assert brief(diff_texts("the U.S. said", "the US said", ignore_case=True)) == [
        ("replace", "format", "U.S.", "US")]


def test_options_report_offsets_into_the_original_text():
    a, b = "The PEACE, plan!", "the peace deal"
    diffs = diff_texts(a, b, ignore_case=True, ignore_punctuation=True)
    assert brief(diffs) == [("replace", "wording", "plan", "deal")]
    assert ranges(diffs) == [(11, 15, 10, 14)]


# --- groups: absolute offsets -----------------------------------------------------------------

def make_source(*sentences: str, sep: str = " ") -> tuple[Source, list[Passage]]:
    """A source whose passages are the given sentences joined by ``sep``; text starts with a header."""
    text = "date 2023-03-22\n"
    passages = []
    for n, s in enumerate(sentences):
        start = len(text)
        text += s + sep
        passages.append(Passage(n, start, start + len(s), s, 1, n + 1))
    return Source(text=text), passages


def blocks(text: str, passages: list[Passage]) -> list[tuple[int, int]]:
    """The group's passages, neighbours (only whitespace between them) merged into one block."""
    out: list[tuple[int, int]] = []
    for p in passages:
        if out and p.start >= out[-1][1] and not text[out[-1][1]:p.start].strip():
            out[-1] = (out[-1][0], p.end)
        else:
            out.append((p.start, p.end))
    return out


def assert_group_consistent(diffs, sa, pa, sb, pb):
    """Absolute offsets, and no range reaches outside the group's passages."""
    assert_consistent(diffs, sa.text, sb.text)
    for d in diffs:
        for start, end, src, ps in [(d.a_start, d.a_end, sa, pa), (d.b_start, d.b_end, sb, pb)]:
            if ps:
                assert any(s <= start <= end <= e for s, e in blocks(src.text, ps))


def test_group_offsets_are_absolute_and_stay_inside_the_group():
    sa, pa = make_source("Xi left Moscow on Wednesday.", "Unrelated filler text here.",
                         "He met Putin for four hours.")
    sb, pb = make_source("Other news first.", "Xi left Moscow on Tuesday and met Putin for two days.")
    group_a, group_b = [pa[0], pa[2]], [pb[1]]
    diffs = diff_group(sa, group_a, sb, group_b)
    assert_group_consistent(diffs, sa, group_a, sb, group_b)
    # "Wednesday. He" -> "Tuesday and" crosses the gap after passage 0: it is cut there
    assert brief(diffs) == [
        ("replace", "number", "Wednesday.", "Tuesday and"),
        ("delete", "wording", "He", ""),
        ("replace", "number", "four hours", "two days"),
    ]
    assert ranges(diffs) == [(34, 44, 52, 63), (73, 75, 63, 63), (90, 100, 78, 86)]
    assert diffs[0].a_start == sa.text.index("Wednesday") and diffs[0].b_start == sb.text.index("Tuesday")


def test_a_change_is_cut_at_a_gap_between_passages():
    sa, pa = make_source("alpha beta.", "filler words here.", "gamma delta.")
    sb, pb = make_source("alpha zeta eta delta.")
    group_a = [pa[0], pa[2]]
    diffs = diff_group(sa, group_a, sb, pb)
    assert_group_consistent(diffs, sa, group_a, sb, pb)
    assert all("filler" not in d.a_text for d in diffs)
    assert brief(diffs) == [("replace", "wording", "beta.", "zeta eta"), ("delete", "wording", "gamma", "")]
    assert diffs[1].b_start == sb.text.index(" eta") + 4  # after the words it was paired with


def test_neighbouring_passages_may_share_a_change():
    sa, pa = make_source("alpha beta.", "Gamma delta.")
    sb, pb = make_source("alpha zeta delta.")
    diffs = diff_group(sa, pa, sb, pb)
    assert brief(diffs) == [("replace", "wording", "beta. Gamma", "zeta")]
    assert_group_consistent(diffs, sa, pa, sb, pb)


def test_group_options_and_unicode_keep_absolute_offsets():
    sa, pa = make_source("Путин сказал: «Мир».", "中国主席习近平访问莫斯科。", sep="\n")
    sb, pb = make_source("Путин сказал: «мир!»", "中国主席习近平访问北京。", sep="\n\n")
    diffs = diff_group(sa, pa, sb, pb)
    assert_group_consistent(diffs, sa, pa, sb, pb)
    assert brief(diffs)[-1] == ("replace", "wording", "莫斯科", "北京")
    assert brief(diff_group(sa, pa, sb, pb, ignore_case=True, ignore_punctuation=True)) == [
        ("replace", "wording", "莫斯科", "北京")]


def test_group_with_an_empty_side():
    sa, pa = make_source("Only here.")
    sb, _ = make_source("Something else.")
    diffs = diff_group(sa, pa, sb, [])
    assert brief(diffs) == [("delete", "wording", "Only here.", "")]
    assert (diffs[0].b_start, diffs[0].b_end) == (0, 0)


# --- Unicode robustness (property-style loop) -------------------------------------------------

WORDS = [
    "Москва", "москва", "Путин", "сказал", "мир", "中国", "北京", "习近平", "三", "十二",
    "שלום", "עולם", "مرحبا", "بالعالم", "नमस्ते", "e\u0301te\u0301", "café", "naïve", "Xi", "12", "3.5",
    "👍🏽", "👨\u200d👩\u200d👧", "🇺🇸", "½", "“", "”", "«", "»", "'", "’", ",", ".", "—", "(", ")",
    "\u200f", "\u200b", "_", "U.S.", "don't", "Vnukovo",
]
SPACES = [" ", " ", " ", "\n", "  ", "\u00a0", "\t", ""]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(SPACES) for _ in range(rng.randint(0, 25)))


def mutate(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(0, 4)):
        k = rng.randrange(len(words) + 1)
        action = rng.random()
        if action < 0.4 and k < len(words):
            words[k] = rng.choice(WORDS)
        elif action < 0.7 and k < len(words):
            del words[k]
        else:
            words.insert(k, rng.choice(WORDS))
    return " ".join(words)


@pytest.mark.parametrize("seed", range(6))
def test_unicode_texts_keep_the_invariants(seed):
    rng = random.Random(seed)
    for _ in range(40):
        a = random_text(rng)
        b = mutate(rng, a) if rng.random() < 0.8 else random_text(rng)
        for ignore_case in (False, True):
            for ignore_punctuation in (False, True):
                diffs = diff_texts(a, b, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation)
                assert_consistent(diffs, a, b)
        assert diff_texts(a, a) == []


def test_unicode_groups_keep_the_invariants():
    rng = random.Random(7)
    for _ in range(60):
        sentences = [random_text(rng).strip() or "x" for _ in range(4)]
        sa, pa = make_source(*sentences, sep=rng.choice([" ", "\n", " ¶ "]))
        sb, pb = make_source(*(mutate(rng, s).strip() or "y" for s in sentences))
        group_a = rng.sample(pa, rng.randint(1, 4))
        group_a.sort(key=lambda p: p.start)
        group_b = sorted(rng.sample(pb, rng.randint(1, 4)), key=lambda p: p.start)
        diffs = diff_group(sa, group_a, sb, group_b)
        assert_group_consistent(diffs, sa, group_a, sb, group_b)


def test_scripts_without_spaces_diff_per_character_and_rtl_per_word():
    assert brief(diff_texts("我爱北京。", "我爱上海。")) == [("replace", "wording", "北京", "上海")]
    assert brief(diff_texts("שלום עולם יפה", "שלום עולם גדול")) == [("replace", "wording", "יפה", "גדול")]
    assert brief(diff_texts("مرحبا بالعالم", "مرحبا بالجميع")) == [
        ("replace", "wording", "بالعالم", "بالجميع")]
    assert brief(diff_texts("I like 👍🏽 a lot", "I like 👎 a lot")) == [("replace", "wording", "👍🏽", "👎")]


def test_past_the_timeout_difflib_gives_the_same_fine_grained_diff(monkeypatch):
    rng = random.Random(3)
    a = " ".join(rng.choice(["alpha", "beta", "gamma", "delta", "Xi", "12", "said", "."]) for _ in range(400))
    b = " ".join(w if rng.random() > 0.05 else "omega" for w in a.split(" "))
    normal = diff_texts(a, b)
    monkeypatch.setattr("desktop.core.diff.words.SETTINGS", DiffSettings(timeout=1e-9))
    fallback = diff_texts(a, b)
    assert_consistent(fallback, a, b)
    assert len(fallback) > 10  # not one "everything replaced" difference
    assert {d.b_text for d in fallback} == {d.b_text for d in normal} == {"omega", "omega omega"}
    assert len(fallback) == len(normal)


# --- tokens -----------------------------------------------------------------------------------

def test_tokens():
    words = [t.text for t in tokenize("Moscow’s 12th 1,000 U.S. e\u0301t\u200bé 中国 👨\u200d👩\u200d👧!")]
    assert words == ["Moscow", "’", "s", "12th", "1,000", "U", ".", "S", ".", "e\u0301t", "é", "中", "国",
                     "👨\u200d👩\u200d👧", "!"]
    assert all(t.text == "x y z"[t.start:t.end] for t in tokenize("x y z"))


def test_a_rewritten_clause_with_a_stray_number_word_is_wording():
    a = "The two nations, keen to counter the influence, expressed concerns about NATO."
    b = "China has often repeated talking lines about NATO."
    kinds = {d.kind for d in diff_texts(a, b)}
    assert DiffKind.NUMBER not in kinds
    assert DiffKind.WORDING in kinds


def test_a_short_dropped_date_is_still_a_number_change():
    [diff] = diff_texts("Xi left Moscow on Wednesday after the summit.", "Xi left Moscow after the summit.")
    assert (diff.op, diff.kind, diff.a_text) == (DiffOp.DELETE, DiffKind.NUMBER, "on Wednesday")


def test_a_rewritten_clause_between_title_case_words_is_wording():
    a = "Leaders met to demonstrate unity in the face of Western powers."
    b = "Leaders met in Show of Anti-West Unity against the Western powers."
    assert DiffKind.NAME not in {d.kind for d in diff_texts(a, b)}
