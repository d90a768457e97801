"""Load an article: a file (.txt, .md, .html/.htm, .docx, .pdf) or pasted text -> ``Source``.

The file checks live here (missing, folder, unreadable, empty, too large, wrong type) and so
does the one place where any reader's failure becomes a ``SourceError`` naming the file:
no library traceback leaves this module. The size budgets (file bytes, text characters) are
those of ``desktop.core.limits``, checked here for every format.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from desktop.core import limits
from desktop.core.model import Metadata, Source, SourceError
from desktop.core.sources.loaders import Unreadable
from desktop.core.sources.loaders.textfile import decode, normalise
from desktop.core.sources.metadata import merge_metadata, parse_text_header, split_front_matter
from desktop.core.sources.titles import titled
from desktop.core.text.language import guess_language

SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}

Reader = Callable[[bytes], tuple[str, Metadata]]


def read_source(path: str | Path, *, max_bytes: int | None = None) -> Source:
    """Read one article file; raises ``SourceError`` ("<path>: <problem>") for any bad input.

    ``max_bytes`` (default ``limits.MAX_FILE_BYTES``) bounds the file; the text it holds is
    bounded by ``limits.MAX_TEXT_CHARS``.
    """
    name = str(path)
    if os.path.isdir(name):  # before the type check: a folder named "x" or "x.txt" alike
        raise SourceError(f"{name}: is a folder, not a file")
    kind = SUFFIXES.get(Path(name).suffix.lower())
    if kind is None:
        raise SourceError(f"{name}: unknown file type '{Path(name).suffix or '(no extension)'}'; "
                          f"Parallax reads {', '.join(sorted(set(SUFFIXES)))}")
    data = _read_bytes(name, limits.MAX_FILE_BYTES if max_bytes is None else max_bytes)
    try:
        if kind in _PLAIN:
            _refuse(limits.text_bytes_problem(len(data)))  # before decoding: it cannot fit
        text, metadata = _READERS[kind](data)
        return _finish(text, metadata, origin=name, kind=kind)
    except Unreadable as exc:
        raise SourceError(f"{name}: {limits.one_line(exc)}") from None
    except MemoryError:
        raise SourceError(f"{name}: the file is too large to read into memory") from None
    except RecursionError:
        raise SourceError(f"{name}: the file is nested too deeply to read (damaged?)") from None
    except Exception as exc:  # noqa: BLE001 - a library bug or odd file must not become a traceback
        raise SourceError(f"{name}: could not read the {kind} file "
                          f"({type(exc).__name__}: {limits.one_line(exc)})") from None


def source_from_text(text: str, *, metadata: Metadata | None = None, origin: str = "") -> Source:
    """A ``Source`` from pasted text; a leading header ("date 2023-03-22", "Title: ...") fills
    the metadata fields that ``metadata`` leaves empty."""
    try:
        return _finish(normalise(text), metadata or Metadata(), origin=origin, kind="text")
    except Unreadable as exc:
        raise SourceError(f"{origin or 'pasted text'}: {exc}") from None


def _read_bytes(name: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(f"{name}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"{name}: is not a regular file (a device, pipe or socket)")
        if info.st_size > max_bytes:
            raise SourceError(f"{name}: the file is {limits.size(info.st_size)}; "
                              f"the limit is {limits.size(max_bytes)}")
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise SourceError(f"{name}: file not found") from None
    except PermissionError:
        raise SourceError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise SourceError(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise SourceError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # it grew while we looked, or stat lied (a pipe, /proc)
        raise SourceError(f"{name}: the file is larger than the limit of {limits.size(max_bytes)}")
    if not data:
        raise SourceError(f"{name}: the file is empty")
    return data


def _refuse(problem: str) -> None:
    if problem:
        raise Unreadable(problem)


def _read_text(data: bytes) -> tuple[str, Metadata]:
    return decode(data), Metadata()


def _read_markdown(data: bytes) -> tuple[str, Metadata]:
    """Front matter becomes metadata (a reader never sees it); a leading "# Title" the title."""
    from desktop.core.sources.loaders.markdown import to_plain  # noqa: PLC0415 - markdown-it: 30 ms to import

    metadata, markdown = split_front_matter(decode(data))
    text, title = to_plain(markdown)
    return text, metadata if metadata.title or not title else replace(metadata, title=title)


def _read_html(data: bytes) -> tuple[str, Metadata]:
    from desktop.core.sources.loaders.html import read_html  # noqa: PLC0415 - trafilatura is slow to import

    return read_html(data)


def _read_docx(data: bytes) -> tuple[str, Metadata]:
    from desktop.core.sources.loaders.docx import read_docx  # noqa: PLC0415

    return read_docx(data)


def _read_pdf(data: bytes) -> tuple[str, Metadata]:
    from desktop.core.sources.loaders.pdf import read_pdf  # noqa: PLC0415

    return read_pdf(data)


_READERS: dict[str, Reader] = {"txt": _read_text, "md": _read_markdown, "html": _read_html,
                               "docx": _read_docx, "pdf": _read_pdf}
_PLAIN = frozenset({"txt", "md"})  # formats whose every byte may be text


def _finish(text: str, metadata: Metadata, *, origin: str, kind: str) -> Source:
    """Header metadata, language guess, emptiness check, a title (headline or file name) when
    the source names none: the same for every format."""
    if not text.strip():
        empty = "the text is empty" if kind == "text" else "the file holds no text (only whitespace)"
        raise Unreadable(empty)
    _refuse(limits.text_problem(len(text)))
    header, body_start = parse_text_header(text)
    if body_start >= len(text.rstrip()):
        header, body_start = Metadata(), 0
    metadata = merge_metadata(metadata, header)
    if not metadata.language:
        metadata = replace(metadata, language=guess_language(text[body_start:]))
    return titled(Source(text=text, metadata=metadata, origin=origin, format=kind, body_start=body_start))

