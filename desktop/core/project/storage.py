"""The ``.parallax`` project file: one SQLite database, written atomically.

Layout (schema 2; ``PRAGMA user_version`` holds the schema number, ``PRAGMA application_id``
marks the file as Parallax's): 2 to 12 sources, their passages, the facts (per source its passages;
score, reason, status, the source the wordings are diffed against), the word differences, the
notes (anchored to any source) and the settings, as ``desktop.core.project.tables`` describes.
``load_many`` reads any project, ``load_project`` one of two sources as the two-source ``Project``;
``save_project`` writes either.

Schema 1 (two sources "a"/"b" and their groups) is read through ``MIGRATIONS[1]``. The first save
over such a file keeps a copy of it beside it first, ``<name>.v1-backup.parallax`` (``keep_backup``;
an existing backup is never overwritten), since older releases cannot open schema 2.

Saving writes a new database next to the target, commits, fsyncs and renames it over the target
(``os.replace``), so a crash or kill during a save leaves the old file or the new one, never a
mix, plus at most one hidden ``.<name>.tmp`` that the next save or open of the file removes
(``desktop.core.project.savefiles``: a lock keeps that from deleting a live save's temporary).
Loading never writes to the file: an older schema is migrated in memory (``MIGRATIONS``) and the
file is upgraded by the next save. Autosave helpers live in ``desktop.core.project.autosave``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from desktop import __version__
from desktop.core.limits import one_line
from desktop.core.model import ParallaxError
from desktop.core.project import tables
from desktop.core.project.many import ManyProject, from_pair, to_pair
from desktop.core.project.savefiles import remove_leftovers, save_lock
from desktop.core.project.state import Project

SCHEMA_VERSION = 2
APPLICATION_ID = 0x50524C58  # "PRLX"
SUFFIX = ".parallax"

MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: tables.from_v1}
"""``MIGRATIONS[n]`` upgrades an open database from schema n to n + 1 (run on an in-memory copy)."""

# -- saving ------------------------------------------------------------------------------------

def save_project(project: Project | ManyProject, path: str | Path) -> Path | None:
    """Write ``project`` to ``path`` atomically; a failure raises ParallaxError and leaves the old file.

    When ``path`` holds a project of an older schema, a copy of it is kept first: its path is
    returned (None when there was none to keep).
    """
    backup = keep_backup(Path(path))
    write_atomic(project, Path(path), {})
    return backup


def keep_backup(path: Path) -> Path | None:
    """Copy a project file of an older schema to ``<stem>.v<N>-backup<suffix>`` beside it (``-2``,
    ``-3``... when that exists: a backup is never overwritten); None for any other file or none."""
    target = Path(os.path.realpath(path))
    version = _older_schema(target)
    if version is None:
        return None
    n = 1
    while True:
        number = "" if n == 1 else f"-{n}"
        backup = target.with_name(f"{target.stem}.v{version}-backup{number}{target.suffix}")
        try:
            _copy_new(target, backup)
        except FileExistsError:
            n += 1
            continue
        except OSError as exc:
            raise ParallaxError(f"Cannot keep a backup of {path} before upgrading it: "
                                f"{exc.strerror or exc}.") from None
        return backup


def _copy_new(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst``, which must not exist yet (FileExistsError); no half copy is left."""
    with open(src, "rb") as source, open(dst, "xb") as copy:
        try:
            shutil.copyfileobj(source, copy)
        except BaseException:
            copy.close()
            dst.unlink(missing_ok=True)
            raise
    shutil.copystat(src, dst)


def _older_schema(path: Path) -> int | None:
    """The schema of a Parallax file older than ``SCHEMA_VERSION`` at ``path``, from its SQLite
    header (user version at byte 60, application id at byte 68); None for anything else."""
    if not path.is_file():
        return None
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    version = int.from_bytes(header[60:64], "big")
    app_id = int.from_bytes(header[68:72], "big")
    return version if app_id == APPLICATION_ID and 0 < version < SCHEMA_VERSION else None


def write_atomic(project: Project | ManyProject, path: Path, info: dict[str, str]) -> None:
    """Write a new database beside ``path``, fsync it and rename it over ``path``."""
    target = Path(os.path.realpath(path))  # through a symlink, replace the file it points to
    if target.is_dir():
        raise ParallaxError(f"Cannot save {path}: it is a folder.")
    try:
        with save_lock(target) as tmp:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # honours the umask
            with closing(sqlite3.connect(tmp, isolation_level=None)) as conn:
                _write(conn, project, info)
            _fsync(tmp)
            if target.exists():
                shutil.copymode(target, tmp)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
    except OSError as exc:
        raise ParallaxError(f"Cannot save {path}: {exc.strerror or exc}.") from exc
    except sqlite3.Error as exc:
        raise ParallaxError(f"Cannot save {path}: {exc}.") from exc


def _write(conn: sqlite3.Connection, project: Project | ManyProject, info: dict[str, str]) -> None:
    # The temporary file only becomes visible when complete, so SQLite's own journal and
    # syncing are not needed; the file is fsynced once at the end.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("BEGIN")
    for statement in _statements(tables.SCHEMA):  # executescript() would commit the open transaction
        conn.execute(statement)
    info = {"app": "parallax", "app_version": __version__,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"), **info}
    tables.write(conn, from_pair(project) if isinstance(project, Project) else project, info)
    conn.execute("COMMIT")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- loading -----------------------------------------------------------------------------------

def load_project(path: str | Path) -> Project:
    """Read a project file of two sources as a two-source ``Project``; more sources raise ParallaxError."""
    project = load_many(path)
    if project.count != 2:
        raise ParallaxError(f"{path} compares {project.count} sources; this view opens projects of two.")
    return to_pair(project)


def load_many(path: str | Path) -> ManyProject:
    """Read a project file; a missing, foreign, damaged or too new file raises ParallaxError."""
    path = Path(path)
    remove_leftovers(Path(os.path.realpath(path)))  # of saves killed before their rename
    with closing(open_database(path)) as conn:
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":  # SQLite lists the problems on several lines
                raise ParallaxError(f"{path} is damaged ({one_line(check, 200)}).")
            return _read(conn)
        except (sqlite3.Error, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            # AttributeError: a column of the wrong JSON type (metadata stored as a list...)
            raise ParallaxError(f"{path} is damaged or not a Parallax project "
                                f"({one_line(exc, 200)}).") from None
        except RecursionError:  # JSON nested thousands deep in a column
            raise ParallaxError(f"{path} is damaged (a value is nested too deeply).") from None


def open_database(path: Path) -> sqlite3.Connection:
    """A read-only connection to a Parallax file at the current schema (migrated in memory)."""
    if path.exists() and not path.is_dir() and not path.is_file():  # a FIFO would block open()
        raise ParallaxError(f"{path} is not a regular file, so not a project file.")
    try:
        with open(path, "rb") as f:
            header = f.read(16)
    except FileNotFoundError:
        raise ParallaxError(f"{path}: no such project file.") from None
    except IsADirectoryError:
        raise ParallaxError(f"{path} is a folder, not a project file.") from None
    except OSError as exc:
        raise ParallaxError(f"Cannot open {path}: {exc.strerror or exc}.") from None
    if header != b"SQLite format 3\x00":
        raise ParallaxError(f"{path} is not a Parallax project.")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise ParallaxError(f"{path} is an SQLite database but not a Parallax project.")
        if version > SCHEMA_VERSION:
            raise ParallaxError(f"{path} was written by a newer Parallax (schema {version}); "
                                "please update Parallax to open it.")
        if version < 1:
            raise ParallaxError(f"{path} is damaged (no schema version).")
        if version < SCHEMA_VERSION:
            conn = _migrated(conn, version)
        return conn
    except sqlite3.Error as exc:
        conn.close()
        raise ParallaxError(f"{path} is damaged or not a Parallax project ({exc}).") from None
    except BaseException:
        conn.close()
        raise


def _migrated(conn: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """An in-memory copy of ``conn`` upgraded to ``SCHEMA_VERSION``; ``conn`` is closed."""
    memory = sqlite3.connect(":memory:")
    with closing(conn):
        conn.backup(memory)
    for step in range(version, SCHEMA_VERSION):
        MIGRATIONS[step](memory)
        memory.execute(f"PRAGMA user_version = {step + 1}")
    memory.commit()
    return memory


def read_info(path: Path) -> dict[str, str]:
    """The ``info`` table of a project file (autosaves keep their project's path there)."""
    with closing(open_database(path)) as conn:
        try:
            return dict(conn.execute("SELECT key, value FROM info"))
        except sqlite3.Error as exc:
            raise ParallaxError(f"{path} is damaged ({exc}).") from None


def _read(conn: sqlite3.Connection) -> ManyProject:
    """The project in a database at the current schema (older ones were migrated on opening)."""
    return tables.read(conn)
