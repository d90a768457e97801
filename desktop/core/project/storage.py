"""The ``.parallax`` project file: one SQLite database, written atomically.

Layout (schema 1; ``PRAGMA user_version`` holds the schema number, ``PRAGMA application_id``
marks the file as Parallax's):

- ``info``: key/value about the file (app version, save time; autosaves add the project's path
  and the writing process id).
- ``sources``: side "a"/"b", text, metadata (JSON, Metadata's field names), origin, format,
  body_start.
- ``passages``: side, index, offsets, paragraph and sentence numbers (the text is the slice of
  its source, so it is not stored twice).
- ``groups``: position in ``comparison.groups``, a/b passage indices (JSON lists), score, reason,
  status.
- ``differences``: stored, not recomputed, so a project opens at once and shows exactly what
  was saved whatever the word differ does today; re-aligning recomputes them. Their texts are
  slices of the sources.
- ``notes``: side, offsets, quote, text, tags (JSON list), in the project's order.
- ``settings``: key/value (JSON): title, analyst, style, options and the comparison's options.

Saving writes a new database next to the target, commits, fsyncs and renames it over the target
(``os.replace``), so a crash or kill during a save leaves the old file or the new one, never a
mix, plus at most one hidden ``.<name>.tmp`` that the next save or open of the file removes
(``desktop.core.project.savefiles``: a lock keeps that from deleting a live save's temporary).
Loading never writes to the file: an older schema is migrated in memory (``MIGRATIONS``) and the
file is upgraded by the next save. Autosave helpers live in ``desktop.core.project.autosave``.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.core.model import (
    AlignedGroup,
    AlignOptions,
    Comparison,
    Difference,
    DiffKind,
    DiffOp,
    Granularity,
    Group,
    GroupStatus,
    Metadata,
    Note,
    ParallaxError,
    Passage,
    Source,
)
from desktop.core.project.savefiles import remove_leftovers, save_lock
from desktop.core.project.state import Project, ProjectSettings

SCHEMA_VERSION = 1
APPLICATION_ID = 0x50524C58  # "PRLX"
SUFFIX = ".parallax"

MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}
"""``MIGRATIONS[n]`` upgrades an open database from schema n to n + 1 (run on an in-memory copy)."""

_SCHEMA = """
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    side TEXT PRIMARY KEY CHECK (side IN ('a', 'b')), text TEXT NOT NULL, metadata TEXT NOT NULL,
    origin TEXT NOT NULL, format TEXT NOT NULL, body_start INTEGER NOT NULL);
CREATE TABLE passages (
    side TEXT NOT NULL, idx INTEGER NOT NULL, start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL, paragraph INTEGER NOT NULL, sentence INTEGER NOT NULL,
    PRIMARY KEY (side, idx)) WITHOUT ROWID;
CREATE TABLE groups (
    position INTEGER PRIMARY KEY, a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL,
    reason TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE differences (
    group_position INTEGER NOT NULL REFERENCES groups (position), seq INTEGER NOT NULL,
    op TEXT NOT NULL, kind TEXT NOT NULL, a_start INTEGER NOT NULL, a_end INTEGER NOT NULL,
    b_start INTEGER NOT NULL, b_end INTEGER NOT NULL, PRIMARY KEY (group_position, seq)) WITHOUT ROWID;
CREATE TABLE notes (
    position INTEGER PRIMARY KEY, side TEXT NOT NULL, start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL, quote TEXT NOT NULL, text TEXT NOT NULL, tags TEXT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


# -- saving ------------------------------------------------------------------------------------

def save_project(project: Project, path: str | Path) -> None:
    """Write ``project`` to ``path`` atomically; a failure raises ParallaxError and leaves the old file."""
    write_atomic(project, Path(path), {})


def write_atomic(project: Project, path: Path, info: dict[str, str]) -> None:
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


def _write(conn: sqlite3.Connection, project: Project, info: dict[str, str]) -> None:
    # The temporary file only becomes visible when complete, so SQLite's own journal and
    # syncing are not needed; the file is fsynced once at the end.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("BEGIN")
    for statement in _statements(_SCHEMA):  # executescript() would commit the open transaction
        conn.execute(statement)
    c = project.comparison
    info = {"app": "parallax", "app_version": __version__,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"), **info}
    conn.executemany("INSERT INTO info VALUES (?, ?)", info.items())
    for side, source in (("a", c.a), ("b", c.b)):
        conn.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
                     (side, source.text, _json(asdict(source.metadata)), source.origin, source.format,
                      source.body_start))
    for side, passages in (("a", c.passages_a), ("b", c.passages_b)):
        conn.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)",
                         [(side, p.index, p.start, p.end, p.paragraph, p.sentence) for p in passages])
    for pos, ag in enumerate(c.groups):
        g = ag.group
        conn.execute("INSERT INTO groups VALUES (?, ?, ?, ?, ?, ?)",
                     (pos, _json(list(g.a)), _json(list(g.b)), g.score, g.reason, g.status.value))
        conn.executemany("INSERT INTO differences VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [(pos, seq, d.op.value, d.kind.value, d.a_start, d.a_end, d.b_start, d.b_end)
                          for seq, d in enumerate(ag.differences)])
    conn.executemany("INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(pos, n.side, n.start, n.end, n.quote, n.text, _json(list(n.tags)))
                      for pos, n in enumerate(project.notes)])
    s = project.settings
    settings = {"title": s.title, "analyst": s.analyst, "style": s.style,
                "options": _options_dict(s.options), "comparison_options": _options_dict(c.options)}
    conn.executemany("INSERT INTO settings VALUES (?, ?)", [(k, _json(v)) for k, v in settings.items()])
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
    """Read a project file; a missing, foreign, damaged or too new file raises ParallaxError."""
    path = Path(path)
    remove_leftovers(Path(os.path.realpath(path)))  # of saves killed before their rename
    with closing(open_database(path)) as conn:
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":  # SQLite lists the problems on several lines
                raise ParallaxError(f"{path} is damaged ({_one_line(check)}).")
            return _read(conn)
        except (sqlite3.Error, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            # AttributeError: a column of the wrong JSON type (metadata stored as a list...)
            raise ParallaxError(f"{path} is damaged or not a Parallax project ({_one_line(exc)}).") from None
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


def _read(conn: sqlite3.Connection) -> Project:
    rows = conn.execute("SELECT side, text, metadata, origin, format, body_start FROM sources")
    sources = {row[0]: _source(row) for row in rows}
    if set(sources) != {"a", "b"}:
        raise ValueError("the file needs sources a and b")
    passages = {side: _passages(conn, side, sources[side].text) for side in ("a", "b")}
    diffs: dict[int, list[Difference]] = {}
    rows = conn.execute("SELECT group_position, op, kind, a_start, a_end, b_start, b_end "
                        "FROM differences ORDER BY group_position, seq")
    for pos, op, kind, a0, a1, b0, b1 in rows:
        _check_range(sources["a"].text, a0, a1, "a difference")
        _check_range(sources["b"].text, b0, b1, "a difference")
        diffs.setdefault(pos, []).append(Difference(
            DiffOp(op), DiffKind(kind), a0, a1, b0, b1, sources["a"].text[a0:a1], sources["b"].text[b0:b1]))
    groups = [_group(row, diffs) for row in
              conn.execute("SELECT position, a, b, score, reason, status FROM groups ORDER BY position")]
    _check_groups(groups, len(passages["a"]), len(passages["b"]))
    used = {side: {i for ag in groups for i in (ag.group.a if side == "a" else ag.group.b)}
            for side in ("a", "b")}
    settings = {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM settings")}
    comparison = Comparison(
        sources["a"], sources["b"], passages["a"], passages["b"], tuple(groups),
        tuple(i for i in range(len(passages["a"])) if i not in used["a"]),
        tuple(j for j in range(len(passages["b"])) if j not in used["b"]),
        _options(settings.get("comparison_options", {})),
    )
    notes = tuple(_notes(conn, sources))
    project_settings = ProjectSettings(_text(settings, "title", ""), _text(settings, "analyst", ""),
                                       _text(settings, "style", "apa"), _options(settings.get("options", {})))
    return Project(comparison, notes, project_settings)


def _passages(conn: sqlite3.Connection, side: str, text: str) -> tuple[Passage, ...]:
    out: list[Passage] = []
    rows = conn.execute("SELECT idx, start_offset, end_offset, paragraph, sentence FROM passages "
                        "WHERE side = ? ORDER BY idx", (side,))
    for n, (idx, start, end, paragraph, sentence) in enumerate(rows):
        if idx != n:
            raise ValueError(f"passage {n} of {side.upper()} is missing")
        _check_range(text, start, end, f"passage {n} of {side.upper()}")
        if not all(type(v) is int and v >= 0 for v in (paragraph, sentence)):
            raise ValueError(f"passage {n} of {side.upper()} has no paragraph or sentence number")
        out.append(Passage(idx, start, end, text[start:end], paragraph, sentence))
    return tuple(out)


def _notes(conn: sqlite3.Connection, sources: dict[str, Source]) -> list[Note]:
    notes: list[Note] = []
    rows = conn.execute("SELECT side, start_offset, end_offset, quote, text, tags FROM notes "
                        "ORDER BY position")
    for side, start, end, quote, text, tags in rows:
        if side not in sources or not all(isinstance(v, str) for v in (quote, text, tags)):
            raise ValueError("a note's side, quote, text or tags are not what a note holds")
        _check_range(sources[side].text, start, end, "a note")
        notes.append(Note(side, start, end, quote, text, _strings(json.loads(tags), "a note's tags")))
    return notes


def _group(row: tuple[Any, ...], diffs: dict[int, list[Difference]]) -> AlignedGroup:
    """A group row (position, a, b, score, reason, status), its types checked."""
    pos, a, b, score, reason, status = row
    if not all(isinstance(v, str) for v in (a, b, reason)):
        raise ValueError(f"group {pos}: its passages or reason are not text")
    if type(score) not in (int, float) or not math.isfinite(score):
        raise ValueError(f"group {pos}: its score is not a number")
    a_indices, b_indices = json.loads(a), json.loads(b)
    if not (isinstance(a_indices, list) and isinstance(b_indices, list)):
        raise ValueError(f"group {pos}: its passages are not lists")
    return AlignedGroup(Group(tuple(a_indices), tuple(b_indices), float(score), reason, GroupStatus(status)),
                        tuple(diffs.get(pos, ())))


def _check_groups(groups: list[AlignedGroup], count_a: int, count_b: int) -> None:
    for n, ag in enumerate(groups):
        for side, indices, count in (("a", ag.group.a, count_a), ("b", ag.group.b, count_b)):
            if not indices:
                raise ValueError(f"group {n} has no passage of {side.upper()}")
            for i in indices:
                if type(i) is not int or not 0 <= i < count:
                    raise ValueError(f"group {n} refers to passage {i} of {side.upper()}, "
                                     f"which does not exist")


def _check_range(text: str, start: int, end: int, what: str) -> None:
    if not (type(start) is int and type(end) is int and 0 <= start <= end <= len(text)):
        raise ValueError(f"{what} lies outside its source ({start}-{end})")


# -- JSON helpers ------------------------------------------------------------------------------

def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _source(row: tuple[Any, ...]) -> Source:
    """A source row (side, text, metadata, origin, format, body_start), its types checked: SQLite
    keeps whatever a damaged or hand-edited file holds (a BLOB as the text, a float as the offset)."""
    _side, text, metadata, origin, fmt, body_start = row
    if not all(isinstance(v, str) for v in (text, metadata, origin, fmt)):
        raise ValueError("a source's text, metadata, origin or format is not text")
    if type(body_start) is not int or not 0 <= body_start <= len(text):
        raise ValueError("a source's body start is not an offset into its text")
    return Source(text, _metadata(json.loads(metadata)), origin, fmt, body_start)


def _metadata(data: dict[str, Any]) -> Metadata:
    """Metadata from its stored JSON; a value of the wrong type is damage (ValueError), not a crash
    later in the citation or the PDF."""
    if not isinstance(data, dict):
        raise ValueError(f"metadata is a JSON {type(data).__name__}, not an object")
    known = {k: v for k, v in data.items() if k in Metadata.__dataclass_fields__}
    if "authors" in known:
        if not isinstance(known["authors"], list) or not all(isinstance(a, str) for a in known["authors"]):
            raise ValueError("metadata authors are not a list of names")
        known["authors"] = tuple(known["authors"])
    wrong = [k for k, v in known.items() if k != "authors" and not isinstance(v, str)]
    if wrong:
        raise ValueError(f"metadata {', '.join(wrong)} not text")
    return Metadata(**known)


def _one_line(problem: object, limit: int = 200) -> str:
    """A problem's description as one short line: it may quote a stored value of any length."""
    line = " ".join(str(problem).split())
    return line if len(line) <= limit else line[:limit - 3] + "..."


def _text(settings: dict[str, Any], key: str, default: str) -> str:
    value = settings.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"the setting {key} is not text")
    return value


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{what} are not a list of words")
    return tuple(value)


def _options_dict(options: AlignOptions) -> dict[str, Any]:
    return {"threshold": options.threshold, "granularity": options.granularity.value,
            "ignore_case": options.ignore_case, "ignore_punctuation": options.ignore_punctuation}


def _options(data: dict[str, Any]) -> AlignOptions:
    threshold = data.get("threshold")
    return AlignOptions(
        threshold=None if threshold is None else float(threshold),
        granularity=Granularity(data.get("granularity", Granularity.SENTENCE.value)),
        ignore_case=bool(data.get("ignore_case", False)),
        ignore_punctuation=bool(data.get("ignore_punctuation", False)),
    )
