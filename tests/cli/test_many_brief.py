"""``parallax brief A B C``: the many-source briefing read back with pypdf (every outlet's
wording, the coverage figure's labels, the outline, notes as annotations, the references)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pypdf
import pytest
from many_kit import write_articles

from desktop.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "report"))
from pdfcheck import all_text, annotations, outline_titles, squash  # noqa: E402


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    """The briefing of the three articles with two notes (on B and on C), and stderr."""
    folder = tmp_path_factory.mktemp("many-brief")
    paths = [str(p) for p in write_articles(folder)]
    notes = folder / "notes.json"
    notes.write_text(json.dumps([
        {"source": "b", "quote": "14 people", "note": "B’s toll is higher", "tags": ["numbers"]},
        {"source": "c", "quote": "Insurance companies", "note": "only the radio says this"},
    ]), encoding="utf-8")
    out = folder / "briefing.pdf"
    code = main(["brief", *paths, "-o", str(out), "--notes", str(notes), "--title", "Valley floods",
                 "--analyst", "Ana"])
    assert code == 0
    return pypdf.PdfReader(str(out))


def test_every_outlets_wording_is_in_the_briefing(briefing):
    text = squash(all_text(briefing))
    for words in ("The ministry said 12 people died in the floods on Monday.",
                  "Officials said 14 people died in the floods on Monday.",
                  "Rescue teams reached the village of Dorna after three days.",
                  "President Marek Novak called the floods",
                  "Schools in the region will reopen next week.",
                  "Insurance companies promised quick payments to farmers."):
        assert squash(words) in text, words


def test_the_coverage_figure_labels_facts_sources_and_omissions(briefing):
    page = next(p.extract_text() for p in briefing.pages if "facts reported" in p.extract_text())
    assert "Coverage" in page
    for label in ("A", "B", "C", "R", "nw", "×", "The ministry said 12 people died", "not reported"):
        assert label in page, label


def test_outline_lists_sections_facts_and_sources(briefing):
    titles = outline_titles(briefing)
    for title in ("Coverage", "Facts", "Sources", "A · Valley Wire", "B · Daily Globe", "C · State Radio",
                  "Analyst notes", "References"):
        assert title in titles, title
    assert any(t.startswith("1. The ministry said 12 people") for t in titles)


def test_differences_and_notes_are_pdf_annotations(briefing):
    found = annotations(briefing)
    contents = [a.contents for a in found if a.subtype == "/Highlight"]
    assert "number: 12 -> 14" in contents  # B's wording against the reference A
    assert any(c.startswith("12 -> number: B 14") for c in contents)  # on A, the words B changes
    sticky = sorted(a.contents for a in found if a.subtype == "/Text")
    assert len(sticky) == 2
    assert "B’s toll is higher" in sticky[0] and "Tags: numbers" in sticky[0]
    assert "only the radio says this" in sticky[1]


def test_sections_per_source_and_references(briefing):
    text = all_text(briefing)
    assert "Only C reports (1 passage)" in text and "Only B reports (1 passage)" in text
    assert "Omits (every other source reports these facts)" in text
    for title in ("Floods hit the valley", "Deadly floods in the valley", "Valley floods"):
        assert title in text
    assert briefing.metadata.title == "Valley floods" and briefing.metadata.author == "Ana"


def test_a_note_for_a_source_that_is_not_there_is_refused(tmp_path, capsys):
    paths = [str(p) for p in write_articles(tmp_path)]
    notes = tmp_path / "notes.json"
    notes.write_text(json.dumps([{"source": "d", "quote": "floods", "note": "?"}]), encoding="utf-8")
    out = tmp_path / "b.pdf"
    assert main(["brief", *paths, "-o", str(out), "--notes", str(notes)]) == 2
    assert 'source "d", but the sources are a, b, c' in capsys.readouterr().err
    assert not out.exists()


def test_brief_refuses_a_source_given_twice(tmp_path, capsys):
    paths = [str(p) for p in write_articles(tmp_path)]
    assert main(["brief", *paths, paths[1], "-o", str(tmp_path / "b.pdf")]) == 2
    assert "given twice" in capsys.readouterr().err



@pytest.fixture(scope="module")
def saved_project(tmp_path_factory):
    """A project of the three articles saved by the workbench: a verdict, a note on C, a title."""
    from desktop.core.model import AlignOptions, GroupStatus
    from desktop.core.pipeline import compare_many
    from desktop.core.project import corrections, edits
    from desktop.core.project.many import ManyProject
    from desktop.core.project.storage import save_project
    from desktop.core.sources.loading import read_source

    folder = tmp_path_factory.mktemp("many-project")
    sources = [read_source(str(p)) for p in write_articles(folder)]
    project = ManyProject.new(compare_many(sources, AlignOptions()), title="Saved floods", analyst="Bo")
    text = sources[2].text
    start = text.index("Insurance companies")
    note = edits.make_note(project, "c", start, start + len("Insurance companies"), "radio only", ("money",))
    project = edits.add_note(corrections.set_status(project, 0, GroupStatus.CONFIRMED), note)
    path = folder / "floods.parallax"
    save_project(project, path)
    return path


def test_brief_from_a_saved_project_of_three_sources(saved_project, tmp_path, capsys):
    out = tmp_path / "project.pdf"
    assert main(["brief", "--project", str(saved_project), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    reader = pypdf.PdfReader(str(out))
    text = squash(all_text(reader))
    for words in ("Officials said 14 people died in the floods on Monday.",
                  "Insurance companies promised quick payments to farmers."):
        assert squash(words) in text, words
    assert reader.metadata.title == "Saved floods" and reader.metadata.author == "Bo"
    assert squash("Reference source A: Valley Wire") in text
    assert "C · State Radio" in outline_titles(reader)
    assert any("radio only" in a.contents for a in annotations(reader))


def test_brief_from_a_project_with_another_reference(saved_project, tmp_path):
    out = tmp_path / "reference-b.pdf"
    assert main(["brief", "--project", str(saved_project), "--reference", "B", "-o", str(out),
                 "--title", "Against B"]) == 0
    reader = pypdf.PdfReader(str(out))
    assert reader.metadata.title == "Against B"
    assert squash("Officials said 14 people died") in squash(all_text(reader))
    assert squash("Reference source B: Daily Globe") in squash(all_text(reader))
    assert main(["brief", "--project", str(saved_project), "--reference", "D", "-o", str(out)]) == 2
