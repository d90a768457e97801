"""The Unicode script ranges Parallax cares about, defined once for the whole application.

Loaders (PDF line joining), tokenising, language guessing, the aligner, the static model's
tokenizer and the PDF's right-to-left handling all ask "is this CJK / Arabic / right to left?".
Each constant is the body of a regular-expression character class (``"\\u0600-\\u06ff..."``), so
a caller builds the class it needs, ``re.compile(f"[{KANA}{HAN}]")``; the compiled patterns below
are the combinations more than one module uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Single scripts (Unicode blocks).
LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"  # Basic Latin letters to Latin Extended-B, and Additional
GREEK = "\u0370-\u03ff"
CYRILLIC = "\u0400-\u04ff"
HEBREW = "\u0590-\u05ff"
ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"  # Arabic, Arabic Supplement, Arabic Extended-A
DEVANAGARI = "\u0900-\u097f"
THAI = "\u0e00-\u0e7f"
LAO = "\u0e80-\u0eff"
MYANMAR = "\u1000-\u109f"
KHMER = "\u1780-\u17ff"
HANGUL_JAMO = "\u1100-\u11ff"
HANGUL = "\uac00-\ud7af"  # syllables
CJK_PUNCTUATION = "\u3000-\u303f"  # ideographic space, 、。「」 ...
KANA = "\u3040-\u30ff"  # hiragana and katakana
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # extension A, unified, compatibility ideographs
HAN_SUPPLEMENT = "\U00020000-\U0003134f"  # extensions B-H and the compatibility supplement
FULLWIDTH = "\uff00-\uffef"  # half- and full-width forms
ARABIC_PRESENTATION_FORMS = "\ufb50-\ufdff\ufe70-\ufeff"
# Hebrew to Arabic Extended-A (with Syriac, Thaana, N'Ko...) and the Hebrew and Arabic
# presentation forms: the letters whose text runs right to left.
RIGHT_TO_LEFT = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"

# Combinations.
IDEOGRAPHS = HAN + HAN_SUPPLEMENT
CJK_LETTERS = KANA + HAN + HANGUL
NO_SPACES = THAI + LAO + MYANMAR + KHMER + KANA + IDEOGRAPHS  # written without spaces between words

CJK_RE = re.compile(f"[{CJK_LETTERS}]")
"""A kana, Han or Hangul letter."""
CJK_TEXT_RE = re.compile(f"[{CJK_PUNCTUATION}{KANA}{HAN}{FULLWIDTH}]")
"""A character of Chinese or Japanese running text (letters, CJK punctuation, full-width forms),
between which a line break is no space."""
IDEOGRAPH_RE = re.compile(f"[{IDEOGRAPHS}]")
"""A Han ideograph, including the supplementary planes (what BERT-style tokenizers split apart)."""
ARABIC_RE = re.compile(f"[{ARABIC}]")
ARABIC_PRESENTATION_RE = re.compile(f"[{ARABIC_PRESENTATION_FORMS}]")

LATIN_RE = re.compile(f"[{LATIN}]")


def latin_share(texts: Iterable[str], *, sample: int = 200_000) -> float:
    """The share of the letters of ``texts`` that are Latin script (0 when there are none),
    read from their first ``sample`` characters: a property of the document, not of each line."""
    letters = latin = 0
    budget = sample
    for text in texts:
        part = text[:budget]
        letters += sum(1 for char in part if char.isalpha())
        latin += len(LATIN_RE.findall(part))
        budget -= len(part)
        if budget <= 0:
            break
    return latin / letters if letters else 0.0
