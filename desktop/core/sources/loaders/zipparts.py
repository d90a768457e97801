"""A Word package read within a budget: only the parts the text needs, each unpacked only so far.

python-docx loads every part the package's relationships reach (images, embedded objects,
fonts) into memory: a 3 MB .docx holding a 3 GiB part linked as an image peaked at 6.2 GB, and
``ZipFile.testzip`` unpacked that part just to check it. Here the package handed to python-docx
is rebuilt: the parts the text and its metadata need (``NEEDED``, the content types and every
relationship file) are unpacked, each within ``limits.MAX_DOCX_PART_BYTES`` and all within
``limits.MAX_DOCX_BYTES`` and each holding at most ``limits.MAX_DOCX_TAGS`` XML tags (python-docx's
time goes by the element); every other part becomes a tiny stub, never unpacked. A declared size
over the limit is refused before reading; the unpacking stops one byte past the limit whatever
the header says; a part whose bytes fail their checksum is reported as damage.
"""

from __future__ import annotations

import io
import zipfile

from desktop.core import limits
from desktop.core.sources.loaders import Unreadable

NEEDED = frozenset({"[Content_Types].xml", "word/document.xml", "word/styles.xml", "docProps/core.xml"})
STUB = b"<stub/>"  # parses as XML (python-docx parses header, footer, settings parts on load)


def check_member_count(data: bytes) -> None:
    """Refuse a ZIP whose directory declares more than ``limits.MAX_DOCX_MEMBERS`` members, read
    from its end record *before* ``zipfile`` builds an object for every entry (hundreds of
    thousands of entries cost seconds and hundreds of MB before any other check could run)."""
    count = _declared_members(data)
    if count is not None and count > limits.MAX_DOCX_MEMBERS:
        raise Unreadable(f"the DOCX holds {count:,} parts; the limit is {limits.MAX_DOCX_MEMBERS:,}")


def _declared_members(data: bytes) -> int | None:
    """The entry count of the ZIP's end-of-central-directory record (ZIP64 too); None if absent."""
    tail = data[-(65_535 + 22 + 56 + 20):]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    count = int.from_bytes(tail[at + 10:at + 12], "little")
    if count == 0xFFFF:  # the real count is in the ZIP64 end record
        at64 = tail.rfind(b"PK\x06\x06", 0, at)
        if at64 >= 0 and len(tail) - at64 >= 40:
            count = int.from_bytes(tail[at64 + 32:at64 + 40], "little")
    return count


def needed(name: str) -> bool:
    """Is the part ``name`` read (the rest is stubbed)?"""
    return name in NEEDED or name.endswith(".rels")


def bounded_package(archive: zipfile.ZipFile) -> bytes:
    """The package as a new ZIP: needed parts unpacked within the budget, the others stubbed."""
    members = archive.infolist()
    wanted = [info for info in members if needed(info.filename) and not info.is_dir()]
    _check_declared(wanted)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        budget = limits.MAX_DOCX_BYTES
        for info in members:
            if info.is_dir():
                continue
            data = STUB
            if needed(info.filename):
                data = read_part(archive, info, budget)
                budget -= len(data)
            package.writestr(info.filename, data)
    return out.getvalue()


def _check_declared(wanted: list[zipfile.ZipInfo]) -> None:
    """Refuse, before unpacking anything, parts whose declared sizes pass the limits."""
    for info in wanted:
        if info.file_size > limits.MAX_DOCX_PART_BYTES:
            raise Unreadable(_part_problem(info.filename, f"{limits.size(info.file_size)}"))
    total = sum(info.file_size for info in wanted)
    if total > limits.MAX_DOCX_BYTES:
        raise Unreadable(f"the parts of the document unpack to {limits.size(total)}; the limit is "
                         f"{limits.size(limits.MAX_DOCX_BYTES)} in all")


def read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int | None = None) -> bytes:
    """The bytes of one part, unpacked no further than one byte past its limit."""
    limit = min(limits.MAX_DOCX_PART_BYTES, limits.MAX_DOCX_BYTES if budget is None else budget)
    try:
        with archive.open(info) as part:
            data = part.read(limit + 1)
            if len(data) <= limit:
                part.read(1)  # at the end: the checksum is verified now
    except Exception as exc:  # noqa: BLE001 - BadZipFile (checksum), zlib.error, EOFError, NotImplementedError
        raise Unreadable(f"the DOCX is damaged ({info.filename} cannot be unpacked: {exc})") from None
    if len(data) > limit:
        raise Unreadable(_part_problem(info.filename, f"more than {limits.size(limit)}"))
    tags = data.count(b"<")  # one pass in C: an upper bound of the elements python-docx walks
    if tags > limits.MAX_DOCX_TAGS:
        raise Unreadable(f"{info.filename} holds {tags:,} XML tags; the limit is {limits.MAX_DOCX_TAGS:,} "
                         "a part")
    return data


def _part_problem(name: str, amount: str) -> str:
    return (f"{name} unpacks to {amount}; the limit is {limits.size(limits.MAX_DOCX_PART_BYTES)} a part "
            f"and {limits.size(limits.MAX_DOCX_BYTES)} in all")
