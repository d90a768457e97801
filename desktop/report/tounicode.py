"""A TrueType font whose ToUnicode CMap maps every glyph to the right text when extracted.

reportlab 5.1 writes each subset's CMap entry as ``<%04X>`` of the code point, so a character
above U+FFFF (emoji from Symbola) becomes five hex digits, an odd-length string PDF readers
reject: copy, search and text extraction lose the emoji. PDF wants UTF-16BE there (a
surrogate pair for astral characters). This subclass lets reportlab build the font objects,
then rewrites each subset's CMap stream with correct UTF-16BE entries (at most 100 per
``bfchar`` block, as the CMap format requires).

Arabic presentation forms (the shaped letters ``rtl.shape()`` draws) map back to their
compatibility decomposition (NFKC), so extraction gives the ordinary letters; a lam-alef
ligature gives its two letters in visual order, like the rest of its right-to-left run.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from desktop.core.text.scripts import ARABIC_PRESENTATION_RE

_BLOCK = 100


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _text_of(code: int) -> str:
    char = chr(code)
    if ARABIC_PRESENTATION_RE.match(char):
        letters = unicodedata.normalize("NFKC", char).strip() or char
        # A ligature sits in a right-to-left run drawn in visual order; extractors that put
        # such runs back in logical order (poppler) reverse its letters too, so write them
        # in visual order as well (lam-alef: alef, lam).
        return letters[::-1]
    return char


def to_unicode_cmap(name: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one font subset (codes 0..n-1 -> ``subset`` code points)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(subset), _BLOCK):
        block = subset[start:start + _BLOCK]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(f"<{start + i:02X}> <{_utf16_hex(_text_of(code))}>"
                     for i, code in enumerate(block))
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class UnicodeTTFont(TTFont):
    """``TTFont`` with a correct ToUnicode CMap (see module doc)."""

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (reportlab API)
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)  # forgets the document's subsets at the end
        for n, subset in enumerate(subsets):
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = to_unicode_cmap(base, subset)
