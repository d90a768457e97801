"""Missing components are recorded once, heard once, and written into the engine record."""

from __future__ import annotations

import pytest

from desktop.core import components
from desktop.core.align.models import MINILM, ModelFile
from desktop.core.components import Missing


@pytest.fixture(autouse=True)
def clean_record():
    components.reset()
    yield
    components.reset()


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


def test_engine_record_names_the_model_when_it_is_there():
    assert components.engine_record() == {"models": [MINILM.folder], "missing": []}


def test_a_missing_model_is_recorded_with_its_files(tmp_path, monkeypatch):
    ghost = ModelFile("ghost", "ghost-model", ("w.bin", "vocab.txt"), "ghost model", "lexical only",
                      "packaging/make_ghost.py")
    monkeypatch.setattr(components, "MODELS", (MINILM, ghost))
    record = components.engine_record()
    assert record["models"] == [MINILM.folder]
    assert record["missing"] == [{"component": "ghost model",
                                  "reason": "w.bin, vocab.txt not found in resources/models/ghost-model",
                                  "effect": "lexical only"}]


def test_a_model_that_does_not_load_is_reported_and_the_run_stays_lexical(tmp_path, monkeypatch):
    from desktop.core.align import semantic

    (tmp_path / "model.int8.safetensors").write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00not json")
    (tmp_path / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
    monkeypatch.setattr(semantic, "model_dir", lambda: tmp_path)
    monkeypatch.setattr(semantic, "_embedder", None)
    monkeypatch.setattr(semantic, "_unloadable", False)
    texts = ["The summit ended on Wednesday."]
    assert semantic.similarity_matrix(texts, texts) is None
    [item] = components.missing()
    assert item.component == MINILM.role and item.reason.startswith("cannot load:")
    assert components.engine_record()["models"] == []
