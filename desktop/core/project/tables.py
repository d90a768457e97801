"""The tables of a ``.parallax`` file (schema 2): a ``ManyProject`` written into an open SQLite
database, read back with the type of every value checked, and the upgrade of a schema-1 database.

Layout (``storage`` owns the file: atomic saves, ``PRAGMA user_version``, the application id):

- ``info``: key/value about the file (app version, save time; autosaves add the project's path
  and the writing process id).
- ``sources``: ``idx`` (0 is source A), text, metadata (JSON, Metadata's field names), origin,
  format, body_start; 2 to 12 of them.
- ``passages``: source, index, offsets, paragraph and sentence numbers (the text is the slice of
  its source, so it is not stored twice).
- ``facts``: position in ``comparison.facts``, score, reason, status, and ``reference``: the source
  the fact's wordings are diffed against. ``members``: per fact and reporting source, its passage
  indices (JSON list). A passage in no fact is read as a fact of its source alone.
- ``differences``: each reporting source's word differences against the fact's reference
  (``ref_*`` offsets into the reference's text, ``start/end`` into the source's): stored, not
  recomputed, so a project opens at once and shows exactly what was saved.
- ``notes``: source index, offsets, quote, text, tags (JSON list), in the project's order.
- ``settings``: key/value (JSON): title, analyst, style, options, the comparison's options and
  its reference source.

Schema 1 held two sources "a"/"b" and their groups: ``from_v1`` turns such a database into schema
2 in SQL (``storage`` runs it on an in-memory copy; the file itself is upgraded by the next save).
Every reading error is a ValueError/TypeError naming what is wrong; ``storage`` reports it as a
damaged project.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from dataclasses import asdict
from enum import StrEnum
from typing import Any, TypeVar

from desktop.core import limits
from desktop.core.model import (
    MAX_SOURCES,
    AlignOptions,
    Difference,
    DiffKind,
    DiffOp,
    Fact,
    FactView,
    Granularity,
    GroupStatus,
    ManyComparison,
    Metadata,
    Note,
    Passage,
    Source,
    Which,
    Wording,
)
from desktop.core.project.many import ManyProject, single_fact, unmatched
from desktop.core.project.state import ProjectSettings

E = TypeVar("E", bound=StrEnum)

_COMPARISON_TABLES = """
CREATE TABLE sources (
    idx INTEGER PRIMARY KEY, text TEXT NOT NULL, metadata TEXT NOT NULL,
    origin TEXT NOT NULL, format TEXT NOT NULL, body_start INTEGER NOT NULL);
CREATE TABLE passages (
    source INTEGER NOT NULL, idx INTEGER NOT NULL, start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL, paragraph INTEGER NOT NULL, sentence INTEGER NOT NULL,
    PRIMARY KEY (source, idx)) WITHOUT ROWID;
CREATE TABLE facts (
    position INTEGER PRIMARY KEY, score REAL NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL,
    reference INTEGER NOT NULL);
CREATE TABLE members (
    fact INTEGER NOT NULL, source INTEGER NOT NULL, passages TEXT NOT NULL,
    PRIMARY KEY (fact, source)) WITHOUT ROWID;
CREATE TABLE differences (
    fact INTEGER NOT NULL, source INTEGER NOT NULL, seq INTEGER NOT NULL, op TEXT NOT NULL,
    kind TEXT NOT NULL, ref_start INTEGER NOT NULL, ref_end INTEGER NOT NULL,
    start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL,
    PRIMARY KEY (fact, source, seq)) WITHOUT ROWID;
CREATE TABLE notes (
    position INTEGER PRIMARY KEY, source INTEGER NOT NULL, start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL, quote TEXT NOT NULL, text TEXT NOT NULL, tags TEXT NOT NULL);
"""

SCHEMA = f"""
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
{_COMPARISON_TABLES}
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_SIDE = "CASE side WHEN 'a' THEN 0 WHEN 'b' THEN 1 ELSE side END"
_FROM_V1 = f"""
ALTER TABLE sources RENAME TO v1_sources;
ALTER TABLE passages RENAME TO v1_passages;
ALTER TABLE differences RENAME TO v1_differences;
ALTER TABLE notes RENAME TO v1_notes;
{_COMPARISON_TABLES}
INSERT INTO sources SELECT {_SIDE}, text, metadata, origin, format, body_start FROM v1_sources;
INSERT INTO passages SELECT {_SIDE}, idx, start_offset, end_offset, paragraph, sentence FROM v1_passages;
INSERT INTO facts SELECT position, score, reason, status, 0 FROM groups;
INSERT INTO members SELECT position, 0, a FROM groups UNION ALL SELECT position, 1, b FROM groups;
INSERT INTO differences SELECT group_position, 1, seq, op, kind, a_start, a_end, b_start, b_end
    FROM v1_differences;
INSERT INTO notes SELECT position, {_SIDE}, start_offset, end_offset, quote, text, tags FROM v1_notes;
DROP TABLE v1_differences;
DROP TABLE groups;
DROP TABLE v1_notes;
DROP TABLE v1_passages;
DROP TABLE v1_sources;
"""


def from_v1(conn: sqlite3.Connection) -> None:
    """Upgrade a schema-1 database (sources "a"/"b", groups) to schema 2: A and B become sources 0
    and 1, each group a fact of both diffed against A; settings and info are unchanged."""
    conn.executescript(_FROM_V1)


# -- writing -----------------------------------------------------------------------------------

def write(conn: sqlite3.Connection, project: ManyProject, info: dict[str, str]) -> None:
    """Fill the tables of ``SCHEMA`` (the caller creates them, in its transaction)."""
    c = project.comparison
    conn.executemany("INSERT INTO info VALUES (?, ?)", info.items())
    conn.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
                     [(k, s.text, _json(asdict(s.metadata)), s.origin, s.format, s.body_start)
                      for k, s in enumerate(c.sources)])
    conn.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)",
                     [(k, p.index, p.start, p.end, p.paragraph, p.sentence)
                      for k, passages in enumerate(c.passages) for p in passages])
    facts = list(enumerate(c.facts))
    conn.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?)",
                     [(pos, v.fact.score, v.fact.reason, v.fact.status.value, v.reference)
                      for pos, v in facts])
    conn.executemany("INSERT INTO members VALUES (?, ?, ?)",
                     [(pos, source, _int_list(passages))
                      for pos, v in facts for source, passages in v.fact.members])
    conn.executemany("INSERT INTO differences VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(pos, w.source, seq, d.op.value, d.kind.value, d.a_start, d.a_end, d.b_start, d.b_end)
                      for pos, v in facts for w in v.wordings for seq, d in enumerate(w.differences)])
    conn.executemany("INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(pos, n.side.index, n.start, n.end, n.quote, n.text, _json(list(n.tags)))
                      for pos, n in enumerate(project.notes)])
    s = project.settings
    settings = {"title": s.title, "analyst": s.analyst, "style": s.style,
                "options": _options_dict(s.options), "comparison_options": _options_dict(c.options),
                "reference": c.reference}
    conn.executemany("INSERT INTO settings VALUES (?, ?)", [(k, _json(v)) for k, v in settings.items()])


# -- reading -----------------------------------------------------------------------------------

def read(conn: sqlite3.Connection) -> ManyProject:
    """The project in a schema-2 database; ValueError/TypeError for anything malformed."""
    sources = _sources(conn)
    passages = tuple(_passages(conn, Which(k), s.text) for k, s in enumerate(sources))
    for k, ps in enumerate(passages):
        if len(ps) > limits.MAX_PASSAGES:
            raise ValueError(f"source {Which(k).letter} has {len(ps):,} passages; the limit is "
                             f"{limits.MAX_PASSAGES:,}")
    views = _facts(conn, sources, passages)
    views += [single_fact(s, (i,)) for s, i in unmatched(passages, (v.fact for v in views))]
    settings = {k: _loads(v, f"the setting {k}")
                for k, v in conn.execute("SELECT key, value FROM settings")}
    reference = settings.get("reference", 0)
    if type(reference) is not int or not 0 <= reference < len(sources):
        raise ValueError(f"the reference source {_shown(reference)} is not one of the {len(sources)} sources")
    comparison = ManyComparison(sources, passages, tuple(views), reference,
                                _options(settings.get("comparison_options", {})))
    project_settings = ProjectSettings(*(_setting(settings, key, default) for key, default in
                                         (("title", ""), ("analyst", ""), ("style", "apa"))),
                                       _options(settings.get("options", {})))
    return ManyProject(comparison, _notes(conn, sources), project_settings)


def _sources(conn: sqlite3.Connection) -> tuple[Source, ...]:
    rows = conn.execute("SELECT idx, text, metadata, origin, format, body_start FROM sources ORDER BY idx")
    sources = []
    for n, row in enumerate(rows):
        if row[0] != n:
            raise ValueError(f"source {Which(n).letter} is missing")
        sources.append(_source(row))
        problem = limits.text_problem(len(sources[-1].text))
        if problem:  # a file written by hand, or by another program: the same budget as a source
            raise ValueError(f"source {Which(n).letter}: {problem}")
    if not 2 <= len(sources) <= MAX_SOURCES:
        raise ValueError(f"the file holds {len(sources)} sources, not 2 to {MAX_SOURCES}")
    return tuple(sources)


def _passages(conn: sqlite3.Connection, which: Which, text: str) -> tuple[Passage, ...]:
    out: list[Passage] = []
    rows = conn.execute("SELECT idx, start_offset, end_offset, paragraph, sentence FROM passages "
                        "WHERE source = ? ORDER BY idx", (which.index,))
    for n, (idx, start, end, paragraph, sentence) in enumerate(rows):
        if idx != n:
            raise ValueError(f"passage {n} of {which.letter} is missing")
        _check_range(text, start, end, "passage {} of {}", n, which.letter)
        if not (type(paragraph) is int and type(sentence) is int and paragraph >= 0 and sentence >= 0):
            raise ValueError(f"passage {n} of {which.letter} has a paragraph or sentence of the wrong type")
        out.append(Passage(idx, start, end, text[start:end], paragraph, sentence))
    return tuple(out)


def _facts(conn: sqlite3.Connection, sources: tuple[Source, ...], passages: tuple[tuple[Passage, ...], ...]
           ) -> list[FactView]:
    members: dict[int, list[tuple[Any, Any]]] = {}
    for fact, source, indices in conn.execute("SELECT fact, source, passages FROM members "
                                              "ORDER BY fact, source"):
        members.setdefault(fact, []).append((source, indices))
    diffs: dict[tuple[int, int], list[tuple[Any, ...]]] = {}
    for fact, source, *row in conn.execute("SELECT fact, source, op, kind, ref_start, ref_end, start_offset, "
                                           "end_offset FROM differences ORDER BY fact, source, seq"):
        diffs.setdefault((fact, source), []).append(tuple(row))
    views = []
    rows = conn.execute("SELECT position, score, reason, status, reference FROM facts ORDER BY position")
    for n, (pos, score, reason, status, reference) in enumerate(rows):
        if pos != n:
            raise ValueError(f"fact {n} is missing")
        if type(score) not in (int, float) or not math.isfinite(score) or not isinstance(reason, str) \
                or not isinstance(status, str):
            raise ValueError(f"fact {n} has a score, reason or status of the wrong type")
        found = tuple(_member(n, source, indices, passages) for source, indices in members.pop(pos, ()))
        if not found:
            raise ValueError(f"fact {n} has no passages")
        fact = Fact(found, float(score), reason, _enum(GroupStatus, status, f"the status of fact {n}"))
        if type(reference) is not int or reference not in fact.sources:
            raise ValueError(f"fact {n} is compared with source {_shown(reference)}, which does not "
                             "report it")
        wordings = tuple(Wording(s, ps, tuple(_difference(row, sources[reference].text, sources[s].text)
                                              for row in diffs.pop((pos, s), ())))
                         for s, ps in found)
        views.append(FactView(fact, reference, wordings))
    if members or diffs:
        fact, where = (min(members), "passages") if members else (min(diffs)[0], "differences")
        raise ValueError(f"{where} of fact {fact}, which does not exist or lacks that source")
    return views


def _member(n: int, source: Any, indices: Any, passages: tuple[tuple[Passage, ...], ...]
            ) -> tuple[int, tuple[int, ...]]:
    """One source's passages in fact ``n``: a known source, a non-empty increasing list of its passages."""
    if type(source) is not int or not 0 <= source < len(passages):
        raise ValueError(f"fact {n} names a source {_shown(source)} that does not exist")
    if isinstance(indices, str) and _INT_LIST.fullmatch(indices):  # the usual case, without a JSON parse
        values: Any = [int(i) for i in indices[1:-1].split(",")]
    else:
        values = _loads(indices, f"the passages of {Which(source).letter} in fact {n}")
    if not isinstance(values, list) or not values:
        raise ValueError(f"fact {n} has no list of passages of {Which(source).letter}")
    count = len(passages[source])
    for i in values:
        if type(i) is not int or not 0 <= i < count:
            raise ValueError(f"fact {n} refers to passage {_shown(i)} of {Which(source).letter}, "
                             "which does not exist")
    if any(values[k] >= values[k + 1] for k in range(len(values) - 1)):
        raise ValueError(f"the passages of {Which(source).letter} in fact {n} are not in order")
    return source, tuple(values)


def _difference(row: tuple[Any, ...], ref_text: str, text: str) -> Difference:
    op, kind, r0, r1, s0, s1 = row
    _check_range(ref_text, r0, r1, "a difference")
    _check_range(text, s0, s1, "a difference")
    return Difference(_enum(DiffOp, op, "a difference's operation"), _enum(DiffKind, kind, "a difference's "
                      "kind"), r0, r1, s0, s1, ref_text[r0:r1], text[s0:s1])


def _notes(conn: sqlite3.Connection, sources: tuple[Source, ...]) -> tuple[Note, ...]:
    notes: list[Note] = []
    rows = conn.execute("SELECT source, start_offset, end_offset, quote, text, tags FROM notes "
                        "ORDER BY position")
    for n, (source, start, end, quote, text, tags) in enumerate(rows):
        if type(source) is not int or not 0 <= source < len(sources):
            raise ValueError(f"note {n + 1} is on a source {_shown(source)} that does not exist")
        _check_range(sources[source].text, start, end, "note {}", n + 1)
        if not isinstance(quote, str) or not isinstance(text, str):
            raise ValueError(f"the quote or text of note {n + 1} is not text")
        if quote != sources[source].text[start:end]:
            raise ValueError(f"note {n + 1} does not quote the words at its position")
        values = _loads(tags, f"the tags of note {n + 1}")
        if not isinstance(values, list) or not all(isinstance(t, str) for t in values):
            raise ValueError(f"the tags of note {n + 1} are not a list of words")
        notes.append(Note(Which(source), start, end, quote, text, tuple(values)))
    return tuple(notes)


def _check_range(text: str, start: Any, end: Any, what: str, *details: object) -> None:
    """A range into ``text``; ``what.format(*details)`` names it in the error (built only then)."""
    if not (type(start) is int and type(end) is int and 0 <= start <= end <= len(text)):
        raise ValueError(f"{what.format(*details)} lies outside its source ({_shown(start)}-{_shown(end)})")


def _loads(value: Any, what: str) -> Any:
    """A stored JSON value; SQLite keeps whatever a damaged file holds (a BLOB, a number, JSON
    nested thousands deep)."""
    if not isinstance(value, str):
        raise ValueError(f"{what} is not text")
    try:
        return json.loads(value)
    except RecursionError:
        raise ValueError(f"{what} is nested too deeply") from None


def _enum(cls: type[E], value: Any, what: str) -> E:
    try:
        return cls._value2member_map_[value]  # type: ignore[return-value]  # cls(value) without its costs
    except (KeyError, TypeError):
        raise ValueError(f"{what} is {_shown(value)}, not one of {', '.join(m.value for m in cls)}") from None


def _shown(value: Any, limit: int = 40) -> str:
    """A stored value in a message: its repr, cut short (it may be anything of any length)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _setting(settings: dict[str, Any], key: str, default: str) -> str:
    value = settings.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"the setting {key} is not text")
    return value


# -- JSON helpers ------------------------------------------------------------------------------

def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _int_list(values: tuple[int, ...]) -> str:
    """``_json(list(values))`` for passage indices, without building an encoder per fact."""
    return "[" + ",".join(map(str, values)) + "]"


_INT_LIST = re.compile(r"\[[0-9]+(?:,[0-9]+)*\]")


def _source(row: tuple[Any, ...]) -> Source:
    """A source row (idx, text, metadata, origin, format, body_start), its types checked: SQLite
    keeps whatever a damaged or hand-edited file holds (a BLOB as the text, a float as the offset)."""
    _idx, text, metadata, origin, fmt, body_start = row
    if not all(isinstance(v, str) for v in (text, metadata, origin, fmt)):
        raise ValueError("a source's text, metadata, origin or format is not text")
    if type(body_start) is not int or not 0 <= body_start <= len(text):
        raise ValueError("a source's body start is not an offset into its text")
    return Source(text, _metadata(_loads(metadata, "a source's metadata")), origin, fmt, body_start)


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


def _options_dict(options: AlignOptions) -> dict[str, Any]:
    return {"threshold": options.threshold, "granularity": options.granularity.value,
            "ignore_case": options.ignore_case, "ignore_punctuation": options.ignore_punctuation}


def _options(data: dict[str, Any]) -> AlignOptions:
    if not isinstance(data, dict):
        raise ValueError(f"alignment options are a JSON {type(data).__name__}, not an object")
    threshold = data.get("threshold")
    if threshold is not None and type(threshold) not in (int, float):
        raise ValueError(f"the threshold {_shown(threshold)} is not a number")
    flags = {key: data.get(key, False) for key in ("ignore_case", "ignore_punctuation")}
    if not all(type(v) is bool for v in flags.values()):
        raise ValueError("ignore_case and ignore_punctuation are not true or false")
    return AlignOptions(None if threshold is None else float(threshold),
                        _enum(Granularity, data.get("granularity", "sentence"), "the granularity"), **flags)
