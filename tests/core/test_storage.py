"""The .parallax file: round trips, atomic saves, refusals, migration, autosave and recovery."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from projkit import comparison, first_words, source

from desktop.core.model import (
    AlignedGroup,
    AlignOptions,
    Granularity,
    Group,
    GroupStatus,
    Metadata,
    Note,
    ParallaxError,
)
from desktop.core.project import autosave, storage, tables
from desktop.core.project.state import Project, ProjectSettings
from desktop.core.project.storage import load_project, save_project

ROOT = Path(__file__).resolve().parents[2]
KIT_PATHS = [str(ROOT / "tests"), str(ROOT / "tests" / "core")]  # for the kits in subprocesses

UNICODE_A = [["Путин встретился с Си Цзиньпином в Москве.", "Подписано 12 соглашений 🤝."],
             ["习近平抵达莫斯科。", "Markup <b>&amp;</b> stays."]]
UNICODE_B = [["قال بوتين إن المحادثات كانت مثمرة.", "השיחות נמשכו יומיים."],
             ["Xi et Poutine ont signé 14 accords 📝.", "Ελληνικά και emoji 👩‍👩‍👧."]]


def unicode_project() -> Project:
    a, pa = source(UNICODE_A)
    b, pb = source(UNICODE_B)
    a = replace(a, metadata=Metadata("Встреча", "ТАСС", ("Мария Иванова", "李华"), "2023-03-22",
                                     "https://example.org/статья", "2024-01-02", "ru"),
                origin="/tmp/статья.txt", format="html", body_start=3)
    b = replace(b, metadata=Metadata(title="المحادثات", language="ar"), format="docx")
    groups = [Group((0,), (0, 1), 0.625, "names: Путин", GroupStatus.CONFIRMED),
              Group((3,), (2,), 0.1 + 0.2, "numbers: 12", GroupStatus.REJECTED),
              Group((2,), (3,), 1.0, "linked by analyst", GroupStatus.PROPOSED)]
    aligned = tuple(AlignedGroup(g, (first_words(a, pa, b, pb, g),) if n != 2 else ())
                    for n, g in enumerate(groups))
    options = AlignOptions(threshold=0.35, granularity=Granularity.PARAGRAPH, ignore_case=True)
    c = comparison(groups=[])
    c = replace(c, a=a, b=b, passages_a=pa, passages_b=pb, groups=aligned, only_a=(1,), only_b=(),
                options=options)
    notes = (Note("a", 0, 5, "Путин", "имя 🙂", ("framing", "свой тег")),
             Note("b", pb[1].start, pb[1].start + 6, b.text[pb[1].start:pb[1].start + 6], "RTL", ()),
             Note("a", 0, 0, "", "", ()))
    settings = ProjectSettings("Брифинг 📰", "Анна", "chicago", AlignOptions(threshold=None))
    return Project(c, notes, settings)


def test_round_trip_keeps_everything_including_unicode(tmp_path):
    project = unicode_project()
    path = tmp_path / "проект 📁.parallax"
    save_project(project, path)
    assert load_project(path) == project


def test_round_trip_of_an_empty_project(tmp_path):
    a, pa = source([["Only one sentence."]])
    c = replace(comparison(groups=[]), a=a, b=a, passages_a=pa, passages_b=pa, only_a=(0,), only_b=(0,))
    project = Project.new(c)
    save_project(project, tmp_path / "p.parallax")
    assert load_project(tmp_path / "p.parallax") == project


def test_saving_again_replaces_the_file_and_keeps_its_permissions(tmp_path):
    path = tmp_path / "p.parallax"
    project = unicode_project()
    save_project(project, path)
    os.chmod(path, 0o640)
    second = replace(project, settings=replace(project.settings, title="second"))
    save_project(second, path)
    assert load_project(path).settings.title == "second"
    assert (path.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["p.parallax"]  # no temporary left


def test_failed_rename_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "p.parallax"
    old = unicode_project()
    save_project(old, path)

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", crash)
    with pytest.raises(ParallaxError, match="Cannot save .*No space left"):
        save_project(replace(old, notes=()), path)
    monkeypatch.undo()
    assert load_project(path) == old
    assert [p.name for p in tmp_path.iterdir()] == ["p.parallax"]


def test_failure_while_writing_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "p.parallax"
    old = unicode_project()
    save_project(old, path)
    monkeypatch.setattr(tables, "_options_dict", lambda options: 1 / 0)  # fails mid-transaction
    with pytest.raises(ZeroDivisionError):
        save_project(old, path)
    monkeypatch.undo()
    assert load_project(path) == old
    assert [p.name for p in tmp_path.iterdir()] == ["p.parallax"]


def test_a_seed_project_with_overlapping_groups_round_trips(seed_comparison, tmp_path):
    from desktop.core.project import edits

    in_a = [i for g in seed_comparison.groups for i in g.group.a]
    assert len(in_a) > len(set(in_a))  # a passage of A in two groups: the groups overlap
    assert seed_comparison.run is not None
    project = Project.new(seed_comparison, title="Seeds")
    project = edits.set_status(project, 0, "confirmed")
    project = edits.add_note(project, edits.passage_note(project, "a", 0, "lead", ["framing"]))
    save_project(project, tmp_path / "seeds.parallax")
    # how the groups were computed (``Comparison.run``) is not stored: loaded groups have run None
    expected = replace(project, comparison=replace(project.comparison, run=None))
    assert load_project(tmp_path / "seeds.parallax") == expected


# -- refusals ----------------------------------------------------------------------------------

def test_newer_schema_is_refused_politely(tmp_path):
    path = tmp_path / "new.parallax"
    save_project(unicode_project(), path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 7")
    conn.close()
    with pytest.raises(ParallaxError, match=r"new.parallax was written by a newer Parallax \(schema 7\); "
                                            "please update"):
        load_project(path)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is not a Parallax project"),
    (b"\x00\xff garbage " * 100, "is not a Parallax project"),
    ("Просто текст".encode(), "is not a Parallax project"),
])
def test_garbage_files_are_refused(tmp_path, content, message):
    path = tmp_path / "garbage.parallax"
    path.write_bytes(content)
    with pytest.raises(ParallaxError, match=message) as info:
        load_project(path)
    assert "garbage.parallax" in str(info.value)


def test_a_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(ParallaxError, match="other.db is an SQLite database but not a Parallax project"):
        load_project(path)


def test_truncated_and_tampered_files_are_refused(tmp_path):
    path = tmp_path / "p.parallax"
    save_project(unicode_project(), path)
    data = path.read_bytes()
    (tmp_path / "cut.parallax").write_bytes(data[: len(data) // 2])
    with pytest.raises(ParallaxError, match="cut.parallax"):
        load_project(tmp_path / "cut.parallax")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE members SET passages = '[99]' WHERE fact = 0 AND source = 0")
    conn.close()
    with pytest.raises(ParallaxError, match="p.parallax is damaged.*fact 0 refers to passage 99 of A"):
        load_project(path)


def test_missing_file_folder_and_unwritable_target(tmp_path):
    with pytest.raises(ParallaxError, match="no such project file"):
        load_project(tmp_path / "absent.parallax")
    with pytest.raises(ParallaxError, match="is a folder"):
        load_project(tmp_path)
    with pytest.raises(ParallaxError, match="Cannot save"):
        save_project(unicode_project(), tmp_path / "no such folder" / "p.parallax")
    with pytest.raises(ParallaxError, match="it is a folder"):
        save_project(unicode_project(), tmp_path)


def test_older_schema_is_migrated_in_memory_and_the_file_left_alone(tmp_path, monkeypatch):
    path = tmp_path / "old.parallax"
    project = unicode_project()
    save_project(project, path)  # schema 2
    before = path.read_bytes()
    ran = []

    def two_to_three(conn: sqlite3.Connection) -> None:
        ran.append(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("ALTER TABLE notes ADD COLUMN colour TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(storage, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(storage.MIGRATIONS, 2, two_to_three)
    assert load_project(path) == project
    assert ran == [2]
    assert path.read_bytes() == before


# -- autosave and recovery ---------------------------------------------------------------------

@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(autosave.ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.setattr(autosave, "_written", set())
    return tmp_path / "data"


def test_autosave_paths_are_per_project_and_in_the_data_dir(data_dir, tmp_path):
    one = autosave.autosave_path(tmp_path / "брифинг.parallax")
    assert one.parent == data_dir / "autosave" and one.name.startswith("брифинг-")
    assert one == autosave.autosave_path(tmp_path / "x" / ".." / "брифинг.parallax")
    assert one != autosave.autosave_path(tmp_path / "other" / "брифинг.parallax")
    assert autosave.autosave_path(None).name == f"untitled-{os.getpid()}.parallax"


def test_own_autosave_is_not_offered_and_discard_removes_it(data_dir, tmp_path):
    project = unicode_project()
    target = autosave.write_autosave(project, tmp_path / "p.parallax")
    assert load_project(target) == project
    assert autosave.autosave_origin(target) == (tmp_path / "p.parallax").resolve()
    assert autosave.find_recoverable() == []
    autosave.discard_autosave(tmp_path / "p.parallax")
    assert not target.exists()


RECOVERY_WRITER = textwrap.dedent("""
    import sys, time
    sys.path[:0] = [{root!r}, *{tests!r}]
    from test_storage import unicode_project
    from desktop.core.project.autosave import write_autosave
    write_autosave(unicode_project(), None if sys.argv[1] == "-" else sys.argv[1])
    print("saved", flush=True)
    if sys.argv[2] == "stay":
        time.sleep(60)
""")


def _writer(data_dir: Path, project_path: str, mode: str) -> subprocess.Popen:
    script = RECOVERY_WRITER.format(root=str(ROOT), tests=KIT_PATHS)
    env = {**os.environ, autosave.ENV_DATA_DIR: str(data_dir)}
    proc = subprocess.Popen([sys.executable, "-c", script, project_path, mode], stdout=subprocess.PIPE,
                            text=True, env=env)
    assert proc.stdout.readline().strip() == "saved"
    return proc


def test_a_crashed_process_autosave_is_offered_a_live_one_is_not(data_dir, tmp_path):
    live = _writer(data_dir, "-", "stay")
    try:
        assert autosave.find_recoverable() == []  # another window is still working on it
        dead = _writer(data_dir, str(tmp_path / "lost.parallax"), "exit")
        dead.wait()
        found = autosave.find_recoverable()
        assert [autosave.autosave_origin(p) for p in found] == [(tmp_path / "lost.parallax").resolve()]
        assert load_project(found[0]) == unicode_project()
    finally:
        live.kill()
        live.wait()
    found = autosave.find_recoverable()
    assert len(found) == 2 and None in {autosave.autosave_origin(p) for p in found}
    for path in found:
        autosave.discard_autosave(path)
    assert autosave.find_recoverable() == []


@pytest.mark.parametrize("column, value", [
    ("metadata", "[1, 2]"), ("metadata", '"a string"'), ("metadata", '{"title": 7}'),
    ("metadata", '{"authors": [1, 2]}'), ("metadata", '{"issued": {"year": 1}}'),
    ("text", b"Putin met Xi"), ("body_start", 1.5), ("body_start", 10**9),
])
def test_a_column_of_the_wrong_type_is_a_damaged_project(tmp_path, column, value):
    path = tmp_path / "p.parallax"
    save_project(unicode_project(), path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE sources SET {column} = ? WHERE idx = 0", (value,))
    conn.close()
    with pytest.raises(ParallaxError) as err:
        load_project(path)
    assert str(path) in str(err.value) and "damaged" in str(err.value)


def test_a_fifo_named_like_a_project_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "x.parallax"
    os.mkfifo(fifo)
    with pytest.raises(ParallaxError, match="not a regular file"):
        load_project(fifo)


@pytest.mark.parametrize("value", ["[1, 2]", '"fast"', '{"threshold": "high"}', '{"granularity": 3}'])
def test_settings_of_the_wrong_type_are_a_damaged_project(tmp_path, value):
    path = tmp_path / "p.parallax"
    save_project(unicode_project(), path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("UPDATE settings SET value = ? WHERE key = 'options'", (value,)).rowcount == 1
    conn.close()
    with pytest.raises(ParallaxError, match="damaged"):
        load_project(path)
