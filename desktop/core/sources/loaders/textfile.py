"""Plain-text files: decode the bytes in whatever encoding they use, normalise line ends.

Fast path first: a byte-order mark, then strict UTF-8 (nearly every file today); only then
charset-normalizer's detection, with a preference among equally good guesses for the
encodings news text is actually found in (Windows-1252 for Western Europe, then 1250, 1251).
"""

from __future__ import annotations

import codecs
import unicodedata

from desktop.core.sources.loaders import Unreadable

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PREFERRED = ("cp1252", "cp1250", "cp1251", "gb18030", "big5", "cp932", "euc_kr", "koi8_r", "cp1253",
              "cp1254", "cp1255", "cp1256", "cp1257", "iso8859_2", "iso8859_15")
_SNIFF = 8192
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or other packaged file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1a\x1b")  # \x1a: DOS end-of-file, \x1b: ANSI colour codes


def decode(data: bytes) -> str:
    """The text of ``data``, newlines normalised to ``\\n``; raises ``Unreadable``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalise(data[len(bom):].decode(encoding))
            except UnicodeDecodeError as exc:
                where = exc.start + len(bom)
                raise Unreadable(f"the bytes are not valid {encoding.upper()[:6]} although the file "
                                 f"starts with its byte-order mark (bad byte at {where})") from None
    text = _utf16_without_bom(data)
    if text is not None:
        return normalise(text)
    refuse_binary(data)
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, exc.start)
    return normalise(detect(data))


def refuse_binary(data: bytes, expected: str = "plain text") -> None:
    """Raise ``Unreadable`` when ``data`` is a known binary format or not text at all."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise Unreadable(f"the file holds {what}, not {expected}")
    head = data[:_SNIFF]
    if b"\x00" in head:
        raise Unreadable(f"the file holds binary data (NUL bytes), not {expected}")
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS or byte == 127)
    if head and controls / len(head) > 0.01:
        raise Unreadable(f"the file holds binary data ({controls} control bytes in the first "
                         f"{len(head)}), not {expected}")


def normalise(text: str) -> str:
    """Line ends to ``\\n``, a stray BOM dropped, Unicode in NFC (so "é" has one spelling)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = text.replace("\f", "\n\n").replace("\v", "\n").replace("\x1a", "")
    return unicodedata.normalize("NFC", text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a mark shows as NUL bytes in every other position (Latin, Cyrillic...)."""
    head = data[:_SNIFF - _SNIFF % 2]
    if len(data) % 2 or head.count(0) < max(1, len(head) // 8):  # short texts too need a NUL
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text[:_SNIFF]) and _has_word_spacing(text[:_SNIFF]):
            return text
    return None


def _has_word_spacing(text: str) -> bool:
    """Text dense in NUL bytes as UTF-16 is Latin/Greek/Cyrillic-like, which spaces its words.

    Binary junk such as ``00 01 02 ff`` repeated decodes to valid but spaceless characters.
    """
    if len(text) < 40:
        return True
    return sum(1 for c in text if c.isspace()) / len(text) >= 0.03


def _looks_like_text(text: str) -> bool:
    if not text or "\x00" in text:
        return False
    bad = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") and c not in "\t\n\r\f")
    return bad == 0


def detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # here: 12 ms of start-up that UTF-8 files never need

    results = list(from_bytes(data))
    if not results:
        if len(data) < 400:
            short = _short_western(data)
            if short is not None:
                return short
        raise Unreadable("the bytes are not text in any encoding Parallax knows (not UTF-8, UTF-16, "
                         "Windows-1252, Latin-1...)")
    best = results[0]
    ties = [r for r in results if r.chaos <= best.chaos + 0.02 and r.coherence >= best.coherence - 0.05]
    names = {r.encoding: r for r in ties}
    for encoding in _PREFERRED:
        if encoding in names:
            return str(names[encoding])
    if len(data) < 400:
        short = _short_western(data)
        if short is not None:
            return short
    return str(best)


def _refuse_damaged_utf8(data: bytes, first_bad: int) -> None:
    """UTF-8 text with a few bad bytes is a damaged UTF-8 file, not Windows-1252: detection would
    turn every “quote” into mojibake. A legacy 8-bit file has (almost) no valid UTF-8 sequences."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid = sum(1 for c in text if ord(c) > 127) - bad - data.count(b"\xef\xbf\xbd")
    if valid >= 3 and bad * 4 <= valid:
        raise Unreadable(f"the text is UTF-8 but has {bad} invalid byte sequence{'s' if bad > 1 else ''} "
                         f"(the first at byte {first_bad}); the file is damaged")


def _short_western(data: bytes) -> str | None:
    """A few bytes give detection nothing to go on: take Windows-1252 if it reads as Western text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    foreign = sum(1 for c in letters if ord(c) > 127)
    return text if letters and foreign / len(letters) < 0.3 else None
