"""Reading a briefing back with pypdf: text lines with positions, annotations, outline, fonts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdf

PASSAGE_SIZE = 9.0  # font size of passage text (styles.passage)


@dataclass(frozen=True)
class Line:
    page: int
    x: float
    y: float  # baseline
    size: float
    text: str


@dataclass(frozen=True)
class Annot:
    page: int
    subtype: str
    contents: str
    rect: tuple[float, ...]
    quads: tuple[tuple[float, ...], ...]  # each: x1 y1 x2 y2 x3 y3 x4 y4


def reader(path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(str(path))


def lines(r: pypdf.PdfReader) -> list[Line]:
    """Text lines in content order; chunks drawn at the same text position are joined."""
    out: list[Line] = []
    for n, page in enumerate(r.pages):
        chunks: list[list] = []

        def visit(text, cm, tm, font, size, chunks=chunks):  # noqa: ANN001
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            if chunks and abs(chunks[-1][0] - x) < 0.01 and abs(chunks[-1][1] - y) < 0.01:
                chunks[-1][3] += text
            else:
                chunks.append([x, y, size, text])

        page.extract_text(visitor_text=visit)
        out.extend(Line(n, x, y, size, t.replace("\n", "")) for x, y, size, t in chunks if t.strip())
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def passage_streams(r: pypdf.PdfReader) -> tuple[str, str]:
    """Passage-size text of the left and right half of the pages, whitespace removed.

    A passage that breaks across pages stays contiguous in its column's stream, because the
    running header/footer, locators and "(continued)" lines have other sizes.
    """
    mid = float(r.pages[0].mediabox.width) / 2
    left = [ln.text for ln in lines(r) if abs(ln.size - PASSAGE_SIZE) < 0.01 and ln.x < mid]
    right = [ln.text for ln in lines(r) if abs(ln.size - PASSAGE_SIZE) < 0.01 and ln.x >= mid]
    return squash("".join(left)), squash("".join(right))


def all_text(r: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in r.pages)


def annotations(r: pypdf.PdfReader) -> list[Annot]:
    out = []
    for n, page in enumerate(r.pages):
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            q = [float(v) for v in a.get("/QuadPoints", [])]
            out.append(Annot(n, str(a["/Subtype"]), str(a.get("/Contents", "")),
                             tuple(float(v) for v in a["/Rect"]),
                             tuple(tuple(q[i:i + 8]) for i in range(0, len(q), 8))))
    return out


def outline_titles(r: pypdf.PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:  # noqa: ANN001
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(r.outline)
    return titles


def font_files(r: pypdf.PdfReader) -> dict[str, bool]:
    """Base font name -> whether its program is embedded (FontFile, FontFile2 or FontFile3)."""
    fonts: dict[str, bool] = {}
    for page in r.pages:
        resources = page["/Resources"].get_object()
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            d = descriptor.get_object() if descriptor is not None else {}
            fonts[str(font["/BaseFont"])] = any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts
