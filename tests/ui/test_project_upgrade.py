"""A project file of the previous release (schema 1) opens in the workbench, and saving it
upgrades it and says where the old file was kept."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "v1-release.parallax"


def test_a_version_1_project_opens_and_saving_keeps_a_backup(window, qtbot, tmp_path, boxes):
    path = tmp_path / "brief.parallax"
    shutil.copyfile(FIXTURE, path)
    with qtbot.waitSignal(window.ready, timeout=30000):
        window.files.open_project(str(path))
    assert boxes.calls == []
    project = window.document.project
    assert len(project.comparison.groups) == 4 and len(project.notes) == 3
    assert window.workspace.pane_a.toPlainText() == project.comparison.a.text
    assert window.notes.model.rowCount() == 3
    assert window.files.save()
    assert "kept as brief.v1-backup.parallax" in window.statusBar().currentMessage()
    assert (tmp_path / "brief.v1-backup.parallax").read_bytes() == FIXTURE.read_bytes()
    assert window.files.save() and "kept as" not in window.statusBar().currentMessage()
