"""Tooltips of the source panes: what the colour under the pointer means, with the word
difference and the notes found there."""

from __future__ import annotations

from desktop.core.model import Which
from desktop.ui import theme
from desktop.ui.viewindex import ViewIndex


def tooltip_text(index: ViewIndex, side: Which | str, offset: int) -> str:
    """What the colour under ``offset`` means, with the difference or note there."""
    side = Which.coerce(side)
    lines = [f"<b>Note</b> [{', '.join(index.project.notes[n].tags)}]: "
             f"{_escape(index.project.notes[n].text)}" for n in index.notes_at(side, offset)]
    i = index.passage_at(side, offset)
    if i is None and offset < index.project.source(side).body_start:
        lines.insert(0, "Header read as the source's details (see Details…); not compared.")
    if i is not None:
        p = index.passages[side][i]
        n = index.group_of[side][i]
        if n < 0:
            lines.insert(0, f"{p.locator} — {theme.LEGEND['unmatched']}")
        else:
            aligned = index.project.comparison.groups[n]
            other = side.other
            others = other.of((aligned.group.a, aligned.group.b))
            where = ", ".join(index.passages[other][j].locator for j in others)
            lines.insert(0, f"{p.locator} — group {n + 1}, aligned with {other.letter} {where} "
                            f"(score {aligned.group.score:.2f}, {aligned.group.status.value})")
            for d in aligned.differences:
                start, end = side.of(((d.a_start, d.a_end), (d.b_start, d.b_end)))
                if start <= offset < end or start == end == offset:
                    lines.insert(1, f"<b>{theme.KIND_LABELS[d.kind]}</b>: {_escape(d.a_text or '∅')} → "
                                    f"{_escape(d.b_text or '∅')}<br><i>{theme.LEGEND[d.kind]}</i>")
    return "<br>".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
