"""A hand-made comparison (no aligner needed): two short articles, two groups, one passage
only in each source."""

from __future__ import annotations

from builders import build_comparison, diff, source

from desktop.core.model import AlignedGroup, Comparison, DiffKind, DiffOp, Group
from desktop.core.project.state import Project

PARAS_A = [["Putin met Xi on Monday.", "They signed 12 deals."], ["The weather was cold."]]
PARAS_B = [["Xi met Putin on Tuesday.", "They signed 10 deals."], ["Markets rose."]]


def tiny_comparison() -> Comparison:
    a, pa = source(PARAS_A, origin="/tmp/a.txt", outlet="Wire A", title="Summit", authors=("Maria Silva",),
                   issued="2023-03-22")
    b, pb = source(PARAS_B, origin="/tmp/b.txt", outlet="Daily B", title="Summit ends")
    groups = (
        AlignedGroup(Group((0,), (0,), 0.81, "names: Putin, Xi"),
                     (diff(DiffOp.REPLACE, DiffKind.NUMBER, pa[0], pb[0], "Monday", "Tuesday"),)),
        AlignedGroup(Group((1,), (1,), 0.92, "numbers: 12"),
                     (diff(DiffOp.REPLACE, DiffKind.NUMBER, pa[1], pb[1], "12", "10"),)),
    )
    return build_comparison((a, pa), (b, pb), groups)  # unmatched: the second paragraph of each


def tiny_project() -> Project:
    return Project.new(tiny_comparison())
