"""Comparisons built by hand for the report tests (no engine): one passage per paragraph."""

from __future__ import annotations

from builders import build_comparison, diff, source

from desktop.core.model import AlignedGroup, Comparison, DiffKind, DiffOp, Group, GroupStatus, Note, Source

__all__ = ["A_PARAS", "B_PARAS", "LONG_A", "NOTE_QUOTE", "diff", "long_comparison", "note", "sample",
           "source"]


def note(src: Source, side: str, quote: str, text: str, tags: tuple[str, ...] = ()) -> Note:
    start = src.text.index(quote)
    return Note(side, start, start + len(quote), quote, text, tags)


LONG_A = ("Only A reports the follow-up: in a statement issued late in the evening, the city council said "
          "that the mayor ordered an inquiry into the security failures at the central station, naming "
          "three senior officials who will have to answer questions from the committee next week, and "
          "promising that the findings will be published in full.")

A_PARAS = [
    "The minister said 4 people were hurt in Kyiv on Monday morning.",
    "Officials gave no further details about the attack <b> & its aftermath.",
    "Российские источники сообщили о взрыве в центре города.",
    "东京的报道说有两人受伤。",
    LONG_A,
    "The rejected passage of A talks about the weather.",
]
B_PARAS = [
    "The minister said 2 people were hurt in Kiev on Monday.",
    "Officials gave no details about the attack <b> & its aftermath.",
    "Российские СМИ сообщили о взрыве в центре города.",
    "东京的报道说有三人受伤。",
    "Only B mentions an emoji 🙂 and some Ελληνικά text.",
    "The rejected passage of B talks about the sports results.",
]
NOTE_QUOTE = "the mayor ordered an inquiry into the security failures at the central station, naming three"


def sample() -> tuple[Comparison, list[Note]]:
    """Six paragraphs a side: four aligned groups (one confirmed), one rejected, one unmatched each."""
    a, pa = source(A_PARAS, title="Blast in the centre", outlet="Daily Example", authors=("Maria Silva",),
                   issued="2024-05-06", url="https://example.com/a?x=1&y=2")
    b, pb = source(B_PARAS, title="Взрыв в центре", outlet="Пример Ньюс", issued="2024-05-07")
    groups = (
        AlignedGroup(Group((0,), (0,), 0.91, "numbers: 4, 2", GroupStatus.CONFIRMED), (
            diff(DiffOp.REPLACE, DiffKind.NUMBER, pa[0], pb[0], "4", "2"),
            diff(DiffOp.REPLACE, DiffKind.NAME, pa[0], pb[0], "Kyiv", "Kiev"),
            diff(DiffOp.DELETE, DiffKind.WORDING, pa[0], pb[0], "morning", "", b_after="Monday"),
        )),
        AlignedGroup(Group((1,), (1,), 0.88, "terms: attack <b> & more"), (
            diff(DiffOp.DELETE, DiffKind.WORDING, pa[1], pb[1], "further", "", b_after="no "),
        )),
        AlignedGroup(Group((2,), (2,), 0.8), (
            diff(DiffOp.REPLACE, DiffKind.WORDING, pa[2], pb[2], "источники", "СМИ"),
        )),
        AlignedGroup(Group((3,), (3,), 0.75), (
            diff(DiffOp.REPLACE, DiffKind.NUMBER, pa[3], pb[3], "两", "三"),
        )),
        AlignedGroup(Group((5,), (5,), 0.4, status=GroupStatus.REJECTED), ()),
    )
    comparison = build_comparison((a, pa), (b, pb), groups)  # unmatched: passage 4 of each
    notes = [
        note(a, "a", NOTE_QUOTE, "Only A names the inquiry <b>(and)</b> & \\ its scope.", ("omission",)),
        note(b, "b", "people were hurt", "B gives 2, not 4 — which is right?", ("casualties", "numbers")),
    ]
    return comparison, notes


def long_comparison(words: int = 900) -> Comparison:
    """One group whose A passage is far longer than a page; B is short."""
    text_a = " ".join(f"word{n}" for n in range(words)) + "."
    group = AlignedGroup(Group((0,), (0,), 0.5), ())
    return build_comparison(source([text_a]), source(["A short passage of B."]), (group,))
