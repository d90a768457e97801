"""Fonts, colours and paragraph styles of the briefing, and safe Paragraph markup.

reportlab has no per-glyph font fallback: a character missing from the paragraph's font is
drawn as a blank box. ``rich()`` therefore splits text into runs by which shipped font covers
each character (DejaVu Sans for Latin/Greek/Cyrillic/Hebrew/Arabic, Droid Sans Fallback for
CJK, Symbola for emoji and symbols) and wraps every run outside the main font in its own
``<font>``. It also escapes ``& < >`` so text that looks like markup appears verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from desktop import paths
from desktop.core import components
from desktop.core.model import DiffKind, ParallaxError, Which
from desktop.report import rtl
from desktop.report.tounicode import UnicodeTTFont

SANS = "Parallax-Sans"
SANS_BOLD = "Parallax-Sans-Bold"
SANS_ITALIC = "Parallax-Sans-Oblique"
CJK = "Parallax-CJK"
SYMBOLS = "Parallax-Symbols"

_FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    SYMBOLS: "Symbola.ttf",
}
# Fallback order after the run's own face: the regular face, then CJK, then symbols/emoji.
_FALLBACKS = (SANS, CJK, SYMBOLS)
# Without a fallback font the briefing is still right, with boxes for what it covers; without a
# DejaVu face there is no briefing.
_OPTIONAL = {CJK: "Chinese, Japanese and Korean characters print as empty boxes in briefings",
             SYMBOLS: "emoji and symbols print as empty boxes in briefings"}
_loaded: set[str] = set()


@cache
def register_fonts() -> None:
    """Register the shipped TrueType fonts once per process (they are embedded as subsets).

    Also makes Paragraphs draw right-to-left lines in visual order (``rtl.install``).
    """
    rtl.install()
    for name, filename in _FONT_FILES.items():
        path = paths.resource("fonts", filename)
        try:
            pdfmetrics.registerFont(UnicodeTTFont(name, str(path)))
        except Exception as exc:  # reportlab raises TTFError or OSError; both mean a broken install
            if name not in _OPTIONAL:
                raise ParallaxError(f"{path}: cannot load the font ({exc})") from exc
            components.report(components.Missing(f"font {filename}", f"cannot load: {exc}", _OPTIONAL[name]))
            continue
        _loaded.add(name)
    # <b> and <i> inside a paragraph switch faces; there is no bold-oblique face, bold wins.
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC,
                                  boldItalic=SANS_BOLD)


@cache
def _coverage(font_name: str) -> frozenset[int]:
    register_fonts()
    if font_name not in _loaded:
        return frozenset()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def font_for(char: str, face: str = SANS) -> str:
    """The first shipped font that has a glyph for ``char``, starting with ``face``."""
    code = ord(char)
    if code in _coverage(face):
        return face
    for name in _FALLBACKS:
        if code in _coverage(name):
            return name
    return face


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape(text: str) -> str:
    """Escape text for a reportlab Paragraph (``& < >``) and drop control characters."""
    text = _CONTROL.sub(" ", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rich(text: str, face: str = SANS) -> str:
    """Paragraph markup for plain ``text``: escaped, with fallback fonts around uncovered runs.

    Spaces and combining marks stay in the main face unless they sit inside a fallback run
    (between two characters of the same fallback font). Arabic letters are shaped first
    (``rtl.shape``); reordering right-to-left text happens per line when drawing.
    """
    text = rtl.shape(text)
    if covered(text, face):
        return escape(text)
    fonts: list[str | None] = [None if c.isspace() or _is_mark(c) else font_for(c, face) for c in text]
    following: str | None = face
    for i in range(len(text) - 1, -1, -1):  # spaces: the font of the run they sit inside
        if fonts[i] is None:
            fonts[i] = following
        else:
            following = fonts[i]
    previous = face
    for i, char in enumerate(text):
        if char.isspace() or _is_mark(char):
            fonts[i] = previous if (fonts[i] == previous or _is_mark(char)) else face
        previous = fonts[i] or face
    out: list[str] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or fonts[i] != fonts[start]:
            out.append(_wrap(text[start:i], fonts[start] or face, face))
            start = i
    return "".join(out)


def _is_mark(char: str) -> bool:
    """Combining marks and variation selectors stay with the run of their base character."""
    return unicodedata.category(char) in ("Mn", "Me", "Cf")


def _wrap(text: str, font: str, face: str) -> str:
    body = escape(text)
    return body if font == face else f'<font name="{font}">{body}</font>'


def covered(text: str, face: str = SANS) -> bool:
    """True when ``face`` has a glyph for every character of ``text``."""
    cov = _coverage(face)
    return all(ord(c) in cov or c.isspace() for c in text)


def is_cjk_text(text: str) -> bool:
    """True when most letters are CJK: such passages wrap between characters, not at spaces."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    cjk = sum(1 for c in letters if ord(c) >= 0x2E80 and ord(c) not in _coverage(SANS))
    return cjk * 2 > len(letters)


# ---- colours -------------------------------------------------------------------------------

INK = colors.HexColor("#1d232b")
MUTED = colors.HexColor("#5d6673")
RULE = colors.HexColor("#c5cbd3")
SIDE_A = colors.HexColor("#1f5f99")
SIDE_B = colors.HexColor("#a4561b")
TINT_A = colors.HexColor("#f3f7fb")
TINT_B = colors.HexColor("#fcf6f1")
CONFIRMED = colors.HexColor("#1d7a3e")
NOTE_BG = colors.HexColor("#fff7d1")
NOTE_BORDER = colors.HexColor("#e0c44c")
NOTE_MARK = colors.HexColor("#fbe27a")  # quoted words of a note (see DiffLook)
UNMATCHED = colors.HexColor("#b9bec6")


@dataclass(frozen=True)
class DiffLook:
    """How a difference is drawn on one side: background, text colour, weight.

    ``back`` is what a reader sees once the Highlight annotation (same colour, multiplied
    over the page, as viewers draw highlights) lies on the page's own background of the same
    colour; each layer is therefore its square root, so print without annotations is lighter.
    """

    back: colors.Color
    text: colors.Color
    bold: bool = False
    italic: bool = False

    @property
    def layer(self) -> colors.Color:
        return colors.Color(*(v ** 0.5 for v in (self.back.red, self.back.green, self.back.blue)))

    @property
    def rgb(self) -> tuple[float, float, float]:
        layer = self.layer
        return (round(layer.red, 3), round(layer.green, 3), round(layer.blue, 3))


_DELETED = DiffLook(colors.HexColor("#f8d6d2"), colors.HexColor("#6e1a14"))
_DELETED_STRONG = DiffLook(colors.HexColor("#efaaa2"), colors.HexColor("#560b05"))
_INSERTED = DiffLook(colors.HexColor("#d4efd6"), colors.HexColor("#14501c"))
_INSERTED_STRONG = DiffLook(colors.HexColor("#a5d9ab"), colors.HexColor("#0a3a11"))
_FORMAT = DiffLook(colors.HexColor("#e4e6ea"), INK)
STRONG_KINDS = (DiffKind.NUMBER, DiffKind.NAME)
SHORT_CHANGE = 24  # numbers and names changed in at most this many characters are also bold


def diff_look(kind: DiffKind, side: Which | str, text: str = "") -> DiffLook:
    """The look of a difference of ``kind`` on source A of a pair (its ``a_*`` side: deleted words)
    or on B (inserted); the letter "a" or "b" is accepted for the source.

    Numbers and names get a deeper colour, and bold when the changed words are few (a long
    span in bold would shout louder than the short change it contains).
    """
    if kind is DiffKind.FORMAT:
        return _FORMAT
    strong = kind in STRONG_KINDS
    if Which.coerce(side).index == 0:
        look = _DELETED_STRONG if strong else _DELETED
    else:
        look = _INSERTED_STRONG if strong else _INSERTED
    bold = strong and len(text.strip()) <= SHORT_CHANGE
    return DiffLook(look.back, look.text, bold, italic=kind is DiffKind.QUOTE)


def hex_color(color: colors.Color) -> str:
    return "#" + color.hexval()[2:]


# ---- paragraph styles ----------------------------------------------------------------------


def side_colour(side: Which) -> colors.Color:
    """The colour that marks source A or B of a pair."""
    return side.of((SIDE_A, SIDE_B))


@cache
def passage_style(side: Which | None = None, *, cjk: bool = False) -> ParagraphStyle:
    """Passage text: in a pair (no side), or alone on its source's tint (A or B).

    Mostly-CJK passages wrap between characters (they have no spaces to wrap at).
    """
    base = stylesheet()[f"single_{side.key}" if side is not None else "passage"]
    if not cjk:
        return base
    return ParagraphStyle(base.name + "_cjk", parent=base, wordWrap="CJK")


@cache
def stylesheet() -> dict[str, ParagraphStyle]:
    """The named paragraph styles of the briefing (built once, after the fonts)."""
    register_fonts()
    base = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=13.5, textColor=INK,
                          alignment=TA_LEFT, allowWidows=0, allowOrphans=0, linkUnderline=0,
                          spaceAfter=4)
    s: dict[str, ParagraphStyle] = {"body": base}

    def add(name: str, **kw: object) -> None:
        kw.setdefault("parent", base)
        s[name] = ParagraphStyle(name, **kw)

    add("title", fontName=SANS_BOLD, fontSize=24, leading=29, spaceAfter=10, textColor=INK)
    add("subtitle", fontSize=11.5, leading=15, textColor=MUTED, spaceAfter=16)
    add("h1", fontName=SANS_BOLD, fontSize=16, leading=20, spaceBefore=16, spaceAfter=10,
        keepWithNext=1)
    add("h2", fontName=SANS_BOLD, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=5,
        keepWithNext=1)
    add("small", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=2)
    add("passage", fontSize=9, leading=12.6, spaceAfter=0)
    add("locator", fontName=SANS_BOLD, fontSize=7.5, leading=9.5, spaceAfter=2, keepWithNext=1)
    add("locator_single", parent=s["locator"], spaceAfter=6, spaceBefore=2)
    add("single_a", parent=s["passage"], spaceAfter=12, leftIndent=6, rightIndent=4,
        backColor=TINT_A, borderPadding=(3, 4, 4, 4))
    add("single_b", parent=s["single_a"], backColor=TINT_B)
    add("group_head", fontName=SANS_BOLD, fontSize=10, leading=13, spaceAfter=0, textColor=INK)
    add("changes", fontSize=7.5, leading=10, textColor=MUTED, spaceAfter=0)
    add("note", fontSize=8.5, leading=11.5, backColor=NOTE_BG, borderColor=NOTE_BORDER,
        borderWidth=0.6, borderPadding=(5, 6, 5, 6), borderRadius=2, leftIndent=6, rightIndent=6,
        spaceBefore=6, spaceAfter=8)
    add("reference", fontSize=9, leading=12.5, leftIndent=18, firstLineIndent=-18, spaceAfter=6)
    add("cell", fontSize=8.5, leading=11, spaceAfter=0)
    add("cell_head", fontName=SANS_BOLD, fontSize=8.5, leading=11, spaceAfter=0)
    add("caption", fontSize=8, leading=10.5, textColor=MUTED, alignment=TA_CENTER, spaceBefore=4)
    add("toc0", fontSize=11, leading=16, leftIndent=0, spaceAfter=0)
    add("toc1", fontSize=9.5, leading=13, leftIndent=16, spaceAfter=0, textColor=MUTED)
    add("running", fontSize=7.5, leading=9, textColor=MUTED, spaceAfter=0)
    add("running_bold", fontName=SANS_BOLD, fontSize=7.5, leading=9, textColor=MUTED, spaceAfter=0)
    add("running_right", fontSize=7.5, leading=9, textColor=MUTED, spaceAfter=0, alignment=TA_RIGHT)
    return s
