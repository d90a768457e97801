"""``parallax seeds``, and a missing component said once on stderr and recorded in ``align --json``."""

from __future__ import annotations

import json

import pytest

from desktop import cli, paths
from desktop.core import components
from desktop.core.align import engine, models, reading, samefact, static
from desktop.core.align.models import READER, SAME_FACT, STATIC
from desktop.core.align.tuning import Tuning


@pytest.fixture(autouse=True)
def clean_record():
    components.reset()
    yield
    components.reset()


def test_seeds_prints_the_sample_paths(capsys):
    assert cli.main(["seeds"]) == 0
    printed = capsys.readouterr().out.split("\n")[:-1]
    assert printed == [str(p) for p in paths.seed_files()] and len(printed) == 2


def test_seeds_copy_puts_them_in_a_folder(tmp_path, capsys):
    assert cli.main(["seeds", "--copy", str(tmp_path / "samples")]) == 0
    copies = capsys.readouterr().out.split("\n")[:-1]
    assert copies == [str(tmp_path / "samples" / p.name) for p in paths.seed_files()]
    first = paths.seed_files()[0]
    assert (tmp_path / "samples" / first.name).read_bytes() == first.read_bytes()


def test_seeds_copy_keeps_a_different_file(tmp_path, capsys):
    (tmp_path / paths.seed_files()[0].name).write_text("mine", encoding="utf-8")
    assert cli.main(["seeds", "--copy", str(tmp_path)]) == 2
    assert "already exists and differs" in capsys.readouterr().err
    assert (tmp_path / paths.seed_files()[0].name).read_text(encoding="utf-8") == "mine"


def test_align_json_records_the_engine(capsys):
    a, b = (str(p) for p in paths.seed_files())
    assert cli.main(["align", a, b, "--json"]) == 0
    out = capsys.readouterr()
    record = json.loads(out.out)["engine"]
    read, to_read = record.pop("pairs_read"), record.pop("pairs_to_read")
    assert record == {
        "models": ["minilm-static", "same-fact", "same-fact-reader"], "missing": [],
        "mode": "independent reports",
        "passes": ["read_words", "align_versions", "embed", "pick_candidates", "score_same_fact",
                   "read_pairs", "link", "group_links", "name_facts"], "reading_cut": False,
        "reader_runtime": "onnxruntime"}
    assert Tuning().reader_budget <= read == to_read  # 64 full reads: at least 64 pairs
    assert "warning" not in out.err


@pytest.fixture
def no_models(tmp_path, monkeypatch):
    """An installation without resources/models: the model files are looked up in an empty folder,
    and the models loaded by earlier tests are forgotten."""
    monkeypatch.setattr(models, "resource", lambda *parts: tmp_path.joinpath(*parts))
    static.load.cache_clear()
    samefact.load.cache_clear()
    reading.load_reader.cache_clear()
    yield
    static.load.cache_clear()
    samefact.load.cache_clear()
    reading.load_reader.cache_clear()


def test_missing_models_are_said_once_and_recorded(no_models, capsys):
    a, b = (str(p) for p in paths.seed_files())
    assert cli.main(["align", a, b, "--json"]) == 0
    assert cli.main(["align", a, b, "--color", "never"]) == 0
    out = capsys.readouterr()
    data = json.loads(out.out[:out.out.index("\n}\n") + 3])
    record = data["engine"]
    assert record["models"] == [] and record["mode"] == engine.REPORTS_WITHOUT_MODELS
    assert record["passes"] == ["read_words", "align_versions", "name_facts"]
    assert [item["component"] for item in record["missing"]] == [STATIC.role, SAME_FACT.role, READER.role]
    assert data["groups"]  # the version passes still group the sentences the seeds share
    warnings = [line for line in out.err.splitlines() if "warning" in line]
    assert warnings == [
        f"parallax: warning: {STATIC.role} is missing (minilm-static.safetensors not found in "
        f"resources/models/minilm-static): {STATIC.without}",
        f"parallax: warning: {SAME_FACT.role} is missing (same-fact.json not found in "
        f"resources/models/same-fact): {SAME_FACT.without}",
        f"parallax: warning: {READER.role} is missing ({', '.join(READER.files)} not found in "
        f"resources/models/same-fact-reader): {READER.without}"]
