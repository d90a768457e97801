"""Word lists and context tests that tell a proper name from a capitalised common word.

Capitalisation is the evidence for a name in European scripts, but three places make it
worthless: a sentence start ("The", "Police said"), a headline in title case ("Ellen DeGeneres
To Host Oscars") or in capitals ("GRANDMOTHER KILLED"), and a capitalised function word or
title anywhere ("To", "Der", "President"). ``kinds`` asks these helpers where a word stands
and decides from the evidence left: a capital in running text, the same form capitalised in
running text elsewhere in the two documents, or a name right after it ("Anthony Phillip").

A named-entity tagger (spaCy, flair) would also find names, but it costs a model per language
and tens of megabytes in the bundle for a decision the documents' own capitals make well.
"""

from __future__ import annotations

# Capitalised only because they start a sentence or a headline word: never names on their own.
# English and German articles, pronouns, conjunctions, prepositions, auxiliaries, adverbs that
# commonly open a sentence. Lower-case keys.
_FUNCTION_WORDS = """
a an the this that these those there here it its he she they we you i me him her them us our
their his my your who whom whose which what when where why how whether if then than so as
and or but nor yet for of to in on at by from with without within into onto over under about
after before during since until while although though because despite unless once also even
just still however meanwhile instead moreover furthermore therefore thus both either neither
each every all any some many much more most few no not never always often now up down
out off again already only other such is are was were be been being am has have had do does
did will would shall should can could may might must let according among against between
through throughout toward towards upon via per last next yes oh
der die das den dem des ein eine einer eines einem einen und oder aber denn sondern doch auch
nicht kein keine im am vom zum zur beim ins ans aufs mit von zu bei nach aus für fur über uber
unter vor hinter neben zwischen durch gegen ohne um wenn als wie ob dass daß weil da dann
so noch schon nur ist sind war waren wird werden wurde wurden hat haben hatte hatten es er sie
wir ihr ich man sein seine ihre dieser diese dieses jener jene alle
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())

# Titles and ranks: capitalised before a name ("President Xi", "Sgt. Marty Earley") but not a
# name themselves; a change "President Xi" -> "Xi" changes no name.
_TITLE_WORDS = """
mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary chancellor
king queen prince princess governor gov senator sen representative rep mayor judge justice
general gen colonel col captain capt lieutenant lt sergeant sgt officer const constable
chief director manager assistant senior deputy chairman chair ceo cfo coach commander
spokesman spokeswoman spokesperson inspector detective sheriff undersheriff prosecutor
attorney doctor herr frau präsident präsidentin kanzler kanzlerin minister ministerin
"""
TITLE_WORDS = frozenset(_TITLE_WORDS.split())

# A full stop after these does not end a sentence ("Sgt. Marty", "St. Louis", "W. American").
_ABBREVIATIONS = """
mr mrs ms dr prof st sgt const gen gov sen rep lt col capt cpl pvt jr sr mt ft ave blvd rd
no nos vs etc inc ltd co corp dept univ fig approx ca bzw usw nr
"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())


def is_abbreviation_stop(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial, not a sentence."""
    start = dot
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:dot]
    if not word:
        return False
    return (len(word) == 1 and word.isupper()) or word.casefold() in ABBREVIATIONS


def headline_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) ranges of the lines of ``text`` written as headlines: in title case
    (most words of four letters or more capitalised) or in capitals."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if _is_headline(line):
            out.append((start, end))
        start = end + 1
    return out


def _is_headline(line: str) -> bool:
    words = [w for w in _words(line) if len(w) >= 4]
    if len(words) < 2:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals >= 0.7 * len(words)


def _words(line: str) -> list[str]:
    """The runs of letters of a line (enough to judge its case)."""
    out, current = [], []
    for ch in line:
        if ch.isalpha():
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out
