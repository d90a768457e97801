"""A hand-made comparison of three sources (no aligner): four facts covering each case the
coverage view distinguishes.

- fact 0: A, B, C report it; B changes a number and some wording, C words it as A does;
- fact 1: A and B (C omits it: "all but C");
- fact 2: only C;
- fact 3: A and C; C adds a name.
"""

from __future__ import annotations

from builders import diff, source

from desktop.core.model import DiffKind, DiffOp, EngineRun, Fact, FactView, ManyComparison, Wording

PARAS_A = [["The ministry said 12 people died.", "Rescue teams reached the valley."], ["Schools stay shut."]]
PARAS_B = [["Officials said 14 people died.", "Rescue teams reached the valley."]]
PARAS_C = [["The ministry said 12 people died.", "Putin visited the region."], ["Schools in Kyiv stay shut."]]
RUNS = (EngineRun("independent reports", (), ()), EngineRun("independent reports", (), ()),
        EngineRun("versions of one text", (), ()))


def tiny_many() -> ManyComparison:
    (a, pa), (b, pb), (c, pc) = (source(PARAS_A, origin="/tmp/a.txt", outlet="Wire A"),
                                 source(PARAS_B, origin="/tmp/b.txt", outlet="Daily B"),
                                 source(PARAS_C, origin="/tmp/c.txt", outlet="Radio C"))
    b_changes = (diff(DiffOp.REPLACE, DiffKind.WORDING, pa[0], pb[0], "The ministry", "Officials"),
                 diff(DiffOp.REPLACE, DiffKind.NUMBER, pa[0], pb[0], "12", "14"))
    kyiv = diff(DiffOp.INSERT, DiffKind.NAME, pa[2], pc[2], "", "in Kyiv", a_after="Schools ")
    facts = (
        FactView(Fact(((0, (0,)), (1, (0,)), (2, (0,))), 0.9, "numbers: 12"), 0,
                 (Wording(0, (0,)), Wording(1, (0,), b_changes), Wording(2, (0,)))),
        FactView(Fact(((0, (1,)), (1, (1,))), 0.95), 0, (Wording(0, (1,)), Wording(1, (1,)))),
        FactView(Fact(((2, (1,)),), 0.0), 2, (Wording(2, (1,)),)),
        FactView(Fact(((0, (2,)), (2, (2,))), 0.8), 0, (Wording(0, (2,)), Wording(2, (2,), (kyiv,)))),
    )
    return ManyComparison((a, b, c), (pa, pb, pc), facts, 0, runs=RUNS, pairs=((0, 1), (0, 2), (1, 2)))
