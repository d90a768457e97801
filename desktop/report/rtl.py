"""Right-to-left text in reportlab Paragraphs: Arabic shaping and per-line bidi reordering.

reportlab 5.1 draws every line left to right in logical order, so Hebrew comes out mirrored
and Arabic unjoined. Its own RTL support needs ``rlbidi`` (reportlab's fribidi binding, not on
PyPI) and is switched off in the code for paragraphs of several fragments (``bidiSort = False``
in ``Paragraph.breakLines``), which is every paragraph we write (font runs, highlights,
links); its ``shaping`` option needs ``uharfbuzz`` (a 2 MB wheel) and still no reordering.
So this module, the adapter for both algorithms, does it itself:

* ``shape()``: Arabic letters become their contextual presentation forms (U+FB50-U+FEFF,
  which DejaVu Sans covers) with the lam-alef ligatures, via ``arabic_reshaper``. Shaping works
  on logical text before line breaking (it only joins letters inside a word, and lines break
  at spaces), so ``rich()`` applies it.
* ``install()``: after reportlab has broken a paragraph into lines (in logical order, so
  wrapping is unchanged), each line is reordered for drawing with the Unicode Bidirectional
  Algorithm (``python-bidi``'s pure-Python implementation, rules P2-P3, X, W, N, I, L1, L2, L4
  mirroring) with the paragraph's base direction. Fragments (fonts, colours, links, onDraw
  callbacks) are cut where the visual order requires and keep their attributes. Reordering
  happens in ``drawPara`` on a copy of the lines, so splitting a paragraph across frames
  still sees logical order. A paragraph whose base direction is RTL and whose style is left
  aligned is drawn right aligned.

Known limits: the pure-Python UBA predates isolates and bracket pairs (UBA 6.3 rules N0,
FSI/LRI/RLI); an explicit embedding spanning two lines is resolved per line.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import arabic_reshaper
from bidi import algorithm as uba
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.platypus import Paragraph

from desktop.core.text.scripts import ARABIC_RE, RIGHT_TO_LEFT

_ARABIC = ARABIC_RE
_RTL = re.compile(f"[{RIGHT_TO_LEFT}\u200f\u202b\u202e]")  # and the right-to-left marks
# Paragraph styles whose base direction follows their text (rules P2-P3): passage text. All other
# paragraphs are English templates around quoted text (locators, references, notes, captions):
# they stay left to right, and the right-to-left runs inside them are reordered.
AUTO_DIRECTION_STYLES = frozenset({"passage", "single_a", "single_b"})
_PLACEHOLDER = "\ufffc"  # stands for a text-less fragment (onDraw, link end): bidi class ON

# Joining and lam-alef only: the decorative word ligatures (Allah, ...) change what a reader
# sees, and diacritics must stay (the reshaper deletes them by default).
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={
    "delete_harakat": False,
    "support_ligatures": True,
    "ARABIC LIGATURE ALLAH": False,
})


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def shape(text: str, before: str = "", after: str = "") -> str:
    """``text`` with Arabic letters in their contextual forms (logical order kept).

    ``before``/``after`` are the neighbouring characters when ``text`` is a piece of a longer
    string, so a word cut by a highlight still joins across the cut; when a ligature would
    span the cut, the piece is shaped alone.
    """
    if _ARABIC.search(text) is None:
        return text
    alone = _RESHAPER.reshape(text)
    if not (before or after):
        return alone
    whole = _RESHAPER.reshape(before + text + after)
    if len(whole) - len(alone) != len(before) + len(after):
        return alone
    return whole[len(before):len(whole) - len(after)]


def base_level(text: str) -> int:
    """Paragraph embedding level by the first strong character (rules P2-P3): 0 LTR, 1 RTL."""
    return uba.get_base_level(text) if has_rtl(text) else 0


def visual(text: str) -> str:
    """One line of plain text as drawn left to right (shaped, reordered): for graphics strings."""
    text = shape(text)
    if not has_rtl(text):
        return text
    return "".join(char for _, char in visual_order(text, base_level(text)))


def visual_order(text: str, level: int) -> list[tuple[int, str]]:
    """(logical index, character as drawn) for one line, in visual order (rules X-L4)."""
    storage = uba.get_empty_storage()
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    uba.get_embedding_levels(text, storage)
    for i, char in enumerate(storage["chars"]):
        char["index"] = i
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    return [(char["index"], char["ch"]) for char in storage["chars"]]


def _visual_words(words: list[str], level: int) -> list[str]:
    """A simple (kind 0) line: words joined by single spaces."""
    text = " ".join(words)
    if not has_rtl(text):
        return words
    drawn = "".join(char for _, char in visual_order(text, level))
    return [w for w in drawn.split(" ") if w]


def _visual_frags(frags: list[Any], level: int) -> list[Any]:
    """A fragment (kind 1) line: fragments cut and reordered, each piece keeps its attributes."""
    chars: list[str] = []
    owner: list[int] = []
    for i, frag in enumerate(frags):
        text = getattr(frag, "text", "")
        if hasattr(frag, "cbDefn") or not text:
            text = _PLACEHOLDER
        chars.extend(text)
        owner.extend([i] * len(text))
    line = "".join(chars)
    if not has_rtl(line):
        return frags
    out: list[Any] = []
    last = -1
    for index, char in visual_order(line, level):
        i = owner[index]
        frag = frags[i]
        if hasattr(frag, "cbDefn") or not getattr(frag, "text", ""):
            out.append(frag)
            last = -1
        elif i == last:
            out[-1].text += char
        else:
            out.append(frag.clone(text=char))
            last = i
    return out


def _paragraph_text(bl_para: Any) -> str:
    if bl_para.kind == 0:
        return " ".join(" ".join(words) for _, words in bl_para.lines)
    return "".join(getattr(f, "text", "") or "" for line in bl_para.lines for f in line.words)


def visual_lines(bl_para: Any, auto_direction: bool = True) -> Any | None:
    """A drawing copy of reportlab's broken lines in visual order, or None if all is LTR.

    The base direction is the first strong character's when ``auto_direction``, else LTR.
    """
    lines = getattr(bl_para, "lines", None)
    if not lines or getattr(bl_para, "kind", None) not in (0, 1):
        return None
    text = _paragraph_text(bl_para)
    if not has_rtl(text):
        return None
    level = base_level(text) if auto_direction else 0
    out = copy.copy(bl_para)
    if bl_para.kind == 0:
        out.lines = [(extra, _visual_words(words, level)) for extra, words in lines]
    else:
        out.lines = []
        for line in lines:
            drawn = copy.copy(line)
            drawn.words = _visual_frags(line.words, level)
            out.lines.append(drawn)
    out.rtl = level == 1
    return out


def install() -> None:
    """Make every Paragraph draw its lines in visual order (idempotent; see module doc)."""
    if getattr(Paragraph.drawPara, "_parallax_rtl", False):
        return
    draw = Paragraph.drawPara

    def draw_para(self: Paragraph, debug: int = 0) -> Any:
        logical = self.blPara
        style = self.style
        auto = getattr(style, "name", "").removesuffix("_cjk") in AUTO_DIRECTION_STYLES
        visual = visual_lines(logical, auto)
        if visual is None:
            return draw(self, debug)
        if visual.rtl and style.alignment == TA_LEFT:
            self.style = copy.copy(style)
            self.style.alignment = TA_RIGHT
        self.blPara = visual
        try:
            return draw(self, debug)
        finally:
            self.blPara, self.style = logical, style

    draw_para._parallax_rtl = True  # type: ignore[attr-defined]
    Paragraph.drawPara = draw_para  # type: ignore[method-assign]
