"""Missing components are recorded once, heard once, and written into the engine record; a model
that is missing or unreadable leaves the aligner on its version passes, said so."""

from __future__ import annotations

import shutil

import pytest

from desktop.core import components
from desktop.core.align import engine, models, reading, samefact, static
from desktop.core.align.models import READER, SAME_FACT, STATIC, ModelFile
from desktop.core.align.tuning import Tuning
from desktop.core.components import Missing

# Two reports of one event told in different words: not versions of one text.
A = ["Xi Jinping landed at Vnukovo airport on Monday for a three-day state visit.",
     "Oil prices rose three percent after the announcement.",
     "The two leaders will sign a pipeline agreement on Tuesday."]
B = ["Chinese leader Xi arrived in Moscow on Monday, starting a state visit of three days.",
     "A deal on the Power of Siberia 2 gas pipeline is expected to be signed on Tuesday.",
     "Snow fell in the capital overnight."]


@pytest.fixture(autouse=True)
def clean_record():
    components.reset()
    yield
    components.reset()


@pytest.fixture
def fresh_loads():
    """The models are loaded once per process (``functools.cache``): forget them around a test that
    moves or breaks their files."""
    static.load.cache_clear()
    samefact.load.cache_clear()
    reading.load_reader.cache_clear()
    yield
    static.load.cache_clear()
    samefact.load.cache_clear()
    reading.load_reader.cache_clear()


def test_a_component_is_reported_once_to_each_listener():
    heard: list[Missing] = []
    unsubscribe = components.subscribe(heard.append)
    item = Missing("font X.ttf", "cannot load", "boxes")
    assert components.report(item) is True
    assert components.report(Missing("font X.ttf", "another reason", "boxes")) is False
    unsubscribe()
    components.report(Missing("font Y.ttf", "not found", "boxes"))
    assert heard == [item]
    assert [m.component for m in components.missing()] == ["font X.ttf", "font Y.ttf"]
    assert item.message() == "font X.ttf is missing (cannot load): boxes"


def test_engine_record_names_the_models_when_they_are_there():
    assert components.engine_record() == {"models": ["minilm-static", "same-fact", "same-fact-reader"],
                                          "missing": []}


def test_a_missing_model_is_recorded_with_its_files(monkeypatch):
    ghost = ModelFile("ghost", "ghost-model", ("w.bin", "vocab.txt"), "ghost model", "lexical only",
                      "packaging/make_ghost.py")
    monkeypatch.setattr(components, "MODELS", (STATIC, ghost))
    record = components.engine_record()
    assert record["models"] == [STATIC.folder]
    assert record["missing"] == [{"component": "ghost model",
                                  "reason": "w.bin, vocab.txt not found in resources/models/ghost-model",
                                  "effect": "lexical only"}]


def test_with_every_model_the_reports_are_linked_by_the_same_fact_passes():
    result = engine.align(A, B)
    assert result.run.mode == engine.REPORTS
    assert result.run.models == (STATIC.folder, SAME_FACT.folder, READER.folder)
    assert "score_same_fact" in result.run.passes and components.missing() == ()


def test_an_unreadable_same_fact_model_is_reported_and_the_run_keeps_to_the_version_passes(tmp_path):
    broken = tmp_path / "same-fact.json"
    broken.write_text("{not json", encoding="utf-8")
    tuning = Tuning(same_fact_model=broken)
    heard: list[Missing] = []
    unsubscribe = components.subscribe(heard.append)
    first, again = engine.align(A, B, tuning=tuning), engine.align(A, B, tuning=tuning)
    unsubscribe()
    assert [item.component for item in heard] == [SAME_FACT.role]  # said once for two runs
    assert heard[0].reason.startswith("cannot load: ") and "same-fact.json" in heard[0].reason
    assert heard[0].effect == SAME_FACT.without
    assert first == again
    assert first.run.mode == engine.REPORTS_WITHOUT_MODELS and first.run.models == ()
    assert first.run.passes == ("read_words", "align_versions", "name_facts")


def test_an_unreadable_static_model_is_named_without_the_install_path(tmp_path, monkeypatch, fresh_loads):
    folder = tmp_path / "models" / STATIC.folder
    folder.mkdir(parents=True)
    (folder / STATIC.files[0]).write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00not json")
    (tmp_path / "models" / SAME_FACT.folder).mkdir()
    (tmp_path / "models" / SAME_FACT.folder / SAME_FACT.files[0]).write_bytes(
        SAME_FACT.directory().joinpath(SAME_FACT.files[0]).read_bytes())
    shutil.copytree(READER.directory(), tmp_path / "models" / READER.folder)
    monkeypatch.setattr(models, "resource", lambda *parts: tmp_path.joinpath(*parts))
    result = engine.align(A, B)
    [item] = components.missing()
    assert item.component == STATIC.role
    assert item.reason.startswith("cannot load: resources/models/minilm-static/minilm-static.safetensors: ")
    assert str(tmp_path) not in item.reason
    assert result.run.mode == engine.REPORTS_WITHOUT_MODELS and result.run.models == ()
    assert components.engine_record()["models"] == [SAME_FACT.folder, READER.folder]


def test_versions_of_one_text_need_no_model(tmp_path, monkeypatch, fresh_loads):
    monkeypatch.setattr(models, "resource", lambda *parts: tmp_path.joinpath(*parts))  # no model at all
    result = engine.align(A, A, tuning=Tuning(facts_between_versions=False))
    assert result.run.mode == engine.VERSIONS and result.run.models == ()
    assert [(g.a, g.b) for g in result.groups] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert components.missing() == ()  # nothing was needed, so nothing is said here
    result = engine.align(A, A)  # the links beyond the copies need the models: said, copies kept
    assert [(g.a, g.b) for g in result.groups] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert components.missing() != ()
