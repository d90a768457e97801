"""The shipped model folder: named in one place, complete, and reproduced byte for byte by its script."""

from __future__ import annotations

import json

from published_model import make_model

from desktop.core.align import minilm_quant, semantic
from desktop.core.align.models import MINILM, MODELS


def test_every_model_is_complete_in_resources():
    for model in MODELS:
        assert model.absent() == (), f"{model.directory()}: run {model.made_by}"
        assert model.directory().parent.name == "models"


def test_minilm_entry_names_the_files_the_engine_reads():
    assert MINILM.files[0] == minilm_quant.QUANT_FILE
    assert semantic.model_dir() == MINILM.directory()


def test_make_model_reproduces_the_committed_folder_byte_for_byte(tmp_path):
    make_model.make(tmp_path)
    shipped = MINILM.directory()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in shipped.iterdir())
    for name in names:
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name


def test_model_file_is_small_and_keeps_the_licence():
    size = (MINILM.directory() / minilm_quant.QUANT_FILE).stat().st_size
    assert 20e6 < size < 30e6  # int8: a quarter of the 91 MB fp32 file, far below 512 MiB
    header_len = int.from_bytes((MINILM.directory() / minilm_quant.QUANT_FILE).read_bytes()[:8], "little")
    header = json.loads((MINILM.directory() / minilm_quant.QUANT_FILE).read_bytes()[8:8 + header_len])
    assert header["__metadata__"]["quantisation"] == "int8, group row"
    assert "Apache-2.0" in (MINILM.directory() / "README.md").read_text("utf-8")
