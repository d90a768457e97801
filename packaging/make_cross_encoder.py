"""Write resources/models/same-fact-reader/ from the fine-tuned cross-encoder's torch folder.

    .venv/bin/python packaging/make_cross_encoder.py TRAINED_DIR [--out DIR]

TRAINED_DIR is what ``packaging/train_cross_encoder.py`` saves (``model.safetensors``, ``vocab.txt``).
Every matrix is stored as int8 with one float32 scale per row (``minilm_quant.quantise_matrix``):
about a quarter of the float32 size. Vectors (biases, layer norms) stay float32. Deterministic: the
same weights give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop.core.align.crossencoder import SETTINGS, WEIGHTS  # noqa: E402
from desktop.core.align.minilm_quant import quantise_matrix  # noqa: E402
from desktop.core.align.safetensors_io import read_safetensors, write_safetensors  # noqa: E402

OUT = REPO / "resources" / "models" / "same-fact-reader"


def quantised(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Matrices as ``name.q`` (int8) and ``name.scale`` (float32 per row); the rest as float32.
    The ``bert.`` prefix of the torch names is dropped."""
    out: dict[str, np.ndarray] = {}
    for name in sorted(weights):
        value = np.asarray(weights[name], dtype=np.float32)
        key = name.removeprefix("bert.")
        if key.endswith("position_ids"):
            continue
        if value.ndim == 2 and min(value.shape) > 1:
            q, scale = quantise_matrix(value, None)
            out[key + ".q"], out[key + ".scale"] = q, scale
        else:
            out[key] = value
    return out


def write_vocab(trained: Path, out: Path) -> None:
    """vocab.txt (one word piece a line, in id order): copied, or read from tokenizer.json, which
    is all that newer ``transformers`` releases save."""
    if (trained / "vocab.txt").is_file():
        shutil.copyfile(trained / "vocab.txt", out)
        return
    vocab = json.loads((trained / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    by_id = sorted(vocab, key=vocab.__getitem__)
    if [vocab[t] for t in by_id] != list(range(len(by_id))):
        raise ValueError("tokenizer.json: word-piece ids are not 0..n-1")
    out.write_text("\n".join(by_id) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trained", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--max-pair-tokens", type=int, default=64, help="the length it was trained at")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    write_safetensors(args.out / WEIGHTS, quantised(read_safetensors(args.trained / "model.safetensors")))
    write_vocab(args.trained, args.out / "vocab.txt")
    settings = {"max_pair_tokens": args.max_pair_tokens}
    (args.out / SETTINGS).write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
