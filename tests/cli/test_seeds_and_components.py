"""``parallax seeds``, and a missing component said once on stderr and recorded in ``align --json``."""

from __future__ import annotations

import json

import pytest

from desktop import cli, paths
from desktop.core import components
from desktop.core.align import models, semantic


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
    assert json.loads(out.out)["engine"] == {"models": ["all-MiniLM-L6-v2", "minilm-static"], "missing": []}
    assert "warning" not in out.err


def test_a_missing_model_is_said_once_and_recorded(tmp_path, monkeypatch, capsys):
    ghost = models.ModelFile("minilm", "no-such-model", ("model.int8.safetensors",),
                             "semantic model no-such-model", "alignment uses the lexical model only", "x")
    monkeypatch.setattr(components, "MODELS", (ghost,))
    monkeypatch.setattr(semantic, "model_dir", lambda: None)  # what the engine sees without it
    a, b = (str(p) for p in paths.seed_files())
    assert cli.main(["align", a, b, "--json"]) == 0
    assert cli.main(["align", a, b, "--color", "never"]) == 0
    out = capsys.readouterr()
    record = json.loads(out.out[:out.out.index("\n}\n") + 3])["engine"]
    assert record["models"] == [] and record["missing"][0]["component"] == "semantic model no-such-model"
    warnings = [line for line in out.err.splitlines() if "warning" in line]
    assert warnings == ["parallax: warning: semantic model no-such-model is missing (model.int8.safetensors "
                        "not found in resources/models/no-such-model): alignment uses the lexical model only"]
