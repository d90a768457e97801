"""Segmentation: hand-checked sentence and paragraph cuts, and the offset invariant."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.model import Granularity, Metadata, Source
from desktop.core.sources.loading import read_source, source_from_text
from desktop.core.text.segment import paragraph_spans, split, split_text

FIXTURES = Path(__file__).parent / "fixtures"


def sentences(text: str, language: str = "en") -> list[str]:
    return [p.text for p in split_text(text, language=language)]


def check_offsets(text: str, passages) -> None:
    for n, p in enumerate(passages):
        assert p.index == n
        assert text[p.start:p.end] == p.text
        assert p.text == p.text.strip() and p.text
        assert p.paragraph >= 1 and p.sentence >= 1


# --- English news prose -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. and the U.N. met. Mr. Smith and Dr. Jones arrived on Jan. 5. Gov. Brown spoke at St. Mary's.",
     ["The U.S. and the U.N. met.", "Mr. Smith and Dr. Jones arrived on Jan. 5.",
      "Gov. Brown spoke at St. Mary's."]),
    ("Growth was 3.5 percent. Then it fell.", ["Growth was 3.5 percent.", "Then it fell."]),
    ("J. R. R. Tolkien wrote books. He died in 1973.", ["J. R. R. Tolkien wrote books.", "He died in 1973."]),
    ('"We will not stop," Putin said. Xi nodded.', ['"We will not stop," Putin said.', "Xi nodded."]),
    ("“Our talks with Mr. Kishida were very productive,” declared the Ukrainian.",
     ["“Our talks with Mr. Kishida were very productive,” declared the Ukrainian."]),
    ('He said "No." Then he left.', ['He said "No."', "Then he left."]),
    ("He asked: “Is it over?” Nobody answered.", ["He asked: “Is it over?”", "Nobody answered."]),
    ("He paused... then he spoke. Wait… what?", ["He paused... then he spoke.", "Wait… what?"]),
    ("MOSCOW (Reuters) - Chinese President Xi Jinping left Moscow. He flew home.",
     ["MOSCOW (Reuters) - Chinese President Xi Jinping left Moscow.", "He flew home."]),
    ("The price is $3.50. No. 5 is next.", ["The price is $3.50.", "No. 5 is next."]),
    ("Is it true?! Yes!!! It is.", ["Is it true?!", "Yes!!!", "It is."]),
])
def test_english_sentences(text, expected):
    assert sentences(text) == expected


def test_numbered_item_marker_stays_with_its_sentence():
    assert sentences("1. First point is here. 2. Second point is here.") == [
        "1. First point is here.", "2. Second point is here."]


def test_lower_case_continuation_is_not_a_new_sentence():
    assert sentences("Talks, i.e. the first round. e.g. this part continues. New one.") == [
        "Talks, i.e. the first round. e.g. this part continues.", "New one."]


# --- other languages ------------------------------------------------------------------------------

def test_german_abbreviations_and_ordinals():
    text = ("Am 3. März kam er z.B. nach Berlin. Das Haus Nr. 5 ist alt. "
            "Er sagte: „Nein.“ Dann ging er. Es war ca. 5 Uhr.")
    assert sentences(text, "de") == [
        "Am 3. März kam er z.B. nach Berlin.", "Das Haus Nr. 5 ist alt.", "Er sagte: „Nein.“",
        "Dann ging er.", "Es war ca. 5 Uhr."]


def test_russian_abbreviations():
    text = "Он приехал в Москву в 2023 г. и встретился с Путиным. Это, т. е. встреча, важно. Все согласились!"
    assert sentences(text, "ru") == [
        "Он приехал в Москву в 2023 г. и встретился с Путиным.", "Это, т. е. встреча, важно.",
        "Все согласились!"]


def test_chinese_without_spaces():
    text = "习近平离开莫斯科。他与普京会谈！结果如何？2023年3月22日，习近平返回北京。"
    assert sentences(text, "zh") == [
        "习近平离开莫斯科。", "他与普京会谈！", "结果如何？", "2023年3月22日，习近平返回北京。"]


def test_chinese_quote_closes_with_its_sentence():
    assert sentences("他说：“我们走吧。”然后离开了。", "zh") == ["他说：“我们走吧。”", "然后离开了。"]


def test_language_is_guessed_per_paragraph_when_unknown():
    source = read_source(FIXTURES / "multilingual.txt")
    passages = split(source)
    check_offsets(source.text, passages)
    texts = [p.text for p in passages]
    assert texts[0] == "Am 3. März kam Bundeskanzler Olaf Scholz z.B. nach Peking."
    assert "Переговоры, т. е. встреча один на один, длились четыре часа." in texts
    assert texts[-1] == "2023年3月22日，习近平返回北京。"
    assert [p.paragraph for p in passages].count(3) == 4


@pytest.mark.parametrize("text", [
    "", "   \n\n  ", "...", "。。。", "🙂🙂 🙂.", "a",
    "\u200f\u05e9\u05dc\u05d5\u05dd. \u05e2\u05d5\u05dc\u05dd!",
    "مرحبا بالعالم. كيف حالك؟", "x" * 5000, "1.", "“", "- \n* \n1) ", "A.B.C.D.E.F.", "\t\t\n\r\n",
])
def test_odd_input_never_crashes_and_keeps_offsets(text):
    for granularity in Granularity:
        check_offsets(text, split_text(text, granularity))


# --- paragraphs ---------------------------------------------------------------------------------

def test_blank_lines_separate_paragraphs_and_sentences_are_numbered_inside():
    text = "First one. Second one.\n\n  Third one.  \n\n\nFourth."
    passages = split_text(text)
    assert [(p.paragraph, p.sentence, p.text) for p in passages] == [
        (1, 1, "First one."), (1, 2, "Second one."), (2, 1, "Third one."), (3, 1, "Fourth.")]
    assert [p.index for p in passages] == [0, 1, 2, 3]


def test_every_line_is_a_paragraph_in_unwrapped_text():
    text = ("A long first line of prose that goes on well past any typewriter column, about one thing "
            "and another, without stopping\nHeadline Without A Stop\n"
            "Another long line of prose that also goes on and on past the width of any wrapped column "
            "in a text file.\n")
    passages = split_text(text)
    assert [p.paragraph for p in passages] == [1, 2, 3]
    assert passages[1].text == "Headline Without A Stop"


HARD_WRAPPED = """\
Chinese President Xi Jinping left Moscow on Wednesday after a summit
meeting with Russian head of state Vladimir Putin to demonstrate unity
in the face of Western powers. The meeting did not leave important
advances for an eventual ceasefire.
The two nations, keen to counter the United States' international
influence, expressed concerns about NATO expansion and agreed to deepen
an alliance that has become more intense since the beginning of the war.
- a bullet that is long enough to look like one of the wrapped lines
- another bullet
  Indented new paragraph starts here and it is long enough to be a line
of the column like all the others around it in this hard wrapped text.
"""


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    passages = split_text(HARD_WRAPPED)
    check_offsets(HARD_WRAPPED, passages)
    paragraphs = [(p.paragraph, p.sentence) for p in passages]
    assert paragraphs == [(1, 1), (1, 2), (2, 1), (3, 1), (4, 1), (5, 1)]
    assert passages[0].text.startswith("Chinese President") and passages[0].text.endswith("Western powers.")
    assert "\n" in passages[0].text  # the original line break stays inside the passage text
    assert passages[3].text == "- a bullet that is long enough to look like one of the wrapped lines"
    assert passages[5].text.startswith("Indented new paragraph")


def test_passages_never_cross_a_paragraph_boundary():
    text = "He said it was over\n\nand then he left."
    passages = split_text(text)
    assert [p.text for p in passages] == ["He said it was over", "and then he left."]
    assert [p.paragraph for p in passages] == [1, 2]


def test_paragraph_granularity():
    text = "First one. Second one.\n\nThird one."
    passages = split_text(text, Granularity.PARAGRAPH)
    assert [(p.text, p.paragraph, p.sentence) for p in passages] == [
        ("First one. Second one.", 1, 1), ("Third one.", 2, 1)]


def test_paragraph_spans_are_stripped():
    text = "  one  \n\n\t two \n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["one", "two"]


# --- sources --------------------------------------------------------------------------------------

def test_split_starts_at_body_start_and_counts_offsets_from_zero():
    source = Source(text="HEADER. Body one. Body two.", body_start=8, metadata=Metadata(language="en"))
    passages = split(source)
    assert [p.text for p in passages] == ["Body one.", "Body two."]
    assert passages[0].start == 8


def test_first_seed(seed_paths):
    source = read_source(seed_paths[0])
    passages = split(source)
    check_offsets(source.text, passages)
    assert passages[0].text.startswith("Chinese President Xi Jinping")
    assert passages[0].locator == "para. 1, sent. 1"
    assert any(p.text == "– “Unlimited possibilities” –" for p in passages)
    quote = next(p for p in passages if p.text.startswith("“Our conversations"))
    assert quote.text.endswith("declared the Ukrainian.")


def test_second_seed_has_one_paragraph_per_line(seed_paths):
    source = read_source(seed_paths[1])
    passages = split(source)
    check_offsets(source.text, passages)
    lines = [line for line in source.text.splitlines() if line.strip()]
    assert max(p.paragraph for p in passages) == len(lines)
    assert any(p.text == "Xi Jinping Meets Vladimir Putin in Show of Anti-West Unity" for p in passages)
    tail = "the U.N. Security Council, have conducted joint military exercises."
    assert any(p.text.endswith(tail) for p in passages)


def test_pasted_text_offsets():
    source = source_from_text("date 2023-03-22\r\nFirst sentence here. Second one!\r\n\r\nNext paragraph.")
    passages = split(source)
    check_offsets(source.text, passages)
    assert [p.text for p in passages] == ["First sentence here.", "Second one!", "Next paragraph."]


def test_a_sentence_may_start_with_a_number():
    text = "Es gibt viele Insekten in Deutschland. 2013 gab es mehr. Am 3. März lag Nr. 5 vorn."
    assert sentences(text, "de") == [
        "Es gibt viele Insekten in Deutschland.", "2013 gab es mehr.", "Am 3. März lag Nr. 5 vorn."]
    assert sentences("Profits rose sharply. 2023 was good. It ended on Sept. 5 and Jan. 5 in Fig. 2.") == [
        "Profits rose sharply.", "2023 was good.", "It ended on Sept. 5 and Jan. 5 in Fig. 2."]


def test_a_list_of_headlines_is_not_mistaken_for_wrapped_text():
    text = ("Xi Leaves Moscow After Summit With Putin\nPutin Praises China's Twelve Point Peace Plan\n"
            "Kishida Travels To Kyiv To Meet Zelensky\nBeijing Offers Itself As A Neutral Mediator\n"
            "Gas Pipeline From Siberia To China Agreed\n")
    assert [p.paragraph for p in split_text(text)] == [1, 2, 3, 4, 5]


def test_wrapped_email_style_paragraphs():
    text = ("Chinese President Xi Jinping left Moscow on Wednesday after a summit\n"
            "meeting with Russian head of state Vladimir Putin, a meeting that did\n"
            "not leave important advances for an eventual ceasefire.\n\n"
            "The two nations, keen to counter the United States' influence, said\n"
            "they would deepen an alliance that has grown closer since the war\n"
            "began.\n")
    passages = split_text(text)
    check_offsets(text, passages)
    assert [(p.paragraph, p.sentence) for p in passages] == [(1, 1), (2, 1)]


def test_a_quotation_of_several_sentences_stays_one_passage():
    text = ("“It can serve as a basis for a solution. However, we see no willingness on their part,” "
            "Putin said. Xi nodded.")
    assert sentences(text) == [
        "“It can serve as a basis for a solution. However, we see no willingness on their part,” Putin said.",
        "Xi nodded."]
