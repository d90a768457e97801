"""Loading plain text and Markdown, the file checks, and the errors a user sees."""

from __future__ import annotations

import os
import random

import pytest

from desktop.core.model import Metadata, SourceError
from desktop.core.sources.loading import read_source, source_from_text

SAMPLE = "Le café “naïve” coûte 5 € – très cher.\nÜber Größe, Ärger. Señor Muñoz.\n\nZweiter Absatz."


def write(tmp_path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def error_of(path, **kwargs) -> str:
    with pytest.raises(SourceError) as info:
        read_source(path, **kwargs)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert "Traceback" not in message
    return message


# --- encodings ------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                      "cp1252"])
def test_encodings_round_trip(tmp_path, encoding):
    path = write(tmp_path, f"a-{encoding}.txt", SAMPLE.encode(encoding))
    source = read_source(path)
    assert source.text == SAMPLE
    assert source.format == "txt" and source.origin == str(path)


def test_latin1_round_trip(tmp_path):
    text = "Le café naïve coûte cher. Über Größe, Ärger. Señor Muñoz dijo: «sí»."
    assert read_source(write(tmp_path, "l1.txt", text.encode("latin-1"))).text == text


@pytest.mark.parametrize(("text", "encoding"), [
    ("Президент России Владимир Путин встретился с Си Цзиньпином в Москве. Переговоры длились четыре часа.",
     "cp1251"),
    ("习近平离开莫斯科。他与普京举行了会谈！会谈的结果如何？习近平返回北京。", "gb18030"),
])
def test_legacy_non_latin_encodings(tmp_path, text, encoding):
    assert read_source(write(tmp_path, "x.txt", text.encode(encoding))).text == text


def test_newlines_are_normalised(tmp_path):
    source = read_source(write(tmp_path, "nl.txt", b"one\r\ntwo\rthree\n"))
    assert source.text == "one\ntwo\nthree\n"


def test_text_is_nfc(tmp_path):
    source = read_source(write(tmp_path, "nfd.txt", "Cafe\u0301 ok".encode()))
    assert source.text == "Café ok"


# --- plain-text header ---------------------------------------------------------------------------

def test_first_seed_date_becomes_metadata(seed_paths):
    source = read_source(seed_paths[0])
    assert source.metadata.issued == "2023-03-22"
    assert source.text.startswith(" date 2023-03-22 Chinese")  # the text stays as decoded
    assert source.text[source.body_start:].startswith("Chinese President Xi Jinping")
    assert source.metadata.language == "en"


def test_second_seed_loads_without_header(seed_paths):
    source = read_source(seed_paths[1])
    assert source.body_start == 0 and source.metadata.issued == ""
    assert source.text.startswith("In addition to his three-day trip")


@pytest.mark.parametrize(("head", "issued"), [
    ("date 2023-03-22\n", "2023-03-22"),
    ("Date: March 22, 2023\n\n", "2023-03-22"),
    ("DATE: Wednesday, 22 March 2023, 14:05 GMT\n", "2023-03-22"),
    ("Datum: 22.03.2023\n", "2023-03-22"),
    ("Published: 2023-03-22T14:05:00Z\n", "2023-03-22"),
])
def test_date_header_variants(tmp_path, head, issued):
    source = read_source(write(tmp_path, "d.txt", head + "Body text here."))
    assert source.metadata.issued == issued
    assert source.text[source.body_start:] == "Body text here."


def test_header_block_fills_metadata(tmp_path):
    text = ("Title: Xi leaves Moscow\nAuthor: Maria Silva and João Pereira\nSource: Example Wire\n"
            "URL: https://example.com/a\nDate: 2023-03-22\n\nBody.")
    meta = read_source(write(tmp_path, "h.txt", text)).metadata
    assert meta == Metadata(title="Xi leaves Moscow", outlet="Example Wire",
                            authors=("Maria Silva", "João Pereira"), issued="2023-03-22",
                            url="https://example.com/a", language=meta.language)


def test_sentence_starting_like_a_header_stays_body(tmp_path):
    source = read_source(write(tmp_path, "s.txt", "Source: the ministry said nothing. Date night was fun."))
    assert source.body_start == 0 and source.metadata.outlet == ""


# --- source_from_text ----------------------------------------------------------------------------

def test_source_from_text():
    source = source_from_text("date 2023-03-22 Body.\r\n", origin="clipboard")
    assert source.text == "date 2023-03-22 Body.\n"
    assert source.metadata.issued == "2023-03-22"
    assert source.text[source.body_start:].startswith("Body.")
    assert source.format == "text" and source.origin == "clipboard"


def test_source_from_text_explicit_metadata_wins():
    source = source_from_text("date 2023-03-22 Body.", metadata=Metadata(issued="2020", outlet="X"))
    assert source.metadata.issued == "2020" and source.metadata.outlet == "X"


def test_source_from_empty_text():
    with pytest.raises(SourceError, match="pasted text: the text is empty"):
        source_from_text("  \n\t ")


# --- Markdown -------------------------------------------------------------------------------------

MARKDOWN = """\
# Xi leaves **Moscow**

By *Maria Silva* for [Example Wire](https://example.com/wire "home")

Chinese President Xi Jinping left Moscow on **Wednesday** after a
[summit](https://example.com/a_(b)) with `Putin`. It was snake_case_word.

> “Various points,” Putin said.

- first item
- second item

---

![A photo of Xi](photo.jpg)

[ref]: https://example.com/ref
"""


def test_markdown_is_read_as_a_reader_sees_it(tmp_path):
    source = read_source(write(tmp_path, "a.md", MARKDOWN))
    assert source.format == "md"
    assert source.metadata.title == "Xi leaves Moscow"
    text = source.text
    assert text.startswith("Xi leaves Moscow\n\nBy Maria Silva for Example Wire\n")
    assert ("Chinese President Xi Jinping left Moscow on Wednesday after a summit with Putin. "
            "It was snake_case_word.") in text
    assert "“Various points,” Putin said." in text
    assert "• first item\n• second item" in text
    assert "A photo of Xi" in text
    for markup in ("**", "](", "https://", "#", "`", ">", "---"):
        assert markup not in text, markup


def test_markdown_tables_nested_lists_and_html_read_as_text():
    from desktop.core.sources.loaders.markdown import to_plain

    text, title = to_plain("Title\n=====\n\n1. a\n2. b\n   - nested\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n"
                           "<div>in <b>html</b></div>\n\nA &amp; B ~~gone~~ [ref][r]\n\n[r]: https://e.com\n")
    assert title == "Title"
    assert text == "Title\n\n1. a\n2. b\n  • nested\n\nx\ty\n1\t2\n\nin html\n\nA & B gone ref"


# --- bad input ------------------------------------------------------------------------------------

def test_missing_file(tmp_path):
    assert error_of(tmp_path / "nope.txt").endswith("file not found")


@pytest.mark.parametrize("name", ["folder.txt", "folder", "folder.zip", "folder.d"])
def test_directory(tmp_path, name):
    """Issue 10: a folder without a known suffix was "unknown file type '(no extension)'"."""
    folder = tmp_path / name
    folder.mkdir()
    assert error_of(folder).endswith("is a folder, not a file")


def test_permission_denied_is_reported(tmp_path, monkeypatch):
    """The error from ``open`` becomes the message (simulated: CI runs as root, which reads all)."""
    path = write(tmp_path, "secret.txt", "text")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    assert error_of(path).endswith("permission denied")


def test_empty_file(tmp_path):
    assert error_of(write(tmp_path, "e.txt", b"")).endswith("the file is empty")


def test_whitespace_only_file(tmp_path):
    assert "only whitespace" in error_of(write(tmp_path, "w.txt", " \n\t\r\n  "))


def test_too_large(tmp_path):
    path = write(tmp_path, "big.txt", "x" * 2000)
    assert error_of(path, max_bytes=1000).endswith("the file is 2,000 bytes; the limit is 1,000 bytes")
    assert read_source(path, max_bytes=2000).text == "x" * 2000


@pytest.mark.parametrize(("name", "suffix"), [
    ("a.rtf", ".rtf"), ("a.odt", ".odt"), ("noext", "(no extension)")])
def test_unknown_extension(tmp_path, name, suffix):
    message = error_of(write(tmp_path, name, "text"))
    assert f"unknown file type '{suffix}'" in message and ".docx" in message


@pytest.mark.parametrize(("data", "problem"), [
    (os.urandom(4096) + b"\x00", "binary data"),
    (b"abc\x00\x01\x02def" * 100, "binary data (NUL bytes)"),
    (bytes(range(1, 9)) * 200, "binary data (1600 control bytes"),
    (b"%PDF-1.4\n...", "holds a PDF document, not plain text"),
    (b"PK\x03\x04junk", "holds a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "holds a PNG image"),
])
def test_binary_named_txt(tmp_path, data, problem):
    assert problem in error_of(write(tmp_path, "junk.txt", data))


def test_undecodable_bytes(tmp_path):
    data = b"\xef\xbb\xbfvalid start \xff\xfe\xfa bad"  # a UTF-8 mark, then bytes no UTF-8 has
    assert "not valid UTF-8" in error_of(write(tmp_path, "bad.txt", data))


def test_broken_utf16(tmp_path):
    data = b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    assert "not valid UTF-16" in error_of(write(tmp_path, "bad16.txt", data))


def test_markdown_front_matter_is_metadata_not_text(tmp_path):
    text = ("---\nlayout: post\ntitle: Xi leaves Moscow\ndate: 2023-03-22\ntags: [a, b]\n---\n\n"
            "Body **text**.\n")
    source = read_source(write(tmp_path, "fm.md", text))
    assert source.text.strip() == "Body text."
    assert (source.metadata.title, source.metadata.issued) == ("Xi leaves Moscow", "2023-03-22")


def test_damaged_utf8_says_where(tmp_path):
    good = ("“Quoted” text – with dashes, ‘marks’ and “more” of them. " * 20).encode()
    message = error_of(write(tmp_path, "damaged.txt", good[:100] + b"\xff\x81" + good[100:]))
    assert message.endswith("the text is UTF-8 but has 2 invalid byte sequences (the first at byte 100); "
                            "the file is damaged")


def test_bytes_in_no_encoding(tmp_path):
    rng = random.Random(1)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))  # high bytes, no text
    assert "not text in any encoding Parallax knows" in error_of(write(tmp_path, "noise.txt", data))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert error_of(pipe).endswith("is not a regular file (a device, pipe or socket)")


def test_a_short_file_of_blank_lines_is_empty_not_utf16(tmp_path):
    """Four bytes without a NUL ("\\n  \\n") once decoded as two UTF-16 characters of garbage."""
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\n  \n")
    with pytest.raises(SourceError, match="blank.txt"):
        read_source(path)
