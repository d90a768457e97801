"""A ``Comparison`` as plain JSON-ready data (the ``--json`` output of ``parallax align``)."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from desktop.core import components
from desktop.core.model import Comparison, Passage, Source

FORMAT_VERSION = 1


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """Everything computed: sources with metadata, passages with offsets, groups, differences,
    and which models computed it (``engine``: a missing model is recorded, never silent)."""
    return {
        "format": "parallax-comparison",
        "version": FORMAT_VERSION,
        "options": _plain(comparison.options),
        "engine": {**components.engine_record(), **_run(comparison)},
        "sources": {
            "a": _source(comparison.a, comparison.passages_a),
            "b": _source(comparison.b, comparison.passages_b),
        },
        "groups": [
            {
                **_plain(aligned.group),
                "differences": [_plain(d) for d in aligned.differences],
            }
            for aligned in comparison.groups
        ],
        "only_a": list(comparison.only_a),
        "only_b": list(comparison.only_b),
    }


def _run(comparison: Comparison) -> dict[str, Any]:
    """How the groups were found: "independent reports" or "versions of one text", the passes in
    the order they ran and the model files they read (empty for groups loaded from a project)."""
    run = comparison.run
    if run is None:
        return {"mode": None, "passes": [], "models": []}
    return {"mode": run.mode, "passes": list(run.passes), "models": list(run.models)}


def _source(source: Source, passages: tuple[Passage, ...]) -> dict[str, Any]:
    return {
        "origin": source.origin,
        "format": source.format,
        "metadata": _plain(source.metadata),
        "body_start": source.body_start,
        "text": source.text,
        "passages": [{**_plain(p), "locator": p.locator} for p in passages],
    }


def _plain(value: Any) -> Any:
    """Dataclasses, enums and tuples turned into dicts, strings and lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
