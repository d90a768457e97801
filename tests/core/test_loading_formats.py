"""Loading web pages, Word documents and PDFs (fixtures made here, bad files made by damage)."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import pytest

from desktop.core.model import SourceError
from desktop.core.sources.loading import read_source
from desktop.core.text.segment import split

FIXTURES = Path(__file__).parent / "fixtures"
PARAS = [
    "Chinese President Xi Jinping left Moscow on Wednesday after a summit meeting with Russian head of "
    "state Vladimir Putin to demonstrate unity in the face of Western powers.",
    "The two nations, keen to counter the United States' international influence, expressed concerns "
    "about NATO expansion and agreed to deepen an alliance that has become more intense since the war.",
    "Kishida was the only G7 leader who had not visited Ukraine.",
]


def error_of(path) -> str:
    with pytest.raises(SourceError) as info:
        read_source(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    return message


# --- HTML -----------------------------------------------------------------------------------------

def test_html_body_only():
    source = read_source(FIXTURES / "news_page.html")
    assert source.format == "html"
    text = source.text
    for junk in ("NAV-TEXT", "ASIDE-TEXT", "FOOTER-TEXT", "COOKIE-BANNER-TEXT", "TRACKING-SCRIPT-TEXT",
                 "SECOND-SCRIPT-TEXT", "STYLE-TEXT", "Accept all cookies", "Most read"):
        assert junk not in text, junk
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Xi leaves Moscow after summit with Putin"
    assert paragraphs[1].startswith("Chinese President Xi Jinping left Moscow on Wednesday")
    assert "The two nations, keen to counter the United States’ international influence" in paragraphs[2]
    assert "Unlimited possibilities" in paragraphs
    assert "• Gas pipeline from Siberia agreed." in paragraphs
    assert paragraphs[-1].endswith("Putin said.")
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)


def test_html_metadata_prefers_page_declarations():
    meta = read_source(FIXTURES / "news_page.html").metadata
    assert meta.title == "Xi leaves Moscow after summit with Putin"  # JSON-LD headline
    assert meta.outlet == "Example Wire"  # og:site_name
    assert meta.authors == ("Maria Silva", "João Pereira")  # JSON-LD, not the meta author
    assert meta.issued == "2023-03-22"  # JSON-LD datePublished, not the article: time in another zone
    assert meta.url == "https://example.com/world/xi-leaves-moscow"  # canonical
    assert meta.language == "en-GB"


def test_html_fallbacks_without_json_ld(tmp_path):
    page = """<html lang="de"><head><meta charset="windows-1252">
    <title>Gipfel in Moskau – Beispielzeitung</title>
    <meta property="og:site_name" content="Beispielzeitung">
    <meta name="date" content="22.03.2023">
    </head><body><article><h1>Gipfel in Moskau</h1>
    <p class="byline">Von Jörg Müller und Anna Schmidt</p>
    <p>Der chinesische Präsident Xi Jinping hat Moskau am Mittwoch nach einem Gipfeltreffen mit dem
    russischen Staatschef verlassen. Größere Fortschritte für eine Waffenruhe gab es nicht.</p>
    <p>Die beiden Länder äußerten Besorgnis über die Erweiterung der Nato und vereinbarten, ihre
    Allianz zu vertiefen, die seit Beginn des Krieges enger geworden ist.</p>
    </article></body></html>"""
    path = tmp_path / "gipfel.htm"
    path.write_bytes(page.encode("cp1252"))
    source = read_source(path)
    assert "Größere Fortschritte für eine Waffenruhe gab es nicht." in source.text
    assert "äußerten" in source.text
    meta = source.metadata
    assert (meta.title, meta.outlet, meta.issued, meta.language) == (
        "Gipfel in Moskau", "Beispielzeitung", "2023-03-22", "de")
    assert meta.authors == ("Jörg Müller", "Anna Schmidt")
    assert meta.url == ""


def test_html_without_article_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>")
    assert "no article text found" in error_of(path)


def test_html_that_is_binary(tmp_path):
    path = tmp_path / "junk.html"
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert "binary data" in error_of(path)


def test_html_that_is_not_markup(tmp_path):
    path = tmp_path / "plain.html"
    path.write_text("Just some words, no tags at all.")
    assert "no HTML markup" in error_of(path)


# --- DOCX -----------------------------------------------------------------------------------------

def make_docx(path: Path, *, author: str = "Maria Silva") -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Xi leaves Moscow", level=1)
    document.add_paragraph(PARAS[0])
    document.add_paragraph("")  # empty paragraphs are skipped
    document.add_paragraph(PARAS[1])
    document.add_paragraph("Gas pipeline agreed", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Putin", "Xi"
    document.add_paragraph(PARAS[2] + "\tTabbed.")
    props = document.core_properties
    props.title, props.author = "Xi leaves Moscow", author
    props.created = dt.datetime(2023, 3, 22, 9, 30)
    document.save(path)
    return path


def test_docx(tmp_path):
    source = read_source(make_docx(tmp_path / "a.docx"))
    assert source.format == "docx"
    assert source.text.split("\n\n") == [
        "Xi leaves Moscow", PARAS[0], PARAS[1], "• Gas pipeline agreed", "Putin | Xi", PARAS[2] + " Tabbed."]
    meta = source.metadata
    assert (meta.title, meta.authors, meta.issued, meta.language) == (
        "Xi leaves Moscow", ("Maria Silva",), "2023-03-22", "en")


def test_docx_placeholder_author_is_dropped(tmp_path):
    assert read_source(make_docx(tmp_path / "b.docx", author="python-docx")).metadata.authors == ()


def test_docx_random_bytes(tmp_path):
    path = tmp_path / "corrupt.docx"
    path.write_bytes(os.urandom(3000))
    assert error_of(path).endswith("the DOCX is corrupt or not a DOCX (not a ZIP archive)")


def test_docx_zip_without_document(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "holds no Word document" in error_of(path)


def test_docx_damaged_member(tmp_path):
    path = make_docx(tmp_path / "damaged.docx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10:start + 40] = b"\x00" * 30
    path.write_bytes(bytes(data))
    assert "the DOCX is damaged" in error_of(path)


def test_old_word_doc_named_docx(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "old Word 97-2003 .doc" in error_of(path)


def test_docx_without_text(tmp_path):
    import docx

    path = tmp_path / "blank.docx"
    docx.Document().save(path)
    assert error_of(path).endswith("the document holds no text")


# --- PDF ------------------------------------------------------------------------------------------

def make_pdf(path: Path, *, title: str = "Xi leaves Moscow", author: str = "Maria Silva") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=title, author=author)
    story = [Paragraph("Xi leaves Moscow", styles["Title"])]
    doc.build(story + [Paragraph(p, styles["BodyText"]) for p in PARAS])
    return path


def with_info(path: Path, info: dict[str, str], *, user_password: str | None = None) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_metadata(info)
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def test_pdf_paragraphs_and_metadata(tmp_path):
    path = with_info(make_pdf(tmp_path / "a.pdf"), {"/CreationDate": "D:20230322140500+01'00'"})
    source = read_source(path)
    assert source.format == "pdf"
    assert source.text.split("\n\n") == ["Xi leaves Moscow", *PARAS]
    meta = source.metadata
    assert (meta.title, meta.authors, meta.issued) == ("Xi leaves Moscow", ("Maria Silva",), "2023-03-22")
    passages = split(source)
    assert passages[1].text == PARAS[0] and passages[1].paragraph == 2


def draw_pdf(path: Path, pages: list[list[tuple[float, float, str]]], *, header: str = "") -> Path:
    """A PDF with lines placed by hand: (x, y, text) per line, with an optional running header."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for number, lines in enumerate(pages, 1):
        pdf.setFont("Helvetica", 10)
        if header:
            pdf.drawString(72, 800, header)
        for x, y, text in lines:
            pdf.drawString(x, y, text)
        pdf.drawString(300, 40, str(number))
        pdf.showPage()
    pdf.save()
    return path


def test_pdf_hyphens_wrapped_lines_headers_and_page_numbers(tmp_path):
    page1 = [
        (72, 700, "This sentence has an extraordi-"),
        (72, 688, "narily long word and a well-"),
        (72, 676, "known compound; the well-known form also"),
        (72, 664, "appears on one line, so its hyphen stays."),
        (72, 640, "A new paragraph after a wider gap, which"),
        (72, 628, "continues on the next page without a"),
    ]
    page2 = [
        (72, 700, "break in the sentence."),
        (90, 688, "An indented line starts a paragraph too,"),
        (72, 676, "even without a gap before it."),
    ]
    path = draw_pdf(tmp_path / "drawn.pdf", [page1, page2], header="Example Wire — World news")
    assert read_source(path).text.split("\n\n") == [
        "This sentence has an extraordinarily long word and a well-known compound; the well-known form "
        "also appears on one line, so its hyphen stays.",
        "A new paragraph after a wider gap, which continues on the next page without a break in the "
        "sentence.",
        "An indented line starts a paragraph too, even without a gap before it.",
    ]


def test_pdf_truncated(tmp_path):
    path = make_pdf(tmp_path / "cut.pdf")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert error_of(path).endswith("the PDF is truncated or damaged (no end-of-file marker)")


def test_pdf_damaged_inside(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(2000).replace(b"%%EOF", b"") + b"\n%%EOF\n")
    assert "the PDF is damaged" in error_of(path)


@pytest.mark.parametrize(("producer", "creator"), [
    ("Skia/PDF m120", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"),
    ("cairo 1.16.0 (https://cairographics.org)", "Mozilla Firefox 115.0"),
    ("Qt 5.15.2", "wkhtmltopdf 0.12.6"),
])
def test_pdf_printed_by_a_browser_dates_the_visit_not_the_article(tmp_path, producer, creator):
    info = {"/CreationDate": "D:20240105093000Z", "/Producer": producer, "/Creator": creator}
    meta = read_source(with_info(make_pdf(tmp_path / "saved.pdf"), info)).metadata
    assert (meta.issued, meta.accessed) == ("", "2024-01-05")


def test_pdf_made_by_an_office_program_keeps_its_date_as_issued(tmp_path):
    info = {"/CreationDate": "D:20230322140500+01'00'", "/Producer": "Microsoft® Word for Microsoft 365",
            "/Creator": "Microsoft® Word for Microsoft 365"}
    meta = read_source(with_info(make_pdf(tmp_path / "report.pdf"), info)).metadata
    assert (meta.issued, meta.accessed) == ("2023-03-22", "")


def test_pdf_encrypted_with_password(tmp_path):
    path = with_info(make_pdf(tmp_path / "locked.pdf"), {}, user_password="secret")
    assert error_of(path).endswith("the PDF is encrypted with a password; remove the password and try again")


def test_pdf_encrypted_with_empty_password_opens(tmp_path):
    path = with_info(make_pdf(tmp_path / "owner-only.pdf"), {}, user_password="")
    assert read_source(path).text.startswith("Xi leaves Moscow\n\nChinese President")


def test_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 72, 300, 500, fill=1)  # a "scanned page": marks, no text
    pdf.showPage()
    pdf.save()
    assert "no text layer (a scanned PDF?)" in error_of(path)


def test_pdf_that_is_not_a_pdf(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_text("just text")
    assert error_of(path).endswith("the file is not a PDF (no %PDF header)")


def test_pdf_placeholder_metadata_is_dropped(tmp_path):
    meta = read_source(make_pdf(tmp_path / "anon.pdf", title="untitled", author="anonymous")).metadata
    assert meta.title == "Xi leaves Moscow" and meta.authors == ()  # the text's headline instead


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-40"])
def test_pdf_encrypted_for_permissions_only_opens(tmp_path, algorithm):
    """Owner-password-only encryption (common on published PDFs) opens with every cipher pypdf knows."""
    from pypdf import PdfReader, PdfWriter

    path = make_pdf(tmp_path / "permissions.pdf")
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.encrypt(user_password="", owner_password="owner", algorithm=algorithm)
    with open(path, "wb") as handle:
        writer.write(handle)
    assert PdfReader(path).is_encrypted
    assert read_source(path).text.startswith("Xi leaves Moscow\n\nChinese President")
