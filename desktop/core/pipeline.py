"""The pipeline: sources in, a ``Comparison`` (two sources) or a ``ManyComparison`` (2 to 12) out.
The CLI, the GUI and the PDF call this."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from desktop.core import components, limits
from desktop.core.align import engine, facts
from desktop.core.align.tuning import Tuning
from desktop.core.diff import words
from desktop.core.model import (
    MAX_SOURCES,
    AlignedGroup,
    AlignOptions,
    Comparison,
    Difference,
    EngineRun,
    Fact,
    FactView,
    Group,
    ManyComparison,
    ParallaxError,
    Passage,
    Source,
    SourceError,
    Wording,
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


def compare_many(sources: Sequence[Source], options: AlignOptions | None = None, *, reference: int = 0,
                 progress: Progress | None = None, workers: int = 1) -> ManyComparison:
    """Segment 2 to 12 sources, find the facts they report (``facts.align_many``) and word the
    differences of each source against the reference source (the first by default).
    ``workers``: processes aligning source pairs at once (``Tuning.workers``)."""
    if not 2 <= len(sources) <= MAX_SOURCES:
        raise ParallaxError(f"a comparison holds 2 to {MAX_SOURCES} sources, not {len(sources)}")
    if not 0 <= reference < len(sources):
        raise ParallaxError(f"no source {reference + 1} to compare with: there are {len(sources)}")
    options = options or AlignOptions()
    components.check_models()
    passages = tuple(_passages(s, options) for s in sources)
    problem = limits.many_passages_problem([len(p) for p in passages])
    if problem:
        raise SourceError(problem)
    result = facts.align_many([[p.text for p in ps] for ps in passages],
                              tuning=Tuning(link_threshold=options.threshold, workers=workers),
                              progress=_scaled(progress, 0.0, 0.8))
    return assemble_many(sources, passages, list(result.facts), options, reference=reference,
                         runs=result.runs, pairs=result.pairs, progress=_scaled(progress, 0.8, 1.0))


def assemble_many(sources: Sequence[Source], passages: Sequence[tuple[Passage, ...]], found: list[Fact],
                  options: AlignOptions, *, reference: int = 0, runs: Sequence[EngineRun] = (),
                  pairs: Sequence[tuple[int, int]] = (), progress: Progress | None = None) -> ManyComparison:
    """Build a ``ManyComparison`` from facts (computed, or corrected by the analyst)."""
    views = []
    for n, fact in enumerate(found):
        views.append(_fact_view(sources, passages, fact, reference, options))
        if progress:
            progress((n + 1) / len(found))
    return ManyComparison(tuple(sources), tuple(passages), tuple(views), reference, options,
                          tuple(runs), tuple(pairs))


def _fact_view(sources: Sequence[Source], passages: Sequence[tuple[Passage, ...]], fact: Fact,
               reference: int, options: AlignOptions) -> FactView:
    """Each reporting source's wording, diffed against the reference source's (or, when the
    reference does not report the fact, against the first source that does)."""
    ref = reference if reference in fact.sources else fact.sources[0]
    ref_passages = [passages[ref][i] for i in fact.passages(ref)]
    wordings = []
    for source, indices in fact.members:
        diffs: list[Difference] = []
        if source != ref:
            diffs = words.diff_group(sources[ref], ref_passages, sources[source],
                                     [passages[source][i] for i in indices],
                                     ignore_case=options.ignore_case,
                                     ignore_punctuation=options.ignore_punctuation)
        wordings.append(Wording(source, indices, tuple(diffs)))
    return FactView(fact, ref, tuple(wordings))


def pair_of(many: ManyComparison, left: int, right: int, *, progress: Progress | None = None) -> Comparison:
    """Two sources of a many-source comparison side by side: the facts both report become the
    groups (the analyst's corrections and verdicts included), diffed ``left`` against ``right``.
    The pair view and the coverage view then show the same facts."""
    groups = [Group(v.fact.passages(left), v.fact.passages(right), v.fact.score, v.fact.reason, v.fact.status)
              for v in many.facts if left in v.fact.sources and right in v.fact.sources]
    key = (min(left, right), max(left, right))
    computed = key in many.pairs and len(many.runs) == len(many.pairs)
    run = many.runs[many.pairs.index(key)] if computed else None
    return assemble(many.sources[left], many.sources[right], many.passages[left], many.passages[right],
                    groups, many.options, progress=progress, run=run)
