"""The model files Parallax ships, named in one place.

Every model the engine can use is a folder under ``resources/models/`` (committed to the project,
carried by the wheel and the bundle, found through ``desktop.paths``), made reproducibly by a script
in ``packaging/`` from its published weights. Adding a model is one more ``ModelFile`` here, its
folder, and its script; ``desktop.core.components`` then reports it when it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.paths import resource


@dataclass(frozen=True)
class ModelFile:
    """One shipped model: its folder, the files the engine reads, and what is lost without it."""

    key: str
    folder: str  # under resources/models/
    files: tuple[str, ...]
    role: str  # what it does, for the missing-component message
    without: str  # what the program does instead when it is missing
    made_by: str  # the script that writes the folder

    def directory(self) -> Path:
        return resource("models", self.folder)

    def absent(self) -> tuple[str, ...]:
        """The files of the model that are not there (empty when the model is complete)."""
        base = self.directory()
        return tuple(name for name in self.files if not (base / name).is_file())


STATIC = ModelFile(
    key="static",
    folder="minilm-static",
    files=("minilm-static.safetensors",),
    role="static word-piece embeddings distilled from all-MiniLM-L6-v2",
    without="the aligner keeps to its version passes (words in common, in order): fewer and "
            "different groups between independent reports",
    made_by="packaging/make_static_model.py",
)

SAME_FACT = ModelFile(
    key="same-fact",
    folder="same-fact",
    files=("same-fact.json",),
    role="same-fact model (trees fitted on the news-facts gold)",
    without="the aligner keeps to its version passes (words in common, in order): fewer and "
            "different groups between independent reports",
    made_by="benchmarks/fit_same_fact.py",
)

READER = ModelFile(
    key="same-fact-reader",
    folder="same-fact-reader",
    files=("cross-encoder.safetensors", "vocab.txt", "reader.json", "same-fact-read.json"),
    role="same-fact reader (a small cross-encoder, and the trees that read its verdicts)",
    without="the first same-fact trees decide every pair: fewer shared facts found",
    made_by="packaging/train_reader.py",  # its docstring gives the steps before and after it
)

MODELS: tuple[ModelFile, ...] = (STATIC, SAME_FACT, READER)
