"""Comparisons as plain JSON-ready data (the ``--json`` output of ``parallax align``).

Two sources give version 1 (``comparison_to_dict``: sources "a" and "b", groups, only_a/only_b);
three or more give version 2 (``many_to_dict``: a list of sources, facts with each source's
wording, per source what only it reports and what it omits, the engine run of every source
pair), which ``many_from_dict`` reads back.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from desktop.core import components
from desktop.core.model import (
    AlignOptions,
    Comparison,
    Difference,
    DiffKind,
    DiffOp,
    EngineRun,
    Fact,
    FactView,
    Granularity,
    GroupStatus,
    ManyComparison,
    Metadata,
    ParallaxError,
    Passage,
    Source,
    Which,
    Wording,
)

FORMAT = "parallax-comparison"
FORMAT_VERSION = 1
MANY_VERSION = 2


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """Everything computed: sources with metadata, passages with offsets, groups, differences,
    and which models computed it (``engine``: a missing model is recorded, never silent)."""
    return {
        "format": FORMAT,
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
        return {**_run_record(EngineRun("", (), ())), "mode": None}
    return _run_record(run)


def _run_record(run: EngineRun) -> dict[str, Any]:
    return {"mode": run.mode, "passes": list(run.passes), "models": list(run.models),
            "pairs_read": run.pairs_read, "pairs_to_read": run.pairs_to_read,
            "reading_cut": run.reading_cut, "reader_runtime": run.reader_runtime}


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


# -- three or more sources (version 2) ---------------------------------------------------------

def many_to_dict(comparison: ManyComparison) -> dict[str, Any]:
    """Everything computed for 2 to 12 sources. Each source holds its passages and the facts it
    alone reports (``only_in``) or leaves out while every other source reports them
    (``omitted_by``), as fact indices; a fact's ``members`` are [source, [passages]] pairs and
    its wordings' differences are against its ``reference`` source (``a_*`` = the reference)."""
    return {
        "format": FORMAT,
        "version": MANY_VERSION,
        "options": _plain(comparison.options),
        "reference": comparison.reference,
        "engine": {**components.engine_record(), "pairs": [
            {"sources": list(pair), **_run_record(run)}
            for pair, run in zip(comparison.pairs, comparison.runs, strict=True)]},
        "sources": [
            {"key": Which(n).key, **_source(source, comparison.passages[n]),
             "reports": list(comparison.reported_by(n)), "only_in": list(comparison.only_in(n)),
             "omitted_by": list(comparison.omitted_by(n))}
            for n, source in enumerate(comparison.sources)
        ],
        "facts": [_fact(view) for view in comparison.facts],
    }


def _fact(view: FactView) -> dict[str, Any]:
    fact = view.fact
    return {
        "members": [[source, list(passages)] for source, passages in fact.members],
        "score": fact.score,
        "reason": fact.reason,
        "status": fact.status.value,
        "reference": view.reference,
        "wordings": [{"source": w.source, "passages": list(w.passages),
                      "differences": [_plain(d) for d in w.differences]} for w in view.wordings],
    }


def many_from_dict(data: Any) -> ManyComparison:
    """The comparison ``many_to_dict`` wrote; ``ParallaxError`` when ``data`` is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != MANY_VERSION:
        raise ParallaxError(f"not a {FORMAT} of version {MANY_VERSION}")
    try:
        options = data["options"]
        return ManyComparison(
            sources=tuple(_source_from(s) for s in data["sources"]),
            passages=tuple(tuple(_passage_from(p) for p in s["passages"]) for s in data["sources"]),
            facts=tuple(_fact_from(f) for f in data["facts"]),
            reference=int(data["reference"]),
            options=AlignOptions(options["threshold"], Granularity(options["granularity"]),
                                 bool(options["ignore_case"]), bool(options["ignore_punctuation"])),
            runs=tuple(EngineRun(r["mode"], tuple(r["passes"]), tuple(r["models"]),
                                 int(r.get("pairs_read", 0)), int(r.get("pairs_to_read", 0)),
                                 str(r.get("reader_runtime", "")))
                       for r in data["engine"]["pairs"]),
            pairs=tuple((int(r["sources"][0]), int(r["sources"][1])) for r in data["engine"]["pairs"]),
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ParallaxError(f"a damaged {FORMAT} of version {MANY_VERSION} "
                            f"({type(exc).__name__}: {exc})") from None


def _source_from(data: dict[str, Any]) -> Source:
    meta = dict(data["metadata"])
    meta["authors"] = tuple(meta.get("authors", ()))
    return Source(data["text"], Metadata(**meta), data["origin"], data["format"], int(data["body_start"]))


def _passage_from(data: dict[str, Any]) -> Passage:
    return Passage(int(data["index"]), int(data["start"]), int(data["end"]), data["text"],
                   int(data["paragraph"]), int(data["sentence"]))


def _fact_from(data: dict[str, Any]) -> FactView:
    members = tuple((int(s), tuple(int(i) for i in ps)) for s, ps in data["members"])
    fact = Fact(members, float(data["score"]), data["reason"], GroupStatus(data["status"]))
    wordings = tuple(Wording(int(w["source"]), tuple(int(i) for i in w["passages"]),
                             tuple(_difference_from(d) for d in w["differences"])) for w in data["wordings"])
    return FactView(fact, int(data["reference"]), wordings)


def _difference_from(data: dict[str, Any]) -> Difference:
    return Difference(DiffOp(data["op"]), DiffKind(data["kind"]), int(data["a_start"]), int(data["a_end"]),
                      int(data["b_start"]), int(data["b_end"]), data["a_text"], data["b_text"])
