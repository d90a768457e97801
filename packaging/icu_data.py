"""Build a reduced ``libicudata.so.NN`` for the bundle: only the ICU data items Qt Core uses.

Why: the PySide6 wheel's Qt links ICU, and ICU's data library (``libicudata.so.73``, 32 MB) holds
every ICU data item: locale display names, unit and currency names, break-iterator dictionaries,
transliterators, spell-out rules, 190 codepage tables... Qt 6 Core calls only a handful of ICU APIs
(``nm -D --undefined-only libQt6Core.so.6``; no other Qt library links ICU):

* ``ucol_*`` (QCollator, QString::localeAwareCompare, the file dialog's sorting): the collation
  tree ``coll/`` and ``coll/ucadata.icu``;
* ``ucnv_*`` (QStringConverter/QStringDecoder for anything but UTF-8/16/32 and Latin-1, which Qt
  does itself): ``cnvalias.icu`` and the codepage tables (``*.cnv``);
* ``u_strToUpper``/``u_strToLower`` (QLocale::toUpper/toLower): case data compiled into libicuuc,
  no data item at all;
* ``ucal_*`` (QTimeZone::displayName, the only ICU use of Qt's tz backend on Linux): the
  ``zone/`` tree, the main locale tree and ``zoneinfo64.res``.

Qt does its own locale formatting (compiled-in CLDR), Unicode properties, normalization, IDNA and
text boundaries, so everything else in the package is dead weight for it. The kept set:

* collation: all of ``coll/`` except the Chinese, Japanese and Korean tailorings (zh 0.7 MB,
  ko 0.3 MB, ja 0.15 MB and their alias stubs). Without them those locales collate by the root
  order (UCA/DUCET: kana in gojūon order, Hangul in jamo order, Han by radical-stroke block order)
  instead of pinyin/JIS/KS order. Pass ``cjk_collation=True`` to keep them (+1.15 MB).
* converters: the legacy encodings of the WHATWG Encoding Standard, i.e. what a browser, Chromium's
  ICU data or a news page can name (windows-125x, ISO-8859-x, KOI8, IBM866, Mac Roman/Cyrillic,
  Shift_JIS, EUC-JP, ISO-2022-JP, GBK, GB18030, Big5, EUC-KR), with the base tables they extend.
  Other encodings (EBCDIC, old IBM DBCS pages, ...) are no longer found: QStringConverter reports
  them unavailable, exactly as for any unknown name.
* time zones: nothing. On Linux Qt's zone rules, offsets and abbreviations come from the system
  tzdata, never from ICU (without tzdata the zones are invalid, ICU data or not); ICU is asked only
  for localized zone names (QTimeZone::displayName(), the "tttt" of QLocale's long date-time
  format), which need the ``zone/`` tree and the main locale tree (7+ MB). Without them
  displayName() gives "" for long and short names (OffsetName "UTC+01:00" is Qt's own), and
  LongFormat date-times end in the IANA id ("... 17:05:09 Europe/Berlin" instead of
  "... Mitteleuropäische Normalzeit"). Parallax never formats a date-time with Qt.

Tools: ICU's own ``icupkg`` (remove items, checking that what stays keeps its dependencies: pool
bundles, base converter tables) and ``genccode`` (the data as an assembler file exporting the
``icudtNN_dat`` symbol), then ``gcc`` to link a data-only shared library with the wheel's soname.
Debian's icu-devtools is ICU 72 but handles the 73 package: the common-data container ("CmnD"
format 1) has not changed, items are copied as opaque blobs (no byte swapping: same platform), and
an icupkg round trip of the wheel's data is byte-identical. The ELF and TOC reading here is a few
lines of ``struct`` so no other tool is needed.

    python packaging/icu_data.py [--cjk-collation] SRC_SO OUT_DIR   # writes OUT_DIR/<soname>
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import struct
import subprocess
import sys
from collections import Counter
from pathlib import Path

TOOLS = ("icupkg", "genccode", "gcc")
APT_PACKAGES = ("icu-devtools", "gcc")

# Chinese, Japanese, Korean (and Cantonese, an alias of zh_Hant) collation tailorings; not Konkani (kok).
CJK_COLLATION = re.compile(r"coll/(zh|ja|ko|yue)(_\w*)?\.res")

# The WHATWG Encoding Standard's legacy encodings, as ICU 73 data items (labels -> ICU converter):
# IBM866, ISO-8859-2..15 (ICU 73 has no -16), KOI8-R/U, macintosh, x-mac-cyrillic, windows-874 and
# windows-1250..1258, Shift_JIS (ibm-943_P15A), EUC-JP (euc-jp-2007), ISO-2022-JP (algorithmic, over
# the Shift_JIS table), GBK (windows-936 over ibm-1386), GB2312 (ibm-1383), GB18030, Big5 (windows-950
# over ibm-1373), EUC-KR (ibm-970) and windows-949 (over ibm-1363). Not Big5-HKSCS (0.2 MB).
# UTF-8/16/32, US-ASCII and Latin-1 are algorithmic, built into libicuuc.
CONVERTERS = (
    "cnvalias.icu",
    "ibm-866_P100-1995.cnv", "ibm-912_P100-1995.cnv", "ibm-913_P100-2000.cnv",
    "ibm-914_P100-1995.cnv", "ibm-915_P100-1995.cnv", "ibm-1089_P100-1995.cnv",
    "ibm-9005_X110-2007.cnv", "ibm-5012_P100-1999.cnv", "ibm-920_P100-1995.cnv",
    "iso-8859_10-1998.cnv", "iso-8859_11-2001.cnv", "ibm-921_P100-1995.cnv",
    "iso-8859_14-1998.cnv", "ibm-923_P100-1998.cnv",
    "ibm-878_P100-1996.cnv", "ibm-1168_P100-2002.cnv", "macos-0_2-10.2.cnv", "macos-7_3-10.2.cnv",
    "windows-874-2000.cnv", "ibm-5346_P100-1998.cnv", "ibm-5347_P100-1998.cnv",
    "ibm-5348_P100-1997.cnv", "ibm-5349_P100-1998.cnv", "ibm-5350_P100-1998.cnv",
    "ibm-9447_P100-2002.cnv", "ibm-9448_X100-2005.cnv", "ibm-9449_P100-2002.cnv",
    "ibm-5354_P100-1998.cnv",
    "ibm-943_P15A-2003.cnv", "euc-jp-2007.cnv",
    "windows-936-2000.cnv", "ibm-1386_P100-2001.cnv", "gb18030.cnv", "ibm-1383_P110-1999.cnv",
    "windows-950-2000.cnv", "ibm-1373_P100-2002.cnv",
    "ibm-970_P110_P110-2006_U2.cnv", "windows-949-2000.cnv", "ibm-1363_P11B-1998.cnv",
)

# Collation (the tailorings' fallback ends at coll/root.res; ucadata.icu is the root order itself),
# plus the two version stamps (u_getDataVersion). Nothing from the main locale tree: checked item by
# item with packaging/icu_probe.py, collation results do not change without it.
CORE = ("coll/*", "icuver.res", "icustd.res")


class IcuDataError(RuntimeError):
    """A tool is missing or the input is not an ICU data library."""


def tool(name: str) -> str | None:
    """The path of a build tool. Debian installs icupkg and genccode in /usr/sbin, which is not on
    a normal user's PATH."""
    return shutil.which(name) or shutil.which(name, path="/usr/local/sbin:/usr/sbin:/sbin")


def missing_tools() -> list[str]:
    return [name for name in TOOLS if tool(name) is None]


def require_tools() -> None:
    """Fail with the install command if icupkg, genccode or gcc is missing."""
    missing = missing_tools()
    if missing:
        raise IcuDataError(f"icu_data: missing {', '.join(missing)}; install them with: "
                           f"apt-get install --no-install-recommends {' '.join(APT_PACKAGES)}")


def elf_data_symbol(so_bytes: bytes) -> tuple[str, str, bytes]:
    """(soname, ``icudtNN_dat`` symbol name, the symbol's bytes) of an ICU data library (ELF64 LE)."""
    if so_bytes[:4] != b"\x7fELF" or so_bytes[4] != 2 or so_bytes[5] != 1:
        raise IcuDataError("icu_data: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", so_bytes, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", so_bytes, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", so_bytes, shoff + i * shentsize) for i in range(shnum)]

    def cstr(section: tuple, offset: int) -> str:
        start = section[4] + offset
        return so_bytes[start:so_bytes.index(b"\0", start)].decode()

    soname, symbol = "", None
    for sec in sections:
        if sec[1] == 11:  # SHT_DYNSYM
            strtab = sections[sec[6]]
            for pos in range(sec[4], sec[4] + sec[5], 24):
                st_name, _info, _other, _shndx, value, size = struct.unpack_from("<IBBHQQ", so_bytes, pos)
                name = cstr(strtab, st_name)
                if re.fullmatch(r"icudt\d+_dat", name):
                    symbol = (name, value, size)
        elif sec[1] == 6:  # SHT_DYNAMIC
            for pos in range(sec[4], sec[4] + sec[5], 16):
                tag, val = struct.unpack_from("<qQ", so_bytes, pos)
                if tag == 14:  # DT_SONAME
                    soname = cstr(sections[sec[6]], val)
    if symbol is None or not soname:
        raise IcuDataError("icu_data: no icudtNN_dat symbol or no soname: not an ICU data library")
    name, value, size = symbol
    for sec in sections:
        if sec[1] == 1 and sec[3] <= value < sec[3] + sec[5]:  # SHT_PROGBITS holding the symbol
            start = sec[4] + value - sec[3]
            return soname, name, so_bytes[start:start + size]
    raise IcuDataError(f"icu_data: {name} lies in no section")


def package_items(dat: bytes) -> dict[str, int]:
    """Item name (without the ``icudtNNl/`` prefix) -> size, read from a common-data package's TOC."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", dat, 0)
    if (magic1, magic2) != (0xDA, 0x27) or dat[12:16] != b"CmnD":
        raise IcuDataError("icu_data: the data is not an ICU common-data (CmnD) package")
    count, = struct.unpack_from("<I", dat, header_size)
    entries = [struct.unpack_from("<II", dat, header_size + 4 + 8 * i) for i in range(count)]
    ends = [offset for _name, offset in entries[1:]] + [len(dat) - header_size]
    items = {}
    for (name_offset, offset), end in zip(entries, ends, strict=True):
        start = header_size + name_offset
        items[dat[start:dat.index(b"\0", start)].decode().split("/", 1)[1]] = end - offset
    return items


def kept(name: str, *, cjk_collation: bool = False) -> bool:
    """Whether a data item (e.g. ``coll/de.res``) stays in the reduced package."""
    if not cjk_collation and CJK_COLLATION.fullmatch(name):
        return False
    return name in CONVERTERS or any(fnmatch.fnmatchcase(name, pattern) for pattern in CORE)


def group(name: str) -> str:
    """The report group of an item: its tree (``coll/``) or its kind (``*.cnv``, ``locale *.res``)."""
    if "/" in name:
        return name.split("/")[0] + "/"
    if re.fullmatch(r"[a-z]{2,3}(_[A-Za-z0-9]+)*\.res", name) and name not in ("root.res", "pool.res",
                                                                                "res_index.res"):
        return "locale *.res"
    return "*." + name.rsplit(".", 1)[-1]


def run(command: list[str], cwd: Path) -> None:
    """Run a tool; its output becomes the exception's message if it fails."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise IcuDataError(f"icu_data: {' '.join(command)} failed ({result.returncode}):\n"
                           f"{result.stdout}{result.stderr}")


def reduced_icudata(src_so: Path, workdir: Path, *, cjk_collation: bool = False) -> Path:
    """Write ``workdir/<soname>``: the data library ``src_so`` with only the items Qt uses.

    Same soname and same exported ``icudtNN_dat`` symbol, so libicuuc (and through it Qt) loads it
    in place of the wheel's copy. Raises IcuDataError when a tool is missing or fails.
    """
    require_tools()
    soname, symbol, dat = elf_data_symbol(Path(src_so).read_bytes())
    version = symbol[len("icudt"):-len("_dat")]
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    full = workdir / f"icudt{version}l.dat"
    full.write_bytes(dat)
    drop = sorted(name for name in package_items(dat) if not kept(name, cjk_collation=cjk_collation))
    (workdir / "drop.txt").write_text("".join(f"{name}\n" for name in drop), encoding="ascii")
    small_dir = workdir / "reduced"
    small_dir.mkdir(exist_ok=True)
    run([tool("icupkg"), "-r", "drop.txt", full.name, f"reduced/{full.name}"], workdir)
    run([tool("genccode"), "-a", "gcc", "-e", f"icudt{version}", "-d", ".", full.name], small_dir)
    assembly = small_dir / f"icudt{version}l_dat.S"
    if not assembly.is_file():
        raise IcuDataError(f"icu_data: genccode wrote no {assembly.name}")
    out = workdir / soname
    run([tool("gcc"), "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-Wl,-z,noexecstack",
         "-o", str(out), str(assembly)], small_dir)
    _, out_symbol, out_dat = elf_data_symbol(out.read_bytes())
    if out_symbol != symbol or package_items(out_dat).keys() != package_items(dat).keys() - set(drop):
        raise IcuDataError(f"icu_data: {out} does not hold the expected {symbol} package")
    return out


def size_table(before: dict[str, int], after: dict[str, int]) -> str:
    """Per group: item count and megabytes before and after, largest groups first."""
    sizes_b, sizes_a, count_b, count_a = Counter(), Counter(), Counter(), Counter()
    for items, sizes, counts in ((before, sizes_b, count_b), (after, sizes_a, count_a)):
        for name, size in items.items():
            sizes[group(name)] += size
            counts[group(name)] += 1
    lines = [f"{'group':14} {'items':>11} {'MB before':>10} {'MB after':>9}"]
    for name, size in sizes_b.most_common():
        lines.append(f"{name:14} {count_b[name]:5} ->{count_a[name]:4} "
                     f"{size / 1e6:10.2f} {sizes_a[name] / 1e6:9.2f}")
    lines.append(f"{'total':14} {len(before):5} ->{len(after):4} "
                 f"{sum(before.values()) / 1e6:10.2f} {sum(after.values()) / 1e6:9.2f}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    cjk = "--cjk-collation" in argv
    args = [arg for arg in argv if arg != "--cjk-collation"]
    if len(args) != 2:
        print("usage: python packaging/icu_data.py [--cjk-collation] SRC_SO OUT_DIR", file=sys.stderr)
        return 2
    src, out_dir = Path(args[0]), Path(args[1])
    out = reduced_icudata(src, out_dir / "icu-work", cjk_collation=cjk)
    final = out_dir / out.name
    shutil.copy2(out, final)
    before = package_items(elf_data_symbol(src.read_bytes())[2])
    after = package_items(elf_data_symbol(final.read_bytes())[2])
    print(size_table(before, after))
    print(f"{src}: {src.stat().st_size / 1e6:.2f} MB -> {final}: {final.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
