"""Python string offsets <-> QTextDocument positions.

The core counts code points; Qt counts UTF-16 units, so every character outside the Basic
Multilingual Plane (emoji, rare CJK) takes two Qt positions. Text without such characters
maps one to one and costs nothing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class OffsetMap:
    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        # Qt position of each astral character: its Python index plus the astral ones before it.
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]
        self.length = len(text)

    def to_qt(self, offset: int) -> int:
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def to_py(self, position: int) -> int:
        """The Python offset of a Qt position (the middle of a surrogate pair maps to its char)."""
        if not self._astral:
            return position
        before = bisect_right(self._astral_qt, position - 1)
        # an astral char at Qt q covers q and q+1: position q+1 is inside it
        if before and self._astral_qt[before - 1] == position - 1:
            return self._astral[before - 1]
        return position - before
