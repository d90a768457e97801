"""Project files whose columns hold values of other types (found by the fuzz campaign): each is a
one-line "damaged" error naming the file, where it used to open and then fail in the briefing,
or end in a traceback."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from projkit import project

from desktop.core.model import Note, ParallaxError
from desktop.core.project.state import Project
from desktop.core.project.storage import load_project, save_project


def noted_project() -> Project:
    base = project()
    note = Note("a", 0, 5, base.comparison.a.text[:5], "A note", ("omission",))
    return Project(base.comparison, (note,), base.settings)


@pytest.mark.parametrize("table, column, value", [
    ("notes", "text", b"K\xb5\xab"),  # opened, then the briefing's regex met bytes
    ("notes", "quote", b"Putin"),  # a BLOB (a number would be stored as text)
    ("notes", "tags", '"omission"'),  # a string, read as a list of its letters
    ("notes", "tags", "[1, 2]"),
    ("notes", "source", 7),  # a source the project does not have
    ("notes", "source", "c"),
    ("facts", "reason", b"names"),
    ("facts", "score", float("inf")),
    ("facts", "score", "high"),
    ("members", "passages", '"0"'),
    ("members", "passages", "[" * 3000),  # a RecursionError traceback
    ("passages", "paragraph", "first"),
    ("passages", "sentence", -1),
    ("settings", "value", "7"),  # the title (first row), a number
])
def test_a_value_of_the_wrong_type_is_a_damaged_project(tmp_path, table, column, value):
    path = tmp_path / "p.parallax"
    save_project(noted_project(), path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        key = {"settings": "key = 'title'", "facts": "position = (SELECT min(position) FROM facts)",
               "members": "fact = (SELECT min(fact) FROM members)"}.get(table, "1")
        changed = conn.execute(f"UPDATE {table} SET {column} = ? WHERE {key}", (value,)).rowcount
        conn.commit()
    assert changed >= 1
    with pytest.raises(ParallaxError) as err:
        load_project(path)
    message = str(err.value)
    assert str(path) in message and "damaged" in message and "\n" not in message and len(message) < 400


def test_the_untouched_project_opens(tmp_path):
    path = tmp_path / "p.parallax"
    save_project(noted_project(), path)
    assert load_project(path) == noted_project()


def test_a_damaged_page_is_one_line_even_when_sqlite_lists_many_problems(tmp_path):
    """Found by the fuzz campaign: quick_check's report spans lines. The page is the first whose
    damage SQLite reports in several lines both to a plain connection and to ``load_project``
    (once in a clean-clone CI run, 2026-12-05, the project's own read of the page SQLite had
    reported in lines failed as "malformed" instead, which is also one line)."""
    path = tmp_path / "p.parallax"
    save_project(noted_project(), path)
    valid = path.read_bytes()
    for page in range(1, len(valid) // 4096):
        data = bytearray(valid)
        data[page * 4096 + 8:page * 4096 + 24] = b"\xff" * 16  # its cell pointers
        path.write_bytes(bytes(data))
        report = ""
        with contextlib.closing(sqlite3.connect(path)) as conn, contextlib.suppress(sqlite3.Error):
            report = conn.execute("PRAGMA quick_check").fetchone()[0]
        if "\n" not in report:
            continue
        with pytest.raises(ParallaxError) as err:
            load_project(path)
        message = str(err.value)
        if message.startswith(f"{path} is damaged (*** in database main *** On tree page"):
            break
    else:
        pytest.fail("no page gave a report of several lines")
    assert "\n" not in message and len(message) < 400
