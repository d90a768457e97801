"""Project files of schema 2: N sources, facts, notes on any source; version 1 files opened,
upgraded on save with a backup kept; damaged schema-2 files refused in one line."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from projkit import V1_FIXTURE, many_project, release_v1_project

from desktop.core.model import AlignOptions, DiffKind, GroupStatus, ParallaxError, Which
from desktop.core.project import edits, storage
from desktop.core.project.many import ManyProject
from desktop.core.project.storage import load_many, load_project, save_project

FIXTURE = Path(__file__).parent / "fixtures" / V1_FIXTURE
C = Which(2)


def schema(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    return version


def v1_copy(tmp_path: Path, name: str = "brief.parallax") -> Path:
    path = tmp_path / name
    shutil.copyfile(FIXTURE, path)
    return path


# -- version 1 files ---------------------------------------------------------------------------

def test_the_version_1_file_of_the_release_opens_unchanged():
    assert schema(FIXTURE) == 1
    before = FIXTURE.read_bytes()
    assert load_project(FIXTURE) == release_v1_project()
    assert FIXTURE.read_bytes() == before  # opening never writes


def test_a_version_1_file_reads_as_two_sources_whose_groups_are_facts():
    many = load_many(FIXTURE)
    assert many.count == 2 and many.comparison.reference == 0
    assert [v.fact.members for v in many.facts] == [((0, (0,)), (1, (0,))), ((0, (1,)), (1, (1,))),
                                                    ((0, (0, 2)), (1, (2,))), ((0, (2,)), (1, (3,)))]
    assert [v.fact.status.value for v in many.facts] == ["confirmed", "proposed", "confirmed", "rejected"]
    number = many.facts[1].wordings[1].differences[0]
    assert (number.kind, number.a_text, number.b_text) == (DiffKind.NUMBER, "12", "14")
    assert [(n.side, n.quote, n.tags) for n in many.notes] == [
        (Which(0), "Путин", ("framing",)), (Which(1), "14", ("numbers", "свой тег")), (Which(0), "", ())]
    assert many.settings.style == "chicago" and many.settings.options.threshold == 0.4


def test_saving_a_version_1_file_upgrades_it_and_keeps_the_old_one_beside_it(tmp_path):
    path = v1_copy(tmp_path)
    project = load_project(path)
    backup = save_project(project, path)
    assert backup == tmp_path / "brief.v1-backup.parallax"
    assert backup.read_bytes() == FIXTURE.read_bytes() and schema(backup) == 1
    assert schema(path) == 2 and load_project(path) == project
    assert save_project(project, path) is None  # schema 2 now: nothing more to keep
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.parallax", "brief.v1-backup.parallax"]


def test_an_existing_backup_is_never_overwritten(tmp_path):
    (tmp_path / "brief.v1-backup.parallax").write_bytes(b"an older backup")
    (tmp_path / "brief.v1-backup-2.parallax").write_bytes(b"and another")
    path = v1_copy(tmp_path)
    assert save_project(load_project(path), path) == tmp_path / "brief.v1-backup-3.parallax"
    assert (tmp_path / "brief.v1-backup.parallax").read_bytes() == b"an older backup"
    assert (tmp_path / "brief.v1-backup-2.parallax").read_bytes() == b"and another"
    assert (tmp_path / "brief.v1-backup-3.parallax").read_bytes() == FIXTURE.read_bytes()


def test_saving_elsewhere_or_over_another_file_keeps_no_backup(tmp_path):
    project = load_project(FIXTURE)
    assert save_project(project, tmp_path / "new.parallax") is None
    (tmp_path / "notes.txt").write_text("not a project")
    assert save_project(project, tmp_path / "notes.txt") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.parallax", "notes.txt"]


def test_a_failed_backup_stops_the_save_and_leaves_the_file(tmp_path, monkeypatch):
    path = v1_copy(tmp_path)

    def full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.shutil, "copyfileobj", full)
    with pytest.raises(ParallaxError, match="Cannot keep a backup of .*brief.parallax.*No space left"):
        save_project(load_project(path), path)
    assert path.read_bytes() == FIXTURE.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["brief.parallax"]  # no half backup


def test_passages_a_version_1_file_left_unmatched_are_facts_of_their_source(tmp_path):
    path = v1_copy(tmp_path)
    with sqlite3.connect(path) as conn:  # the fixture without its last group: B3 is unmatched
        conn.execute("DELETE FROM differences WHERE group_position = 3")
        conn.execute("DELETE FROM groups WHERE position = 3")
    conn.close()
    many = load_many(path)
    assert [v.fact.members for v in many.facts][3:] == [((1, (3,)),)]
    assert many.comparison.only_in(1) == (3,)  # fact 3, B3 alone
    assert load_project(path).comparison.only_b == (3,)


@pytest.mark.parametrize(("change", "message"), [
    ("UPDATE groups SET a = '[99]' WHERE position = 0", "fact 0 refers to passage 99 of A"),
    ("UPDATE groups SET b = '[]' WHERE position = 1", "fact 1 has no list of passages of B"),
    ("UPDATE sources SET text = X'00' WHERE side = 'a'", "text, metadata, origin or format is not text"),
    ("UPDATE notes SET side = 'c' WHERE position = 0", "note 1 is on a source 'c'"),
    ("UPDATE notes SET text = X'4BB5AB' WHERE position = 0", "the quote or text of note 1 is not text"),
    ("UPDATE notes SET tags = '\"omission\"' WHERE position = 0", "the tags of note 1 are not a list"),
    ("UPDATE groups SET reason = X'6E616D6573' WHERE position = 0", "fact 0 has a score, reason or status"),
    ("UPDATE groups SET score = 'high' WHERE position = 0", "fact 0 has a score, reason or status"),
    ("UPDATE passages SET sentence = -1 WHERE side = 'a' AND idx = 0", "passage 0 of A has a paragraph"),
    ("UPDATE groups SET status = 'x' || hex(zeroblob(500)) WHERE position = 0", "is 'x000000000000"),
])
def test_a_damaged_version_1_file_is_refused_in_one_line(tmp_path, change, message):
    path = v1_copy(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute(change)
    conn.close()
    with pytest.raises(ParallaxError) as err:
        load_project(path)
    text = str(err.value)
    assert str(path) in text and "is damaged" in text and message in text and "\n" not in text


# -- schema 2: N sources -----------------------------------------------------------------------

def three_source_project() -> ManyProject:
    project = many_project(statuses={0: GroupStatus.CONFIRMED, 3: GroupStatus.REJECTED}, reference=1)
    c_text = project.source(C).text
    start = c_text.index("Протесты")
    project = edits.add_note(project, edits.make_note(project, C, start, start + 8, "only C 📣",
                                                      ["omission", "свой тег"]))
    project = edits.add_note(project, edits.passage_note(project, "a", 1, "agreements"))
    settings = replace(project.settings, title="Три источника", options=AlignOptions(threshold=0.3))
    return replace(project, settings=settings)


def test_three_sources_round_trip_with_notes_on_c(tmp_path):
    project = three_source_project()
    path = tmp_path / "три.parallax"
    assert save_project(project, path) is None
    loaded = load_many(path)
    assert loaded == project
    assert schema(path) == 2
    assert loaded.notes[0].side == C and loaded.notes[0].quote == "Протесты"
    assert loaded.comparison.reference == 1 and loaded.facts[0].reference == 1
    assert loaded.notes_for_passage(C, 1) == (0,)
    with pytest.raises(ParallaxError, match="три.parallax compares 3 sources"):
        load_project(path)


def test_a_two_source_project_saved_as_facts_opens_as_the_same_project(tmp_path):
    project = release_v1_project()
    save_project(project, tmp_path / "p.parallax")
    with sqlite3.connect(tmp_path / "p.parallax") as conn:
        assert conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0] == 4
        assert conn.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 8
    conn.close()
    assert load_project(tmp_path / "p.parallax") == project


@pytest.mark.parametrize(("change", "message"), [
    ("UPDATE members SET passages = '[1, 0]' WHERE fact = 0 AND source = 0", "are not in order"),
    ("UPDATE members SET passages = X'5B305D' WHERE fact = 0 AND source = 0", "of A in fact 0 is not text"),
    ("UPDATE members SET passages = '\"0\"' WHERE fact = 0 AND source = 1", "no list of passages of B"),
    ("UPDATE members SET passages = '[0.5]' WHERE fact = 0 AND source = 2", "passage 0.5 of C"),
    ("UPDATE members SET source = 7 WHERE fact = 0 AND source = 2", "fact 0 names a source 7"),
    ("DELETE FROM members WHERE fact = 1", "fact 1 has no passages"),
    ("INSERT INTO members VALUES (99, 0, '[0]')", "passages of fact 99, which does not exist"),
    ("UPDATE facts SET reference = 2 WHERE position = 1", "fact 1 is compared with source 2"),
    ("UPDATE facts SET score = 'high' WHERE position = 0", "fact 0 has a score, reason or status"),
    ("UPDATE facts SET status = 'maybe' WHERE position = 0", "status of fact 0 is 'maybe', not one of"),
    ("UPDATE facts SET score = 1e999 WHERE position = 0", "fact 0 has a score, reason or status"),
    ("UPDATE members SET passages = replace(hex(zeroblob(3000)), '00', '[') WHERE fact = 0 AND source = 0",
     "the passages of A in fact 0 is nested too deeply"),
    ("DELETE FROM facts WHERE position = 0", "fact 0 is missing"),
    ("UPDATE sources SET idx = 5 WHERE idx = 2", "source C is missing"),
    ("DELETE FROM sources WHERE idx > 0", "holds 1 sources, not 2 to 12"),
    ("UPDATE sources SET body_start = 1.5 WHERE idx = 2", "body start is not an offset"),
    ("UPDATE passages SET paragraph = 1.5 WHERE source = 2 AND idx = 0", "passage 0 of C has a paragraph"),
    ("UPDATE passages SET end_offset = 10000 WHERE source = 2 AND idx = 0", "passage 0 of C lies outside"),
    ("UPDATE differences SET start_offset = 10000", "a difference lies outside its source"),
    ("UPDATE notes SET source = 9 WHERE position = 0", "note 1 is on a source 9"),
    ("UPDATE notes SET quote = 'другое' WHERE position = 0", "note 1 does not quote the words"),
    ("UPDATE notes SET tags = '[1]' WHERE position = 0", "the tags of note 1 are not a list"),
    ("UPDATE settings SET value = '7' WHERE key = 'reference'", "the reference source 7 is not one of"),
    ("UPDATE settings SET value = '3' WHERE key = 'title'", "the setting title is not text"),
    ("UPDATE settings SET value = '{\"ignore_case\": 1}' WHERE key = 'options'", "ignore_case"),
])
def test_a_damaged_schema_2_file_is_refused_in_one_line(tmp_path, change, message):
    path = tmp_path / "p.parallax"
    save_project(three_source_project(), path)
    with sqlite3.connect(path) as conn:
        assert conn.execute(change).rowcount >= 1
    conn.close()
    with pytest.raises(ParallaxError) as err:
        load_many(path)
    text = str(err.value)
    assert str(path) in text and "is damaged" in text and message in text and "\n" not in text


@pytest.mark.parametrize("limit, value, message", [
    ("MAX_TEXT_CHARS", 10, "source A: the text is"),
    ("MAX_PASSAGES", 1, "source A has"),
])
def test_a_project_over_the_source_limits_is_refused(tmp_path, monkeypatch, limit, value, message):
    from desktop.core import limits

    path = tmp_path / "big.parallax"
    storage.save_project(many_project(), path)
    monkeypatch.setattr(limits, limit, value)
    with pytest.raises(ParallaxError, match=message) as info:
        storage.load_many(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)
