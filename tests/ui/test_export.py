"""Export: the briefing is built in the background into a PDF; failures are reported."""

from __future__ import annotations


def _export_to(window, monkeypatch, path):
    from desktop.ui.dialogs import export

    monkeypatch.setattr(export.ExportDialog, "exec", lambda self: 1)
    monkeypatch.setattr(export.ExportDialog, "output", lambda self: str(path))
    window.act.export.trigger()


def test_export_writes_a_pdf_and_offers_to_open_it(window, project, qtbot, monkeypatch, tmp_path, boxes):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    opened = []
    record = staticmethod(lambda url: opened.append(url.toLocalFile()))
    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    boxes.answers.append(QMessageBox.StandardButton.Open)
    window.document.reset(project, saved=False)
    out = tmp_path / "briefing.pdf"
    with qtbot.waitSignal(window.exported, timeout=60000) as signal:
        _export_to(window, monkeypatch, out)
    assert signal.args == [str(out)]
    assert out.read_bytes().startswith(b"%PDF")
    assert opened == [str(out)]
    assert any(kind == "question" and "exported" in title for kind, title, _t in boxes.calls)


def test_failed_export_shows_error_and_keeps_window(window, project, qtbot, monkeypatch, tmp_path, boxes):
    window.document.reset(project, saved=False)
    _export_to(window, monkeypatch, tmp_path / "missing-folder" / "x.pdf")
    qtbot.waitUntil(lambda: any(k == "critical" for k, _t, _m in boxes.calls), timeout=60000)
    text = next(m for k, _t, m in boxes.calls if k == "critical")
    assert "x.pdf" in text
    assert window.isVisible() and window.document.project.comparison is project.comparison


def test_export_of_three_sources_writes_the_many_source_briefing(window, qtbot, monkeypatch, tmp_path, boxes):
    from many_builders import tiny_many
    from pypdf import PdfReader

    from desktop.core.project import edits
    from desktop.ui.dialogs import export

    window.many.show_comparison(tiny_many())
    project = window.many.project
    note = edits.make_note(project, "c", *_span(project, 2, 2), "Only C names the city.", ("place",))
    window.many.document.apply("Add note", edits.add_note(project, note))
    from desktop.report.options import BriefingOptions

    monkeypatch.setattr(export.ExportDialog, "options", lambda self: BriefingOptions(
        title="Three outlets", analyst="Ana"))
    out = tmp_path / "three.pdf"
    with qtbot.waitSignal(window.exported, timeout=60000):
        _export_to(window, monkeypatch, out)
    reader = PdfReader(str(out))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for words in ("Officials said 14 people died.", "Putin visited the region.",
                  "Schools in Kyiv stay shut."):
        assert words in text
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    contents = [str(a.get("/Contents", "")) for a in annotations if a.get("/Subtype") == "/Text"]
    assert any("Only C names the city." in c for c in contents)
    assert reader.metadata.title == "Three outlets"
    assert window.many.project.settings.analyst == "Ana"  # kept in the project, one undoable step
    assert window.many.document.undo_stack.text(1) == "Briefing settings"


def test_the_export_dialog_of_many_sources(qtbot, tmp_path):
    from many_builders import tiny_many

    from desktop.core.project.many import ManyProject
    from desktop.ui.dialogs.export import ExportDialog

    dialog = ExportDialog(None, ManyProject.new(tiny_many()), str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "Wire A vs Daily B vs Radio C"
    assert "only_b" not in dialog.sections and "per source" in dialog.sections["only_a"].text()
    assert "only_a" in dialog.options().sections


def _span(project, source, passage):
    p = project.passages(source)[passage]
    return p.start, p.end
