"""The pipeline: two sources in, one ``Comparison`` out. The CLI, the GUI and the PDF call this."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core import components, limits
from desktop.core.align import engine
from desktop.core.align.tuning import Tuning
from desktop.core.diff import words
from desktop.core.model import (
    AlignedGroup,
    AlignOptions,
    Comparison,
    EngineRun,
    Group,
    Passage,
    Source,
    SourceError,
)
from desktop.core.text import segment

Progress = Callable[[float], None]
"""Called with a fraction in [0, 1]; it may raise ``Cancelled`` to stop the work."""


def compare(a: Source, b: Source, options: AlignOptions | None = None, *, progress: Progress | None = None
            ) -> Comparison:
    """Segment both sources, align their passages and diff every aligned group.

    A source cut into more than ``limits.MAX_PASSAGES`` passages raises ``SourceError`` before
    the alignment starts (its time and memory grow with the passage count).
    """
    options = options or AlignOptions()
    components.check_models()  # a missing model changes the groups: say so (once), never silently
    passages_a = _passages(a, options)
    passages_b = _passages(b, options)
    result = engine.align(
        [p.text for p in passages_a],
        [p.text for p in passages_b],
        tuning=Tuning(link_threshold=options.threshold),
        progress=_scaled(progress, 0.0, 0.8),
    )
    return assemble(a, b, passages_a, passages_b, list(result.groups), options,
                    progress=_scaled(progress, 0.8, 1.0), run=result.run)


def _passages(source: Source, options: AlignOptions) -> tuple[Passage, ...]:
    passages = segment.split(source, options.granularity)
    problem = limits.passages_problem(len(passages), options.granularity.value)
    if problem:
        raise SourceError(f"{source.origin or source.label}: {problem}")
    return passages


def assemble(a: Source, b: Source, passages_a: tuple[Passage, ...], passages_b: tuple[Passage, ...],
             groups: list[Group], options: AlignOptions, *, progress: Progress | None = None,
             run: EngineRun | None = None) -> Comparison:
    """Build a ``Comparison`` from groups (computed, or corrected by the analyst)."""
    aligned: list[AlignedGroup] = []
    ordered = sorted(groups, key=lambda g: (min(g.a), min(g.b)))
    for n, group in enumerate(ordered):
        diffs = words.diff_group(
            a, [passages_a[i] for i in group.a], b, [passages_b[j] for j in group.b],
            ignore_case=options.ignore_case, ignore_punctuation=options.ignore_punctuation,
        )
        aligned.append(AlignedGroup(group, tuple(diffs)))
        if progress:
            progress((n + 1) / len(ordered))
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    return Comparison(
        a=a, b=b, passages_a=passages_a, passages_b=passages_b, groups=tuple(aligned),
        only_a=tuple(i for i in range(len(passages_a)) if i not in used_a),
        only_b=tuple(j for j in range(len(passages_b)) if j not in used_b),
        options=options,
        run=run,
    )


def _scaled(progress: Progress | None, lo: float, hi: float) -> Progress | None:
    if progress is None:
        return None
    return lambda f: progress(lo + (hi - lo) * f)
