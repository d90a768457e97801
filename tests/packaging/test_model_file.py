"""The shipped model folders: named in one place, complete, nothing else shipped, each made by its
script (the static model's byte-for-byte rerun is in tests/core/test_static_embed.py)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.align import samefact, static
from desktop.core.align.models import MODELS, READER, SAME_FACT, STATIC

ROOT = Path(__file__).resolve().parents[2]


def test_every_model_is_complete_in_resources():
    for model in MODELS:
        assert model.absent() == (), f"{model.directory()}: run {model.made_by}"
        assert model.directory().parent.name == "models"
        assert (ROOT / model.made_by).is_file(), model.made_by


def test_resources_models_holds_the_registered_models_only():
    # a folder no entry names would still be copied into the wheel and the bundle, unused
    shipped = sorted(p.name for p in (ROOT / "resources" / "models").iterdir())
    registered = sorted(model.folder for model in MODELS)
    assert shipped == registered == ["minilm-static", "same-fact", "same-fact-reader"]


def test_entries_name_the_files_the_engine_reads():
    assert static.default_path() == STATIC.directory() / STATIC.files[0]
    assert samefact.default_path() == SAME_FACT.directory() / SAME_FACT.files[0]


def test_reader_is_the_size_of_int8_minilm_and_keeps_the_licences():
    weights = READER.directory() / READER.files[0]
    assert 15e6 < weights.stat().st_size < 30e6  # 22.7M parameters, int8 matrices + float32 scales
    notice = (READER.directory() / "README.md").read_text("utf-8")
    assert "Apache-2.0" in notice and "CC BY 3.0" in notice


def test_static_model_file_is_small_and_keeps_the_licence():
    path = static.default_path()
    assert 4e6 < path.stat().st_size < 12e6  # 30,522 word pieces x 256 int8 + scales + vocabulary
    header_len = int.from_bytes(path.read_bytes()[:8], "little")
    header = json.loads(path.read_bytes()[8:8 + header_len])
    assert header["__metadata__"]["source"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert "int8 per row" in header["__metadata__"]["method"]
    assert "Apache-2.0" in (STATIC.directory() / "README.md").read_text("utf-8")
