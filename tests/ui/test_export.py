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
