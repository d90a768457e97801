"""Strip the bundle's shared libraries where that provably leaves them loadable.

Why: many wheels ship their extension modules with a symbol table (``.symtab``/``.strtab``), and
some with debug sections, that nothing reads at run time: Pillow's ``_imaging`` (2.7 MB of 3.5),
regex (1.7 of 2.6), sentencex (1.0 of 4.2), PySide6's ICU (1.4 of 7.1). ``strip
--strip-unneeded`` removes them and keeps the dynamic symbol table that loading needs.

Why not PyInstaller's own ``strip=True``: it strips every file, and stripping a library that
auditwheel's patchelf has rewritten can move a load segment to a file offset that is no longer
congruent with its address modulo the page size. The dynamic loader then refuses the file ("ELF
load command address/offset not page-aligned"): numpy's OpenBLAS and libgfortran break that way.
So each file is stripped into a copy, and the copy is used only if it is smaller and its load
segments are still congruent to their addresses modulo the page size the original was built for
(4 KiB on x86-64; 16 or 64 KiB where a wheel was linked for arm64 kernels with larger pages);
otherwise the original is kept. ``.ci/bundle-smoke`` then runs the frozen program.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

PT_LOAD = 1
PAGE_SIZES = (1 << 16, 1 << 14, 1 << 12)  # the page sizes Linux kernels run with, largest first


def page_congruence(path: Path) -> int | None:
    """The largest page size modulo which every load segment of the 64-bit ELF file ``path`` has
    ``p_vaddr`` congruent to ``p_offset`` (what the loader needs to map it), 0 if none; ``None``
    if the file is not a 64-bit ELF file."""
    with path.open("rb") as handle:
        head = handle.read(64)
        if len(head) < 64 or head[:4] != b"\x7fELF" or head[4] != 2:
            return None
        order = "<" if head[5] == 1 else ">"
        (table_offset,) = struct.unpack_from(order + "Q", head, 32)
        entry_size, count = struct.unpack_from(order + "HH", head, 54)
        handle.seek(table_offset)
        table = handle.read(entry_size * count)
    gaps = []
    for index in range(count):
        kind, _flags, offset, address = struct.unpack_from(order + "IIQQ", table, index * entry_size)
        if kind == PT_LOAD:
            gaps.append(address - offset)
    return next((page for page in PAGE_SIZES if all(gap % page == 0 for gap in gaps)), 0)


def stripped_copy(source: Path, target: Path) -> Path:
    """``target``, a stripped copy of ``source``, if stripping made it smaller and left it
    loadable; else ``source`` itself (a file that is not ELF, or one patchelf has rewritten)."""
    page = page_congruence(source)
    if not page:
        return source
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    done = subprocess.run(["strip", "--strip-unneeded", str(target)], capture_output=True)
    smaller = target.stat().st_size < source.stat().st_size
    if done.returncode or (page_congruence(target) or 0) < page or not smaller:
        target.unlink(missing_ok=True)
        return source
    return target


def strip_binaries(binaries: list[tuple[str, str, str]], work: Path) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries list with each library's source swapped for its stripped copy where
    that is safe (see the module docstring). Prints what it saved."""
    if shutil.which("strip") is None:
        print("build.spec: no strip command (binutils): the libraries keep their symbol tables")
        return binaries
    out, saved = [], 0
    for dest, src, kind in binaries:
        if kind != "SYMLINK":
            new = stripped_copy(Path(src), work / dest)
            saved += Path(src).stat().st_size - new.stat().st_size
            src = str(new)
        out.append((dest, src, kind))
    print(f"build.spec: stripping the libraries' symbol tables saved {saved / 1e6:.1f} MB")
    return out
