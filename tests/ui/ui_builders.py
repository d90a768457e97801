"""A hand-made comparison (no aligner needed): two short articles, two groups, one passage
only in each source."""

from __future__ import annotations

from desktop.core.model import (
    AlignedGroup,
    Comparison,
    Difference,
    DiffKind,
    DiffOp,
    Group,
    Metadata,
    Passage,
    Source,
)
from desktop.core.project import Project

TEXT_A = "Putin met Xi on Monday. They signed 12 deals.\n\nThe weather was cold."
TEXT_B = "Xi met Putin on Tuesday. They signed 10 deals.\n\nMarkets rose."
SENTENCES_A = ("Putin met Xi on Monday.", "They signed 12 deals.", "The weather was cold.")
SENTENCES_B = ("Xi met Putin on Tuesday.", "They signed 10 deals.", "Markets rose.")


def passages(text: str, sentences: tuple[str, ...]) -> tuple[Passage, ...]:
    out, pos, paragraph, sentence = [], 0, 1, 0
    for n, s in enumerate(sentences):
        start = text.index(s, pos)
        if "\n\n" in text[pos:start]:
            paragraph, sentence = paragraph + 1, 0
        sentence += 1
        out.append(Passage(n, start, start + len(s), s, paragraph, sentence))
        pos = start + len(s)
    return tuple(out)


def diff(kind: DiffKind, a_word: str, b_word: str) -> Difference:
    a, b = TEXT_A.index(a_word), TEXT_B.index(b_word)
    return Difference(DiffOp.REPLACE, kind, a, a + len(a_word), b, b + len(b_word), a_word, b_word)


def tiny_comparison() -> Comparison:
    meta_a = Metadata(outlet="Wire A", title="Summit", authors=("Maria Silva",), issued="2023-03-22")
    a = Source(TEXT_A, meta_a, origin="/tmp/a.txt")
    b = Source(TEXT_B, Metadata(outlet="Daily B", title="Summit ends"), origin="/tmp/b.txt")
    groups = (
        AlignedGroup(Group((0,), (0,), 0.81, "names: Putin, Xi"),
                     (diff(DiffKind.NUMBER, "Monday", "Tuesday"),)),
        AlignedGroup(Group((1,), (1,), 0.92, "numbers: 12"), (diff(DiffKind.NUMBER, "12", "10"),)),
    )
    return Comparison(a, b, passages(TEXT_A, SENTENCES_A), passages(TEXT_B, SENTENCES_B), groups, (2,), (2,))


def tiny_project() -> Project:
    return Project.new(tiny_comparison())
