"""Hostile files: entities in a DOCX keep the text around them, deep nesting in a PDF is damage."""

from __future__ import annotations

import pytest
from hostile import (
    PARAGRAPHS,
    docx_billion_laughs,
    docx_bytes,
    docx_with_entity,
    pdf_bytes,
    pdf_nested,
    rewrite_zip,
)

from desktop.core.model import SourceError
from desktop.core.sources.loading import read_source


def error_of(path) -> str:
    with pytest.raises(SourceError) as err:
        read_source(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message


def test_text_after_an_unresolved_entity_in_a_run_is_kept(tmp_path):
    path = tmp_path / "xxe.docx"
    path.write_bytes(docx_with_entity("Leak: &xxe; end."))
    source = read_source(path)
    assert source.text.split("\n\n") == ["Leak: &xxe; end.", PARAGRAPHS[1]]  # shown, not resolved


def test_entities_between_runs_of_text_all_stay_in_place(tmp_path):
    path = tmp_path / "xxe.docx"
    path.write_bytes(docx_with_entity("&xxe;A &xxe;&xxe; B&xxe;"))
    assert read_source(path).text.split("\n\n")[0] == "&xxe;A &xxe;&xxe; B&xxe;"


def test_billion_laughs_is_refused_in_one_line(tmp_path):
    path = tmp_path / "laughs.docx"
    path.write_bytes(docx_billion_laughs())
    assert "the DOCX is damaged" in error_of(path)


@pytest.mark.parametrize("depth", [2_000, 200_000])
def test_a_pdf_nested_too_deeply_is_damaged_not_a_scan(tmp_path, depth):
    path = tmp_path / "nested.pdf"
    path.write_bytes(pdf_nested(depth))
    message = error_of(path)
    assert "nested too deeply" in message and "scanned" not in message


def test_a_page_whose_content_is_nested_too_deeply_is_named(tmp_path):
    path = tmp_path / "nested.pdf"
    depth = 200_000
    path.write_bytes(pdf_bytes(page_extra=b"/Rotate 0").replace(
        b"BT /F1 12 Tf", b"BT /F1 12 Tf " + b"[" * depth + b"]" * depth + b" pop", 1))
    assert "page 1 of the PDF cannot be read (its objects are nested too deeply" in error_of(path)


def test_the_same_pdf_shallow_reads(tmp_path):
    path = tmp_path / "shallow.pdf"
    path.write_bytes(pdf_nested(20))
    assert read_source(path).text == " ".join(PARAGRAPHS)


def test_a_docx_part_with_a_forbidden_character_is_one_line(tmp_path):
    """Found by the fuzz campaign: lxml's message ends in a newline, which made a two-line error."""
    path = tmp_path / "nul.docx"
    nul = {"docProps/core.xml": lambda xml: xml.replace(b"<", b"\x00<", 1)}
    path.write_bytes(rewrite_zip(docx_bytes(), nul))
    assert "the DOCX is damaged (XMLSyntaxError: " in error_of(path)  # one line: checked in error_of
