"""``parallax gui``: the screenshot mode end to end, argument errors, and a CLI that stays Qt-free."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, env_extra: dict[str, str] | None = None, timeout: int = 300):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout)


def test_screenshot_renders_the_aligned_workbench(seed_paths, tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "shot.png"
    result = _run("gui", *map(str, seed_paths), "--screenshot", str(out),
                  env_extra={"PARALLAX_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    # not a blank window: the tints and the text give many distinct colours
    colours = {image.pixel(x, y) for x in range(0, 1400, 7) for y in range(0, 900, 7)}
    assert len(colours) > 50


def test_missing_file_is_a_clear_error(tmp_path):
    result = _run("gui", str(tmp_path / "nope.txt"), str(tmp_path / "nope2.txt"), "--screenshot",
                  str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert "nope.txt: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_does_not_load_qt():
    code = "import sys; from desktop.cli import build_parser; build_parser(); print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "False"


def test_screenshot_of_three_sources_shows_the_coverage_view(tmp_path):
    from PySide6.QtGui import QImage

    sys.path.insert(0, str(ROOT / "tests" / "cli"))
    from many_kit import write_articles

    paths = [str(p) for p in write_articles(tmp_path)]
    out = tmp_path / "coverage.png"
    result = _run("gui", *paths, "--screenshot", str(out), env_extra={"PARALLAX_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    colours = {image.pixel(x, y) for x in range(0, 1400, 7) for y in range(0, 900, 7)}
    assert len(colours) > 50


def test_the_same_file_twice_is_refused(seed_paths, tmp_path):
    a = str(seed_paths[0])
    result = _run("gui", a, str(seed_paths[1]), a, "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert "given twice" in result.stderr and "Traceback" not in result.stderr
