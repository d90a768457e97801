"""The size budgets (desktop/core/limits.py): each refusal names the file and the limit; long
passages are cut with exact offsets; DOCX parts are unpacked only within their budget.

The limits are lowered with monkeypatch so that no large file is ever made here.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core import limits
from desktop.core.model import AlignOptions, Granularity, ParallaxError, SourceError
from desktop.core.pipeline import compare
from desktop.core.project.anchor import load_notes_json
from desktop.core.sources.loaders import zipparts
from desktop.core.sources.loading import read_source, source_from_text
from desktop.core.text.segment import bounded, split_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SENTENCE = "The minister said the talks would continue next week in Geneva. "


def refusal(path: Path) -> str:
    with pytest.raises(SourceError) as info:
        read_source(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message, message
    return message


# --- extracted text ----------------------------------------------------------------------------

def test_text_over_the_character_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100)
    path = tmp_path / "long.txt"
    path.write_text(SENTENCE * 3, encoding="utf-8")  # 192 characters, 192 bytes: decoded first
    assert refusal(path).endswith("the text is 192 characters long; the limit is 100 characters "
                                  "(about 16 words) a source")


def test_text_file_that_cannot_fit_is_refused_before_decoding(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 10)
    path = tmp_path / "big.md"
    path.write_bytes(b"\xff" * 41)  # not even valid text: refused on its size alone
    assert refusal(path).endswith("the file is 41 bytes, more text than the limit of 10 characters "
                                  "(about 1 words) a source")


def test_text_at_the_limit_is_accepted(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", len(SENTENCE.strip()))
    path = tmp_path / "fits.txt"
    path.write_text(SENTENCE.strip(), encoding="utf-8")
    assert read_source(path).text == SENTENCE.strip()


def test_pasted_text_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 50)
    with pytest.raises(SourceError, match=r"^pasted text: the text is 128 characters long; the limit is 50 "):
        source_from_text(SENTENCE * 2)


def test_too_many_passages_are_refused_before_alignment(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PASSAGES", 2)
    a = source_from_text(SENTENCE * 3, origin="three.txt")
    b = source_from_text(SENTENCE, origin="one.txt")
    with pytest.raises(SourceError) as info:
        compare(a, b)
    assert str(info.value) == ("three.txt: the text splits into 3 sentence passages; the limit is 2 passages "
                               "a source (paragraphs give fewer: --granularity paragraph)")
    assert len(compare(a, b, AlignOptions(granularity=Granularity.PARAGRAPH)).passages_a) == 1


def test_command_line_refusal_is_one_line_and_status_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100)
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text(SENTENCE * 3, encoding="utf-8")
    small.write_text(SENTENCE, encoding="utf-8")
    assert main(["align", str(big), str(small)]) == 2
    err = capsys.readouterr().err
    assert err == f"parallax: {big}: the text is 192 characters long; the limit is 100 characters " \
                  "(about 16 words) a source\n"


# --- segmentation ------------------------------------------------------------------------------

def test_long_sentence_is_cut_at_whitespace_with_exact_offsets(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PASSAGE_CHARS", 40)
    words = " ".join(f"word{n}" for n in range(60))  # 409 characters, no sentence end
    text = "Headline\n\n" + words
    passages = split_text(text, language="en")
    assert passages[0].text == "Headline"
    pieces = passages[1:]
    assert all(text[p.start:p.end] == p.text and len(p.text) <= 40 for p in pieces)
    assert " ".join(p.text for p in pieces) == words  # nothing lost, every cut at a space
    assert [p.sentence for p in pieces] == list(range(1, len(pieces) + 1))
    assert {p.paragraph for p in pieces} == {2}
    assert [p.index for p in passages] == list(range(len(passages)))


def test_cut_prefers_a_clause_break():
    text = "alpha beta gamma delta, epsilon zeta eta theta iota"
    assert [text[s:e] for s, e in bounded(text, 0, len(text), 30)] == [
        "alpha beta gamma delta,", "epsilon zeta eta theta iota"]


def test_text_without_spaces_is_cut_at_the_limit_outside_combining_marks():
    cjk = "中文字符" * 10
    assert [e - s for s, e in bounded(cjk, 0, len(cjk), 16)] == [16, 16, 8]
    marks = "e\u0301" * 10  # "é" as e + combining acute: never split between the two
    pieces = bounded(marks, 0, len(marks), 5)
    assert all(marks[s] != "\u0301" for s, _ in pieces)
    assert "".join(marks[s:e] for s, e in pieces) == marks


def test_paragraph_granularity_is_bounded_too(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PASSAGE_CHARS", 70)
    text = SENTENCE * 4
    passages = split_text(text, Granularity.PARAGRAPH, language="en")
    assert len(passages) == 4 and all(text[p.start:p.end] == p.text for p in passages)
    assert passages[0].text == SENTENCE.strip()


# --- DOCX ---------------------------------------------------------------------------------------

STYLES = f'<?xml version="1.0"?><w:styles xmlns:w="{W}"/>'.encode()  # python-docx's own is 0.35 MB


def _docx(path: Path, paragraphs: int = 3, extra: dict[str, bytes] | None = None) -> Path:
    """A python-docx package with ``paragraphs`` paragraphs and ``extra`` parts added (or replaced);
    its styles part is an empty one, so that small limits apply to the parts under test."""
    import docx

    extra = {"word/styles.xml": STYLES, **(extra or {})}
    buffer = io.BytesIO()
    document = docx.Document()
    for _ in range(paragraphs):
        document.add_paragraph(SENTENCE.strip())
    document.save(buffer)
    base_zip = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with base_zip as base, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in base.infolist():
            if info.filename not in extra:
                out.writestr(info.filename, base.read(info.filename))
        for name, data in extra.items():
            out.writestr(name, data)
    return path


def _document_xml(count: int) -> bytes:
    body = f"<w:p><w:r><w:t>{SENTENCE.strip()}</w:t></w:r></w:p>" * count
    return f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode()


def _unpacked_parts(monkeypatch) -> list[str]:
    """The names of the parts the DOCX reader unpacks from the file, recorded as it goes."""
    unpacked: list[str] = []
    original = zipparts.read_part

    def spy(archive, info, budget=None):  # noqa: ANN001, ANN202
        unpacked.append(info.filename)
        return original(archive, info, budget)

    monkeypatch.setattr(zipparts, "read_part", spy)
    return unpacked


def test_docx_part_declared_over_the_limit_is_refused_unread(tmp_path, monkeypatch):
    path = _docx(tmp_path / "big.docx", extra={"word/document.xml": _document_xml(100)})
    size = zipfile.ZipFile(path).getinfo("word/document.xml").file_size
    monkeypatch.setattr(limits, "MAX_DOCX_PART_BYTES", 2_000)
    unpacked = _unpacked_parts(monkeypatch)
    assert refusal(path).endswith(f"word/document.xml unpacks to {size:,} bytes; the limit is 2,000 bytes "
                                  f"a part and {limits.size(limits.MAX_DOCX_BYTES)} in all")
    assert "word/document.xml" not in unpacked


def _lie_about_size(path: Path, member: str, size: int) -> None:
    """Write ``size`` as the uncompressed size of ``member`` in its local and central headers."""
    data = bytearray(path.read_bytes())
    for signature, field, header in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at >= 0:
            if data[at + header:at + header + len(member)] == member.encode():
                data[at + field:at + field + 4] = size.to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def test_docx_part_whose_header_lies_is_never_read_whole(tmp_path, monkeypatch):
    path = _docx(tmp_path / "lying.docx", extra={"word/document.xml": _document_xml(400)})
    actual = zipfile.ZipFile(path).getinfo("word/document.xml").file_size
    _lie_about_size(path, "word/document.xml", 4_000)  # within the limit below; the truth is not
    monkeypatch.setattr(limits, "MAX_DOCX_PART_BYTES", 5_000)
    asked: list[int] = []
    original = zipfile.ZipExtFile.read

    def spy(self, n=-1):  # noqa: ANN001, ANN202
        asked.append(n)
        return original(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", spy)
    assert "the DOCX is damaged (word/document.xml cannot be unpacked: Bad CRC-32" in refusal(path)
    assert actual > 30_000 and asked and all(0 < n <= 5_001 for n in asked)


def test_docx_part_with_too_many_tags_is_refused(tmp_path, monkeypatch):
    xml = _document_xml(30)
    path = _docx(tmp_path / "tags.docx", extra={"word/document.xml": xml})
    monkeypatch.setattr(limits, "MAX_DOCX_TAGS", 100)
    assert xml.count(b"<") == 185  # the declaration, document, body, 30 x (p, r, t and their ends), 2 ends
    assert refusal(path).endswith("word/document.xml holds 185 XML tags; the limit is 100 a part")


def test_docx_image_parts_are_never_unpacked(tmp_path, monkeypatch):
    path = _docx(tmp_path / "pictures.docx", extra={"word/media/image1.png": b"\x89PNG" + bytes(50_000)})
    unpacked = _unpacked_parts(monkeypatch)
    monkeypatch.setattr(limits, "MAX_DOCX_PART_BYTES", 45_000)  # the image alone would not fit
    monkeypatch.setattr(limits, "MAX_DOCX_BYTES", 45_000)
    source = read_source(path)
    assert source.text.startswith(SENTENCE.strip())
    assert "word/media/image1.png" not in unpacked and "word/document.xml" in unpacked


# --- web pages, PDF, notes ---------------------------------------------------------------------

def _page(extra: str = "") -> str:
    return (f"<html><head><title>T</title></head><body>{extra}<article><p>{SENTENCE * 3}</p>"
            f"<p>{SENTENCE * 2}</p></article></body></html>")


def test_web_page_with_too_many_tags_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_HTML_TAGS", 50)
    path = tmp_path / "menu.html"
    page = _page('<div><a href="/">x</a></div>' * 20)
    path.write_text(page, encoding="utf-8")
    assert page.count("<") == 94  # 20 x 4 in the menu, 14 around the article
    assert refusal(path).endswith("the page has 94 tags; the limit for a web page is 50")


def test_web_page_markup_limit_sets_embedded_images_aside(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_HTML_MARKUP_BYTES", 5_000)
    image = '<img src="data:image/png;base64,' + "QUJD" * 5_000 + '">'
    fits, too_big = tmp_path / "images.html", tmp_path / "text.html"
    fits.write_text(_page(image), encoding="utf-8")
    too_big.write_text(_page(f"<p>{SENTENCE * 80}</p>"), encoding="utf-8")
    assert read_source(fits).text.startswith(SENTENCE.strip())
    assert "; the limit for a web page is 5,000 bytes" in refusal(too_big)


def _pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for n in range(pages):
        pdf.drawString(72, 720, f"Page {n + 1}: {SENTENCE.strip()}")
        pdf.showPage()
    pdf.save()
    return path


def test_pdf_over_the_page_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 2)
    assert refusal(_pdf(tmp_path / "pages.pdf", 3)).endswith("the PDF has 3 pages; the limit is 2 pages")


def test_pdf_text_stops_being_read_at_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100)
    message = refusal(_pdf(tmp_path / "text.pdf", 5))
    assert "the text is more than " in message and "; the limit is 100 characters" in message
    assert message.endswith("(stopped reading at page 2 of 5)")


def test_notes_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_NOTES_BYTES", 200)
    path = tmp_path / "notes.json"
    path.write_text(json.dumps([{"source": "a", "quote": "talks", "note": "x" * 300}]), encoding="utf-8")
    source = source_from_text(SENTENCE)
    with pytest.raises(ParallaxError) as info:
        load_notes_json(path, {"a": source, "b": source})
    assert path.stat().st_size > 200
    assert str(info.value) == f"{path}: the notes file is {path.stat().st_size} bytes; the limit is 200 bytes"


def test_notes_file_with_too_many_notes_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_NOTES", 1)
    path = tmp_path / "notes.json"
    path.write_text(json.dumps([{"source": "a", "quote": "talks", "note": "x"}] * 2), encoding="utf-8")
    source = source_from_text(SENTENCE)
    with pytest.raises(ParallaxError, match=r"notes.json: the notes file holds 2 notes; the limit is 1$"):
        load_notes_json(path, {"a": source, "b": source})


def test_docx_with_too_many_parts_is_refused_before_its_directory_is_read(tmp_path, monkeypatch):
    extra = {f"word/media/image{k}.png": b"x" for k in range(30)}
    path = _docx(tmp_path / "parts.docx", extra=extra)
    count = len(zipfile.ZipFile(path).infolist())
    monkeypatch.setattr(limits, "MAX_DOCX_MEMBERS", 20)
    built: list[object] = []
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: built.append(a) or pytest.fail("opened"))
    assert refusal(path).endswith(f"the DOCX holds {count:,} parts; the limit is 20")
    assert built == []


def test_zip64_member_count_is_read_from_its_own_end_record():
    record64 = b"PK\x06\x06" + (44).to_bytes(8, "little") + bytes(20) + (70_000).to_bytes(8, "little") * 2
    eocd = b"PK\x05\x06" + bytes(6) + b"\xff\xff" + bytes(10)
    assert zipparts._declared_members(b"junk" + record64 + bytes(16) + eocd) == 70_000
