"""Dump every ICU-backed Qt Core behaviour as JSON, to compare the wheel's ICU data with a reduced one.

Run it once with the wheel's PySide6 and once with a copy whose ``Qt/lib/libicudata.so.73`` is the
output of packaging/icu_data.py (put the copy first on PYTHONPATH), then diff the two files:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icu_probe.py > full.json
    QT_QPA_PLATFORM=offscreen PYTHONPATH=/tmp/tree .venv/bin/python packaging/icu_probe.py > small.json
    .venv/bin/python packaging/icu_probe.py --diff full.json small.json

Covered: QCollator for every locale Qt knows (default, case-insensitive and numeric modes),
QLocale::toUpper/toLower, every codec QStringConverter lists, QTimeZone names/offsets and locale
date formatting. ``icudata`` records which libicudata the process really mapped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

WORDS = [
    "a", "A", "ä", "Äpfel", "apfel", "ångström", "zebra", "Zürich", "ö", "ø", "oe", "ch", "cz", "ç", "c",
    "ı", "I", "i", "İ", "ß", "ss", "ñ", "n", "ğ", "g", "š", "s", "č", "ž", "z", "å", "æ", "ą", "ł", "y", "ü",
    "ё", "е", "ж", "я", "α", "ω", "ά", "א", "ת", "ب", "ي", "中", "国", "人", "北京", "上海", "日本", "東京",
    "한국", "서울", "가", "ひらがな", "カタカナ", "あ", "ア", "漢字", "ก", "ข", "क", "ख", "file10", "file2",
    "File1", "-dash", "dash", "co-op", "coop", "đ", "d", "ő", "o", "ə", "e", "ŋ", "þ", "th", "ll", "l",
]
CASE_TEXT = "iIıİ ßẞ ǰ ΆΈΉ άέή ΐ Straße İstanbul ıi Ǆǅǆ ﬁ Ὀδυσσεύς i̇̀ ĳ ТЕСТ тест"
CASE_LOCALES = ["C", "en_US", "de_DE", "tr_TR", "az_AZ", "lt_LT", "el_GR", "nl_NL", "ru_RU", "ja_JP"]
SAMPLE = "Hello, Grüße, €, Привет, Ελλάδα, שלום, مرحبا, สวัสดี, 日本語, 中文, 한국어, ½"
ZONES = ["Europe/Berlin", "Europe/Istanbul", "Europe/Moscow", "Asia/Tokyo", "Asia/Shanghai",
         "America/New_York", "America/Sao_Paulo", "Australia/Sydney", "Asia/Kolkata", "UTC", "Etc/GMT+5"]
NAME_LOCALES = ["en_US", "de_DE", "fr_FR", "ru_RU", "ja_JP", "zh_CN", "tr_TR", "ar_EG"]
FORMAT_LOCALES = ["en_US", "de_DE", "tr_TR", "ru_RU", "ja_JP", "zh_CN", "ar_EG", "hi_IN", "sv_SE"]


def collation(C) -> dict:
    names = sorted({loc.name() for loc in C.QLocale.matchingLocales(
        C.QLocale.Language.AnyLanguage, C.QLocale.Script.AnyScript, C.QLocale.Country.AnyCountry)})
    out = {}
    for name in names:
        collator = C.QCollator(C.QLocale(name))
        row = {"default": sorted(WORDS, key=collator.sortKey)}
        collator.setCaseSensitivity(C.Qt.CaseSensitivity.CaseInsensitive)
        collator.setNumericMode(True)
        row["ci_numeric"] = [collator.compare(a, b) for a, b in zip(WORDS[:-1], WORDS[1:], strict=True)]
        out[name] = row
    return out


def casing(C) -> dict:
    return {name: [C.QLocale(name).toUpper(CASE_TEXT), C.QLocale(name).toLower(CASE_TEXT)]
            for name in CASE_LOCALES}


def decode(C, name: str, data: bytes) -> list:
    """Decode through QXmlStreamReader, whose declared encoding goes to QStringDecoder (and ICU).

    PySide6 binds neither QStringDecoder.decode() nor QStringEncoder.encode(); the XML reader is
    the Python-reachable path to the same decoder (ucnv_toUnicode over the same table).
    """
    buffer = C.QBuffer()
    buffer.setData(C.QByteArray(b'<?xml version="1.0" encoding="%s"?><t>' % name.encode() + data + b"</t>"))
    buffer.open(C.QIODevice.OpenModeFlag.ReadOnly)
    reader = C.QXmlStreamReader(buffer)
    text = ""
    while not reader.atEnd():
        if reader.readNext() == C.QXmlStreamReader.TokenType.Characters:
            text += reader.text()
    return [text, reader.errorString()]


def codecs(C) -> dict:
    out = {"available": sorted(C.QStringConverter.availableCodecs())}
    high = bytes(range(0xA1, 0x100)) + bytes(range(0x80, 0xA0))
    for name in out["available"] + ["ISO-8859-15", "Shift_JIS", "windows-1251", "EUC-KR", "Big5",
                                    "GBK", "GB2312", "ISO-2022-JP", "KOI8-R", "IBM037", "Big5-HKSCS"]:
        dec = C.QStringDecoder(name)
        if not dec.isValid():
            out[name] = "invalid"
            continue
        try:
            sample = SAMPLE.encode(name, "replace")
        except LookupError:
            sample = b"Hello"
        out[name] = [dec.name(), decode(C, name, sample), decode(C, name, high.replace(b"<", b""))]
    return out


def zones(C) -> dict:
    instant = C.QDateTime(C.QDate(2024, 7, 1), C.QTime(12, 0), C.QTimeZone.utc())
    winter = C.QDateTime(C.QDate(2024, 1, 15), C.QTime(12, 0), C.QTimeZone.utc())
    out = {"system": bytes(C.QTimeZone.systemTimeZoneId()).decode(),
           "count": len(C.QTimeZone.availableTimeZoneIds())}
    T, N = C.QTimeZone.TimeType, C.QTimeZone.NameType
    for zone_id in ZONES:
        zone = C.QTimeZone(zone_id.encode())
        row = {"valid": zone.isValid(), "offsets": [zone.offsetFromUtc(instant), zone.offsetFromUtc(winter)],
               "abbr": [zone.abbreviation(instant), zone.abbreviation(winter)],
               "windows": bytes(C.QTimeZone.ianaIdToWindowsId(zone_id.encode())).decode()}
        for loc in NAME_LOCALES:
            row[loc] = [zone.displayName(t, n, C.QLocale(loc)) for t in (T.StandardTime, T.DaylightTime)
                        for n in (N.LongName, N.ShortName, N.OffsetName)]
            row[loc + " t/tttt"] = C.QLocale(loc).toString(instant.toTimeZone(zone), "t | tttt")
        out[zone_id] = row
    return out


def formats(C) -> dict:
    date = C.QDate(2024, 2, 29)
    dt = C.QDateTime(date, C.QTime(17, 5, 9), C.QTimeZone(b"Europe/Berlin"))
    F = C.QLocale.FormatType
    return {name: [C.QLocale(name).toString(date, f) for f in (F.LongFormat, F.ShortFormat)]
            + [C.QLocale(name).toString(dt, f) for f in (F.LongFormat, F.ShortFormat)]
            + [C.QLocale(name).toString(1234567.891, "f", 2), C.QLocale(name).monthName(2)]
            for name in FORMAT_LOCALES}


def icudata_path() -> str:
    maps = Path("/proc/self/maps").read_text()
    return sorted({line.split()[-1] for line in maps.splitlines() if "libicudata" in line})[0]


def probe() -> dict:
    from PySide6 import QtCore as C

    return {"icudata": icudata_path(), "collation": collation(C), "casing": casing(C),
            "codecs": codecs(C), "zones": zones(C), "formats": formats(C)}


def diff(a: dict, b: dict, path: str = "") -> list[str]:
    """Leaf-level differences between two probe results, as readable lines."""
    if isinstance(a, dict) and isinstance(b, dict):
        lines = []
        for key in sorted(a.keys() | b.keys()):
            lines += diff(a.get(key, "<missing>"), b.get(key, "<missing>"), f"{path}/{key}")
        return lines
    return [] if a == b else [f"{path}: {json.dumps(a, ensure_ascii=False)[:300]}\n"
                              f"{' ' * len(path)}  {json.dumps(b, ensure_ascii=False)[:300]}"]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--diff"]:
        full, small = (json.loads(Path(p).read_text(encoding="utf-8")) for p in sys.argv[2:4])
        print("\n".join(diff(full, small)))
    else:
        json.dump(probe(), sys.stdout, ensure_ascii=False, indent=1)
