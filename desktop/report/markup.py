"""Paragraph markup for a passage with coloured, annotated runs (differences and note quotes).

Runs may overlap (a note quoting words that also differ); reportlab's parser needs properly
nested tags, so the passage is cut at every run boundary and each piece carries the full set
of tags of the runs covering it. Pieces of one run share its ``href``, so the annotation
canvas joins them back into one highlight per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.report.annotations import CARET_CB
from desktop.report.rtl import shape
from desktop.report.styles import SANS, SANS_BOLD, SANS_ITALIC, DiffLook, hex_color, rich

NBSP = "\u00a0"  # reportlab's only space that neither breaks a line nor collapses
# font sizes of the no-break spaces beside a caret: DejaVu's is 0.318 em, so 12 pt -> 3.8 pt,
# and 3.5 pt -> 1.1 pt, which with a 9 pt passage's own space (2.9 pt) makes 4 pt as well
CARET_GAP = 12
CARET_GAP_BESIDE_SPACE = 3.5


@dataclass(frozen=True)
class Run:
    """A range of a source's text (absolute offsets) drawn with ``look`` and annotated by ``href``.

    An empty range draws a caret in ``caret`` colour: the other side has words here.
    """

    start: int
    end: int
    look: DiffLook | None = None
    href: str = ""
    caret: str = ""


def passage_markup(text: str, offset: int, runs: Sequence[Run]) -> str:
    """Markup for ``text`` (which starts at ``offset`` in its source) with ``runs`` applied."""
    n = len(text)
    local = []
    for run in runs:
        s, e = max(run.start - offset, 0), min(run.end - offset, n)
        if s < e or (run.start == run.end and 0 <= s <= n and run.caret):
            local.append((s, e, run))
    if not local:
        return rich(text)
    cuts = sorted({0, n, *(s for s, _, _ in local), *(e for _, e, _ in local)})
    out: list[str] = []
    for lo, hi in zip(cuts, cuts[1:] + [n], strict=False):
        out.extend(_caret(run.caret, text[lo - 1:lo] if lo else "", text[lo:lo + 1])
                   for s, e, run in local if s == e == lo)
        if hi <= lo:
            continue
        active = [run for s, e, run in local if s <= lo and hi <= e and s < e]
        # shaped with its neighbours, so an Arabic word cut by a highlight still joins
        piece = shape(text[lo:hi], text[lo - 1:lo] if lo else "", text[hi:hi + 1])
        out.append(_piece(piece, active))
    return "".join(out)


def _caret(color: str, before: str, after: str) -> str:
    """The wedge with a gap of about 4 pt on each side.

    The wedge takes no width of its own: drawn straight between two glyphs it touched them
    ("other▲“dear") or, between a word and a space, read as a comma ("from,the"). No-break
    spaces (the only ones reportlab neither breaks nor collapses) make the gap: a wide one,
    or a narrow one beside a real space; they also keep the wedge on its word's line.
    """
    return f'{_gap(before)}<onDraw name="{CARET_CB}" label="{color}"/>{_gap(after) if after else ""}'


def _gap(neighbour: str) -> str:
    size = CARET_GAP_BESIDE_SPACE if neighbour.isspace() else CARET_GAP
    return f'<font size="{size}">{NBSP}</font>'


def _piece(text: str, active: Sequence[Run]) -> str:
    look = next((r.look for r in active if r.look is not None), None)
    if look is None:
        body = rich(text)
    else:
        face = SANS_BOLD if look.bold else SANS_ITALIC if look.italic else SANS
        inner = rich(text, face)
        name = f' name="{face}"' if face != SANS else ""
        body = (f'<font{name} color="{hex_color(look.text)}" backColor="{hex_color(look.layer)}">'
                f"{inner}</font>")
    for run in active:
        if run.href:
            body = f'<a href="{run.href}">{body}</a>'
    return body
