"""``parallax brief`` as a user runs it: seeds in, annotated PDF out; bad input gives one clear error."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from desktop.cli import main
from desktop.core.model import GroupStatus, Note
from desktop.core.project.state import Project, ProjectSettings
from desktop.core.project.storage import save_project

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "report"))
from pdfcheck import annotations, outline_titles  # noqa: E402

GOOD_QUOTE = "12-point peace proposal"


def _notes(tmp_path: Path, entries: list[dict]) -> Path:
    path = tmp_path / "notes.json"
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return path


def test_brief_writes_an_annotated_pdf_and_warns_about_lost_quotes(seed_paths, seed_comparison, tmp_path,
                                                                   capsys):
    notes = _notes(tmp_path, [
        {"source": "a", "quote": GOOD_QUOTE, "note": "B says “peace plan”", "tags": ["framing"]},
        {"source": "b", "quote": "words that are not there", "note": "lost"},
    ])
    out = tmp_path / "briefing.pdf"
    code = main(["brief", *map(str, seed_paths), "-o", str(out), "--notes", str(notes),
                 "--title", "Xi in Moscow", "--analyst", "Ana", "--style", "mla"])
    captured = capsys.readouterr()
    assert code == 0
    assert "words that are not there" in captured.err and "not found" in captured.err
    reader = pypdf.PdfReader(str(out))
    assert reader.metadata.title == "Xi in Moscow" and reader.metadata.author == "Ana"
    found = annotations(reader)
    sticky = [a for a in found if a.subtype == "/Text"]
    assert len(sticky) == 1 and "B says “peace plan”" in sticky[0].contents
    assert any(a.subtype == "/Highlight" and " -> " in a.contents for a in found)
    titles = outline_titles(reader)
    assert "Shared facts" in titles and "References" in titles
    assert sum(1 for t in titles if t[:1].isdigit()) == len(seed_comparison.groups)
    assert "par." in "".join(page.extract_text() for page in reader.pages)  # MLA's locator label


def test_bad_notes_file_is_one_clear_error_and_writes_nothing(seed_paths, tmp_path, capsys):
    bad = tmp_path / "notes.json"
    bad.write_text("[{", encoding="utf-8")
    out = tmp_path / "briefing.pdf"
    assert main(["brief", *map(str, seed_paths), "-o", str(out), "--notes", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("parallax: ") and "notes.json" in err and "not valid JSON" in err
    assert list(tmp_path.iterdir()) == [bad]


def test_note_for_a_missing_source_is_refused(seed_paths, tmp_path, capsys):
    notes = _notes(tmp_path, [{"source": "c", "quote": "Putin", "note": "?"}])
    assert main(["brief", *map(str, seed_paths), "-o", str(tmp_path / "b.pdf"), "--notes", str(notes)]) == 2
    assert 'source "c"' in capsys.readouterr().err


def test_unwritable_output_names_the_path(seed_paths, tmp_path, capsys):
    out = tmp_path / "no" / "such" / "briefing.pdf"
    assert main(["brief", *map(str, seed_paths), "-o", str(out)]) == 2
    assert str(out) in capsys.readouterr().err


def test_sources_or_project_are_required(tmp_path, capsys):
    assert main(["brief", "-o", str(tmp_path / "b.pdf")]) == 2
    assert "two sources" in capsys.readouterr().err


def test_brief_from_a_saved_project(seed_comparison, tmp_path, capsys):
    groups = list(seed_comparison.groups)
    groups[0] = replace(groups[0], group=replace(groups[0].group, status=GroupStatus.REJECTED))
    groups[1] = replace(groups[1], group=replace(groups[1].group, status=GroupStatus.CONFIRMED))
    comparison = replace(seed_comparison, groups=tuple(groups))
    a = comparison.a
    start = a.text.index(GOOD_QUOTE)
    note = Note("a", start, start + len(GOOD_QUOTE), GOOD_QUOTE, "saved note", ("framing",))
    project = Project(comparison, (note,), ProjectSettings(title="Saved title", analyst="Saved Analyst"))
    path = tmp_path / "work.parallax"
    save_project(project, path)
    out = tmp_path / "briefing.pdf"
    assert main(["brief", "--project", str(path), "-o", str(out)]) == 0
    reader = pypdf.PdfReader(str(out))
    assert reader.metadata.title == "Saved title" and reader.metadata.author == "Saved Analyst"
    titles = outline_titles(reader)
    assert sum(1 for t in titles if t[:1].isdigit()) == len(groups) - 1
    assert any(a.subtype == "/Text" and "saved note" in a.contents for a in annotations(reader))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "✓ confirmed" in text


def test_project_and_sources_together_are_refused(seed_paths, tmp_path, capsys):
    code = main(["brief", *map(str, seed_paths), "--project", str(tmp_path / "x.parallax"),
                 "-o", str(tmp_path / "b.pdf")])
    assert code == 2
    assert "not both" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--granularity", "--style"])
def test_choices_are_listed_in_help(flag, capsys):
    with pytest.raises(SystemExit):
        main(["brief", "--help"])
    assert flag in capsys.readouterr().out


def test_output_that_is_an_input_is_refused_and_left_intact(seed_paths, seed_comparison, tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_bytes(seed_paths[0].read_bytes())
    assert main(["brief", str(article), str(seed_paths[1]), "-o", str(article)]) == 2
    assert article.read_bytes() == seed_paths[0].read_bytes()
    project = tmp_path / "work.parallax"
    save_project(Project(seed_comparison, (), ProjectSettings()), project)
    before = project.read_bytes()
    assert main(["brief", "--project", str(project), "-o", str(project)]) == 2
    assert project.read_bytes() == before
    assert capsys.readouterr().err.count("is also an input") == 2


def test_notes_nested_too_deeply_are_one_clear_error(seed_paths, tmp_path, capsys):
    notes = tmp_path / "deep.json"
    notes.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    assert main(["brief", *map(str, seed_paths), "-o", str(tmp_path / "b.pdf"), "--notes", str(notes)]) == 2
    assert "deep.json: not a notes file" in capsys.readouterr().err
