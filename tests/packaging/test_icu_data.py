"""packaging/icu_data.py: the reduced ICU data library the bundle ships instead of the wheel's.

The build test links a real library (icupkg, genccode, gcc: Debian's icu-devtools and gcc) and
loads it into a fresh Python through a PySide6 tree whose only real file is that library.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Loaded from its file: the folder is named like the PyPI "packaging" project, so it is no package.
_spec = importlib.util.spec_from_file_location("icu_data", ROOT / "packaging" / "icu_data.py")
icu_data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(icu_data)

PYSIDE = Path(importlib.util.find_spec("PySide6").submodule_search_locations[0])
WHEEL_ICUDATA = PYSIDE / "Qt" / "lib" / "libicudata.so.73"
MISSING = icu_data.missing_tools()

CHILD = r"""
import json
from PySide6 import QtCore as C

def sort(locale, words):
    return sorted(words, key=C.QCollator(C.QLocale(locale)).sortKey)

def xml_decode(codec, data):
    buffer = C.QBuffer()
    buffer.setData(C.QByteArray(b'<?xml version="1.0" encoding="%s"?><t>' % codec.encode() + data + b"</t>"))
    buffer.open(C.QIODevice.OpenModeFlag.ReadOnly)
    reader, text = C.QXmlStreamReader(buffer), ""
    while not reader.atEnd():
        if reader.readNext() == C.QXmlStreamReader.TokenType.Characters:
            text += reader.text()
    return text

maps = open("/proc/self/maps").read().splitlines()
print(json.dumps({
    "icudata": sorted({line.split()[-1] for line in maps if "libicudata" in line}),
    "de": sort("de_DE", ["z", "ä", "a"]),
    "sv": sort("sv_SE", ["z", "ä", "a", "å"]),
    "tr_upper": C.QLocale("tr_TR").toUpper("iı"),
    "sjis": xml_decode("Shift_JIS", "日本".encode("shift_jis")),
    "cp1251": xml_decode("windows-1251", "Мир".encode("cp1251")),
    "ebcdic": C.QStringDecoder("IBM037").isValid(),
}))
"""


def test_kept_items_are_collation_and_web_codecs_only():
    assert icu_data.kept("coll/ucadata.icu") and icu_data.kept("coll/sv.res")
    assert icu_data.kept("coll/kok.res")  # Konkani is not Korean
    assert not icu_data.kept("coll/ko.res") and not icu_data.kept("coll/zh_Hant.res")
    assert icu_data.kept("coll/zh.res", cjk_collation=True)
    assert icu_data.kept("cnvalias.icu") and icu_data.kept("ibm-943_P15A-2003.cnv")
    assert not icu_data.kept("ibm-37_P100-1995.cnv")  # EBCDIC
    for dropped in ("zone/de.res", "lang/de.res", "brkitr/cjdict.dict", "de.res", "unames.icu"):
        assert not icu_data.kept(dropped), dropped


def test_missing_tools_fail_with_the_packages_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(icu_data.IcuDataError, match="apt-get install .*icu-devtools gcc"):
        icu_data.require_tools()


def test_a_file_that_is_not_an_icu_library_is_refused(tmp_path):
    with pytest.raises(icu_data.IcuDataError, match="ELF"):
        icu_data.elf_data_symbol(b"not an ELF file at all")
    libc = Path("/lib/x86_64-linux-gnu/libc.so.6")
    if libc.is_file():
        with pytest.raises(icu_data.IcuDataError, match="icudtNN_dat"):
            icu_data.elf_data_symbol(libc.read_bytes())


def mirror_pyside(dest: Path, icudata: Path) -> None:
    """A PySide6 tree of symlinks to the wheel's files, except Qt/lib/libicudata.so.73 (a copy).

    The wheel finds its Qt libraries through RPATH $ORIGIN, which the loader takes from the path
    a library was opened by, so the symlinked Qt Core loads the ICU data library lying beside it.
    """
    lib = dest / "PySide6" / "Qt" / "lib"
    lib.mkdir(parents=True)
    for src, target in ((PYSIDE, dest / "PySide6"), (PYSIDE / "Qt", dest / "PySide6" / "Qt"),
                        (PYSIDE / "Qt" / "lib", lib)):
        for entry in src.iterdir():
            if not (target / entry.name).exists() and entry.name != icudata.name:
                (target / entry.name).symlink_to(entry)
    shutil.copy2(icudata, lib / icudata.name)


@pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)} (apt-get install icu-devtools gcc)")
@pytest.mark.skipif(not WHEEL_ICUDATA.is_file(), reason="the PySide6 wheel has no libicudata.so.73")
def test_reduced_library_replaces_the_wheels_copy(tmp_path):
    out = icu_data.reduced_icudata(WHEEL_ICUDATA, tmp_path / "work")

    soname, symbol, dat = icu_data.elf_data_symbol(out.read_bytes())
    assert (out.name, soname, symbol) == ("libicudata.so.73", "libicudata.so.73", "icudt73_dat")
    items = icu_data.package_items(dat)
    assert {"coll/ucadata.icu", "coll/root.res", "coll/de.res", "cnvalias.icu"} <= items.keys()
    assert not any(name.startswith(("zone/", "lang/", "brkitr/")) for name in items)
    assert out.stat().st_size < WHEEL_ICUDATA.stat().st_size / 5

    mirror_pyside(tmp_path / "site", out)
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["icudata"] == [str(tmp_path / "site" / "PySide6" / "Qt" / "lib" / "libicudata.so.73")]
    assert result["de"] == ["a", "ä", "z"]
    assert result["sv"] == ["a", "z", "å", "ä"]  # Swedish tailoring: å and ä after z
    assert result["tr_upper"] == "İI"
    assert (result["sjis"], result["cp1251"]) == ("日本", "Мир")
    assert result["ebcdic"] is False  # dropped on purpose
