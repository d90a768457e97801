"""packaging/strip_safe.py and packaging/no_pillow: what keeps the bundle under its size bar.

strip_safe strips a library only where the stripped copy stays loadable (its load segments still
congruent with their addresses modulo the page size); no_pillow stands in for Pillow, which
reportlab imports at start-up but the briefing never uses.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Loaded from its file: the folder is named like the PyPI "packaging" project, so it is no package.
_spec = importlib.util.spec_from_file_location("strip_safe", ROOT / "packaging" / "strip_safe.py")
strip_safe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(strip_safe)
NO_PILLOW = ROOT / "packaging" / "no_pillow"


def elf_with_loads(path: Path, loads: list[tuple[int, int]]) -> Path:
    """A 64-bit little-endian ELF header and program header table with (offset, address) loads."""
    header = bytearray(64)
    header[:6] = b"\x7fELF\x02\x01"
    struct.pack_into("<Q", header, 32, 64)  # e_phoff: the table follows the header
    struct.pack_into("<HH", header, 54, 56, len(loads))  # e_phentsize, e_phnum
    table = b"".join(struct.pack("<IIQQQQQQ", 1, 5, offset, address, address, 0, 0, 0x1000)
                     for offset, address in loads)
    path.write_bytes(bytes(header) + table)
    return path


def test_page_congruence_is_the_largest_page_every_load_segment_fits(tmp_path):
    # libXau in Pillow's wheel: segments 2 MiB apart in memory and in the file -> 64 KiB pages
    assert strip_safe.page_congruence(elf_with_loads(tmp_path / "a", [(0, 0), (0x2CD8, 0x202CD8)])) == 1 << 16
    assert strip_safe.page_congruence(elf_with_loads(tmp_path / "b", [(0, 0), (0x2CD8, 0x6CD8)])) == 1 << 14
    assert strip_safe.page_congruence(elf_with_loads(tmp_path / "c", [(0, 0), (0x2CD8, 0x3CD8)])) == 1 << 12
    # what strip did to OpenBLAS after patchelf: 0x800 apart, no page size loads it
    assert strip_safe.page_congruence(elf_with_loads(tmp_path / "d", [(0, 0), (0x2CD8, 0x34D8)])) == 0


def test_a_file_that_is_not_elf64_has_no_congruence(tmp_path):
    text = tmp_path / "text.so"
    text.write_text("not a library")
    assert strip_safe.page_congruence(text) is None
    assert strip_safe.stripped_copy(text, tmp_path / "out" / "text.so") == text


@pytest.fixture
def library(tmp_path) -> Path:
    """A small shared library with debug information, built with gcc."""
    if shutil.which("gcc") is None or shutil.which("strip") is None:
        pytest.skip("needs gcc and strip (binutils)")
    source = tmp_path / "twice.c"
    source.write_text("int twice(int x) { return 2 * x; }\nstatic int unused(void) { return 7; }\n")
    out = tmp_path / "libtwice.so"
    subprocess.run(["gcc", "-g", "-shared", "-fPIC", "-o", str(out), str(source)], check=True)
    return out


def test_a_library_is_stripped_into_a_smaller_copy_that_still_loads(library, tmp_path):
    copy = strip_safe.stripped_copy(library, tmp_path / "stripped" / library.name)
    assert copy == tmp_path / "stripped" / library.name
    assert copy.stat().st_size < library.stat().st_size
    assert ctypes.CDLL(str(copy)).twice(21) == 42


def test_a_copy_that_would_not_load_is_dropped_for_the_original(library, tmp_path, monkeypatch):
    target = tmp_path / "stripped" / library.name
    monkeypatch.setattr(strip_safe, "page_congruence", lambda path: 4096 if path == library else 0)
    assert strip_safe.stripped_copy(library, target) == library
    assert not target.exists()


def test_strip_binaries_swaps_the_sources_and_keeps_links(library, tmp_path):
    entries = [("lib/libtwice.so", str(library), "BINARY"), ("lib/libtwice.so.1", "libtwice.so", "SYMLINK")]
    out = strip_safe.strip_binaries(entries, tmp_path / "work")
    assert out[0] == ("lib/libtwice.so", str(tmp_path / "work" / "lib" / "libtwice.so"), "BINARY")
    assert out[1] == entries[1]


def test_the_pillow_stand_in_refuses_images_by_name():
    spec = importlib.util.spec_from_file_location("stand_in_image", NO_PILLOW / "PIL" / "Image.py")
    image = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(image)
    with pytest.raises(OSError, match="Pillow is not bundled"):
        image.open("photo.jpg")
    assert not isinstance(object(), image.Image)


def test_the_seed_briefing_builds_with_the_pillow_stand_in(tmp_path):
    """What the bundle does: reportlab imports the stand-in, and the briefing needs nothing more."""
    seeds = sorted(str(path) for path in (ROOT / "seeds").glob("*.txt"))[:2]
    pdf = tmp_path / "briefing.pdf"
    child = ("import runpy, sys, PIL; assert 'no_pillow' in PIL.__file__, PIL.__file__; "
             f"sys.argv = ['parallax', 'brief', *{seeds!r}, '-o', {str(pdf)!r}]; "
             "runpy.run_module('desktop', run_name='__main__')")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(NO_PILLOW), str(ROOT)])}
    done = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    from pypdf import PdfReader

    assert "Vnukovo" in "".join(page.extract_text() for page in PdfReader(pdf).pages)
