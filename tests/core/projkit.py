"""Hand-built comparisons and projects for the project/edits/anchor/storage tests."""

from __future__ import annotations

from builders import build_comparison, first_words, source

from desktop.core import pipeline
from desktop.core.model import AlignedGroup, AlignOptions, Comparison, Group, GroupStatus
from desktop.core.project.state import Project, ProjectSettings

__all__ = ["A_PARAS", "B_PARAS", "C_PARAS", "THREE_FACTS", "V1_FIXTURE", "comparison", "first_words",
           "many_project", "patch_diff", "project", "release_v1_project", "source"]

A_PARAS = [["Putin met Xi in Moscow.", "They signed 12 agreements."], ["The talks lasted two days."]]
B_PARAS = [["Xi met Putin in Moscow on Monday.", "They signed 14 deals."],
           ["Talks lasted two days.", "Protests were reported."]]


def comparison(a_paras=None, b_paras=None, groups=(), options: AlignOptions | None = None
               ) -> Comparison:
    """``groups`` as Group objects or (a, b) index tuples (PROPOSED, score 0.5)."""
    a, pa = source(a_paras or A_PARAS, outlet="Example Wire", title="Xi meets Putin")
    b, pb = source(b_paras or B_PARAS, outlet="Other Post")
    built = [g if isinstance(g, Group) else Group(tuple(g[0]), tuple(g[1]), 0.5, "test") for g in groups]
    aligned = sorted((AlignedGroup(g, (first_words(a, pa, b, pb, g),)) for g in built),
                     key=lambda ag: (min(ag.group.a), min(ag.group.b)))
    return build_comparison((a, pa), (b, pb), aligned, options)


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
    """Replace the word differ behind ``pipeline.assemble``; returns the list of groups diffed."""
    calls: list[tuple[tuple[int, ...], tuple[int, ...]]] = []

    def fake(source_a, passages_a, source_b, passages_b, *, ignore_case, ignore_punctuation):
        calls.append((tuple(p.index for p in passages_a), tuple(p.index for p in passages_b)))
        group = Group(tuple(p.index for p in passages_a), tuple(p.index for p in passages_b), 0.0)
        by_index_a = {p.index: p for p in passages_a}
        by_index_b = {p.index: p for p in passages_b}
        return [first_words(source_a, by_index_a, source_b, by_index_b, group)]

    monkeypatch.setattr(pipeline.words, "diff_group", fake)
    return calls


# -- the version 1 file written by the release before schema 2 (tests/core/fixtures) -----------

V1_FIXTURE = "v1-release.parallax"
"""Written once by ``save_project(release_v1_project(), ...)`` with the schema-1 code (commit
7435e30) and committed; it is never regenerated, so it keeps what that release wrote."""


def release_v1_project() -> Project:
    """What the version 1 fixture holds: Unicode sources, an overlapping and a non-contiguous
    group, every status, a number difference, notes on both sides with tags, non-default settings."""
    from dataclasses import replace

    from builders import diff

    from desktop.core.model import DiffKind, DiffOp, Granularity, Note

    a, pa = source([["Путин встретился с Си в Москве.", "Подписано 12 соглашений."],
                    ["Переговоры шли два дня."]],
                   outlet="ТАСС", title="Встреча", authors=("Мария Иванова",), issued="2023-03-22")
    a = replace(a, origin="/tmp/тасс.txt", format="html")
    b, pb = source([["Xi met Putin in Moscow on Monday.", "They signed 14 deals 🤝."],
                    ["Talks lasted two days.", "Protests were reported."]], outlet="Other Post")
    groups = [Group((0,), (0,), 0.8, "names: Putin, Xi", GroupStatus.CONFIRMED),
              Group((1,), (1,), 0.625, "numbers: 12", GroupStatus.PROPOSED),
              Group((0, 2), (2,), 1.0, "linked by analyst", GroupStatus.CONFIRMED),
              Group((2,), (3,), 0.25, "terms: talks", GroupStatus.REJECTED)]
    diffs = {0: (first_words(a, pa, b, pb, groups[0]),),
             1: (diff(DiffOp.REPLACE, DiffKind.NUMBER, pa[1], pb[1], "12", "14"),),
             2: (first_words(a, pa, b, pb, groups[2]),)}
    aligned = [AlignedGroup(g, diffs.get(n, ())) for n, g in enumerate(groups)]
    c = build_comparison((a, pa), (b, pb), aligned, AlignOptions(ignore_case=True))
    notes = (Note("a", 0, 5, "Путин", "имя 🙂", ("framing",)),
             Note("b", pb[1].start + 12, pb[1].start + 14, "14", "число", ("numbers", "свой тег")),
             Note("a", pa[2].start, pa[2].start, "", "", ()))
    settings = ProjectSettings("Брифинг 📰", "Анна", "chicago",
                               AlignOptions(threshold=0.4, granularity=Granularity.PARAGRAPH))
    return Project(c, notes, settings)


# -- projects of several sources ---------------------------------------------------------------

C_PARAS = [["Путин и Си встретились в Москве.", "Протесты были небольшими 📣."],
           ["Переговоры длились два дня."]]
THREE_FACTS = [{0: (0,), 1: (0,), 2: (0,)}, {0: (1,), 1: (1,)}, {0: (2,), 1: (2,), 2: (2,)},
               {1: (3,), 2: (1,)}]
"""Facts of A_PARAS, B_PARAS and C_PARAS: the meeting (all), the agreements (C omits them), the
talks (all), the protests (B and C)."""


def many_project(facts=None, statuses=None, paras=None, reference: int = 0):
    """A ``ManyProject`` of A, B and C (or ``paras``) with ``facts`` (source -> passages; score
    0.5 + n/10, reason "reason n"), each passage in no fact a fact of its own; reading order."""
    from dataclasses import replace

    from desktop.core.model import Fact
    from desktop.core.project.many import ManyProject, reading_order, single_fact, unmatched

    built = [source(p, outlet=f"Outlet {chr(65 + k)}")
             for k, p in enumerate(paras or [A_PARAS, B_PARAS, C_PARAS])]
    sources, passages = tuple(s for s, _ in built), tuple(ps for _, ps in built)
    statuses = statuses or {}
    found = [Fact(tuple(sorted((s, tuple(ps)) for s, ps in members.items())), 0.5 + n / 10, f"reason {n}",
                  statuses.get(n, GroupStatus.PROPOSED))
             for n, members in enumerate(THREE_FACTS if facts is None else facts)]
    c = pipeline.assemble_many(sources, passages, found, AlignOptions(), reference=reference)
    views = list(c.facts) + [single_fact(s, (i,)) for s, i in unmatched(passages, found)]
    return ManyProject(replace(c, facts=tuple(reading_order(views))), (),
                       ProjectSettings("Briefing", "Ann Analyst", "apa", c.options))
