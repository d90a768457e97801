"""Saves clean up after themselves: one temporary at most, removed by the next save or open,
never while a live save is writing it; killed saves lose nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from projkit import project

from desktop.core.model import ParallaxError
from desktop.core.project import autosave, savefiles
from desktop.core.project.storage import load_project, save_project

HARNESS = Path(__file__).with_name("killed_saves.py")


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def leave_a_killed_save(path: Path) -> None:
    """What a save killed before its rename leaves: a partial temporary and the lock file."""
    savefiles.temp_path(path).write_bytes(b"SQLite format 3\x00 half written")
    savefiles.lock_path(path).touch()


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
def test_thirty_killed_saves_lose_nothing_and_leave_one_temporary_at_most(tmp_path):
    path = tmp_path / "big.parallax"
    run = subprocess.run([sys.executable, str(HARNESS), str(path), "30", "13"],
                         capture_output=True, text=True, timeout=120, check=True)
    report = json.loads(run.stdout)
    assert report["kills"] == 30
    assert report["wrong"] == []  # always the last completed save (or the one completing at the kill)
    assert report["most_temporaries"] == 1 and report["most_locks"] <= 1
    assert report["not_cleaned"] == []  # the next save or open removed them every time
    # the kills really landed inside saves, after earlier ones had completed
    assert report["left_a_temporary"] >= 5
    assert report["after_a_completed_save"] >= 5
    assert names(tmp_path) == ["big.parallax"]


def test_the_next_save_removes_a_killed_saves_files(tmp_path):
    path = tmp_path / "p.parallax"
    save_project(project(), path)
    leave_a_killed_save(path)
    save_project(project(), path)
    assert names(tmp_path) == ["p.parallax"]


def test_the_next_open_removes_a_killed_saves_files(tmp_path):
    path = tmp_path / "p.parallax"
    save_project(project(), path)
    leave_a_killed_save(path)
    assert load_project(path) == project()
    assert names(tmp_path) == ["p.parallax"]


def test_an_open_leaves_a_live_saves_temporary_alone(tmp_path):
    path = tmp_path / "p.parallax"
    save_project(project(), path)
    with savefiles.save_lock(path) as tmp:  # another process's save, half way
        tmp.write_bytes(b"being written")
        assert load_project(path) == project()
        assert tmp.read_bytes() == b"being written"
    assert names(tmp_path) == ["p.parallax"]  # the save's own exit removes what it held


def test_a_save_waits_for_a_live_save_and_never_deletes_its_temporary(tmp_path, monkeypatch):
    path = tmp_path / "p.parallax"
    save_project(project(), path)
    monkeypatch.setattr(savefiles, "LOCK_WAIT", 0.2)
    with savefiles.save_lock(path) as tmp:
        tmp.write_bytes(b"being written")
        with pytest.raises(ParallaxError, match=r"Cannot save .*p\.parallax: another Parallax process"):
            save_project(project(), path)
        assert tmp.read_bytes() == b"being written"
    assert load_project(path) == project()


def test_a_save_goes_on_once_the_other_save_ends(tmp_path):
    path = tmp_path / "p.parallax"
    save_project(project(), path)
    held = threading.Event()

    def other_save() -> None:
        with savefiles.save_lock(path) as tmp:
            tmp.write_bytes(b"being written")
            held.set()
            time.sleep(0.3)

    thread = threading.Thread(target=other_save)
    thread.start()
    held.wait(5)
    changed = project(pairs=[((0,), (0,))])
    save_project(changed, path)  # waits for the lock, then saves
    thread.join()
    assert load_project(path) == changed
    assert names(tmp_path) == ["p.parallax"]


def test_old_versions_random_temporaries_go_once_ten_minutes_old(tmp_path):
    path = tmp_path / "p.parallax"
    save_project(project(), path)
    old, young = tmp_path / ".p.parallax.0a1b2c3d.tmp", tmp_path / ".p.parallax.deadbeef.tmp"
    for stale in (old, young):
        stale.write_bytes(b"x")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    load_project(path)
    assert names(tmp_path) == [young.name, "p.parallax"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_symlink_planted_as_the_lock_fails_the_save_without_following_it(tmp_path):
    path = tmp_path / "p.parallax"
    save_project(project(), path)
    elsewhere = tmp_path / "elsewhere"
    savefiles.lock_path(path).symlink_to(elsewhere)
    with pytest.raises(ParallaxError, match="Cannot save"):
        save_project(project(), path)
    assert not elsewhere.exists()
    assert load_project(path) == project()


def test_killed_autosaves_leave_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setenv(autosave.ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.setattr(autosave, "_written", set())
    folder = autosave.autosave_dir()
    folder.mkdir(parents=True)
    leave_a_killed_save(folder / "untitled-99999.parallax")  # its first autosave was killed
    assert autosave.find_recoverable() == []
    target = autosave.write_autosave(project(), tmp_path / "p.parallax")
    leave_a_killed_save(target)  # a later autosave killed, then the project saved
    autosave.discard_autosave(tmp_path / "p.parallax")
    assert names(folder) == []
