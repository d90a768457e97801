"""Hand-built comparisons and projects for the project/edits/anchor/storage tests."""

from __future__ import annotations

from desktop.core import compare
from desktop.core.model import (
    AlignedGroup,
    AlignOptions,
    Comparison,
    Difference,
    DiffKind,
    DiffOp,
    Group,
    GroupStatus,
    Metadata,
    Passage,
    Source,
)
from desktop.core.project import Project, ProjectSettings

A_PARAS = [["Putin met Xi in Moscow.", "They signed 12 agreements."], ["The talks lasted two days."]]
B_PARAS = [["Xi met Putin in Moscow on Monday.", "They signed 14 deals."],
           ["Talks lasted two days.", "Protests were reported."]]


def source(paragraphs: list[list[str]], **meta: object) -> tuple[Source, tuple[Passage, ...]]:
    """A source whose paragraphs are joined by blank lines, sentences by spaces, and its passages."""
    text, passages = "", []
    for p, sentences in enumerate(paragraphs, start=1):
        if text:
            text += "\n\n"
        for s, sentence in enumerate(sentences, start=1):
            if s > 1:
                text += " "
            passages.append(Passage(len(passages), len(text), len(text) + len(sentence), sentence, p, s))
            text += sentence
    return Source(text, Metadata(**meta)), tuple(passages)  # type: ignore[arg-type]


def comparison(a_paras=None, b_paras=None, groups=(), options: AlignOptions | None = None
               ) -> Comparison:
    """``groups`` as Group objects or (a, b) index tuples (PROPOSED, score 0.5)."""
    a, pa = source(a_paras or A_PARAS, outlet="Example Wire", title="Xi meets Putin")
    b, pb = source(b_paras or B_PARAS, outlet="Other Post")
    built = [g if isinstance(g, Group) else Group(tuple(g[0]), tuple(g[1]), 0.5, "test") for g in groups]
    aligned = sorted((AlignedGroup(g, (first_words(a, pa, b, pb, g),)) for g in built),
                     key=lambda ag: (min(ag.group.a), min(ag.group.b)))
    used_a = {i for g in built for i in g.a}
    used_b = {j for g in built for j in g.b}
    return Comparison(a, b, pa, pb, tuple(aligned),
                      tuple(i for i in range(len(pa)) if i not in used_a),
                      tuple(j for j in range(len(pb)) if j not in used_b),
                      options or AlignOptions())


def first_words(a: Source, pa, b: Source, pb, group: Group) -> Difference:
    """A stand-in difference: the first word of the group's first passages, replaced."""
    p, q = pa[group.a[0]], pb[group.b[0]]
    a_end = p.start + len(p.text.split()[0])
    b_end = q.start + len(q.text.split()[0])
    return Difference(DiffOp.REPLACE, DiffKind.WORDING, p.start, a_end, q.start, b_end,
                      a.text[p.start:a_end], b.text[q.start:b_end])


def project(pairs=None, statuses=None) -> Project:
    """The standard project: groups a0-b0, a1-b1, a2-b2 (scores 0.5, 0.6, 0.7) unless given;
    ``statuses`` maps a group's position in ``pairs`` to its status."""
    pairs = pairs or [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    statuses = statuses or {}
    gs = [Group(tuple(a), tuple(b), 0.5 + n / 10, f"reason {n}", statuses.get(n, GroupStatus.PROPOSED))
          for n, (a, b) in enumerate(pairs)]
    c = comparison(groups=gs)
    return Project(c, (), ProjectSettings("Briefing", "Ann Analyst", "apa", c.options))


def patch_diff(monkeypatch) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Replace the word differ behind ``compare.assemble``; returns the list of groups diffed."""
    calls: list[tuple[tuple[int, ...], tuple[int, ...]]] = []

    def fake(source_a, passages_a, source_b, passages_b, *, ignore_case, ignore_punctuation):
        calls.append((tuple(p.index for p in passages_a), tuple(p.index for p in passages_b)))
        group = Group(tuple(p.index for p in passages_a), tuple(p.index for p in passages_b), 0.0)
        by_index_a = {p.index: p for p in passages_a}
        by_index_b = {p.index: p for p in passages_b}
        return [first_words(source_a, by_index_a, source_b, by_index_b, group)]

    monkeypatch.setattr(compare.worddiff, "diff_group", fake)
    return calls
