"""Model objects built by hand for the tests (no engine): sources, differences, comparisons.

The area kits (core/projkit.py, report/report_kit.py, ui/ui_builders.py) hold their own sample
data and import these builders; ``pythonpath = ["tests"]`` in pyproject.toml makes this module
importable as ``builders`` from every test folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.core.model import (
    AlignedGroup,
    AlignOptions,
    Comparison,
    Difference,
    DiffKind,
    DiffOp,
    Group,
    Metadata,
    Passage,
    Source,
)


def source(paragraphs: Sequence[Sequence[str] | str], *, origin: str = "", **meta: object
           ) -> tuple[Source, tuple[Passage, ...]]:
    """A source whose paragraphs are joined by blank lines, and its passages.

    A paragraph is a list of sentences (joined by spaces, one passage each) or a single string
    (one passage). ``meta`` are the Metadata fields.
    """
    text, passages = "", []
    for p, paragraph in enumerate(paragraphs, start=1):
        if text:
            text += "\n\n"
        sentences = [paragraph] if isinstance(paragraph, str) else paragraph
        for s, sentence in enumerate(sentences, start=1):
            if s > 1:
                text += " "
            passages.append(Passage(len(passages), len(text), len(text) + len(sentence), sentence, p, s))
            text += sentence
    return Source(text, Metadata(**meta), origin=origin), tuple(passages)  # type: ignore[arg-type]


def span(passage: Passage, words: str, after: str = "") -> tuple[int, int]:
    """Absolute range of ``words`` in a passage; for empty words, the point just after ``after``."""
    if not words:
        at = passage.start + passage.text.index(after) + len(after)
        return at, at
    start = passage.start + passage.text.index(words)
    return start, start + len(words)


def diff(op: DiffOp, kind: DiffKind, pa: Passage, pb: Passage, a_words: str, b_words: str, *,
         a_after: str = "", b_after: str = "") -> Difference:
    """A difference between the first occurrences of ``a_words`` in ``pa`` and ``b_words`` in ``pb``."""
    a0, a1 = span(pa, a_words, a_after)
    b0, b1 = span(pb, b_words, b_after)
    return Difference(op, kind, a0, a1, b0, b1, a_words, b_words)


def first_words(a: Source, pa: Sequence[Passage] | dict[int, Passage], b: Source,
                pb: Sequence[Passage] | dict[int, Passage], group: Group) -> Difference:
    """A stand-in difference: the first word of the group's first passages, replaced."""
    p, q = pa[group.a[0]], pb[group.b[0]]
    a_end = p.start + len(p.text.split()[0])
    b_end = q.start + len(q.text.split()[0])
    return Difference(DiffOp.REPLACE, DiffKind.WORDING, p.start, a_end, q.start, b_end,
                      a.text[p.start:a_end], b.text[q.start:b_end])


def build_comparison(a: tuple[Source, tuple[Passage, ...]], b: tuple[Source, tuple[Passage, ...]],
                     groups: Iterable[AlignedGroup], options: AlignOptions | None = None) -> Comparison:
    """A comparison of two ``source()`` results; passages in no group are the unmatched ones."""
    (src_a, pa), (src_b, pb) = a, b
    groups = tuple(groups)
    used_a = {i for g in groups for i in g.group.a}
    used_b = {j for g in groups for j in g.group.b}
    return Comparison(src_a, src_b, pa, pb, groups,
                      tuple(i for i in range(len(pa)) if i not in used_a),
                      tuple(j for j in range(len(pb)) if j not in used_b),
                      options or AlignOptions())
