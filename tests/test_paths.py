"""The one resource locator finds resources from the source tree and from a frozen bundle."""

from __future__ import annotations

import sys

from desktop import paths


def test_resources_found_from_source():
    assert paths.resource("fonts", "DejaVuSans.ttf").is_file()
    assert [p.name for p in paths.seed_files()] == ["000_0678943cec9dccad.txt", "004_f56bacf0fc7744a3.txt"]


def test_bundle_root_is_used_when_frozen(tmp_path, monkeypatch):
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    paths.app_root.cache_clear()
    try:
        assert paths.resource("fonts") == tmp_path / "resources" / "fonts"
    finally:
        paths.app_root.cache_clear()
