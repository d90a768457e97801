"""What kind of change a word difference is: number, name, quote, wording or format.

Rules (precedence NUMBER > NAME > QUOTE > WORDING; FORMAT only when nothing but case and
punctuation differs):

- FORMAT: both sides are equal once punctuation is dropped and case folded ("U.S." / "US",
  "Moscow’s" / "Moscow's", "peace" / "Peace").
- NUMBER: the numbers on the two sides differ (as multisets). A number is a token with digits or
  a numeric character (十, ½), an English number word or ordinal (four, hundred, twelfth),
  a relative day (yesterday, today...) or a capitalised month or weekday name.
  Also a week, month or year named relative to now ("this week", "last year").
- NAME: the proper names on the two sides differ. A name is a capitalised word in running text
  that is no function word or title ("the", "To", "Der", "President"); at a sentence start or
  in a headline (title case or capitals) capitals prove nothing, so there the word is a name
  only when the texts capitalise it in running text at least as often as they write it in lower
  case ("Putin said" counts, "The" and "Police said" do not), or when a name follows it
  ("Anthony Phillip LaSalle"). "I" is no name; "Sgt." and "W." do not end a sentence.
- QUOTE: most changed words of at least one side lie inside quotation marks in their text
  (“ ” „ « » ‘ ’ " ' 「」, and the `` '' of tokenised corpora): a rewritten clause that merely
  keeps a quoted phrase (as “dear friend”) is wording.

NUMBER and NAME describe a focused change of a fact: at most ``FACT_SPAN_WORDS`` words a side
("12" -> "15", "Kiev" -> ∅), or a longer change made mostly of numbers (names). A whole clause
rewritten around a stray number word or capitalised word ("The two nations, keen to counter..."
-> "China has often repeated...") is a change of wording, not of a fact.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache

from desktop.core.diff.wordroles import FUNCTION_WORDS, TITLE_WORDS, headline_lines, is_abbreviation_stop
from desktop.core.model import DiffKind
from desktop.core.text.tokens import PUNCT, WORD, Token, tokenize

_NUMBER_WORDS = frozenset([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
    "million", "billion", "trillion", "dozen", "hundreds", "thousands", "millions", "billions",
    "trillions", "dozens", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth",
    "hundredth", "thousandth", "millionth", "half", "once", "twice", "thrice", "yesterday", "today",
    "tomorrow", "tonight",
])
# only when capitalised: "may", "march" and "sun" are also common words
_CALENDAR_WORDS = frozenset([
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "feb", "apr", "aug", "sept", "oct", "nov", "dec", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "tue", "tues", "thu", "thur", "thurs",
    "fri",
])
_HAN_NUMERALS = frozenset("〇零一二三四五六七八九十百千万萬亿億两兩")

_TERMINATORS = frozenset(".!?…。！？")
_CONTINUERS = frozenset(",;:、，；：")
_LOOKBACK = 64  # characters scanned back to decide whether a word starts a sentence


def is_number(token: Token, text: str) -> bool:
    """Whether the token (of ``text``) is a number, a number word or a date word."""
    word = token.text
    if token.kind == "number" or word.isnumeric() or word in _HAN_NUMERALS:
        return True
    key = word.casefold()
    if key == "one":
        return not _pronoun_one(text, token)
    if key in _RELATIVE_PERIODS:
        return bool(_BEFORE_PERIOD.search(text[max(0, token.start - 8):token.start]))
    return key in _NUMBER_WORDS or (word[0].isupper() and key in _CALENDAR_WORDS)


_RELATIVE_PERIODS = frozenset(["week", "weekend", "month", "year"])
_BEFORE_PERIOD = re.compile(r"\b(?:this|next|last|past)\W*$", re.IGNORECASE)


_BEFORE_PRONOUN_ONE = re.compile(r"\b(?:no|any|every|each|the|this|that|which)\W*$", re.IGNORECASE)
_AFTER_PRONOUN_ONE = re.compile(r"\W*another\b", re.IGNORECASE)


def _pronoun_one(text: str, token: Token) -> bool:
    """Whether this "one" is a pronoun: "one another", "no one", "the one who"."""
    return bool(_AFTER_PRONOUN_ONE.match(text, token.end, token.end + 16)
                or _BEFORE_PRONOUN_ONE.search(text[max(0, token.start - 12):token.start]))


def at_sentence_start(text: str, pos: int) -> bool:
    """Whether a word at ``pos`` starts a sentence (or a line) of ``text``.

    Looks back over spaces and neutral punctuation (quotes, brackets, dashes): a terminator or
    line break before it means a start; a letter, digit, comma, colon or semicolon means not.
    """
    stop = max(-1, pos - 1 - _LOOKBACK)
    for i in range(pos - 1, stop, -1):
        ch = text[i]
        if ch == "\n" or (ch in _TERMINATORS and not (ch == "." and is_abbreviation_stop(text, i))):
            return True
        if ch.isalnum() or ch in _CONTINUERS:
            return False
    return stop == -1


# Quotation marks: opener -> the closers that end it. Marks that both open and close (» “ ' ’)
# are resolved by _closes and _may_open.
_PAIRS = {
    "“": "”", "„": "“”", "‚": "‘’", "«": "»", "»": "«", "‹": "›", "›": "‹", '"': '"',
    "‘": "’", "'": "'", "「": "」", "『": "』", "``": "''",
}
_QUOTE_CHARS = re.compile("``|''|[\n“”„‚«»‹›\"‘’'「」『』]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The outermost quoted stretches of ``text`` as (start, end) ranges of their contents.

    A quote left open at a line break ends there (an English multi-paragraph quotation reopens
    each paragraph). A closing mark with no opener ("region” and ...") is ignored, and so is an
    apostrophe inside a word (Moscow’s, don't). The same opener again inside its own quote
    ends that quote (see ``_reopens``); a quote so reopened that never closes was no quote.
    """
    spans: list[tuple[int, int]] = []
    stack: list[str] = []  # the closers each open quote waits for
    opened, reopened = 0, False
    for m in _QUOTE_CHARS.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            if stack and not reopened:
                spans.append((opened, i))
            stack.clear()
            continue
        before = text[i - 1] if i else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if stack and _reopens(stack[-1], ch, before, after):
            stack.pop()
            if not stack:
                spans.append((opened, i))
            if not _starts_quotation(text, m.end()):
                continue
            if not stack:
                opened, reopened = m.end(), True
            stack.append(_PAIRS[ch])
            continue
        depth = _closes(stack, ch, before, after)
        if depth is not None:
            del stack[depth:]
            if not stack:
                spans.append((opened, i))
        elif ch in _PAIRS and _may_open(ch, before, after):
            if not stack:
                opened, reopened = m.end(), False
            stack.append(_PAIRS[ch])
    if stack and not reopened:
        spans.append((opened, len(text)))
    return spans


def _reopens(waiting: str, ch: str, before: str, after: str) -> bool:
    """Whether ``ch`` is the opener of the quote that is open (it waits for ``waiting``):
    a new paragraph of the quotation (its paragraph break lost, as in a tokenised corpus), or
    a closer typed as an opener ("orchestra “,", "`` said Stefanski"). A straight mark counts
    when it is written as an opener, after a space and before a letter (' "It appears').
    """
    if ch not in _PAIRS or _PAIRS[ch] != waiting:
        return False
    if ch in _PAIRS[ch]:  # " and ': the same mark opens and closes
        return before.isspace() and after.isalnum()
    return True


def _starts_quotation(text: str, pos: int) -> bool:
    """Whether the text after an opening mark reads like the start of a quotation: a capital,
    a digit or another mark, after optional spaces."""
    rest = text[pos:pos + 8].lstrip(" ")
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'‘“`«„(…")


def _closes(stack: list[str], ch: str, before: str, after: str) -> int | None:
    """The stack depth a closing ``ch`` returns to, or None if it closes nothing."""
    if ch in "’'" and (after.isalnum() or not (before.isalnum() or before in ".,!?…")):
        return None  # an apostrophe (Moscow’s) or an opening mark
    for depth in range(len(stack) - 1, -1, -1):
        if ch in stack[depth]:
            return depth
    return None


def _may_open(ch: str, before: str, after: str) -> bool:
    """Whether ``ch`` can start a quotation here: not after a letter, and not before a space."""
    if ch in ("«", "“", "„", "‚", "「", "『", "``"):
        return True
    return not before.isalnum() and not after.isspace()


@dataclass(frozen=True, eq=False)
class TextFacts:
    """What classification needs to know about one whole text; computed once per text, lazily."""

    text: str

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.text)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return quote_spans(self.text)

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [s for s, _ in self.quotes]

    @cached_property
    def headlines(self) -> list[tuple[int, int]]:
        return headline_lines(self.text)

    @cached_property
    def _headline_starts(self) -> list[int]:
        return [s for s, _ in self.headlines]

    @cached_property
    def capitalised_mid(self) -> Counter[str]:
        """How often each capitalised word appears in running text: mid-sentence, no headline."""
        return Counter(t.text for t in self.tokens if t.kind == WORD and t.text[0].isupper()
                       and self.capital_is_evidence(t))

    def in_headline(self, pos: int) -> bool:
        k = bisect.bisect_right(self._headline_starts, pos) - 1
        return k >= 0 and pos < self.headlines[k][1]

    def capital_is_evidence(self, token: Token) -> bool:
        """Whether a capital here says something: not at a sentence start, not in a headline."""
        return not at_sentence_start(self.text, token.start) and not self.in_headline(token.start)

    @cached_property
    def _index(self) -> dict[int, int]:
        return {t.start: n for n, t in enumerate(self.tokens)}

    def next_token(self, token: Token) -> Token | None:
        n = self._index.get(token.start)
        return self.tokens[n + 1] if n is not None and n + 1 < len(self.tokens) else None

    @cached_property
    def lower(self) -> Counter[str]:
        """How often each all-lower-case word appears."""
        return Counter(t.text for t in self.tokens if t.kind == WORD and t.text.islower())

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self._quote_starts, pos) - 1
        return k >= 0 and pos < self.quotes[k][1]


@lru_cache(maxsize=8)
def facts(text: str) -> TextFacts:
    """The shared, cached facts about a text (a source is diffed group by group)."""
    return TextFacts(text)


def is_name(token: Token, own: TextFacts, known: Sequence[TextFacts]) -> bool:
    """Whether ``token`` (a token of ``own.text``) is a proper name; ``known`` are all the texts."""
    if not _capitalised_content_word(token):
        return False
    if own.capital_is_evidence(token):
        return True
    if _known_capitalised(token.text, known):
        return True
    after = own.next_token(token)  # "Anthony Phillip LaSalle": a name follows
    return (after is not None and after.start - token.end <= 1 and _capitalised_content_word(after)
            and own.capital_is_evidence(after))


def _capitalised_content_word(token: Token) -> bool:
    text = token.text
    if token.kind != WORD or not text[0].isupper() or text == "I":
        return False
    key = text.casefold()
    return key not in FUNCTION_WORDS and key not in TITLE_WORDS


def _known_capitalised(text: str, known: Sequence[TextFacts]) -> bool:
    """Whether the texts write this word capitalised in running text at least as often as in
    lower case (a word in capitals, from a headline in capitals, is looked up as Title)."""
    forms = {text, text[0] + text[1:].lower()} if text.isupper() and len(text) > 1 else {text}
    caps = sum(f.capitalised_mid[w] for f in known for w in forms)
    return caps > 0 and caps >= sum(f.lower[text.lower()] for f in known)


def is_fact(token: Token, own: TextFacts, known: Sequence[TextFacts]) -> bool:
    """A number or a name: what an analyst checks first, so shared ones stay visible."""
    return is_number(token, own.text) or is_name(token, own, known)


_VARIANT_RATIO = 0.6  # Vnukovo / Vnunkovo: 0.93, Kiev / Kyiv: 0.75, Putin / Xi: 0
_VARIANT_TOKENS = 3  # a variant is a small change: at most this many tokens a side


def is_fact_variant(a: Sequence[Token], fa: TextFacts, b: Sequence[Token], fb: TextFacts) -> bool:
    """A small change of one fact into another: a number into another number, or a name into a
    similar-looking one (a spelling variant). Such a change is worth showing on its own even
    where the words around it were rewritten."""
    if not (0 < len(a) <= _VARIANT_TOKENS and 0 < len(b) <= _VARIANT_TOKENS):
        return False
    nums_a = Counter(t.text.casefold() for t in a if is_number(t, fa.text))
    nums_b = Counter(t.text.casefold() for t in b if is_number(t, fb.text))
    if nums_a and nums_b and nums_a != nums_b:
        return True
    known = (fa, fb)
    names_b = [t.text for t in b if is_name(t, fb, known)]
    return any(x != y and SequenceMatcher(None, x, y).ratio() >= _VARIANT_RATIO
               for x in (t.text for t in a if is_name(t, fa, known)) for y in names_b)


def format_key(tokens: Sequence[Token]) -> str:
    """The text of ``tokens`` without punctuation, case folded: equal keys mean a FORMAT change."""
    return "".join(t.text for t in tokens if t.kind != PUNCT).casefold()


FACT_SPAN_WORDS = 4


def classify(a: Sequence[Token], fa: TextFacts, b: Sequence[Token], fb: TextFacts) -> DiffKind:
    """The kind of the change from tokens ``a`` (of ``fa.text``) to tokens ``b`` (of ``fb.text``)."""
    if format_key(a) == format_key(b):
        return DiffKind.FORMAT
    numbers_a = Counter(t.text.casefold() for t in a if is_number(t, fa.text))
    numbers_b = Counter(t.text.casefold() for t in b if is_number(t, fb.text))
    if numbers_a != numbers_b and _focused(a, numbers_a, b, numbers_b):
        return DiffKind.NUMBER
    known = (fa, fb)
    names_a = Counter(t.text for t in a if is_name(t, fa, known))
    names_b = Counter(t.text for t in b if is_name(t, fb, known))
    if names_a != names_b and _focused(a, names_a, b, names_b):
        return DiffKind.NAME
    if _mostly_quoted(a, fa) or _mostly_quoted(b, fb):
        return DiffKind.QUOTE
    return DiffKind.WORDING


def _mostly_quoted(tokens: Sequence[Token], own: TextFacts) -> bool:
    """Whether more than half the words of one side lie inside quotation marks."""
    words = [t for t in tokens if t.kind != PUNCT and not _contraction_tail(t, own.text)]
    return bool(words) and 2 * sum(1 for t in words if own.in_quote(t.start)) > len(words)


def _contraction_tail(token: Token, text: str) -> bool:
    """The "s" of "It's", the "t" of "don't": part of the word before, not a word of its own."""
    i = token.start
    return i >= 2 and text[i - 1] in "'’" and text[i - 2].isalnum()


def _focused(a: Sequence[Token], facts_a: Counter[str], b: Sequence[Token], facts_b: Counter[str]) -> bool:
    """Whether a change of facts is the point of the edit rather than incidental to a rewrite:
    a short change (at most ``FACT_SPAN_WORDS`` words a side), or one whose words are mostly facts
    ("Xi Jinping" -> "President Xi"; not "to demonstrate unity in" -> "in Show of Anti-West Unity")."""
    words = sum(1 for t in a if t.kind == WORD) + sum(1 for t in b if t.kind == WORD)
    longest = max(sum(1 for t in a if t.kind == WORD), sum(1 for t in b if t.kind == WORD))
    if longest <= FACT_SPAN_WORDS:
        return True
    return sum(facts_a.values()) + sum(facts_b.values()) >= words / 2
