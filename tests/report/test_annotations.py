"""The annotating canvas on its own: pseudo-links become Highlight and Text annotations."""

from __future__ import annotations

import io

import pypdf

from desktop.report.annotations import ICON, AnnotatingCanvas, Mark, Marks


def _annots(data: bytes) -> list:
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    return [ref.get_object() for ref in page.get("/Annots") or []]


def test_pseudo_links_become_highlights_and_stacked_sticky_notes():
    marks = Marks()
    first = marks.add(Mark("Note N1: «one» (with) \\ odd chars", (1, 0.9, 0.4), author="Ана", note="one",
                           icon_x=560))
    second = marks.add(Mark("Note N2", (1, 0.9, 0.4), note="two", icon_x=560))
    diff = marks.add(Mark("number: 4 -> 2", (0.9, 0.8, 0.8), band=12))
    out = io.BytesIO()
    canvas = AnnotatingCanvas(out, marks=marks, invariant=1)
    canvas.translate(50, 100)
    canvas.linkURL(first, (10, 500, 80, 509), relative=1)
    canvas.linkURL(first, (0, 488, 40, 497), relative=1)  # the quote wraps to the next line
    canvas.linkURL(second, (90, 500, 120, 509), relative=1)  # a second note starting on the same line
    canvas.linkURL(diff, (130, 500, 140, 509), relative=1)
    canvas.linkURL("https://example.com", (0, 0, 10, 10), relative=1)  # a real link stays a link
    canvas.showPage()
    canvas.save()
    annots = _annots(out.getvalue())
    kinds = sorted(str(a["/Subtype"]) for a in annots)
    assert kinds == ["/Highlight", "/Highlight", "/Highlight", "/Link", "/Text", "/Text"]
    (h1,) = [a for a in annots if a["/Subtype"] == "/Highlight" and a["/Contents"].startswith("Note N1")]
    assert h1["/Contents"] == "Note N1: «one» (with) \\ odd chars" and h1["/T"] == "Ана"
    assert [float(v) for v in h1["/QuadPoints"]] == [60, 609, 130, 609, 60, 600, 130, 600,
                                                      50, 597, 90, 597, 50, 588, 90, 588]
    (hd,) = [a for a in annots if a.get("/Contents") == "number: 4 -> 2"]
    assert [float(v) for v in hd["/QuadPoints"]][1::2] == [609, 609, 597, 597]  # band: 12 points tall
    sticky = sorted((a for a in annots if a["/Subtype"] == "/Text"), key=lambda a: -float(a["/Rect"][3]))
    assert [a["/Contents"] for a in sticky] == ["one", "two"]
    assert float(sticky[0]["/Rect"][1]) >= float(sticky[1]["/Rect"][3])  # stacked, not overlapping
    assert float(sticky[0]["/Rect"][2]) - float(sticky[0]["/Rect"][0]) == ICON
