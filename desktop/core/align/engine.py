"""The passage aligner: which passages of A and B report the same facts.

``align(texts_a, texts_b)`` returns ``Group``s (1:1, 1:n, n:1, n:m); passages in no group are
"only in A/B". It is lexical, offline and deterministic, and it does not assume the two
documents tell things in the same order:

1. ``similarity`` turns sentences into TF-IDF vectors of word keys (IDF over both documents);
2. ``align_index`` finds candidate pairs with an inverted index (no dense n x m matrix) and
   scores them by cosine;
3. ``align_groups`` makes mutual best partners anchors, grows contiguous n:m groups where a
   sentence's best partner is in its neighbour's group, lets a free sentence join its best
   partner's group when it explains more of that partner, fills gaps between groups whose
   other sides are adjacent, and adds coverage links (one summary sentence supported by
   several scattered sentences). Coverage links are the only groups that may share passages
   with other groups;
4. where the semantic model is installed and the documents are article-sized, ``semantic``
   vetoes lexical groups whose passages mean different things and links mutual best partners
   that say the same thing in other words.

All defaults are the figures measured by ``benchmarks/align_quality.py``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

import numpy as np

from desktop.core.align.candidates import candidate_pairs
from desktop.core.align.groups import Grouper, Tuning
from desktop.core.align.lexical import (
    DEFAULT_SETTINGS,
    NAME,
    NUMBER,
    Settings,
    Space,
    build_space,
    cosine,
    tokens,
)
from desktop.core.align.semantic import DEFAULT_SEMANTIC, SemanticSettings, similarity_matrix, truncated
from desktop.core.model import Group

DEFAULT_THRESHOLD = 0.12
"""Least score (cosine) of an anchor or support link. Paraphrased news pairs score low: the
median mutual-best cosine of SuperPAL's summary/article pairs is about 0.25."""

Progress = Callable[[float], None]


def align(texts_a: Sequence[str], texts_b: Sequence[str], *, threshold: float | None = None,
          progress: Progress | None = None,
          anchor_scale: float = 0.25,
          anchor_cap: float = 0.3,
          attach_containment: float = 0.3,
          attach_gain: float = -0.1,
          relative: float = 0.3,
          support_gain: float = 0.15,
          gap_containment: float = 0.3,
          coverage: bool = True,
          coverage_threshold: float = 0.1,
          coverage_relative: float = 0.5,
          coverage_new: float = 0.02,
          coverage_near: int = 3,
          coverage_below: float = 0.5,
          settings: Settings = DEFAULT_SETTINGS,
          semantic: bool = True,
          semantic_settings: SemanticSettings = DEFAULT_SEMANTIC) -> list[Group]:
    """Group the passages of A and B that say the same thing.

    Scores are cosines of the passages' TF-IDF vectors (``desktop.core.align.lexical``).

    threshold: least score of an anchor (mutual best partners) or of a support link;
        None: DEFAULT_THRESHOLD.
    anchor_scale, anchor_cap: the anchor threshold rises to ``anchor_scale`` times the median
        mutual-best score (at most ``anchor_cap``): between near-verbatim versions, a weak
        mutual best is a sentence the other version dropped.
    attach_containment, attach_gain: a free sentence next to a group joins it (contiguous n:m)
        when its best partner is in the group, at least ``attach_containment`` of its content
        words occur in the group's other side, and the group's cosine drops by less than
        ``-attach_gain``.
    relative: a link that is not mutual needs this fraction of the partner's best score.
    support_gain: a free sentence joins the group of its best partner (not its neighbour) when
        it explains this share of the partner's content that the group does not yet.
    gap_containment: a free sentence between two groups whose other sides are adjacent joins
        the one containing at least this share of its content (> 1 disables).
    coverage: add coverage links, 1:1 groups that may share passages with other groups (a
        summary sentence supported by several scattered sentences), only between paraphrasing
        documents (median anchor score below ``coverage_below``). A link needs a score of at
        least ``coverage_threshold``, ``coverage_relative`` of one side's best and ``relative``
        of the other's, must land within ``coverage_near`` sentences of a partner the sentences
        already have, and explain ``coverage_new`` of each sentence's content not yet explained.
    settings: the similarity model (``desktop.core.align.lexical.Settings``).
    semantic, semantic_settings: use the semantic model (``desktop.core.align.semantic``) where it is
        installed and the documents are article-sized; without it the result is lexical only.
    progress: called with a fraction in [0, 1] at least every ~50 ms of work; it may raise
        ``Cancelled``, which propagates.
    """
    report = _Reporter(progress)
    report(0.0)
    tuning = Tuning(
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        anchor_scale=anchor_scale, anchor_cap=anchor_cap,
        attach_containment=attach_containment, attach_gain=attach_gain, relative=relative,
        support_gain=support_gain, gap_containment=gap_containment, coverage=coverage,
        coverage_threshold=coverage_threshold, coverage_relative=coverage_relative,
        coverage_new=coverage_new, coverage_near=coverage_near, coverage_below=coverage_below,
    )
    if not texts_a or not texts_b:
        report(1.0)
        return []
    report.stage(0.0, 0.15)
    space = build_space(texts_a, texts_b, settings, progress=report.ticks())
    report.stage(0.15, 0.3)
    pairs = candidate_pairs(space, tick=report.tick)
    report.stage(0.3, 0.4)
    grouper = Grouper(space, pairs, tuning, report.tick)
    grouper.anchors()
    grouper.grow()
    grouper.coverage()
    members = [(sorted(g.members[0]), sorted(g.members[1])) for g in grouper.groups]
    report.stage(0.4, 0.95)
    sims = similarity_matrix(texts_a, texts_b, settings=semantic_settings,
                             tick=lambda f: report(0.4 + 0.55 * f)) if semantic else None
    if sims is not None:
        sims = sims.copy()
        sims[[not tokens(t) for t in texts_a], :] = -1.0  # no words: nothing to mean
        sims[:, [not tokens(t) for t in texts_b]] = -1.0
        members = _semantic_pass(members, sims, semantic_settings, texts_a, texts_b)
    report.stage(0.95, 1.0)
    out = []
    for a, b in members:
        va, vb = grouper.vec(0, a), grouper.vec(1, b)
        score = min(1.0, max(0.0, cosine(va, vb)))
        why = reason(space, va, vb)
        if sims is not None:
            meaning = float(sims[np.ix_(a, b)].max())
            if meaning > score:
                score = min(1.0, meaning)
                why = "; ".join(filter(None, [f"similar meaning ({meaning:.2f})", why]))
        out.append(Group(tuple(a), tuple(b), round(score, 4), why))
        report.tick()
    out.sort(key=lambda g: (g.a, g.b))
    report(1.0)
    return out


def _semantic_pass(members: list[tuple[list[int], list[int]]], sims: np.ndarray,
                   settings: SemanticSettings, texts_a: Sequence[str], texts_b: Sequence[str],
                   ) -> list[tuple[list[int], list[int]]]:
    """Drop groups the semantic model finds unrelated (unless it read only the start of a passage);
    link mutual best partners it finds alike, and best partners that name the same rare thing in
    two spellings."""
    long_a, long_b = truncated(texts_a), truncated(texts_b)
    kept = [(a, b) for a, b in members if sims[np.ix_(a, b)].max() >= settings.veto
            or any(long_a[i] for i in a) or any(long_b[j] for j in b)]
    linked = {(i, j) for a, b in kept for i in a for j in b}
    best_b = sims.argmax(axis=1)
    best_a = sims.argmax(axis=0)
    for i, j in enumerate(best_b.tolist()):
        if best_a[j] == i and sims[i, j] >= settings.link and (i, j) not in linked:
            kept.append(([i], [j]))
            linked.add((i, j))
    best_pairs = {(i, int(j)) for i, j in enumerate(best_b)} | {(int(i), j) for j, i in enumerate(best_a)}
    variants = _SpellingVariants(texts_a, texts_b, settings.variant_ratio)
    for i, j in sorted(best_pairs - linked):
        if sims[i, j] >= settings.variant_floor and variants.between(i, j):
            kept.append(([i], [j]))
    return kept


class _SpellingVariants:
    """Passages of A and B that name one rare thing spelled differently: a name used once in
    each document, absent from the other document, with spelling similarity >= ``ratio``."""

    def __init__(self, texts_a: Sequence[str], texts_b: Sequence[str], ratio: float) -> None:
        words_a, words_b = _words(texts_a), _words(texts_b)
        self.names_a = [names - words_b for names in _rare_names(texts_a)]
        self.names_b = [names - words_a for names in _rare_names(texts_b)]
        self.ratio = ratio

    def between(self, i: int, j: int) -> bool:
        return any(SequenceMatcher(None, x.lower(), y.lower()).ratio() >= self.ratio
                   for x in self.names_a[i] for y in self.names_b[j])


def _words(texts: Sequence[str]) -> frozenset[str]:
    return frozenset(t for text in texts for t in tokens(text))


def _rare_names(texts: Sequence[str]) -> list[frozenset[str]]:
    """Per passage, its capitalised non-initial words of 5+ letters used in no other passage."""
    per_passage = []
    for text in texts:
        toks = tokens(text)
        per_passage.append({t for k, t in enumerate(toks)
                            if k > 0 and len(t) >= 5 and t[0].isupper() and not t.isupper() and t.isalpha()})
    counts = Counter(name for names in per_passage for name in names)
    return [frozenset(n for n in names if counts[n] == 1) for names in per_passage]


def reason(space: Space, va: dict[int, float], vb: dict[int, float], *, limit: int = 4) -> str:
    """What the two sides share, most informative first: "names: Putin, Xi; numbers: 12; ..."."""
    shared = []
    for f, w in va.items():
        if f in vb and space.shown[f] and not space.stop[f]:
            shared.append((-min(w, vb[f]), space.label[f], space.kind[f]))
    shared.sort()
    parts = []
    for title, kind in (("names", NAME), ("numbers", NUMBER), ("terms", None)):
        seen: list[str] = []
        for _, label, k in shared:
            if (k == kind if kind else k not in (NAME, NUMBER)) and label.lower() not in {
                    s.lower() for s in seen}:
                seen.append(label)
            if len(seen) == limit:
                break
        if seen:
            parts.append(f"{title}: {', '.join(seen)}")
    return "; ".join(parts)


class _Reporter:
    """Maps stage-local ticks to overall fractions and calls ``progress`` every ~20 ms."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.lo, self.hi, self.done = 0.0, 1.0, 0.0
        self.last = time.perf_counter()

    def __call__(self, fraction: float) -> None:
        if self.progress is not None:
            self.progress(fraction)
        self.last = time.perf_counter()

    def stage(self, lo: float, hi: float) -> None:
        self.lo, self.hi, self.done = lo, hi, 0.0
        self(lo)

    def tick(self) -> None:
        """Some work was done; progress inside a stage approaches its end asymptotically."""
        self.done += (1.0 - self.done) * 0.05
        if time.perf_counter() - self.last >= 0.02:
            self(self.lo + (self.hi - self.lo) * self.done)

    def ticks(self):
        while True:
            self.tick()
            yield None
