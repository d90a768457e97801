"""Word differences inside an aligned group: the one adapter around diff-match-patch.

Method: cut both sides into tokens (``wordtokens``: words, numbers, single ideographs,
punctuation; no whitespace), give every distinct token one character (diff-match-patch's
lines-to-chars trick applied to words), diff those strings with ``diff_main`` and
``diff_cleanupSemantic``, and map the result back to character ranges. So every edit boundary is
a token boundary (no "g/re/d" fragments) and changes of spacing are never differences.
A run of deletions and insertions between two equal stretches becomes one REPLACE.

Two additions to the plain recipe: equal stretches holding a name or a number, and the words
around a fact changed into another (Vnukovo -> Vnunkovo, 12 -> 15), survive the semantic cleanup
(see ``_facts_to_keep``); and when diff-match-patch runs out of time, difflib redoes the diff.
"""

from __future__ import annotations

import bisect
import difflib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from diff_match_patch import diff_match_patch

from desktop.core.diff.kinds import TextFacts, classify, facts, is_fact, is_fact_variant
from desktop.core.model import Difference, DiffOp, ParallaxError, Passage, Source
from desktop.core.text.tokens import PUNCT, Token, tokenize


@dataclass(frozen=True)
class DiffSettings:
    """Every diff-match-patch setting the engine uses, in one place."""

    # Seconds diff_main may spend. Past it, diff-match-patch returns a valid but coarse diff
    # (at worst "all of A replaced by all of B"), so we redo the diff with difflib instead.
    # A 5,000-word pair with 10% changed takes about 0.12 s (benchmarks/diff_speed.py), an
    # aligned group about 1 ms; 20,000 words or 30% changed reach the limit.
    timeout: float = 1.0
    checklines: bool = False  # the line-mode speed-up is for line diffs; ours are token strings


SETTINGS = DiffSettings()

Edit = tuple[int, int, int, int]  # token ranges (i0, i1, j0, j1): a[i0:i1] -> b[j0:j1]
Equal = tuple[int, int, int]  # (i, j, n): a[i:i + n] == b[j:j + n]
T = TypeVar("T", Edit, Equal)

_FIRST_CODE = 0x3001  # past every whitespace code point (the last is U+3000)


@dataclass(frozen=True)
class _Side:
    """One side of a diff: the whole text, the tokens compared, and where gaps lie between them."""

    facts: TextFacts
    tokens: list[Token]
    blocks: list[int]  # per token: which contiguous stretch of the text it belongs to
    origin: int  # where to put an empty range when the side has no tokens at all

    def position(self, index: int) -> int:
        """The offset for an empty range just before token ``index``: after the token before it."""
        if index > 0:
            return self.tokens[index - 1].end
        return self.tokens[0].start if self.tokens else self.origin

    def pieces(self, i: int, j: int) -> list[tuple[int, int]]:
        """Tokens ``i:j`` cut where they cross a gap between non-contiguous passages."""
        out: list[tuple[int, int]] = []
        start = i
        for k in range(i + 1, j):
            if self.blocks[k] != self.blocks[k - 1]:
                out.append((start, k))
                start = k
        if i < j:
            out.append((start, j))
        return out


def diff_texts(a: str, b: str, *, ignore_case: bool = False, ignore_punctuation: bool = False
               ) -> list[Difference]:
    """Word differences between two texts; ranges are offsets into ``a`` and ``b``."""
    fa, fb = facts(a), facts(b)
    side_a = _side(fa, [fa.tokens], ignore_punctuation, 0)
    side_b = _side(fb, [fb.tokens], ignore_punctuation, 0)
    return _differences(side_a, side_b, ignore_case, ignore_punctuation)


def diff_group(source_a: Source, passages_a: Sequence[Passage], source_b: Source,
               passages_b: Sequence[Passage], *, ignore_case: bool = False,
               ignore_punctuation: bool = False) -> list[Difference]:
    """Word differences between the passages of a group, each side taken in the order given.

    Ranges are absolute offsets into ``source_a.text`` and ``source_b.text``. A change never
    spans the gap between two passages that are not neighbours in their source: it is cut
    there, so ``d.a_text`` never holds text from outside the group.
    """
    side_a = _group_side(source_a, passages_a, ignore_punctuation)
    side_b = _group_side(source_b, passages_b, ignore_punctuation)
    return _differences(side_a, side_b, ignore_case, ignore_punctuation)


def _group_side(source: Source, passages: Sequence[Passage], ignore_punctuation: bool) -> _Side:
    text = source.text
    runs: list[list[Token]] = []
    for n, p in enumerate(passages):
        tokens = tokenize(text[p.start:p.end], p.start)
        prev = passages[n - 1] if n else None
        if prev is not None and runs and p.start >= prev.end and not text[prev.end:p.start].strip():
            runs[-1].extend(tokens)  # neighbours: a change may run across their boundary
        else:
            runs.append(tokens)
    origin = passages[0].start if passages else 0
    return _side(facts(text), runs, ignore_punctuation, origin)


def _side(text_facts: TextFacts, runs: list[list[Token]], ignore_punctuation: bool, origin: int
          ) -> _Side:
    tokens: list[Token] = []
    blocks: list[int] = []
    for n, run in enumerate(runs):
        kept = [t for t in run if t.kind != PUNCT] if ignore_punctuation else run
        tokens.extend(kept)
        blocks.extend([n] * len(kept))
    return _Side(text_facts, tokens, blocks, origin)


def _differences(a: _Side, b: _Side, ignore_case: bool, ignore_punctuation: bool) -> list[Difference]:
    def key(t: Token) -> str:
        return t.text.casefold() if ignore_case else t.text

    out: list[Difference] = []
    edits, raw_edits, raw_equal = _edits([key(t) for t in a.tokens], [key(t) for t in b.tokens])
    raw_edits, raw_equal = _inside(edits, raw_edits), _inside(edits, raw_equal)
    for i0, i1, j0, j1 in _restore(edits, _facts_to_keep(a, b, raw_edits, raw_equal)):
        for ra, rb in _paired(a.pieces(i0, i1), b.pieces(j0, j1), i1, j1):
            ta, tb = a.tokens[ra[0]:ra[1]], b.tokens[rb[0]:rb[1]]
            if "".join(map(key, ta)) == "".join(map(key, tb)):
                continue  # only spacing differs (or case/punctuation that the options ignore)
            out.append(_difference(a, ra, b, rb))
    return out


def _facts_to_keep(a: _Side, b: _Side, raw_edits: list[Edit], raw_equal: list[Equal]) -> list[Equal]:
    """The raw diff's equal stretches that the semantic cleanup must not swallow.

    ``diff_cleanupSemantic`` folds a short equality into the edits around it, which is right for
    "the" or "of" but hides facts: "plane took off from Moscow’s Vnukovo airport after" /
    "landed yesterday at Moscow’s Vnunkovo airport to" would be one long replacement. Kept are
    equal stretches that hold a name or a number (Moscow), and the two around a small change of
    one fact into another (Vnukovo -> Vnunkovo, 12 -> 15), so that this change stands alone.
    """
    known = (a.facts, b.facts)
    keep = {e for e in raw_equal if any(is_fact(t, a.facts, known) for t in a.tokens[e[0]:e[0] + e[2]])}
    ending_at = {(i + n, j + n): (i, j, n) for i, j, n in raw_equal}
    starting_at = {(i, j): (i, j, n) for i, j, n in raw_equal}
    for i0, i1, j0, j1 in raw_edits:
        if is_fact_variant(a.tokens[i0:i1], a.facts, b.tokens[j0:j1], b.facts):
            keep.update(e for e in (ending_at.get((i0, j0)), starting_at.get((i1, j1))) if e)
    return sorted(keep)


def _inside(edits: list[Edit], items: list[T]) -> list[T]:
    """The raw diff's items (edits or equal stretches, both starting with ``i``) that lie inside
    one of ``edits`` on side A: only those can have been swallowed by the cleanup."""
    starts = [e[0] for e in edits]
    out = []
    for item in items:
        k = bisect.bisect_right(starts, item[0]) - 1
        if k >= 0 and item[0] < edits[k][1]:
            out.append(item)
    return out


def _restore(edits: list[Edit], keep: list[Equal]) -> list[Edit]:
    """The edits cut around the equal stretches ``keep`` that lie inside them."""
    out: list[Edit] = []
    k = 0
    for i0, i1, j0, j1 in edits:
        while k < len(keep) and keep[k][0] < i0:
            k += 1
        ci, cj = i0, j0
        while k < len(keep) and keep[k][0] + keep[k][2] <= i1:
            i, j, n = keep[k]
            k += 1
            if i < ci or j < cj or j + n > j1:
                continue
            if ci < i or cj < j:
                out.append((ci, i, cj, j))
            ci, cj = i + n, j + n
        if ci < i1 or cj < j1:
            out.append((ci, i1, cj, j1))
    return out


def _paired(pa: list[tuple[int, int]], pb: list[tuple[int, int]], end_a: int, end_b: int
            ) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """Pair the pieces of the two sides in order; a side that runs out gets empty ranges."""
    if not pa and not pb:
        return
    for n in range(max(len(pa), len(pb))):
        yield (pa[n] if n < len(pa) else (end_a, end_a)), (pb[n] if n < len(pb) else (end_b, end_b))


def _difference(a: _Side, ra: tuple[int, int], b: _Side, rb: tuple[int, int]) -> Difference:
    ta, tb = a.tokens[ra[0]:ra[1]], b.tokens[rb[0]:rb[1]]
    a_start, a_end = (ta[0].start, ta[-1].end) if ta else (a.position(ra[0]),) * 2
    b_start, b_end = (tb[0].start, tb[-1].end) if tb else (b.position(rb[0]),) * 2
    op = DiffOp.REPLACE if ta and tb else DiffOp.DELETE if ta else DiffOp.INSERT
    return Difference(
        op=op, kind=classify(ta, a.facts, tb, b.facts),
        a_start=a_start, a_end=a_end, b_start=b_start, b_end=b_end,
        a_text=a.facts.text[a_start:a_end], b_text=b.facts.text[b_start:b_end],
    )


def _edits(keys_a: list[str], keys_b: list[str]) -> tuple[list[Edit], list[Edit], list[Equal]]:
    """The edits after the semantic cleanup, and the edits and equal stretches before it."""
    codes: dict[str, str] = {}
    text_a, text_b = _encode(keys_a, codes), _encode(keys_b, codes)
    engine = diff_match_patch()
    engine.Diff_Timeout = SETTINGS.timeout
    deadline = time.time() + SETTINGS.timeout  # the clock diff-match-patch itself reads
    diffs = engine.diff_main(text_a, text_b, SETTINGS.checklines, deadline)
    if time.time() > deadline:
        diffs = _difflib_diffs(text_a, text_b)
    raw_edits, raw_equal = _walk(diffs)
    engine.diff_cleanupSemantic(diffs)
    return _walk(diffs)[0], raw_edits, raw_equal


def _difflib_diffs(text_a: str, text_b: str) -> list[tuple[int, str]]:
    """The fallback when diff-match-patch runs out of time: difflib's matching blocks in
    diff-match-patch's format, so that the same semantic cleanup applies."""
    diffs: list[tuple[int, str]] = []
    matcher = difflib.SequenceMatcher(None, text_a, text_b, autojunk=False)
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        if tag == "equal":
            diffs.append((diff_match_patch.DIFF_EQUAL, text_a[i0:i1]))
            continue
        if i0 < i1:
            diffs.append((diff_match_patch.DIFF_DELETE, text_a[i0:i1]))
        if j0 < j1:
            diffs.append((diff_match_patch.DIFF_INSERT, text_b[j0:j1]))
    return diffs


def _walk(diffs: list[tuple[int, str]]) -> tuple[list[Edit], list[Equal]]:
    """The edits and the equal stretches of a diff-match-patch diff, as token index ranges."""
    edits: list[Edit] = []
    equal: list[Equal] = []
    i = j = 0
    start: tuple[int, int] | None = None
    for op, chunk in diffs:
        n = len(chunk)
        if op == diff_match_patch.DIFF_EQUAL:
            if start is not None:
                edits.append((start[0], i, start[1], j))
                start = None
            equal.append((i, j, n))
            i += n
            j += n
            continue
        if start is None:
            start = (i, j)
        if op == diff_match_patch.DIFF_DELETE:
            i += n
        else:
            j += n
    if start is not None:
        edits.append((start[0], i, start[1], j))
    return edits, equal


def _encode(keys: list[str], codes: dict[str, str]) -> str:
    """One character per token; equal tokens get equal characters (``codes`` is shared)."""
    chars = []
    for k in keys:
        c = codes.get(k)
        if c is None:
            c = codes[k] = _code(len(codes))
        chars.append(c)
    return "".join(chars)


def _code(n: int) -> str:
    """The ``n``-th token character, from U+3001 up: no ASCII, no space, no line break (so
    diff-match-patch's word-boundary scoring treats every token alike) and no surrogate."""
    cp = _FIRST_CODE + n
    if cp >= 0xD800:
        cp += 0x800
    if cp > 0x10FFFF:
        raise ParallaxError("The texts are too large to compare: more than a million distinct words.")
    return chr(cp)
