"""A cheap language guess from the writing system and common short words.

The sentence splitter needs a language (German ordinals "3. März", Russian "т. е."), and a
citation wants one when the document does not declare it. This is not a language identifier:
it knows the scripts and a handful of European languages, and answers "" when unsure.
"""

from __future__ import annotations

import re
from collections import Counter

from desktop.core.text import scripts

_SAMPLE = 6000

# Script ranges checked on letters only; the first that holds most letters wins.
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("ja", f"[{scripts.KANA}]"),  # kana (checked before Han: Japanese mixes both)
    ("zh", f"[{scripts.HAN}]"),
    ("ko", f"[{scripts.HANGUL}{scripts.HANGUL_JAMO}]"),
    ("ru", f"[{scripts.CYRILLIC}]"),
    ("el", f"[{scripts.GREEK}]"),
    ("ar", f"[{scripts.ARABIC}]"),
    ("he", f"[{scripts.HEBREW}]"),
    ("hi", f"[{scripts.DEVANAGARI}]"),
    ("th", f"[{scripts.THAI}]"),
)
_SCRIPT_RES = tuple((code, re.compile(pattern)) for code, pattern in _SCRIPTS)

_STOPWORD_TEXT = {
    "en": "the and of to in is that for was with on said as by at from has have it his be are were this"
          " which who will would their they not but",
    "de": "der die das und ist nicht den dem des mit sich auf für von ein eine einen zu im auch nach bei"
          " sind wir sie er es aus wie noch über am dass war hat wird werden in",
    "fr": "le la les et des est une dans pour que qui pas sur au du avec il ce un sont aux par ont été"
          " elle mais ses",
    "es": "el la los las y de que en un una por con para es del se no su al fue como más pero sus le ha",
    "it": "il la di che e un una per non sono del della con si gli le nel è ha alla anche dei ma",
    "pt": "o a os as e de que em um uma para com não do da no na se por dos das ao foi mais é",
    "nl": "de het een en van is dat niet op te met voor zijn er aan ook als bij naar om maar wordt heeft"
          " hij ze",
    "pl": "i w na z się nie do to że jest jak o po ale od za przez dla jego są",
}
_WORD_LANGUAGES: dict[str, list[str]] = {}
for _code, _words in _STOPWORD_TEXT.items():
    for _word in _words.split(" "):
        _WORD_LANGUAGES.setdefault(_word, []).append(_code)
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPT_BY_CODE = dict(_SCRIPT_RES)
_NON_LATIN = re.compile("|".join(pattern for _, pattern in _SCRIPTS))
_UMLAUT = re.compile(r"[äöüß]")
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str:
    """An ISO 639-1 code ("en", "de", "ru", "zh"...) or "" when the sample is too small or mixed."""
    sample = text[:_SAMPLE]
    letters = _LETTER.findall(sample)
    non_latin = _NON_LATIN.search(sample) is not None
    if len(letters) < (5 if non_latin else 20):  # a CJK word is one or two letters
        return ""
    if non_latin:
        joined = "".join(letters)
        for code, pattern in _SCRIPT_RES:
            share = len(pattern.findall(joined)) / len(letters)
            if share > (0.05 if code == "ja" else 0.3):
                return _cyrillic_variant(joined) if code == "ru" else code
    return _latin_language(sample)


def other_script(text: str, language: str) -> bool:
    """Is ``text`` written in another script than ``language`` uses? A cheap test that decides
    whether a paragraph needs its own guess (a Russian quote in an English article)."""
    code = language.split("-", 1)[0].lower()
    pattern = _SCRIPT_BY_CODE.get("ru" if code in ("uk", "bg", "sr", "be") else code)
    if pattern is None:  # a Latin-script language, or unknown
        return _NON_LATIN.search(text) is not None
    return pattern.search(text) is None


def _cyrillic_variant(letters: str) -> str:
    """Ukrainian and Belarusian have letters Russian lacks; Bulgarian, Serbian... stay "ru"."""
    if re.search(r"[іїєґ]", letters, re.IGNORECASE):
        return "uk"
    return "ru"


def _latin_language(sample: str) -> str:
    words = _WORD.findall(sample.lower())
    if len(words) < 8:
        return ""
    counts: Counter[str] = Counter()
    for word in words:
        counts.update(_WORD_LANGUAGES.get(word, ()))
    counts["de"] += len(_UMLAUT.findall(sample))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < max(3, len(words) // 25):
        return ""
    if len(ranked) > 1 and ranked[1][1] * 1.25 >= ranked[0][1]:
        return ""
    return ranked[0][0]
