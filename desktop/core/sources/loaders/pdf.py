"""Text PDFs through pypdf: lines rebuilt into paragraphs, line-end hyphens removed.

pypdf gives the text of each line and, through its visitor, where the line starts. A line
break ends a paragraph when the vertical gap is wider than the usual line spacing, the next
line is indented or a bullet, the font size changes (a heading), or the line is clearly
short and ends a sentence; otherwise the lines are joined. Running headers, footers and page
numbers (the same first or last line on most pages) are dropped.

Within the budget of ``desktop.core.limits``: at most ``MAX_PDF_PAGES`` pages, and the text is
counted as pypdf hands it over, run by run, so reading stops as soon as it passes
``MAX_TEXT_CHARS`` (with a tenth more for the running headers dropped later).
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from desktop.core import limits
from desktop.core.model import Metadata
from desktop.core.sources.loaders import Unreadable
from desktop.core.sources.loaders.textfile import normalise
from desktop.core.sources.metadata import split_authors
from desktop.core.text.scripts import CJK_TEXT_RE as _CJK

_TOO_DEEP = "its objects are nested too deeply to read"
# pypdf's lenient mode logs the object it could not read for lack of stack and reads on without it,
# with this message (only then: strict mode, never used here, raises it for any error)
_DEEP_WARNING = "Error reading PDF file."
_nesting: ContextVar[list[str] | None] = ContextVar("pdf_nesting", default=None)


class _NestingWatch(logging.Handler):
    """Collects pypdf's too-deep warnings while a PDF is read; drops every other pypdf message
    (it logs each oddity of a damaged file; what matters reaches the user as Unreadable)."""

    def emit(self, record: logging.LogRecord) -> None:
        found = _nesting.get()
        if found is not None and _DEEP_WARNING in record.getMessage():
            found.append(record.getMessage())


_PYPDF_LOG = logging.getLogger("pypdf")
_PYPDF_LOG.setLevel(logging.WARNING)
_PYPDF_LOG.propagate = False
_PYPDF_LOG.addHandler(_NestingWatch())

_END = (".", "!", "?", "…", ":", '"', "”", "»", "’", "。", "！", "？")
_BULLET = re.compile(r"([-•‣◦▪●–]|\(?\d{1,3}[.)])\s")
_PAGE_NUMBER = re.compile(r"(?:page|seite|p\.)?\s*\d{1,4}(?:\s*(?:of|/|von)\s*\d{1,4})?", re.IGNORECASE)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"})
_PLACEHOLDERS = frozenset({"", "untitled", "anonymous", "unknown", "(anonymous)", "(unspecified)", "user"})
# A web page printed to PDF by a browser: its creation date is the day the analyst saved it (the
# access date), not the article's publication date. Chrome and Edge write "Skia/PDF" as producer
# and their user agent as creator; Firefox names itself; wkhtmltopdf and headless tools likewise.
_BROWSER = re.compile(r"skia/pdf|chrome|chromium|firefox|mozilla|safari|edg/|opera|wkhtmltopdf|"
                      r"puppeteer|playwright", re.IGNORECASE)


@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float
    page: int


def read_pdf(data: bytes) -> tuple[str, Metadata]:
    """(text, metadata) of a text PDF; raises ``Unreadable``."""
    too_deep: list[str] = []
    token = _nesting.set(too_deep)
    try:
        reader = _open(data)
        pages = len(reader.pages)
        if pages > limits.MAX_PDF_PAGES:
            raise Unreadable(f"the PDF has {pages:,} pages; the limit is {limits.MAX_PDF_PAGES:,} pages")
        lines: list[_Line] = []
        budget = _Budget(pages)
        for number, page in enumerate(reader.pages, 1):
            lines.extend(_page_lines(page, number, budget))
    finally:
        _nesting.reset(token)
    if too_deep:  # pypdf read on without the objects: the text may lack whole pages, or be empty
        raise Unreadable(f"the PDF is damaged ({_TOO_DEEP})")
    lines = _drop_running_lines(lines, pages)
    paragraphs = _paragraphs(lines)
    text = normalise("\n\n".join(paragraphs))
    if sum(1 for c in text if c.isalnum()) < 3:
        raise Unreadable("the PDF has no text layer (a scanned PDF?); run it through OCR first")
    return text, _metadata(reader)


def _open(data: bytes) -> Any:
    if b"%PDF-" not in data[:1024]:
        raise Unreadable("the file is not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise Unreadable("the PDF is truncated or damaged (no end-of-file marker)")
    from pypdf import PdfReader  # noqa: PLC0415 - imported on first PDF only
    from pypdf.errors import DependencyError  # noqa: PLC0415

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("the PDF is encrypted with a password; remove the password and try again")
        _ = len(reader.pages)  # resolves the page tree: damage shows here
    except Unreadable:
        raise
    except DependencyError:
        raise Unreadable("the PDF is encrypted with AES, which needs the 'pycryptodome' package "
                         "to open") from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
        raise Unreadable(f"the PDF is damaged ({_describe(exc)})") from None
    return reader


def _describe(exc: BaseException) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, RecursionError):
            return _TOO_DEEP
        cause = cause.__cause__
    message = str(exc).strip() or type(exc).__name__
    return message if len(message) < 160 else message[:157] + "..."


@dataclass
class _Budget:
    """The characters read so far; past the limit (and a tenth) reading stops."""

    pages: int
    chars: int = 0

    def take(self, text: str, page: int) -> None:
        self.chars += len(text)
        if self.chars > limits.MAX_TEXT_CHARS * 1.1:
            raise Unreadable(f"{limits.text_problem(self.chars, at_least=True)} (stopped reading at page "
                             f"{page:,} of {self.pages:,})")


def _page_lines(page: Any, number: int, budget: _Budget) -> list[_Line]:
    """The page's lines with the position and font size of their first text run."""
    lines: list[_Line] = []
    current: list[str] = []
    start: tuple[float, float, float] | None = None

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        nonlocal start
        if not text:
            return
        budget.take(text, number)
        if start is None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            start = (x, y, abs(size * (tm[3] or 1) * (cm[3] or 1)))
        parts = text.split("\n")
        current.append(parts[0])
        for part in parts[1:]:
            lines.append(_Line("".join(current), *start, number))
            current.clear()
            current.append(part)
            if not part:
                start = None

    try:
        page.extract_text(visitor_text=visit)
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001
        raise Unreadable(f"page {number} of the PDF cannot be read ({_describe(exc)})") from None
    if "".join(current).strip() and start is not None:
        lines.append(_Line("".join(current), *start, number))
    return lines


def _drop_running_lines(lines: list[_Line], pages: int) -> list[_Line]:
    """Drop page numbers and the header/footer lines repeated at the top or bottom of pages."""
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        if line.text.strip():
            by_page.setdefault(line.page, []).append(line)
    edges = [ls[i] for ls in by_page.values() for i in {0, len(ls) - 1}]
    counts = Counter(_shape(line.text) for line in edges)
    running = {shape for shape, n in counts.items() if pages >= 2 and n >= max(2, pages // 2 + pages % 2)}
    drop = {id(line) for line in edges
            if _shape(line.text) in running or _PAGE_NUMBER.fullmatch(line.text.strip())}
    return [line for line in lines if id(line) not in drop]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _paragraphs(lines: list[_Line]) -> list[str]:
    spacing = _line_spacing(lines)
    width = _typical_length(lines)
    left = Counter(round(line.x) for line in lines if line.text.strip()).most_common(1)
    margin = left[0][0] if left else 0.0
    paragraphs: list[list[str]] = []
    prev: _Line | None = None
    for line in lines:
        text = line.text.strip().translate(_LIGATURES)
        if not text:
            prev = None
            continue
        if prev is None or _breaks(prev, line, spacing, width, margin):
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
        prev = line
    words = _hyphenated_words(lines)
    return [_join(parts, words) for parts in paragraphs]


def _line_spacing(lines: list[_Line]) -> float | None:
    """The usual distance between two lines of one paragraph: the lower quartile of the gaps
    between neighbouring lines of the same size (paragraph gaps are the larger ones)."""
    gaps = sorted(a.y - b.y for a, b in zip(lines, lines[1:], strict=False)
                  if a.page == b.page and a.text.strip() and b.text.strip() and abs(a.size - b.size) <= 0.5
                  and 0 < a.y - b.y < 3 * max(a.size, 1))
    return gaps[len(gaps) // 4] if len(gaps) >= 2 else None


def _typical_length(lines: list[_Line]) -> int:
    lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip())
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _breaks(prev: _Line, line: _Line, spacing: float | None, width: int, margin: float) -> bool:
    """Does a new paragraph start at ``line``?"""
    before, text = prev.text.strip(), line.text.strip()
    ends = before.endswith(_END)
    if line.page != prev.page:
        return ends
    if abs(line.size - prev.size) > 0.5 or _BULLET.match(text):
        return True
    gap = prev.y - line.y
    if spacing and (gap > spacing * 1.35 or (gap < 0 and ends)):
        return True
    indent = max(line.size, 4.0) * 0.8
    if line.x > margin + indent and prev.x <= margin + indent / 2:
        return True
    if line.text.startswith(" ") and not prev.text.startswith(" ") and ends:
        return True
    return len(before) < width * 0.6 and (ends or len(before) < width * 0.4)


def _hyphenated_words(lines: list[_Line]) -> set[str]:
    """Words written with a hyphen inside a line: "well-known" stays "well-known" when split."""
    return {w.lower() for line in lines for w in re.findall(r"\w+-\w+", line.text)}


def _join(parts: list[str], hyphenated: set[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        if out.endswith("\u00ad"):
            out = out[:-1] + part
        elif re.search(r"\w-$", out) and part[:1].islower():
            head = re.search(r"(\w+)-$", out)
            tail = re.match(r"\w+", part)
            joined = f"{head.group(1)}-{tail.group(0)}".lower() if head and tail else ""
            out = out + part if joined in hyphenated else out[:-1] + part
        elif _CJK.match(out[-1]) and _CJK.match(part[0]):
            out = out + part
        else:
            out = f"{out} {part}"
    return out.replace("\u00ad", "")


def _metadata(reader: Any) -> Metadata:
    try:
        info = reader.metadata or {}
        root = reader.trailer["/Root"]
        language = str(root.get("/Lang", "") or "")
    except Exception:  # noqa: BLE001 - metadata is optional; a damaged info dictionary is ignored
        info, language = {}, ""
    title = _info_text(info, "/Title")
    if title.lower().endswith((".doc", ".docx", ".pdf", ".indd", ".rtf")):
        title = ""
    author = _info_text(info, "/Author")
    created = _pdf_date(_info_text(info, "/CreationDate"))
    saved_page = bool(_BROWSER.search(f"{_info_text(info, '/Producer')} {_info_text(info, '/Creator')}"))
    return Metadata(
        title=title.removeprefix("Microsoft Word - "),
        authors=split_authors(author) if author else (),
        issued="" if saved_page else created,
        accessed=created if saved_page else "",
        language=language.strip(),
    )


def _info_text(info: Any, key: str) -> str:
    try:
        value = str(info.get(key, "") or "").strip()
    except Exception:  # noqa: BLE001
        return ""
    return "" if value.lower() in _PLACEHOLDERS else value


def _pdf_date(value: str) -> str:
    """PDF dates look like "D:20230322140500+01'00'"."""
    match = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value)
    if not match:
        return ""
    year, month, day = match.groups()
    return "-".join(part for part in (year, month, day) if part)
